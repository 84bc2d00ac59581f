"""The gaps model of service quality, measured with SERVQUAL.

The textbook (5.1.11-5.1.16) defines service quality as the customer's comparison of
expectations with performance, and the *customer gap* (gap 5) as the difference between the
service a customer expected and the service the customer perceived. Gaps 1-4 are the *provider
gaps* that cause it (see :mod:`coursekit.models.servqual.provider_gaps`).

Not from the textbook: the 22-item SERVQUAL instrument, its five dimensions and the gap score
``P - E`` (Parasuraman, Zeithaml & Berry 1988, "SERVQUAL: a multiple-item scale for measuring
consumer perceptions of service quality", *Journal of Retailing* 64(1), 12-40; item wording of
the revision in Parasuraman, Berry & Zeithaml 1991, "Refinement and reassessment of the SERVQUAL
scale", *Journal of Retailing* 67(4), 420-450); SERVPERF (Cronin & Taylor 1992); the zone of
tolerance measures MSA and MSS (Parasuraman, Zeithaml & Berry 1994, *Journal of Retailing* 70(3),
201-230) - seed 000 names the adequate and desired service levels that bound the zone.

Item responses are accepted *wide* (one row per respondent, one column per item: item numbers
``1..22`` or names ending in the item number such as ``"e01"``/``"p01"``), as a 2-D array, or
*long* (a DataFrame with columns ``respondent``, ``item``, ``score``). All 22 items are needed;
missing answers raise an error unless ``missing="drop"`` asks for listwise deletion.

>>> import numpy as np
>>> e = np.full((2, 22), 6.0); p = np.full((2, 22), 5.0)
>>> servqual_score(dimension_scores(gap_scores(e, p))).tolist()
[-1.0, -1.0]

Files: :mod:`~coursekit.models.servqual.instrument` (the 22 items, the five dimensions and
reading responses), :mod:`~coursekit.models.servqual.scores` (gap, dimension, SERVQUAL and
SERVPERF scores, the knowledge gap), :mod:`~coursekit.models.servqual.tolerance` (the zone of tolerance),
:mod:`~coursekit.models.servqual.reliability` (Cronbach's alpha),
:mod:`~coursekit.models.servqual.statistics` (paired tests and drivers of quality),
:mod:`~coursekit.models.servqual.provider_gaps` (the provider gaps 1-4),
:mod:`~coursekit.models.servqual.importance` (importance-performance analysis),
:mod:`~coursekit.models.servqual.psychometrics` (the five-factor structure and the
difference-score problem),
:mod:`~coursekit.models.servqual.service_standards` (feedback and standards, TB 5.1.9-5.1.13) and
:mod:`~coursekit.models.servqual.rubrics` (the textbook's two scoring rubrics) and
:mod:`~coursekit.models.servqual.critical_incidents` (the critical incident technique and
Cohen's kappa), :mod:`~coursekit.models.servqual.net_promoter` (NPS, its interval, gaps by
loyalty class) and :mod:`~coursekit.models.servqual.asymmetric_impact` (asymmetric impact of
attributes); these three are not from the textbook.
"""
from __future__ import annotations

from coursekit.models.servqual.instrument import (
    DIMENSIONS,
    ITEMS,
    ServqualItem,
    items_table,
    item_columns,
    as_item_frame,
)
from coursekit.models.servqual.scores import (
    gap_scores,
    dimension_scores,
    servqual_score,
    servperf_score,
    knowledge_gap,
)
from coursekit.models.servqual.tolerance import (
    ZoneOfTolerance,
    zone_of_tolerance,
)
from coursekit.models.servqual.reliability import (
    cronbach_alpha,
    reliability_table,
)
from coursekit.models.servqual.statistics import (
    paired_gap_tests,
    DriverAnalysis,
    quality_drivers,
)
from coursekit.models.servqual.provider_gaps import (
    GapFactor,
    ProviderGap,
    FIVE_GAPS,
    GAP_FACTORS,
    RESEARCH_TYPES,
    GapAudit,
    audit_template,
    gap_audit,
    programme_coverage,
)
from coursekit.models.servqual.importance import (
    importance_performance,
)
from coursekit.models.servqual.psychometrics import (
    FactorStructure,
    factor_structure,
    difference_score_reliability,
    difference_score_table,
)
from coursekit.models.servqual.service_standards import (
    SMART,
    DIGITAL_SURVEY_ADVANTAGES,
    DIGITAL_SURVEY_DISADVANTAGES,
    FEEDBACK_QUESTIONS,
    FEEDBACK_METHODS,
    mean_time_to_repair,
    Compliance,
    standard_compliance,
    respondent_mean,
)
from coursekit.models.servqual.rubrics import (
    CUSTOMER_SERVICE_SKILLS,
    SkillsProfile,
    skills_profile,
    DISCUSSION_RUBRIC,
    discussion_score,
)
from coursekit.models.servqual.critical_incidents import (
    BBT_GROUPS,
    incident_shares,
    CoderAgreement,
    coder_agreement,
)
from coursekit.models.servqual.net_promoter import (
    NPS_CLASSES,
    nps_classes,
    nps,
    NPSInterval,
    nps_interval,
    nps_by,
    gaps_by_nps_class,
)
from coursekit.models.servqual.asymmetric_impact import penalty_reward

__all__ = [
    "DIMENSIONS",
    "ITEMS",
    "ServqualItem",
    "items_table",
    "item_columns",
    "as_item_frame",
    "gap_scores",
    "dimension_scores",
    "servqual_score",
    "servperf_score",
    "knowledge_gap",
    "ZoneOfTolerance",
    "zone_of_tolerance",
    "cronbach_alpha",
    "reliability_table",
    "paired_gap_tests",
    "DriverAnalysis",
    "quality_drivers",
    "GapFactor",
    "ProviderGap",
    "FIVE_GAPS",
    "GAP_FACTORS",
    "RESEARCH_TYPES",
    "GapAudit",
    "audit_template",
    "gap_audit",
    "programme_coverage",
    "importance_performance",
    "FactorStructure",
    "factor_structure",
    "difference_score_reliability",
    "difference_score_table",
    "SMART",
    "DIGITAL_SURVEY_ADVANTAGES",
    "DIGITAL_SURVEY_DISADVANTAGES",
    "FEEDBACK_QUESTIONS",
    "FEEDBACK_METHODS",
    "mean_time_to_repair",
    "Compliance",
    "standard_compliance",
    "respondent_mean",
    "CUSTOMER_SERVICE_SKILLS",
    "SkillsProfile",
    "skills_profile",
    "DISCUSSION_RUBRIC",
    "discussion_score",
    "BBT_GROUPS",
    "incident_shares",
    "CoderAgreement",
    "coder_agreement",
    "NPS_CLASSES",
    "nps_classes",
    "nps",
    "NPSInterval",
    "nps_interval",
    "nps_by",
    "gaps_by_nps_class",
    "penalty_reward",
]
