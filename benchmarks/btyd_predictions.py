"""Benchmark: per-customer predictions of coursekit's customer-base models against lifetimes 0.11.3.

Both libraries run in this process on the same customers, with the same parameters (the
CDNOW estimates of each model), so only the prediction code is compared:

* BG/NBD and MBG/NBD: E[Y(39) | x, t_x, T] and P(alive) for simulated BG/NBD customers with
  continuous times (``T ~ U(1, 39)`` weeks; the simulator of ``btyd_vs_peers.py``), so
  (almost) every customer has her own ``T``;
* gamma-gamma: expected spend per transaction, and the 12-month discounted value (coursekit
  ``discounted_expected_value``, lifetimes ``customer_lifetime_value``, both with BG/NBD, 1%
  a month, weeks; lifetimes counts 4.345 weeks in a month, coursekit 365.25/12/7 = 4.348, which
  alone makes the two differ by about 1e-3);
* BG/BB: E[transactions in the next 5 opportunities] and P(alive at the next opportunity) for
  simulated customers with 6 transaction opportunities (the donations setting of Fader, Hardie
  and Shang 2010);
* coursekit only (lifetimes has no such function): the residual-lifetime DET of FHL (2005) for
  BG/NBD, and the sBG discounted expected residual lifetime for 1,001 renewal counts.

For each it prints the seconds (median of ``--repeats`` runs for coursekit), the ratio
lifetimes / coursekit and the largest relative difference between the two answers. A
lifetimes call that raises is reported with its exception, one that runs past ``--cap`` seconds
is stopped. The load average is printed because on a shared machine it scales every number.
Target (issue 18): conditional expectations and P(alive) for 1M customers in <= 0.3 s.

Run::

    pip install lifetimes==0.11.3          # the optional extra ``bench``
    python benchmarks/btyd_predictions.py [--sizes 100000 1000000] [--repeats 3] [--cap 120]
"""
from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from coursekit.models.btyd import (BGNBD, BetaGeoBetaBinomial, GammaGamma, ModifiedBGNBD,
                                   ShiftedBetaGeometric, discounted_expected_transactions,
                                   discounted_expected_value)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from btyd_vs_peers import _timed, simulate  # noqa: E402  (same customers, same timer)

BG = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}        # FHL (2005), CDNOW
MBG = {"r": 0.525, "alpha": 6.183, "a": 0.891, "b": 1.614}       # MBG/NBD fit to CDNOW
GG = {"p": 6.25, "q": 3.74, "gamma": 15.44}                      # FHL (2005, JMR)
BB = {"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783}  # FHS (2010), donations


def simulate_discrete(n: int, n_periods: int = 6, seed: int = 0):
    """BG/BB customers (donations parameters) over ``n_periods`` opportunities: at each one an
    alive customer may first die (``theta``), then transacts with probability ``p``."""
    rng = np.random.default_rng(seed)
    p = rng.beta(BB["alpha"], BB["beta"], n)
    theta = rng.beta(BB["gamma"], BB["delta"], n)
    alive_for = np.minimum(rng.geometric(theta) - 1, n_periods)     # opportunities alive
    opportunity = np.arange(1, n_periods + 1)
    bought = (rng.random((n, n_periods)) < p[:, None]) & (opportunity <= alive_for[:, None])
    x = bought.sum(axis=1)
    t_x = np.where(x > 0, n_periods - np.argmax(bought[:, ::-1], axis=1), 0)
    return x.astype(float), t_x.astype(float), np.full(n, float(n_periods))


def _peer(lt, cls, params):
    model = getattr(lt, cls)()
    model.params_ = pd.Series(params)
    return model


def run_size(n: int, repeats: int, cap: float, lt) -> list[dict]:
    s = simulate(n)
    x, t_x, big_t, spend = (s[c].to_numpy(float) for c in ("frequency", "recency", "T",
                                                              "monetary_value"))
    bx, btx, bn = simulate_discrete(n)
    bg, mbg = BGNBD.from_params(**BG), ModifiedBGNBD.from_params(**MBG)
    gg, bb = GammaGamma.from_params(**GG), BetaGeoBetaBinomial.from_params(**BB)
    lt_bg, lt_mbg = _peer(lt, "BetaGeoFitter", BG), _peer(lt, "ModifiedBetaGeoFitter", MBG)
    lt_gg = _peer(lt, "GammaGammaFitter", {"p": GG["p"], "q": GG["q"], "v": GG["gamma"]})
    lt_bb = _peer(lt, "BetaGeoBetaBinomFitter", BB)
    lt_bg.predict = lt_bg.conditional_expected_number_of_purchases_up_to_time  # set by fit()
    frame = pd.DataFrame({"x": x, "t_x": t_x, "T": big_t, "m": spend})
    tasks = [
        ("BG/NBD E[Y(39)]", lambda: bg.conditional_expected_purchases(39.0, x, t_x, big_t),
         lambda: lt_bg.conditional_expected_number_of_purchases_up_to_time(39.0, x, t_x, big_t)),
        ("BG/NBD P(alive)", lambda: bg.prob_alive(x, t_x, big_t),
         lambda: lt_bg.conditional_probability_alive(x, t_x, big_t)),
        ("MBG/NBD E[Y(39)]", lambda: mbg.conditional_expected_purchases(39.0, x, t_x, big_t),
         lambda: lt_mbg.conditional_expected_number_of_purchases_up_to_time(39.0, x, t_x,
                                                                              big_t)),
        ("MBG/NBD P(alive)", lambda: mbg.prob_alive(x, t_x, big_t),
         lambda: lt_mbg.conditional_probability_alive(x, t_x, big_t)),
        ("gamma-gamma E[spend]", lambda: gg.conditional_expected_spend(x, spend),
         lambda: lt_gg.conditional_expected_average_profit(frame["x"], frame["m"])),
        ("12-month value (BG/NBD)", lambda: discounted_expected_value(
            bg, gg, x, t_x, big_t, spend, months=12, margin=1.0, discount_rate=0.01),
         lambda: lt_gg.customer_lifetime_value(lt_bg, frame["x"], frame["t_x"], frame["T"],
                                               frame["m"], time=12, discount_rate=0.01,
                                               freq="W")),
        ("BG/BB E[X(n, n+5)]", lambda: bb.conditional_expected_purchases(5, bx, btx, bn),
         lambda: lt_bb.conditional_expected_number_of_purchases_up_to_time(5, bx, btx, bn)),
        ("BG/BB P(alive at n+1)", lambda: bb.prob_alive(bx, btx, bn),
         lambda: lt_bb.conditional_probability_alive(1, bx, btx, bn)),
        ("BG/NBD DET (FHL 2005)", lambda: discounted_expected_transactions(bg, x, t_x, big_t),
         None),
    ]
    rows = []
    for task, ours, theirs in tasks:
        t_o, v_o = _timed(ours, repeats if "DET" not in task else 1)
        row = {"customers": f"{n:,}", "task": task,
               "coursekit s": round(t_o, 4) if t_o else v_o}
        if theirs is None:
            row.update({"lifetimes s": "no such function", "lifetimes / coursekit": "",
                        "max rel. difference": ""})
        else:
            t_t, v_t = _timed(theirs, 1, cap)
            row["lifetimes s"] = round(t_t, 4) if t_t else v_t
            row["lifetimes / coursekit"] = f"{t_t / t_o:.1f}x" if t_o and t_t else ""
            if t_t:
                v_t = np.asarray(v_t, dtype=float)
                finite = np.isfinite(v_t)
                rel = np.abs(v_o[finite] - v_t[finite]) / np.maximum(np.abs(v_o[finite]), 1e-300)
                note = f"{rel.max():.1e}"
                if not finite.all():
                    note += f"; lifetimes non-finite for {int((~finite).sum())} customers"
                row["max rel. difference"] = note
        rows.append(row)
    return rows


def sbg_row(repeats: int) -> dict:
    model = ShiftedBetaGeometric.from_params(alpha=0.704, beta=1.182)   # FH (2007), regular
    t_o, _ = _timed(lambda: [model.expected_residual_lifetime(0.1, n) for n in range(1001)],
                    repeats)
    return {"customers": "1,001 renewal counts", "task": "sBG DERL(d = 0.1 | n)",
            "coursekit s": round(t_o, 4), "lifetimes s": "no such function",
            "lifetimes / coursekit": "", "max rel. difference": ""}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--repeats", type=int, default=3, help="timed coursekit runs (median)")
    parser.add_argument("--cap", type=float, default=120.0,
                        help="seconds after which a lifetimes call is stopped")
    args = parser.parse_args(argv)
    try:
        import lifetimes
    except ImportError:  # pragma: no cover - optional dependency
        print("lifetimes is not installed: pip install lifetimes==0.11.3", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")  # lifetimes emits pandas/numpy deprecation warnings
    load_before = os.getloadavg()[0]
    rows = [sbg_row(args.repeats)]
    for n in args.sizes:
        rows += run_size(n, args.repeats, args.cap, lifetimes)
    print(f"lifetimes {lifetimes.__version__}, numpy {np.__version__}; {os.cpu_count()} cores, "
          f"load average {load_before:.1f} before / {os.getloadavg()[0]:.1f} after; coursekit: "
          f"median of {args.repeats} runs (DET: one), lifetimes: one run capped at "
          f"{args.cap:.0f} s")
    with pd.option_context("display.width", 250, "display.max_colwidth", 80):
        print(pd.DataFrame(rows).to_string(index=False))
    print("target at 1M: conditional expectations and P(alive) <= 0.3 s each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
