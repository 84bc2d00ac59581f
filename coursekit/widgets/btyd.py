"""Customer explorer (module 04): a purchase history -> P(alive), expected purchases, CLV.

The models describe the CDNOW 1/10 sample (weeks, calibration weeks 1-39): BG/NBD or Pareto/NBD
for the purchases and gamma-gamma for the spend. Pass the models a lesson has already fitted on
that data (``customer_explorer(models={"BG/NBD": bg}, spend=gg)``) and nothing is refitted; a
model not passed is fitted on the shipped CDNOW summary the first time it is selected. Not from
the textbook: Fader, Hardie and Lee (2005), Marketing Science 24(2) and Journal of Marketing
Research 42(4).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache, partial

import ipywidgets as w

from coursekit._validate import check_choice
from coursekit.models.btyd import (BGNBD, GammaGamma, ParetoNBD, discounted_expected_value,
                                   frequency_recency_grid)
from coursekit.plots.btyd import frequency_recency_heatmap
from coursekit.widgets._base import Explorer, dropdown, slider, show

__all__ = ["CustomerOutlook", "fitted_cdnow_model", "fitted_cdnow_models", "customer_update",
           "CustomerExplorer", "customer_explorer"]

MODELS = ("BG/NBD", "Pareto/NBD")
_CLASSES = {"BG/NBD": BGNBD, "Pareto/NBD": ParetoNBD, "spend": GammaGamma}


@lru_cache(maxsize=1)
def _cdnow_summary():
    from coursekit.datasets import load_dataset

    return load_dataset("cdnow_summary")


@lru_cache(maxsize=None)
def _fit_cdnow(name: str):
    s = _cdnow_summary()
    if name == "spend":
        return GammaGamma().fit(s["frequency"], s["monetary_value"])
    return _CLASSES[name]().fit(s["frequency"], s["recency"], s["T"])


def fitted_cdnow_model(name: str):
    """``"BG/NBD"``, ``"Pareto/NBD"`` or ``"spend"`` (gamma-gamma) fitted on the CDNOW summary.

    Each model is fitted the first time it is asked for and cached. Caching on the name alone
    is correct because the data never changes: it is the shipped ``cdnow_summary`` file, whose
    checksum ``load_dataset`` verifies.

    >>> fitted_cdnow_model("BG/NBD").params_.round(3).to_dict()
    {'r': 0.243, 'alpha': 4.414, 'a': 0.793, 'b': 2.426}
    """
    return _fit_cdnow(check_choice(name, "name", (*MODELS, "spend")))


def fitted_cdnow_models() -> dict:
    """All three CDNOW fits: ``{"BG/NBD": ..., "Pareto/NBD": ..., "spend": ...}``.

    >>> sorted(fitted_cdnow_models())
    ['BG/NBD', 'Pareto/NBD', 'spend']
    """
    return {name: fitted_cdnow_model(name) for name in (*MODELS, "spend")}


def _check_fitted(model, name: str, cls: type):
    if not isinstance(model, cls):
        raise TypeError(f"{name} must be a fitted {cls.__name__}; got {type(model).__name__}")
    if model.params_ is None:
        raise ValueError(f"{name} must be fitted: call fit(...) or {cls.__name__}.from_params("
                         "...) first")
    return model


def _check_models(models: Mapping | None) -> dict:
    if models is None:
        return {}
    if not isinstance(models, Mapping):
        raise TypeError(f"models must be a dict such as {{'BG/NBD': bg}}; got "
                        f"{type(models).__name__}")
    for name, model in models.items():
        check_choice(name, "models key", MODELS)
        _check_fitted(model, f"models[{name!r}]", _CLASSES[name])
    return dict(models)


def _transaction_model(model: str, models: Mapping | None):
    check_choice(model, "model", MODELS)
    return models[model] if models and model in models else fitted_cdnow_model(model)


@dataclass(frozen=True, repr=False)
class CustomerOutlook:
    """What the models say about one customer (its repr is the one-line summary)."""

    model: str
    frequency: int
    recency: float
    T: float
    average_spend: float
    prob_alive: float
    expected_purchases: float
    expected_spend: float
    clv: float
    horizon_weeks: float
    note: str = ""

    def __str__(self) -> str:
        text = (f"{self.model}: P(alive) {self.prob_alive:.1%}; expected purchases in the next "
                f"{self.horizon_weeks:.0f} weeks {self.expected_purchases:.2f}; expected spend "
                f"per purchase ${self.expected_spend:.2f}; discounted revenue over the next "
                f"{self.horizon_weeks * 7 * 12 / 365.25:.0f} months ${self.clv:.2f}")
        return text + (f" ({self.note})" if self.note else "")

    __repr__ = __str__


def customer_update(*, model: str = "BG/NBD", frequency: int = 2, recency: float = 30.43,
                    T: float = 38.86, average_spend: float = 22.35, months: int = 12,
                    annual_discount_rate: float = 0.10, models: Mapping | None = None,
                    spend: GammaGamma | None = None) -> CustomerOutlook:
    """The explorer's update step (a pure function of the controls).

    ``models`` (fitted transaction models by name) and ``spend`` (a fitted gamma-gamma) replace
    the CDNOW fits of :func:`fitted_cdnow_model`; the explorer binds them once.
    Defaults are CDNOW customer 1 (2 repeat purchases, last at week 30.43, observed for 38.86
    weeks, average repeat spend $22.35). With no repeat purchase the recency and the average
    spend carry no information and are set to 0 (noted in the result). The annual discount rate
    is converted to the monthly rate ``(1 + d) ** (1/12) - 1`` that
    :func:`~coursekit.models.btyd.discounted_expected_value` expects; ``clv`` is that function's
    value with ``margin=1``: discounted *revenue* over ``months``, not a lifetime margin.

    >>> out = customer_update()  # CDNOW customer 1, next 12 months (52.2 weeks)
    >>> round(out.prob_alive, 3), round(out.expected_purchases, 3)
    (0.727, 1.563)
    """
    tm = _transaction_model(model, models)
    gg = fitted_cdnow_model("spend") if spend is None else spend
    notes = []
    if frequency == 0 and (recency > 0 or average_spend > 0):
        recency, average_spend = 0.0, 0.0
        notes.append("no repeat purchase: recency and average spend set to 0")
    if frequency == 0 and model == "BG/NBD":
        notes.append("P(alive) = 1 is a BG/NBD artefact, not evidence: the model lets customers "
                     "drop out only right after a repeat purchase (the Pareto/NBD gives about "
                     "0.30 for a CDNOW customer with no repeat purchase in 38 weeks)")
    note = "; ".join(notes)
    horizon = months * 365.25 / 12 / 7
    monthly = (1.0 + annual_discount_rate) ** (1 / 12) - 1.0
    return CustomerOutlook(
        model=model, frequency=int(frequency), recency=float(recency), T=float(T),
        average_spend=float(average_spend),
        prob_alive=float(tm.prob_alive(frequency, recency, T)[0]),
        expected_purchases=float(tm.conditional_expected_purchases(horizon, frequency, recency,
                                                                   T)[0]),
        expected_spend=float(gg.conditional_expected_spend(frequency, average_spend)[0]),
        clv=float(discounted_expected_value(tm, gg, [frequency], [recency], [T], [average_spend],
                                          months=months, margin=1.0, discount_rate=monthly,
                                          time_unit="W")[0]),
        horizon_weeks=horizon, note=note)


def _render(result: CustomerOutlook, output: w.Output, *, models: Mapping | None = None) -> None:
    grid = frequency_recency_grid(_transaction_model(result.model, models), result.T,
                                  max_frequency=max(20, result.frequency), n_recency=60)
    ax = frequency_recency_heatmap(grid)
    ax.plot([result.recency], [result.frequency], "o", ms=9, mfc="none", mec="#D55E00",
            mew=2, label="this customer")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    show(output, result, ax)


class CustomerExplorer(Explorer):
    """Sliders for a customer's history; P(alive), expected purchases and CLV, with the
    customer marked on the P(alive) heat map.

    ``models`` maps ``"BG/NBD"`` and/or ``"Pareto/NBD"`` to models already fitted on the CDNOW
    calibration data and ``spend`` is a fitted gamma-gamma; whatever is not passed is fitted on
    the shipped CDNOW summary when it is first needed (the Pareto/NBD only when selected).
    """

    title = "Customer explorer: what does a purchase history tell us?"

    def __init__(self, *, models: Mapping | None = None, spend: GammaGamma | None = None,
                 draw: bool = True):
        models = _check_models(models)
        if spend is not None:
            _check_fitted(spend, "spend", GammaGamma)
        controls = {
            "model": dropdown("Transaction model", MODELS),
            "frequency": slider("Repeat purchases (frequency)", 2, 0, 30, 1, integer=True),
            "recency": slider("Week of the last purchase (recency)", 30.43, 0, 78, 0.5,
                              fmt=".1f"),
            "T": slider("Weeks since the first purchase (T)", 38.86, 1, 78, 0.5, fmt=".1f"),
            "average_spend": slider("Average repeat spend ($)", 22.35, 0, 300, 0.5, fmt=".2f"),
            "months": slider("CLV horizon (months)", 12, 1, 60, 1, integer=True),
            "annual_discount_rate": slider("Annual discount rate", 0.10, 0.0, 0.30, 0.01),
        }
        super().__init__(controls, partial(customer_update, models=models, spend=spend),
                         partial(_render, models=models) if draw else None)


def customer_explorer(models: Mapping | None = None,
                      spend: GammaGamma | None = None) -> CustomerExplorer:
    """Create the customer explorer (display it as the last expression of a cell).

    Pass the models the lesson has just fitted on CDNOW, e.g.
    ``customer_explorer(models={"BG/NBD": bg}, spend=gg)``, so that nothing is refitted.
    """
    return CustomerExplorer(models=models, spend=spend)
