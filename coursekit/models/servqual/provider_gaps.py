"""The five gaps and an audit instrument for the four provider gaps.

``FIVE_GAPS`` holds the textbook's gap model (5.1.11-5.1.16, l.2064-2265): what each gap lies
between, its example and how to close it. ``GAP_FACTORS`` is seed 002's provider-gap factor list
(4 gaps, 15 key factors, 45 sub-items; the seed's dropped "ss" letters are restored - "proce" ->
"process", "acro" -> "across" - and so is the missing "Overpromising" heading of gap 4).
``gap_audit`` turns a manager's (or a team's) ratings of the 45 sub-items into a ranked list of
factors and gaps, each gap with the textbook's remedies. ``RESEARCH_TYPES`` are seed 000's eight
research types of a listening programme.

Not from the textbook: the 1-5 severity rating scale of the audit, and the mapping of research
types to the gaps they inform (after Zeithaml, Bitner & Gremler 2018, *Services Marketing*,
7th ed., ch. 5, "Elements in an effective customer research program").

>>> sum(len(f.items) for g in GAP_FACTORS for f in g.factors)
45
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_number

__all__ = ["GapFactor", "ProviderGap", "FIVE_GAPS", "GAP_FACTORS", "RESEARCH_TYPES",
           "GapAudit", "audit_template", "gap_audit", "programme_coverage"]


@dataclass(frozen=True)
class GapFactor:
    """A key factor of a provider gap and its sub-items (seed 002)."""

    key: str
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ProviderGap:
    """A provider gap: number, seed 002 title, textbook name, its factors and remedies."""

    number: int
    title: str
    name: str
    factors: tuple[GapFactor, ...]
    remedies: tuple[str, ...]


#: The textbook's five gaps (5.1.11-5.1.16): number, name, between what and what, example,
#: how it is closed, file line numbers in seed 001.
FIVE_GAPS = pd.DataFrame(
    [
        (1, "knowledge (listening) gap", "customer expectations",
         "management perceptions of customer expectations",
         "hotel managers think guests want better food; guests care about staff "
         "responsiveness and clean rooms", "market research; fewer layers between management "
         "and contact staff", "2072, 2090-2095"),
        (2, "policy gap", "management perceptions of customer expectations",
         "service quality specifications",
         "nurses told to respond 'fast' but not how fast; voicemail answered 'timely'",
         "SMART service standards", "2121-2149"),
        (3, "performance gap", "service quality specifications", "service delivery",
         "a doctor's office with strict hygiene standards but poorly trained staff",
         "HR review, onboarding, training, reward top performers", "2178-2184"),
        (4, "communication gap", "service delivery", "external communications",
         "a hospital brochure shows clean, furnished rooms that are poorly maintained",
         "under-promise and over-deliver; reality-check communications", "2210-2219"),
        (5, "customer gap", "expected service", "perceived service",
         "the patient reads the physician's frequent visits as a sign that something is wrong",
         "cannot be closed directly: close gaps 1-4, found through customer feedback",
         "2245-2247"),
    ],
    columns=["gap", "name", "between", "and", "example", "closed_by", "textbook_lines"],
).set_index("gap")


def _factor(key: str, title: str, *items: str) -> GapFactor:
    return GapFactor(key, title, tuple(items))


#: Seed 002's provider-gap factor list with the textbook's remedies (5.1.12-5.1.15) per gap.
GAP_FACTORS: tuple[ProviderGap, ...] = (
    ProviderGap(1, "Not knowing what customers expect", "knowledge (listening) gap", (
        _factor("1.1", "Inadequate marketing research orientation",
                "Insufficient marketing research", "Research not focused on service quality",
                "Inadequate use of market research"),
        _factor("1.2", "Lack of upward communication",
                "Lack of interaction between management and customers",
                "Insufficient communication between contact employees and managers",
                "Too many layers between contact personnel and top management"),
        _factor("1.3", "Insufficient relationship focus", "Lack of market segmentation",
                "Focus on transactions rather than relationships",
                "Focus on new customers rather than relationship customers"),
        _factor("1.4", "Inadequate service recovery",
                "Lack of encouragement to listen to customer complaints",
                "Failure to make amends when things go wrong",
                "No appropriate recovery mechanisms in place for service failures"),
    ), (
        "Market research: comprehensive studies, post-transaction surveys, customer panels and "
        "interviews, customer complaints (TB l.2094)",
        "Fewer layers between management and customer-contact personnel (TB l.2095)",
        "Upward communication from customers and contact staff to management (S0 l.7)",
        "A listening research programme built from the eight research types (S0 l.3)",
    )),
    ProviderGap(2, "Not having the right service quality designs and standards", "policy gap", (
        _factor("2.1", "Poor service design", "Unsystematic new service development process",
                "Vague, undefined service designs",
                "Failure to connect service design to service positioning"),
        _factor("2.2", "Absence of customer-driven standards",
                "Lack of customer-driven service standards",
                "Absence of process management to focus on customer requirements",
                "Absence of formal process for setting service quality goals"),
        _factor("2.3", "Inappropriate physical evidence and servicescape",
                "Failure to develop tangibles in line with customer expectations",
                "Servicescape design that does not meet customer and employee needs",
                "Inadequate maintenance and updating of the servicescape"),
    ), (
        "Write SMART standards: specific, measurable, actionable, relevant, timely (TB l.2129-2135)",
        "Articulate service levels and business (budget) assumptions (TB l.2145)",
        "Develop, communicate and train to specific customer service standards (TB l.2146)",
        "Factor service-level performance into evaluations of all related personnel (TB l.2147)",
        "Measure performance and adjust resources to meet service level objectives (TB l.2148)",
        "Monitor industry service-level standards and update policy (TB l.2149)",
    )),
    ProviderGap(3, "Not delivering to service designs and standards", "performance gap", (
        _factor("3.1", "Deficiencies in human resource policies", "Ineffective recruitment",
                "Role ambiguity and role conflict", "Poor employee-technology job fit",
                "Inappropriate evaluation and compensation systems",
                "Lack of empowerment, perceived control, and teamwork"),
        _factor("3.2", "Customers who do not fulfill roles",
                "Customers who lack knowledge of their roles and responsibilities",
                "Customers who negatively impact each other"),
        _factor("3.3", "Problems with service intermediaries",
                "Channel conflict over objectives and performance",
                "Difficulty controlling quality and consistency",
                "Tension between empowerment and control"),
        _factor("3.4", "Failure to match supply and demand",
                "Failure to smooth peaks and valleys of demand", "Inappropriate customer mix",
                "Overreliance on price to smooth demand"),
    ), (
        "Review financial and operating assumptions so that specifications are achievable "
        "(TB l.2182)",
        "Review HR activities: job analysis, descriptions, screening, selection, training, "
        "evaluation (TB l.2182)",
        "A well-structured onboarding process and product/service training (TB l.2182)",
        "Cultivate a customer-centric team; recognise and reward top performers (TB l.2182)",
    )),
    ProviderGap(4, "Not matching performance to promises", "communication gap", (
        _factor("4.1", "Lack of integrated services marketing communications",
                "Tendency to view each external communication as independent",
                "Not including interactive marketing in communications plan",
                "Absence of strong internal marketing program"),
        _factor("4.2", "Ineffective management of customer expectations",
                "Absence of customer expectation management through all forms of communication",
                "Lack of adequate education for customers"),
        _factor("4.3", "Overpromising", "Overpromising in advertising",
                "Overpromising in personal selling",
                "Overpromising through physical evidence cues"),
        _factor("4.4", "Inadequate horizontal communications",
                "Insufficient communication between sales and operations",
                "Insufficient communication between advertising and operations",
                "Differences in policies and procedures across branches or units"),
    ), (
        "Under-promise and over-deliver; above all, keep your word (TB l.2212)",
        "Review communications across all touch points for accuracy and consistency (TB l.2216)",
        "A 'reality check' review and approval process for new campaigns (TB l.2217)",
        "Mock customer interactions, listening in and coaching (TB l.2218)",
        "Employee input, customer reviews and real employees/customers in advertising "
        "(TB l.2219)",
    )),
)

#: Seed 000's eight research types (l.3) with the gaps each mainly informs (see module docstring).
RESEARCH_TYPES = pd.DataFrame(
    [
        ("customer complaint solicitation", "identify dissatisfied customers and common "
         "failure points; attempt recovery", (1, 5)),
        ("relationship surveys", "monitor and track overall service performance against "
         "competitors", (1, 5)),
        ("post-transaction surveys", "immediate feedback on individual transactions; gauge "
         "effects of delivery changes", (3, 5)),
        ("customer focus groups", "discover requirements and diagnose problem areas; input to "
         "service design", (1, 2)),
        ("mystery shopping", "measure individual and team performance against the service "
         "standards", (3, 4)),
        ("employee surveys", "internal service quality, obstacles to delivery, upward "
         "communication", (1, 3)),
        ("lost customer research", "reasons why customers defect", (1, 5)),
        ("critical service encounters research", "requirements and failure points at the "
         "transaction level; best practices", (1, 2)),
    ],
    columns=["research_type", "purpose", "gaps"],
).set_index("research_type")


def _item_table() -> pd.DataFrame:
    rows = [(f"{f.key}.{j}", g.number, f.key, f.title, text)
            for g in GAP_FACTORS for f in g.factors for j, text in enumerate(f.items, start=1)]
    return pd.DataFrame(rows, columns=["id", "gap", "factor", "factor_title", "item"]
                        ).set_index("id")


def audit_template() -> pd.DataFrame:
    """The 45 audit items (index ``"gap.factor.item"``, e.g. ``"4.3.1"``) to be rated 1-5.

    >>> t = audit_template(); t.shape, t.loc["4.3.1", "item"]
    ((45, 4), 'Overpromising in advertising')
    """
    return _item_table()


@dataclass(frozen=True)
class GapAudit:
    """Audit result: ``items`` (45 ratings), ``factors`` and ``gaps`` ranked by severity."""

    items: pd.DataFrame
    factors: pd.DataFrame
    gaps: pd.DataFrame

    def __repr__(self) -> str:
        top = self.factors.iloc[0]
        return (f"GapAudit(worst gap={int(self.gaps.index[0])} "
                f"({self.gaps.iloc[0]['score']:.2f}), worst factor={top.name} "
                f"'{top['title']}' ({top['score']:.2f}))")


def _ratings_frame(ratings: Any, ids: pd.Index) -> pd.DataFrame:
    if isinstance(ratings, Mapping):
        ratings = pd.Series(ratings)
    if isinstance(ratings, pd.Series):
        ratings = ratings.to_frame().T
    if not isinstance(ratings, pd.DataFrame):
        arr = np.asarray(ratings, dtype=float)
        arr = arr[None, :] if arr.ndim == 1 else arr
        if arr.ndim != 2 or arr.shape[1] != len(ids):
            raise ValueError(f"ratings must hold {len(ids)} values per rater (one per audit item); "
                             f"got shape {np.shape(ratings)}")
        ratings = pd.DataFrame(arr, columns=ids)
    cols = ratings.columns.astype(str)
    unknown = sorted(set(cols) - set(ids))
    if unknown:
        raise ValueError(f"ratings has unknown audit item id(s) {unknown[:5]}; see audit_template()")
    absent = [i for i in ids if i not in set(cols)]
    if absent:
        raise ValueError(f"ratings is missing audit item(s) {absent[:5]} ({len(absent)} in all); "
                         f"rate all 45 items")
    frame = ratings.set_axis(cols, axis=1)[list(ids)]
    try:
        values = frame.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise TypeError("ratings must be numbers on the 1-5 scale") from None
    if np.isnan(values).any():
        raise ValueError("ratings has missing values; rate every item for every rater")
    return pd.DataFrame(values, index=frame.index, columns=ids)


def gap_audit(ratings: Any, *, scale: tuple[float, float] = (1, 5)) -> GapAudit:
    """Score and rank the provider gaps from ratings of seed 002's 45 sub-items.

    Each item is rated for how serious the problem is here (1 = not a problem ... 5 = a serious
    problem); several raters (rows) are averaged. Factor score = mean of its items; gap score =
    mean of its factor scores (each key factor counts equally). Factors and gaps are ranked from
    the most to the least serious; each gap carries the textbook's remedies.

    >>> r = {i: 1 for i in audit_template().index} | {"4.3.1": 5, "4.3.2": 5, "4.3.3": 4}
    >>> a = gap_audit(r)
    >>> a.factors.index[0], round(float(a.factors.iloc[0]["score"]), 3), int(a.gaps.index[0])
    ('4.3', 4.667, 4)
    """
    if not isinstance(scale, (tuple, list)) or len(scale) != 2:
        raise TypeError(f"scale must be a (lowest, highest) pair such as (1, 5); got {scale!r}")
    low, high = (float(check_number(s, "scale")) for s in scale)
    table = _item_table()
    frame = _ratings_frame(ratings, table.index)
    check_number(frame.to_numpy(), "ratings", low=low, high=high)
    items = table.assign(rating=frame.mean(axis=0).to_numpy(), n_raters=len(frame))
    factor_titles = {f.key: f.title for g in GAP_FACTORS for f in g.factors}
    factors = (items.groupby("factor", sort=False)
               .agg(gap=("gap", "first"), score=("rating", "mean"), n_items=("rating", "size"),
                    worst_item=("rating", "idxmax")))
    factors.insert(1, "title", [factor_titles[k] for k in factors.index])
    factors = factors.sort_values("score", ascending=False, kind="stable")
    factors["rank"] = np.arange(1, len(factors) + 1)
    by_gap = factors.groupby("gap", sort=True)
    gaps = pd.DataFrame({
        "title": [g.title for g in GAP_FACTORS],
        "name": [g.name for g in GAP_FACTORS],
        "score": by_gap["score"].mean().to_numpy(),
        "worst_factor": by_gap["score"].idxmax().to_numpy(),
        "remedies": ["; ".join(g.remedies) for g in GAP_FACTORS],
    }, index=pd.Index([g.number for g in GAP_FACTORS], name="gap"))
    gaps = gaps.sort_values("score", ascending=False, kind="stable")
    gaps.insert(3, "rank", np.arange(1, len(gaps) + 1))
    return GapAudit(items=items, factors=factors, gaps=gaps)


def programme_coverage(research_types: Any) -> pd.DataFrame:
    """Which of the five gaps a chosen set of research types informs.

    >>> programme_coverage(["mystery shopping", "relationship surveys"])["covered"].tolist()
    [True, False, True, True, True]
    """
    chosen = [research_types] if isinstance(research_types, str) else list(research_types)
    unknown = [t for t in chosen if t not in RESEARCH_TYPES.index]
    if unknown:
        raise ValueError(f"research_types has unknown type(s) {unknown}; choose from "
                         f"{list(RESEARCH_TYPES.index)}")
    rows = []
    for gap in FIVE_GAPS.index:
        by = [t for t in chosen if gap in RESEARCH_TYPES.loc[t, "gaps"]]
        rows.append({"gap": gap, "name": FIVE_GAPS.loc[gap, "name"], "covered": bool(by),
                     "by": ", ".join(by)})
    return pd.DataFrame(rows).set_index("gap")
