"""Probabilistic "buy till you die" (BTYD) models of customer-base analysis.

Not from the textbook; each model cites its source. scikit-learn style: ``fit(...)`` returns the
model, the estimates live in ``params_`` (a pandas Series) and ``log_likelihood_``; a model with
known parameters is made with ``Model.from_params(...)``.

=====================================  ==================================================
model                                  setting
=====================================  ==================================================
:class:`BGNBD`, :class:`ParetoNBD`     non-contractual, continuous time (when to buy)
:class:`ModifiedBGNBD`                 MBG/NBD: BG/NBD that lets one-time buyers drop out
:class:`GammaGamma`                    spend per transaction
:class:`ShiftedBetaGeometric`          contractual retention of a cohort
:class:`BetaGeoBetaBinomial`           non-contractual, discrete opportunities
=====================================  ==================================================

Around them: :mod:`~coursekit.models.btyd.summary` (transaction log -> ``(x, t_x, T)``, from
pandas, DuckDB or Dask), :mod:`~coursekit.models.btyd.holdout` (calibration/holdout
comparisons of the literature) and :mod:`~coursekit.models.btyd.residual_value` (discounted
expected transactions, residual lifetime value, iso-value curves).

>>> from coursekit.datasets import load_dataset
>>> from coursekit.models.btyd import BGNBD
>>> cdnow = load_dataset("cdnow_summary")
>>> model = BGNBD().fit(cdnow["frequency"], cdnow["recency"], cdnow["T"])
>>> model.params_.round(3).to_dict(), model.converged_
({'r': 0.243, 'alpha': 4.414, 'a': 0.793, 'b': 2.426}, True)

A fit that cannot identify its parameters says so (``converged_`` False and a
:class:`FitWarning` naming the cause, e.g. "no customer made a repeat purchase: a and b cannot
be estimated"); ``summary()`` then gives no intervals.
"""
from __future__ import annotations

from coursekit.models.btyd._base import FitWarning
from coursekit.models.btyd.bgbb import BetaGeoBetaBinomial
from coursekit.models.btyd.bgnbd import BGNBD
from coursekit.models.btyd.clv import discounted_expected_value
from coursekit.models.btyd.diagnostics import frequency_recency_grid, prob_alive_path
from coursekit.models.btyd.gamma_gamma import GammaGamma
from coursekit.models.btyd.holdout import (calibration_holdout_summary,
                                           conditional_expectations_by_frequency,
                                           holdout_comparison, period_purchase_histogram,
                                           prob_purchases, tracking_by_model)
from coursekit.models.btyd.mbgnbd import ModifiedBGNBD
from coursekit.models.btyd.pareto_nbd import ParetoNBD
from coursekit.models.btyd.residual_value import (continuous_discount_rate,
                                                  discounted_expected_transactions,
                                                  iso_value_grid, residual_lifetime_value)
from coursekit.models.btyd.sbg import ShiftedBetaGeometric
from coursekit.models.btyd.summary import summarize_transactions

__all__ = [
    "BGNBD",
    "ParetoNBD",
    "GammaGamma",
    "ShiftedBetaGeometric",
    "BetaGeoBetaBinomial",
    "discounted_expected_value",
    "summarize_transactions",
    "frequency_recency_grid",
    "prob_alive_path",
    "FitWarning",
    "ModifiedBGNBD",
    "calibration_holdout_summary",
    "prob_purchases",
    "period_purchase_histogram",
    "conditional_expectations_by_frequency",
    "tracking_by_model",
    "holdout_comparison",
    "continuous_discount_rate",
    "discounted_expected_transactions",
    "residual_lifetime_value",
    "iso_value_grid",
]
