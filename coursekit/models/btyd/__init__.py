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

>>> from coursekit.models.btyd import BGNBD
>>> model = BGNBD().fit([2, 1, 0, 0], [30.43, 1.71, 0.0, 0.0], [38.86] * 4)
>>> model.params_.index.tolist()
['r', 'alpha', 'a', 'b']
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
