"""Benchmark: coursekit's BTYD models against lifetimes 0.11.3, at 2.4k, 100k and 1M customers.

Both libraries run in this process on the same data:

* CDNOW (2,357 customers, weeks 1-39): the maximised log-likelihoods must agree within 0.01
  (each library's likelihood evaluated at its own estimates), else exit status 1;
* simulated BG/NBD customers with continuous times (``T ~ U(1, 39)`` weeks, CDNOW parameters,
  gamma-gamma spend), 100,000 and 1,000,000 of them, so (almost) every history is distinct and
  collapsing identical rows does not help.

For each size it prints the wall-clock time of the BG/NBD, Pareto/NBD and gamma-gamma fits, of
the conditional expectation E[Y(39) | x, t_x, T] and of P(alive) for every customer, the ratio
lifetimes / coursekit, and for coursekit the share of the fit spent on the information matrix
(the fit computes it to check identification; ``summary()`` then only inverts it), i.e.
``fit with SE / fit without SE``. Targets (issue 18): BG/NBD and Pareto/NBD fits on 1M customers
<= 5 s each, predictions for 1M customers <= 0.3 s, fit + SE <= 1.5 x fit alone.

A peer call that raises is reported with its exception; one that runs longer than ``--cap``
seconds is stopped (SIGALRM, Unix) and reported as "> cap". The machine load average is printed
because on a shared machine it scales every number.

Run (lifetimes is only needed here; it is the optional extra ``bench``)::

    pip install lifetimes==0.11.3          # pulls autograd and dill
    python benchmarks/btyd_vs_lifetimes.py [--sizes 100000 1000000] [--cap 120] [--repeats 3]
"""
from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import time
import warnings

import numpy as np
import pandas as pd

from coursekit.datasets import load_dataset
from coursekit.models.btyd import BGNBD, GammaGamma, ParetoNBD
from coursekit.models.btyd import _fitting


class _Capped(Exception):
    pass


def _timed(call, repeats: int = 1, cap: float | None = None):
    """Median seconds of ``repeats`` calls and the last result; ``(None, message)`` when the
    call raised or ran past ``cap`` seconds."""
    times, result = [], None
    for _ in range(repeats):
        if cap:
            def stop(signum, frame):
                raise _Capped
            signal.signal(signal.SIGALRM, stop)
            signal.setitimer(signal.ITIMER_REAL, cap)
        start = time.perf_counter()
        try:
            result = call()
        except _Capped:
            return None, f"> {cap:.0f} s (stopped)"
        except Exception as exc:  # noqa: BLE001 - a peer's failure is a result here
            return None, f"failed: {type(exc).__name__}: {str(exc)[:60]}"
        finally:
            if cap:
                signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def simulate(n: int, seed: int = 0) -> pd.DataFrame:
    """BG/NBD customers with CDNOW parameters, continuous ``T ~ U(1, 39)``, gamma-gamma spend."""
    r, alpha, a, b, p, q, gamma = 0.243, 4.414, 0.793, 2.426, 6.25, 3.74, 15.44
    rng = np.random.default_rng(seed)
    lam = rng.gamma(r, 1 / alpha, n)
    big_t = rng.uniform(1.0, 39.0, n)
    arrivals = rng.poisson(lam * big_t)
    x = np.minimum(arrivals, rng.geometric(rng.beta(a, b, n)))
    t_x = np.where(x > 0, big_t * rng.beta(np.maximum(x, 1), arrivals - x + 1), 0.0)
    nu = rng.gamma(q, 1 / gamma, n)
    m = np.where(x > 0, rng.gamma(p * np.maximum(x, 1), 1 / (nu * np.maximum(x, 1))), 0.0)
    return pd.DataFrame({"frequency": x.astype(float), "recency": t_x, "T": big_t,
                         "monetary_value": m})


def _hessian_seconds(model) -> float:
    start = time.perf_counter()
    _fitting.hessian(model._phi_scaled, objective=lambda v: model._objective(v) * model.n_obs_,
                     gradient=model._gradient)
    return time.perf_counter() - start


def run_size(name: str, s: pd.DataFrame, repeats: int, cap: float, lt) -> tuple[list, bool]:
    x, t_x, big_t = (s[c].to_numpy(float) for c in ("frequency", "recency", "T"))
    buyers = x > 0
    spend = s["monetary_value"].to_numpy(float)
    rows, ok = [], True

    def row(task, ours, theirs, extra=""):
        t_o, res_o = ours
        t_t, res_t = theirs
        ratio = f"{t_t / t_o:.1f}x" if t_o and t_t else (res_t if t_t is None else "")
        rows.append({"customers": name, "task": task,
                     "coursekit s": round(t_o, 3) if t_o else res_o,
                     "lifetimes s": round(t_t, 3) if t_t else res_t,
                     "lifetimes / coursekit": ratio, "note": extra})

    fits = [
        ("BG/NBD fit", lambda: BGNBD().fit(x, t_x, big_t),
         lambda: lt.BetaGeoFitter().fit(x, t_x, big_t)),
        ("Pareto/NBD fit", lambda: ParetoNBD().fit(x, t_x, big_t),
         lambda: (np.random.seed(0), lt.ParetoNBDFitter().fit(x, t_x, big_t))[1]),
        ("gamma-gamma fit", lambda: GammaGamma().fit(x, spend),
         lambda: lt.GammaGammaFitter().fit(x[buyers], spend[buyers])),
    ]
    fitted = {}
    for task, ours, theirs in fits:
        t_o, m_o = _timed(ours, repeats)
        t_t, m_t = _timed(theirs, repeats, cap)
        h = _hessian_seconds(m_o)
        note = f"fit+SE / fit = {t_o / max(t_o - h, 1e-9):.2f} (information matrix {h:.3f} s)"
        if name == "CDNOW" and task != "gamma-gamma fit" and t_t:
            ll_t = _peer_log_likelihood(lt, task, m_t, x, t_x, big_t)
            agree = abs(m_o.log_likelihood_ - ll_t) <= 0.01
            ok &= agree
            verdict = "agree" if agree else "DIFFER"
            note += f"; LL {m_o.log_likelihood_:.4f} vs {ll_t:.4f} ({verdict})"
        row(task, (t_o, m_o), (t_t, m_t), note)
        fitted[task] = m_o
    bg, pareto = fitted["BG/NBD fit"], fitted["Pareto/NBD fit"]
    lt_bg, lt_pareto = lt.BetaGeoFitter(), lt.ParetoNBDFitter()
    lt_bg.params_ = bg.params_.copy()
    lt_pareto.params_ = pareto.params_.copy()
    for task, ours, theirs in [
        ("BG/NBD E[Y(39)]", lambda: bg.conditional_expected_purchases(39.0, x, t_x, big_t),
         lambda: lt_bg.conditional_expected_number_of_purchases_up_to_time(39.0, x, t_x, big_t)),
        ("BG/NBD P(alive)", lambda: bg.prob_alive(x, t_x, big_t),
         lambda: lt_bg.conditional_probability_alive(x, t_x, big_t)),
        ("Pareto/NBD E[Y(39)]", lambda: pareto.conditional_expected_purchases(39.0, x, t_x, big_t),
         lambda: lt_pareto.conditional_expected_number_of_purchases_up_to_time(39.0, x, t_x,
                                                                                 big_t)),
        ("Pareto/NBD P(alive)", lambda: pareto.prob_alive(x, t_x, big_t),
         lambda: lt_pareto.conditional_probability_alive(x, t_x, big_t)),
    ]:
        t_o, v_o = _timed(ours, repeats)
        t_t, v_t = _timed(theirs, repeats, cap)
        note = ""
        if t_t:
            v_t = np.asarray(v_t, float)
            finite = np.isfinite(v_t)
            diff = np.max(np.abs(v_o[finite] - v_t[finite]) / np.maximum(np.abs(v_o[finite]),
                                                                         1e-300))
            note = f"max rel. difference {diff:.1e}"
            if not finite.all():
                note += f"; lifetimes non-finite for {int((~finite).sum())} customers"
        row(task, (t_o, v_o), (t_t, v_t), note)
    return rows, ok


def _peer_log_likelihood(lt, task, model, x, t_x, big_t) -> float:
    if task == "BG/NBD fit":
        p = model.params_[["r", "alpha", "a", "b"]].to_numpy(float)
        return -lt.BetaGeoFitter._negative_log_likelihood(np.log(p), x, t_x, big_t,
                                                          np.ones(len(x)), 0.0) * len(x)
    p = model.params_[["r", "alpha", "s", "beta"]].to_numpy(float)
    return float(np.sum(lt.ParetoNBDFitter._conditional_log_likelihood(p, x, t_x, big_t)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000],
                        help="numbers of simulated customers (CDNOW always runs)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs on CDNOW (median)")
    parser.add_argument("--cap", type=float, default=120.0,
                        help="seconds after which a lifetimes call is stopped")
    args = parser.parse_args(argv)
    try:
        import lifetimes
    except ImportError:  # pragma: no cover - optional dependency
        print("lifetimes is not installed: pip install lifetimes==0.11.3", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")  # lifetimes emits pandas/numpy deprecation warnings

    cdnow = load_dataset("cdnow_summary")  # checksum-verified, like every lesson
    BGNBD().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])  # warm-up
    lifetimes.BetaGeoFitter().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
    rows, ok = run_size("CDNOW", cdnow, args.repeats, args.cap, lifetimes)
    for n in args.sizes:
        more, _ = run_size(f"{n:,}", simulate(n), 1, args.cap, lifetimes)
        rows += more
    table = pd.DataFrame(rows)
    print(f"lifetimes {lifetimes.__version__}, numpy {np.__version__}, pandas {pd.__version__}; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; CDNOW: median of "
          f"{args.repeats} runs, simulated sizes: one run; lifetimes capped at {args.cap:.0f} s")
    with pd.option_context("display.width", 250, "display.max_colwidth", 90):
        print(table.to_string(index=False))
    print("targets at 1M: BG/NBD and Pareto/NBD fit <= 5 s each, predictions <= 0.3 s, "
          "fit+SE / fit <= 1.5")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
