"""Benchmark: coursekit's BTYD models vs lifetimes and PyMC-Marketing, 2.4k, 100k and 1M customers.

Every peer that imports runs in this process on the same data as coursekit:

* lifetimes 0.11.3: ``BetaGeoFitter``, ``ParetoNBDFitter``, ``GammaGammaFitter``;
* PyMC-Marketing (1.3.0, needs Python >= 3.12): ``pymc_marketing.clv`` ``BetaGeoModel``,
  ``ParetoNBDModel`` and ``GammaGammaModel`` fitted with ``fit(data, method="map")``, i.e.
  ``pymc.find_MAP`` (L-BFGS-B, no Jacobian term). All parameters get ``HalfFlat`` priors, so the
  MAP is the maximum-likelihood estimate and is comparable with the other two libraries.

A peer that is not installed is reported in one line and the rest still runs.

Data: CDNOW (2,357 customers, weeks 1-39), and simulated BG/NBD customers with continuous
times (``T ~ U(1, 39)`` weeks, CDNOW parameters, gamma-gamma spend), 100,000 and 1,000,000 of
them, so (almost) every history is distinct and collapsing identical rows does not help.

Printed per size and task (BG/NBD, Pareto/NBD and gamma-gamma fits; E[Y(39) | x, t_x, T],
P(alive) and the conditional expected spend for every customer): wall-clock seconds, the ratio
peer / coursekit (above 1: coursekit is faster), and the agreement with coursekit:

* fits: the largest relative difference of the parameters and, on CDNOW, each library's own
  log-likelihood at its own estimates (exit status 1 if coursekit's maximum is lower than a
  peer's by more than 0.01, i.e. coursekit missed the optimum);
* predictions: the largest relative difference, every library evaluated at coursekit's
  parameters (so only the formulas are compared, not the fits).

For coursekit the note also gives ``fit with SE / fit without SE``: the fit computes the
information matrix to check identification (``summary()`` then only inverts it). Targets (issue
18): BG/NBD and Pareto/NBD fits on 1M customers <= 5 s each, predictions <= 0.3 s, fit + SE <=
1.5 x the fit alone.

PyMC-Marketing builds a PyMC model and compiles its log-density (and gradient) with pytensor
(pytensor 3 compiles with Numba by default and caches the machine code under
``pytensor.config.base_compiledir``). On CDNOW its fits and predictions are therefore timed
twice: the first call in this process (graph building, rewriting and compilation; the on-disk
cache may be warm from an earlier run) and a second call on a fresh model object. On the
simulated sizes one call is timed.

A peer call that raises is reported with its exception; one that runs longer than ``--cap``
seconds is stopped (SIGALRM, Unix) and reported as "> cap s (stopped)". The load average is
printed before and after, because on a shared machine it scales every number.

Run::

    make bench-peers        # .venv-peers with Python >= 3.12, lifetimes and pymc-marketing
    python benchmarks/btyd_vs_peers.py [--sizes 100000 1000000] [--cap 120] [--repeats 3]
                                       [--peers lifetimes pymc-marketing]
"""
from __future__ import annotations

import argparse
import importlib
import os
import platform
import signal
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pandas as pd

from coursekit.datasets import load_dataset
from coursekit.models.btyd import BGNBD, GammaGamma, ParetoNBD
from coursekit.models.btyd import _fitting

COURSEKIT = {"BG/NBD": BGNBD, "Pareto/NBD": ParetoNBD, "gamma-gamma": GammaGamma}
PREDICTIONS = [("BG/NBD", "E[Y(39)]"), ("BG/NBD", "P(alive)"), ("Pareto/NBD", "E[Y(39)]"),
               ("Pareto/NBD", "P(alive)"), ("gamma-gamma", "E[spend]")]
HORIZON = 39.0


class _Capped(Exception):
    pass


@dataclass(frozen=True)
class Customers:
    """One data set in the three shapes the libraries want (customer ids 0..n-1, in order)."""

    x: np.ndarray
    t_x: np.ndarray
    big_t: np.ndarray
    spend: np.ndarray

    @property
    def buyers(self) -> np.ndarray:
        return self.x > 0

    def rfm_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"customer_id": np.arange(len(self.x)), "frequency": self.x,
                             "recency": self.t_x, "T": self.big_t})

    def spend_frame(self) -> pd.DataFrame:
        b = self.buyers
        return pd.DataFrame({"customer_id": np.arange(int(b.sum())), "frequency": self.x[b],
                             "monetary_value": self.spend[b]})


def customers(summary: pd.DataFrame) -> Customers:
    return Customers(*(summary[c].to_numpy(float)
                       for c in ("frequency", "recency", "T", "monetary_value")))


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


def _timed(call: Callable[[], Any], repeats: int = 1, cap: float | None = None):
    """Median seconds of ``repeats`` calls and the last result; ``(None, message)`` when the
    call raised or ran past ``cap`` seconds."""
    times, result, fired = [], None, []

    def stop(signum, frame):
        fired.append(True)
        raise _Capped
    for _ in range(repeats):
        if cap:
            signal.signal(signal.SIGALRM, stop)
            signal.setitimer(signal.ITIMER_REAL, cap)
        start = time.perf_counter()
        try:
            result = call()
        except Exception as exc:  # noqa: BLE001 - a peer's failure is a result here
            # the alarm can surface wrapped, e.g. as numba's SystemError "returned a result
            # with an exception set" when it interrupts compiled pytensor code
            if fired:
                return None, f"> {cap:g} s (stopped)"
            return None, f"failed: {type(exc).__name__}: {' '.join(str(exc).split())[:160]}"
        finally:
            if cap:
                signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _ours(call: Callable[[], Any], repeats: int, task: str):
    """coursekit's own calls are timed like the peers' but a failure stops the benchmark."""
    seconds, result = _timed(call, repeats)
    if seconds is None:
        raise RuntimeError(f"coursekit {task} {result}")
    return seconds, result


def _max_rel_diff(ours: np.ndarray, theirs: Any) -> str:
    theirs = np.asarray(theirs, float).ravel()
    if theirs.shape != ours.shape:
        return f"shape {theirs.shape} instead of {ours.shape}"
    finite = np.isfinite(theirs)
    diff = np.max(np.abs(ours[finite] - theirs[finite]) / np.maximum(np.abs(ours[finite]),
                                                                    1e-300), initial=0.0)
    note = f"max rel. difference {diff:.1e}"
    if not finite.all():
        note += f"; non-finite for {int((~finite).sum())} customers"
    return note


class LifetimesPeer:
    """lifetimes' fitters; predictions with ``params_`` set to coursekit's estimates."""

    compiles = False

    def __init__(self, module) -> None:
        self.lt, self.label = module, f"lifetimes {module.__version__}"

    def fit(self, kind: str, d: Customers) -> Callable[[], Any]:
        lt, b = self.lt, d.buyers
        if kind == "BG/NBD":
            return lambda: lt.BetaGeoFitter().fit(d.x, d.t_x, d.big_t)
        if kind == "Pareto/NBD":  # its optimiser starts from random values
            return lambda: (np.random.seed(0), lt.ParetoNBDFitter().fit(d.x, d.t_x, d.big_t))[1]
        return lambda: lt.GammaGammaFitter().fit(d.x[b], d.spend[b])

    def params(self, kind: str, fitted) -> dict[str, float]:
        return {("gamma" if k == "v" else k): float(v) for k, v in fitted.params_.items()}

    def log_likelihood(self, kind: str, fitted, d: Customers) -> float:
        p, n, b = fitted.params_, len(d.x), d.buyers
        if kind == "BG/NBD":
            log_p = np.log(p[["r", "alpha", "a", "b"]].to_numpy(float))
            return -self.lt.BetaGeoFitter._negative_log_likelihood(
                log_p, d.x, d.t_x, d.big_t, np.ones(n), 0.0) * n
        if kind == "Pareto/NBD":
            return float(np.sum(self.lt.ParetoNBDFitter._conditional_log_likelihood(
                p[["r", "alpha", "s", "beta"]].to_numpy(float), d.x, d.t_x, d.big_t)))
        log_p, nb = np.log(p[["p", "q", "v"]].to_numpy(float)), int(b.sum())
        return -self.lt.GammaGammaFitter._negative_log_likelihood(
            log_p, d.x[b], d.spend[b], np.ones(nb), 0.0) * nb

    def predictor(self, kind: str, task: str, params: dict, d: Customers) -> Callable[[], Any]:
        lt = self.lt
        if kind == "gamma-gamma":
            f = lt.GammaGammaFitter()
            f.params_ = pd.Series({"p": params["p"], "q": params["q"], "v": params["gamma"]})
            return lambda: f.conditional_expected_average_profit(d.x[d.buyers],
                                                                 d.spend[d.buyers])
        f = lt.BetaGeoFitter() if kind == "BG/NBD" else lt.ParetoNBDFitter()
        f.params_ = pd.Series(params)
        if task == "P(alive)":
            return lambda: f.conditional_probability_alive(d.x, d.t_x, d.big_t)
        return lambda: f.conditional_expected_number_of_purchases_up_to_time(HORIZON, d.x, d.t_x,
                                                                             d.big_t)


class PymcMarketingPeer:
    """``pymc_marketing.clv`` models with flat priors, fitted by MAP; predictions from a model
    whose posterior holds coursekit's estimates (one chain, one draw)."""

    compiles = True
    MODELS = {"BG/NBD": ("BetaGeoModel", ("r", "alpha", "a", "b")),
              "Pareto/NBD": ("ParetoNBDModel", ("r", "alpha", "s", "beta")),
              "gamma-gamma": ("GammaGammaModel", ("p", "q", "v"))}

    def __init__(self, module) -> None:
        import xarray
        from pymc_extras.prior import Prior
        from pymc_marketing import clv
        self.clv, self.prior, self.xarray = clv, Prior, xarray
        self.label = f"pymc-marketing {module.__version__}"

    def _model(self, kind: str):
        cls, names = self.MODELS[kind]
        return getattr(self.clv, cls)(model_config={n: self.prior("HalfFlat") for n in names})

    @staticmethod
    def _frame(kind: str, d: Customers) -> pd.DataFrame:
        return d.spend_frame() if kind == "gamma-gamma" else d.rfm_frame()

    def fit(self, kind: str, d: Customers) -> Callable[[], Any]:
        frame = self._frame(kind, d)

        def run():
            model = self._model(kind)
            model.fit(frame, method="map", progressbar=False)
            return model
        return run

    def params(self, kind: str, fitted) -> dict[str, float]:
        post = fitted.fit_result
        return {("gamma" if k == "v" else k): float(post[k].values.squeeze())
                for k in self.MODELS[kind][1]}

    def log_likelihood(self, kind: str, fitted, d: Customers) -> float:
        """PyMC's own log-density at the MAP point; the flat priors add nothing to it."""
        point = fitted.model.initial_point()
        for name in point:
            value = float(fitted.fit_result[name.removesuffix("_log__")].values.squeeze())
            point[name] = np.log(value) if name.endswith("_log__") else value
        return float(fitted.model.compile_logp(jacobian=False)(point))

    def predictor(self, kind: str, task: str, params: dict, d: Customers) -> Callable[[], Any]:
        frame, model = self._frame(kind, d), self._model(kind)
        model.build_model(frame)
        values = {("v" if k == "gamma" else k): v for k, v in params.items()}
        posterior = self.xarray.Dataset(
            {k: (("chain", "draw"), np.array([[v]])) for k, v in values.items()},
            coords={"chain": [0], "draw": [0]})
        model.fit_result = self.xarray.DataTree.from_dict({"posterior": posterior})
        if kind == "gamma-gamma":
            return lambda: model.expected_customer_spend(frame).values
        if task == "P(alive)":
            return lambda: model.expected_probability_alive().values
        return lambda: model.expected_purchases(future_t=HORIZON).values


PEERS = {"lifetimes": ("lifetimes", LifetimesPeer, "pip install lifetimes==0.11.3"),
         "pymc-marketing": ("pymc_marketing", PymcMarketingPeer,
                            "make bench-peers (pymc-marketing==1.3.0 needs Python >= 3.12)")}


def load_peers(names: list[str]) -> tuple[list, list[str]]:
    """The peers that import, and one line for each that does not."""
    peers, missing = [], []
    for name in names:
        module_name, adapter, how = PEERS[name]
        try:
            peers.append(adapter(importlib.import_module(module_name)))
        except ImportError as exc:
            missing.append(f"{name}: not installed ({exc}); to include it: {how}")
        except Exception as exc:  # noqa: BLE001 - a peer that breaks on import is reported
            missing.append(f"{name}: failed on import: {type(exc).__name__}: {exc}")
    return peers, missing


def _ratio(t_peer: float | None, t_ours: float) -> str:
    return f"{t_peer / t_ours:.1f}x" if t_peer else ""


def _information_share(model, seconds: float) -> str:
    """``fit with SE / fit without``; uses coursekit internals, so it says when they moved."""
    try:
        if model._gradient is not None:
            # the fit reuses BFGS's last gradient (at the optimum) for the information matrix;
            # evaluate it first so that the timing counts what the fit spends: k gradients
            model._gradient(model._phi_scaled)
        start = time.perf_counter()
        _fitting.hessian(model._phi_scaled, gradient=model._gradient,
                         objective=lambda v: model._objective(v) * model.n_obs_)
        h = time.perf_counter() - start
    except Exception as exc:  # noqa: BLE001 - reported, not hidden
        return f"fit+SE / fit not measured ({type(exc).__name__}: {exc})"
    return f"fit+SE / fit = {seconds / max(seconds - h, 1e-9):.2f} (information matrix {h:.3f} s)"


def _peer_calls(peer, make_call, repeats: int, cap: float, on_cdnow: bool):
    """[(label, seconds or None, result or message)]: twice (1st, 2nd call) for a peer that
    compiles, on CDNOW; once otherwise."""
    if peer.compiles and on_cdnow:
        first = _timed(make_call(), 1, cap)
        if first[0] is None:
            return [(f"{peer.label} (1st call)", *first)]
        return [(f"{peer.label} (1st call)", *first),
                (f"{peer.label} (2nd call)", *_timed(make_call(), 1, cap))]
    label = peer.label if on_cdnow or not peer.compiles else f"{peer.label} (one call)"
    return [(label, *_timed(make_call(), repeats, cap))]


def run_size(name: str, d: Customers, peers: list, repeats: int, cap: float):
    on_cdnow, rows, ok = name == "CDNOW", [], True

    def row(task, library, seconds, result_or_message, ratio, note):
        if seconds is None:  # the message goes where there is room for it
            failed = result_or_message.startswith("failed")
            shown, note = ("failed", result_or_message) if failed else (result_or_message, "")
        else:
            shown = f"{seconds:.3g}"
        rows.append({"customers": name, "task": task, "library": library, "seconds": shown,
                     "peer / coursekit": ratio, "agreement with coursekit": note})

    fitted = {}
    for kind, cls in COURSEKIT.items():
        fit = ((lambda: cls().fit(d.x, d.spend)) if kind == "gamma-gamma"
               else (lambda: cls().fit(d.x, d.t_x, d.big_t)))
        t_o, ours = _ours(fit, repeats, f"{kind} fit")
        fitted[kind] = ours
        ours_p = ours.params_.to_numpy(float)
        row(f"{kind} fit", "coursekit", t_o, ours, "1", f"LL {ours.log_likelihood_:.4f}; "
            + _information_share(ours, t_o))
        for peer in peers:
            for label, t_p, res in _peer_calls(peer, lambda: peer.fit(kind, d), repeats, cap,
                                               on_cdnow):
                note = ""
                if t_p is not None:
                    theirs = peer.params(kind, res)
                    theirs_p = np.array([theirs[k] for k in ours.params_.index])
                    note = f"params: {_max_rel_diff(ours_p, theirs_p)}"
                    if on_cdnow:
                        ll = peer.log_likelihood(kind, res, d)
                        ok &= ll - ours.log_likelihood_ <= 0.01
                        gap = ll - ours.log_likelihood_
                        note += f"; LL {ll:.4f} (peer - coursekit {gap:+.1e})"
                row(f"{kind} fit", label, t_p, res, _ratio(t_p, t_o), note)
    for kind, task in PREDICTIONS:
        model, b = fitted[kind], d.buyers
        if kind == "gamma-gamma":
            ours_call = lambda: model.conditional_expected_spend(d.x[b], d.spend[b])  # noqa: E731
        elif task == "P(alive)":
            ours_call = lambda: model.prob_alive(d.x, d.t_x, d.big_t)  # noqa: E731
        else:
            ours_call = lambda: model.conditional_expected_purchases(  # noqa: E731
                HORIZON, d.x, d.t_x, d.big_t)
        t_o, v_o = _ours(ours_call, repeats, f"{kind} {task}")
        row(f"{kind} {task}", "coursekit", t_o, v_o, "1", "")
        params = dict(model.params_.items())
        for peer in peers:
            try:
                make = lambda: peer.predictor(kind, task, params, d)  # noqa: E731
                for label, t_p, res in _peer_calls(peer, make, repeats, cap, on_cdnow):
                    note = _max_rel_diff(v_o, res) if t_p is not None else ""
                    row(f"{kind} {task}", label, t_p, res, _ratio(t_p, t_o), note)
            except Exception as exc:  # noqa: BLE001 - setting up the peer failed
                row(f"{kind} {task}", peer.label, None,
                    f"failed: {type(exc).__name__}: {' '.join(str(exc).split())[:160]}", "", "")
    return rows, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000],
                        help="numbers of simulated customers (CDNOW always runs)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs on CDNOW (median)")
    parser.add_argument("--cap", type=float, default=120.0,
                        help="seconds after which a peer's call is stopped")
    parser.add_argument("--peers", nargs="*", choices=list(PEERS), default=list(PEERS),
                        help="peer libraries to run (those not installed are reported)")
    args = parser.parse_args(argv)
    if args.repeats < 1 or args.cap <= 0 or any(n < 10 for n in args.sizes):
        parser.error("--repeats must be >= 1, --cap > 0 and every size >= 10")
    load_before = os.getloadavg()[0]
    warnings.simplefilter("ignore")  # the peers emit pandas/numpy/pytensor deprecation warnings
    peers, missing = load_peers(args.peers)

    cdnow = customers(load_dataset("cdnow_summary"))  # checksum-verified, like every lesson
    BGNBD().fit(cdnow.x, cdnow.t_x, cdnow.big_t)  # warm-up (the PyMC-Marketing 1st call is not)
    for peer in peers:
        if not peer.compiles:
            _timed(peer.fit("BG/NBD", cdnow))
    rows, ok = run_size("CDNOW", cdnow, peers, args.repeats, args.cap)
    for n in args.sizes:
        rows += run_size(f"{n:,}", customers(simulate(n)), peers, 1, args.cap)[0]

    versions = ", ".join(p.label for p in peers) or "no peer"
    print(f"coursekit vs {versions}; Python {platform.python_version()}, numpy {np.__version__}, "
          f"pandas {pd.__version__}; {os.cpu_count()} cores, load average {load_before:.1f} "
          f"before, {os.getloadavg()[0]:.1f} after; CDNOW: median of {args.repeats} runs (a "
          f"compiling peer: 1st and 2nd call), simulated sizes: one run; peers capped at "
          f"{args.cap:g} s")
    if "pytensor" in sys.modules:
        pytensor = sys.modules["pytensor"]
        print(f"pytensor {pytensor.__version__} (linker {pytensor.config.linker}), compiled code "
              f"cached in {pytensor.config.base_compiledir}")
    for line in missing:
        print(line)
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 300, "display.max_colwidth", 200):
        left = {c: f"{{:<{table[c].str.len().max()}}}".format
                for c in ("task", "library", "agreement with coursekit")}
        print(table.to_string(index=False, justify="left", formatters=left))
    print("targets at 1M: BG/NBD and Pareto/NBD fit <= 5 s each, predictions <= 0.3 s, "
          "fit+SE / fit <= 1.5")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
