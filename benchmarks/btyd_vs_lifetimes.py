"""Benchmark: coursekit BG/NBD and Pareto/NBD against lifetimes 0.11.3 on the CDNOW summary.

Both libraries fit the same 2,357 CDNOW customers (weeks 1-39) in the same process. The script
checks that the maximised log-likelihoods agree within 0.01 (each library's likelihood evaluated
on the unscaled data at its own estimates) and prints the median wall-clock time of each fit
and the speed ratio. Targets (issue 3): BG/NBD at least 3x, Pareto/NBD at least 5x faster.

Run (lifetimes is only needed here; it is the optional extra ``bench``)::

    pip install lifetimes==0.11.3          # pulls autograd and dill
    python benchmarks/btyd_vs_lifetimes.py [--repeats 7]

Notes for a fair reading: lifetimes' BG/NBD fit also computes an autograd Hessian (standard
errors), which coursekit does only on request (``model.summary()``), so the table also times
coursekit's fit followed by ``summary()``; lifetimes' Pareto/NBD fit uses
Nelder-Mead from a random start (seeded here), coursekit BFGS from a fixed start. coursekit
collapses identical (x, t_x, T) rows into frequency weights (2,357 -> 1,016 rows on CDNOW).
Exit status 1 if the log-likelihoods disagree.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings

import numpy as np
import pandas as pd

from coursekit.datasets import load_dataset
from coursekit.models.btyd import BGNBD, ParetoNBD



def _timed(fit, repeats: int):
    times, model = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        model = fit()
        times.append(time.perf_counter() - start)
    return statistics.median(times), model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="fits per library and model")
    args = parser.parse_args(argv)
    try:
        import lifetimes
        from lifetimes import BetaGeoFitter, ParetoNBDFitter
    except ImportError:  # pragma: no cover - optional dependency
        print("lifetimes is not installed: pip install lifetimes==0.11.3", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")  # lifetimes emits pandas/numpy deprecation warnings

    s = load_dataset("cdnow_summary")  # checksum-verified, like every lesson
    x = s["frequency"].to_numpy(float)
    t_x = s["recency"].to_numpy(float)
    big_t = s["T"].to_numpy(float)
    ones = np.ones(len(x))

    def lt_bgnbd():
        return BetaGeoFitter().fit(s["frequency"], s["recency"], s["T"])

    def lt_pareto():
        np.random.seed(0)  # lifetimes draws its Pareto/NBD start at random
        return ParetoNBDFitter().fit(s["frequency"], s["recency"], s["T"])

    def lt_ll_bgnbd(m):
        p = m.params_[["r", "alpha", "a", "b"]].to_numpy(float)
        return -BetaGeoFitter._negative_log_likelihood(np.log(p), x, t_x, big_t, ones, 0.0) * len(x)

    def lt_ll_pareto(m):
        p = m.params_[["r", "alpha", "s", "beta"]].to_numpy(float)
        return float(np.sum(ParetoNBDFitter._conditional_log_likelihood(p, x, t_x, big_t)))

    # warm-up (imports, autograd tracing) outside the timings
    BGNBD().fit(x, t_x, big_t)
    lt_bgnbd()

    rows, ok = [], True
    for name, ours, theirs, their_ll in [
        ("BG/NBD", lambda: BGNBD().fit(x, t_x, big_t), lt_bgnbd, lt_ll_bgnbd),
        ("Pareto/NBD", lambda: ParetoNBD().fit(x, t_x, big_t), lt_pareto, lt_ll_pareto),
    ]:
        t_ours, m_ours = _timed(ours, args.repeats)
        t_ours_se, _ = _timed(lambda: ours().summary(), args.repeats)
        t_theirs, m_theirs = _timed(theirs, args.repeats)
        ll_ours, ll_theirs = m_ours.log_likelihood_, their_ll(m_theirs)
        agree = abs(ll_ours - ll_theirs) <= 0.01
        ok &= agree
        rows.append({
            "model": name,
            "coursekit LL": round(ll_ours, 4),
            "lifetimes LL": round(ll_theirs, 4),
            "LL agree (0.01)": agree,
            "coursekit ms": round(1000 * t_ours, 1),
            "lifetimes ms": round(1000 * t_theirs, 1),
            "speed-up": round(t_theirs / t_ours, 1),
            "coursekit fit+SE ms": round(1000 * t_ours_se, 1),
            "speed-up incl. SE": round(t_theirs / t_ours_se, 1),
        })
    table = pd.DataFrame(rows).set_index("model")
    print(f"CDNOW summary, n = {len(x)} customers; median of {args.repeats} fits; "
          f"lifetimes {lifetimes.__version__}, numpy {np.__version__}, pandas {pd.__version__}")
    with pd.option_context("display.width", 120):
        print(table.to_string())
    print("targets: BG/NBD >= 3x, Pareto/NBD >= 5x")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
