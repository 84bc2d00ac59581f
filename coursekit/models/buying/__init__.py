"""Consumer and business buying behaviour (TB 1.1, 2.1 and 5.1.8).

* **Need recognition** (TB 1.1): whether we act on a problem "depends upon two factors: (1) the
  magnitude of the difference between what we have and what we need, and (2) the importance of
  the problem" - the man who wants a Lexus but owns a five-year-old Ford Focus (large gap, not
  important) versus the woman whose two-year-old car runs well but who considers a new car
  extremely important. :func:`need_recognition` scores ``urgency = gap x importance``.
* **The five-stage buying process** (Table 2.1.1, Joanne's laptop) as a funnel with drop-out
  at every stage (:func:`buying_funnel`); simple decisions skip stages 2 and 3.
* **Involvement x brand differences** (TB 5.1.8): complex, variety-seeking,
  dissonance-reducing and habitual buying behaviour (:func:`buying_behaviour`), and the three
  involvement levels (low/habitual, moderate/simple, high/extensive).
* **B2B buying**: the buying centre's seven roles and the seven-step B2B process (TB 2.1), the
  customer-experience test "useful, usable, enjoyable" (Forrester, TB 2.1) and the three
  components of loyalty with the pharmacy quotes (TB 2.1).

>>> need_recognition(gap=0.8, importance=0.2).acts      # the Lexus dreamer
False
>>> buying_behaviour("high", "few").name
'dissonance-reducing'

Files: :mod:`~coursekit.models.buying.process` (need recognition and the five-stage funnel),
:mod:`~coursekit.models.buying.behaviour` (involvement x brand differences),
:mod:`~coursekit.models.buying.choice` (compensatory, lexicographic and conjunctive choice rules),
:mod:`~coursekit.models.buying.b2b` (the buying centre and the B2B process) and
:mod:`~coursekit.models.buying.experience` (loyalty components, the pharmacy quotes and the
useful / usable / enjoyable test).
"""
from __future__ import annotations

from coursekit.models.buying.process import (
    BUYING_STAGES,
    SIMPLE_DECISION_SKIPS,
    INFLUENCING_FACTORS,
    NeedRecognition,
    need_recognition,
    buying_funnel,
    funnel_from_stages,
)
from coursekit.models.buying.behaviour import (
    INVOLVEMENT_LEVELS,
    BUYING_BEHAVIOURS,
    BuyingBehaviour,
    buying_behaviour,
    classify_buying_behaviour,
    involvement_level,
)
from coursekit.models.buying.choice import (
    VACUUM_CRITERIA,
    VACUUM_DIRECTIONS,
    EXAMPLE_WEIGHTS,
    ChoiceResult,
    RankReversal,
    normalise_attributes,
    normalise_weights,
    compensatory_scores,
    lexicographic_choice,
    conjunctive_screen,
    choose,
    availability_score,
    reversal_weight,
    rank_reversal,
)
from coursekit.models.buying.b2b import (
    BUYING_CENTRE_ROLES,
    B2B_STEPS,
    B2C_VS_B2B,
    buying_centre_matrix,
    uncovered_roles,
)
from coursekit.models.buying.experience import (
    LOYALTY_COMPONENTS,
    PHARMACY_QUOTES,
    CX_CRITERIA,
    score_touchpoints,
)

__all__ = [
    "BUYING_STAGES",
    "SIMPLE_DECISION_SKIPS",
    "INFLUENCING_FACTORS",
    "NeedRecognition",
    "need_recognition",
    "buying_funnel",
    "funnel_from_stages",
    "INVOLVEMENT_LEVELS",
    "BUYING_BEHAVIOURS",
    "BuyingBehaviour",
    "buying_behaviour",
    "classify_buying_behaviour",
    "involvement_level",
    "VACUUM_CRITERIA",
    "VACUUM_DIRECTIONS",
    "EXAMPLE_WEIGHTS",
    "ChoiceResult",
    "RankReversal",
    "normalise_attributes",
    "normalise_weights",
    "compensatory_scores",
    "lexicographic_choice",
    "conjunctive_screen",
    "choose",
    "availability_score",
    "reversal_weight",
    "rank_reversal",
    "BUYING_CENTRE_ROLES",
    "B2B_STEPS",
    "B2C_VS_B2B",
    "buying_centre_matrix",
    "uncovered_roles",
    "LOYALTY_COMPONENTS",
    "PHARMACY_QUOTES",
    "CX_CRITERIA",
    "score_touchpoints",
]
