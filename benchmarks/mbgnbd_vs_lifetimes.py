"""Benchmark: coursekit MBG/NBD against lifetimes 0.11.3 ModifiedBetaGeoFitter on CDNOW.

Both libraries fit the MBG/NBD (Batislam, Denizel & Filiztekin 2007) to the same 2,357 CDNOW
customers (weeks 1-39) in the same process. The script checks that the parameters agree to 4
decimals and that P(alive) and the 39-week conditional expectations of every customer agree
within 1e-8 at lifetimes' estimates, then prints the median fit time of each library and the
ratio. lifetimes also computes an autograd Hessian during its fit; coursekit does not.

Run::

    pip install lifetimes==0.11.3          # the optional extra ``bench``
    python benchmarks/mbgnbd_vs_lifetimes.py [--repeats 5]

Exit status 1 if the libraries disagree, 2 if lifetimes is missing.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings

import numpy as np

from coursekit.datasets import load_dataset
from coursekit.models.btyd import ModifiedBGNBD


def _median_time(fit, repeats: int):
    times, model = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        model = fit()
        times.append(time.perf_counter() - start)
    return statistics.median(times), model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    try:
        from lifetimes import ModifiedBetaGeoFitter
    except ImportError:  # pragma: no cover - optional dependency
        print("lifetimes is not installed: pip install lifetimes==0.11.3", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")  # lifetimes emits pandas/numpy deprecation warnings
    s = load_dataset("cdnow_summary")
    x, t_x, big_t = (s[c].to_numpy(float) for c in ("frequency", "recency", "T"))
    ours_time, ours = _median_time(lambda: ModifiedBGNBD().fit(x, t_x, big_t), args.repeats)
    theirs_time, theirs = _median_time(lambda: ModifiedBetaGeoFitter().fit(x, t_x, big_t),
                                       args.repeats)
    same_params = np.allclose(ours.params_.to_numpy(), theirs.params_[["r", "alpha", "a", "b"]],
                              atol=5e-5)
    at_theirs = ModifiedBGNBD.from_params(**theirs.params_[["r", "alpha", "a", "b"]].to_dict())
    alive_gap = np.max(np.abs(at_theirs.prob_alive(x, t_x, big_t)
                              - theirs.conditional_probability_alive(x, t_x, big_t)))
    cond_gap = np.max(np.abs(
        at_theirs.conditional_expected_purchases(39.0, x, t_x, big_t)
        - theirs.conditional_expected_number_of_purchases_up_to_time(39.0, x, t_x, big_t)))
    print("coursekit :", ours.params_.round(5).to_dict(), f"LL {ours.log_likelihood_:.3f}")
    print("lifetimes :", theirs.params_.round(5).to_dict())
    print(f"max |P(alive) difference| {alive_gap:.1e}, max |E[Y(39)] difference| "
          f"{cond_gap:.1e}")
    print(f"fit: coursekit {ours_time * 1e3:.1f} ms, lifetimes {theirs_time * 1e3:.1f} ms -> "
          f"{theirs_time / ours_time:.1f}x faster (median of {args.repeats})")
    return 0 if same_params and alive_gap < 1e-8 and cond_gap < 1e-8 else 1


if __name__ == "__main__":
    sys.exit(main())
