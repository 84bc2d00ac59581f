"""Probabilistic "buy till you die" (BTYD) models of customer-base analysis.

Not from the textbook; each model cites its source. scikit-learn style: ``fit(...)`` returns the
model, the estimates live in ``params_`` (a pandas Series) and ``log_likelihood_``; a model with
known parameters is made with ``Model.from_params(...)``.

=====================================  ==================================================
model                                  setting
=====================================  ==================================================
:class:`BGNBD`, :class:`ParetoNBD`     non-contractual, continuous time (when to buy)
:class:`GammaGamma`                    spend per transaction
:class:`ShiftedBetaGeometric`          contractual retention of a cohort
:class:`BetaGeoBetaBinomial`           non-contractual, discrete opportunities
=====================================  ==================================================

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
from coursekit.models.btyd.pareto_nbd import ParetoNBD
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
]
