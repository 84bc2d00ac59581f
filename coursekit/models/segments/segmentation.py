"""Segmentation and competition: project context, segment economics, importance tables.

Source: textbook 7.1 "Defining the Context" (l.2784-2920): the project context statement, the
bottled-water segmentation economics (Figure 7.1.1), the service-station importance table
(Figure 7.1.2, Mobil / Sullivan 1995), people vs situation segments, the Harley-Davidson
segments (Winer 2002) and the four levels of competition (Figure 7.1.3).

The textbook gives the bottled-water *result* ($75 -> $115) and says "the calculations appear
in the Appendix to this chapter"; that appendix - presumably of the chapter's source, the
3-Circle book of Urbany, J. E. & Davis, J. H. (2010), *Grow by Focusing on What Matters:
Competitive Strategy in 3 Circles* (the seed does not name its source) - is not in the seed and
the coursekit authors have not seen it. The market size, shares, vitamin cost and bottle
counts in :func:`bottled_water` are therefore **assumptions of the coursekit authors**, chosen so
that the totals match the textbook's $75 and $115 - not numbers taken from the appendix, which
may use different ones (the 60 health bottles are derived so the totals match).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from coursekit._validate import (
    as_float_array,
    check_bool,
    check_choice,
    check_columns,
    check_nonnegative,
    check_number,
    check_probability,
)

__all__ = [
    "ContextStatement", "context_statement", "TEXTBOOK_CONTEXTS", "VAGUE_WORDS",
    "segment_contribution", "BottledWater", "bottled_water",
    "SERVICE_STATION_SEGMENTS", "SEGMENT_DESCRIPTIONS", "LEVEL_SCORES", "service_station_table", "encode_importance",
    "discriminating_reasons", "segment_fit", "blend_segments", "HARLEY_SEGMENTS",
    "COMPETITION_LEVELS", "DIET_COKE_COMPETITORS", "competition_level",
    "SEGMENTATION_STEPS",
]

# --------------------------------------------------------------------------------------------
# Project context statement (l.2788-2824)
# --------------------------------------------------------------------------------------------

#: Words that leave a slot of the context statement undefined (the photographer's pitfall).
VAGUE_WORDS: dict[str, tuple[str, ...]] = {
    "segment": ("customers", "customer", "everyone", "everybody", "people", "clients",
                "consumers", "users", "the market", "all", "buyers", "anyone"),
    "competitor": ("competitors", "the competition", "competition", "everyone", "others",
                   "anyone", "all"),
    "unit": ("the company", "our company", "company", "the business", "division",
             "all divisions", "everything", "all products"),
}


@dataclass(frozen=True)
class ContextStatement:
    """"My goal is to grow UNIT by creating more value for SEGMENT than COMPETITOR does."."""

    unit: str
    segment: str
    competitor: str
    problems: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        return (f"My goal is to grow {self.unit} by creating more value for {self.segment} "
                f"than {self.competitor} does.")

    @property
    def is_focused(self) -> bool:
        return not self.problems

    def __repr__(self) -> str:
        verdict = "focused" if self.is_focused else "; ".join(self.problems)
        return f"ContextStatement({self.text!r}, {verdict})"


def _vague(text: str, words: Sequence[str]) -> bool:
    cleaned = re.sub(r"[^a-z' ]", " ", text.lower()).strip()
    cleaned = re.sub(r"^(the|our|all|local|its|their)\s+", "", cleaned) or cleaned
    return cleaned in words or text.lower().strip() in words


def context_statement(unit: str, segment: str, competitor: str) -> ContextStatement:
    """Build the 3-Circle project context statement and flag ill-defined slots (l.2788, 2800).

    A slot is flagged when it is empty, when the segment or competitor is a generic word such
    as "customers" (Johnson Photography's mistake), or when the unit is the whole company or
    a division rather than a "subject of choice" (l.2824).

    >>> context_statement("McDonald's", "breakfast customers", "Starbucks").is_focused
    True
    >>> context_statement("Johnson Photography", "customers", "Frederick Pictures").problems
    ("segment 'customers' is ill-defined: name who chooses and why (e.g. school administrators vs wedding couples)",)
    """
    slots = {"unit": unit, "segment": segment, "competitor": competitor}
    for name, value in slots.items():
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a string; got {type(value).__name__}")
    problems = []
    for name, value in slots.items():
        if not value.strip():
            problems.append(f"{name} is empty")
        elif _vague(value, VAGUE_WORDS[name]):
            hint = {
                "segment": "name who chooses and why (e.g. school administrators vs "
                           "wedding couples)",
                "competitor": "name the option the target customer seriously considers",
                "unit": "use a product, service, brand or line that customers choose",
            }[name]
            problems.append(f"{name} {value.strip()!r} is ill-defined: {hint}")
    return ContextStatement(unit.strip(), segment.strip(), competitor.strip(), tuple(problems))


#: The textbook's project contexts (l.2792-2794, 2800, 2822, 2914).
TEXTBOOK_CONTEXTS: tuple[tuple[str, str, str], ...] = (
    ("McDonald's", "breakfast customers", "Starbucks"),
    ("Harrah's Casino", "the high net worth gambler", "Empress Casino"),
    ("Orbitz", "high frequency travelers", "Expedia.com"),
    ("Johnson Photography", "customers", "Frederick Pictures"),
    ("Medline's fashion scrubs business",
     "hospital employees in a color by discipline program", "a local scrub store"),
    ("outsourced market research", "internal research users",
     "the current 3-person market research department"),
)

#: Sarvary & Elberse (2006), as quoted at l.2839-2841: the basic logic of segmentation.
SEGMENTATION_STEPS: tuple[str, ...] = (
    "identify the different benefits customers seek",
    "group customers by the benefits they seek",
    "describe the groups with other descriptors (age, income, firm size, location)",
)

# --------------------------------------------------------------------------------------------
# Segment economics: the bottled-water example (Figure 7.1.1)
# --------------------------------------------------------------------------------------------
_ASSUMED = "assumption of the coursekit authors (the textbook's appendix is unavailable)"


def segment_contribution(segments: pd.DataFrame) -> pd.DataFrame:
    """Contribution by segment and product: ``units x (price - unit_cost)``.

    ``segments`` needs columns ``units``, ``price`` and ``unit_cost`` (one row per
    segment-product combination); a ``contribution`` column is added. Sum it for the total.

    >>> df = pd.DataFrame({"units": [140, 60], "price": [1.0, 1.5], "unit_cost": [0.5, 0.75]})
    >>> segment_contribution(df)["contribution"].tolist()
    [70.0, 45.0]
    """
    check_columns(segments, "segments", ["units", "price", "unit_cost"])
    out = segments.copy()
    units = check_nonnegative(out["units"].to_numpy(dtype=float), "units")
    price = check_nonnegative(out["price"].to_numpy(dtype=float), "price")
    cost = check_nonnegative(out["unit_cost"].to_numpy(dtype=float), "unit_cost")
    out["margin"] = np.round(price - cost, 10)
    out["contribution"] = np.round(units * (price - cost), 10)
    return out


@dataclass(frozen=True)
class BottledWater:
    """The two scenarios of Figure 7.1.1 with every number's source."""

    undifferentiated: pd.DataFrame
    differentiated: pd.DataFrame
    assumptions: Mapping[str, str]

    @property
    def totals(self) -> tuple[float, float]:
        return (float(self.undifferentiated["contribution"].sum()),
                float(self.differentiated["contribution"].sum()))

    def __repr__(self) -> str:
        before, after = self.totals
        return (f"BottledWater(undifferentiated ${before:.2f} -> differentiated ${after:.2f}, "
                f"+{after / before - 1:.1%})")


def bottled_water(market_size: int = 500, price_share: float = 0.70,
                  undifferentiated_share: float = 0.30, regular_price: float = 1.00,
                  regular_cost: float = 0.50, health_price: float = 1.50,
                  vitamin_cost: float = 0.25, price_segment_share: float = 0.40,
                  health_segment_share_before: float = 10 / 150,
                  health_segment_share_after: float = 0.40) -> BottledWater:
    """The textbook's bottled-water example (l.2828-2835) as a general two-segment calculator.

    From the textbook: price $1.00, margin $0.50, 70 % price driven, 30 % health driven who pay
    $1.50, total contribution $75 -> $115. **Assumptions of the coursekit authors** (not from
    the textbook, and not from the Urbany & Davis appendix, which is unavailable): 500
    customers buying one bottle each, a 30 % share (150 bottles) before, 140 of them to the
    price segment (40 % of 350), vitamins adding $0.25; the 60 health bottles (40 % of 150) are
    derived so that the totals match.

    >>> bottled_water().totals
    (75.0, 115.0)
    """
    n = check_number(market_size, "market_size", low=0.0, low_open=True)
    p = check_probability(price_share, "price_share")
    s0 = check_probability(undifferentiated_share, "undifferentiated_share")
    for name, v in (("regular_price", regular_price), ("regular_cost", regular_cost),
                    ("health_price", health_price), ("vitamin_cost", vitamin_cost)):
        check_nonnegative(v, name)
    sp = check_probability(price_segment_share, "price_segment_share")
    sh0 = check_probability(health_segment_share_before, "health_segment_share_before")
    sh1 = check_probability(health_segment_share_after, "health_segment_share_after")
    price_people, health_people = n * p, n * (1 - p)
    price_units = price_people * sp
    health_before = health_people * sh0
    if abs(price_units + health_before - n * s0) > 1e-6 * max(n, 1):
        raise ValueError(
            "undifferentiated_share must equal the segment purchases "
            f"({(price_units + health_before) / n:.4g}); got {s0:g}")
    before = segment_contribution(pd.DataFrame({
        "segment": ["price driven", "health driven"], "product": ["regular", "regular"],
        "units": np.round([price_units, health_before], 10),
        "price": [regular_price] * 2, "unit_cost": [regular_cost] * 2}))
    after = segment_contribution(pd.DataFrame({
        "segment": ["price driven", "health driven"], "product": ["regular", "vitamin"],
        "units": np.round([price_units, health_people * sh1], 10),
        "price": [regular_price, health_price],
        "unit_cost": [regular_cost, regular_cost + vitamin_cost]}))
    assumptions = {
        "price $1.00, margin $0.50": "textbook l.2828",
        "70 % price driven / 30 % health driven": "textbook l.2830",
        "health segment pays $1.50": "textbook l.2830",
        "total $75 -> $115": "textbook l.2830",
        f"{n:g} customers, one bottle each": _ASSUMED,
        f"{s0:.0%} share before ({n * s0:g} bottles)": _ASSUMED,
        f"price segment share {sp:.0%} ({price_units:g} bottles)":
            _ASSUMED,
        f"vitamins add ${vitamin_cost:.2f} per bottle": _ASSUMED,
        f"health segment share after {sh1:.0%} ({health_people * sh1:g} bottles)":
            "derived so the total matches $115",
    }
    return BottledWater(before, after, assumptions)


# --------------------------------------------------------------------------------------------
# The service-station importance table (Figure 7.1.2)
# --------------------------------------------------------------------------------------------

#: Figure 7.1.2 exactly as printed (l.2860-2869). L = low, M = moderate, H = high importance.
#: Transcribed verbatim: CC BY-NC-SA 4.0 like its source (TB 7.1), not MIT - see LICENSES.md.
SERVICE_STATION_SEGMENTS = pd.DataFrame(
    {"price driven": ["H", "M", "L", "M", "M", "L", "L"],
     "on-the-go snackers": ["M", "H", "H", "M", "L", "L", "M"],
     "loyalists": ["L", "H", "M", "H", "M", "M", "H"]},
    index=pd.Index(["Prices good/saves me money",
                    "Fast service/saves me time",
                    "Needed milk/they have a big product assortment",
                    "I know and like the people there/relationship",
                    "Convenient location on my way to work",
                    "Close to my house",
                    "Very neat, well maintained"], name="reason"),
)
#: Segment descriptions printed above the table.
SEGMENT_DESCRIPTIONS = {
    "price driven": "always searching for the lowest price in the market",
    "on-the-go snackers": "frequent stops for snacks and food items in addition to gas",
    "loyalists": "very loyal to a particular service station; considered a 'regular'",
}
#: Ordinal coding of L/M/H (a modelling choice, not from the textbook).
LEVEL_SCORES = {"L": 1, "M": 2, "H": 3}


def service_station_table(encoded: bool = False) -> pd.DataFrame:
    """Figure 7.1.2 as a DataFrame (letters, or 1/2/3 with ``encoded=True``).

    >>> service_station_table().loc["Close to my house"].tolist()
    ['L', 'L', 'M']
    """
    table = SERVICE_STATION_SEGMENTS.copy()
    return encode_importance(table) if encoded else table


def encode_importance(table: pd.DataFrame, scores: Mapping[str, float] | None = None
                      ) -> pd.DataFrame:
    """Replace L/M/H letters by numbers (default L=1, M=2, H=3).

    >>> encode_importance(pd.DataFrame({"s": ["L", "H"]}))["s"].tolist()
    [1, 3]
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame; got {type(table).__name__}")
    scores = dict(LEVEL_SCORES if scores is None else scores)
    values = pd.unique(table.to_numpy().ravel())
    unknown = [v for v in values if v not in scores]
    if unknown:
        raise ValueError(f"table has level(s) {unknown}; allowed are {list(scores)}")
    return table.apply(lambda col: col.map(scores))


def discriminating_reasons(table: pd.DataFrame) -> pd.DataFrame:
    """Which reasons separate the segments: the range and spread of importance across segments.

    >>> int(discriminating_reasons(service_station_table()).iloc[0]["range"])
    2
    """
    scores = table if table.dtypes.map(pd.api.types.is_numeric_dtype).all() \
        else encode_importance(table)
    out = pd.DataFrame({"range": scores.max(axis=1) - scores.min(axis=1),
                        "std": scores.std(axis=1, ddof=0).round(4),
                        "highest for": scores.idxmax(axis=1)})
    return out.sort_values(["range", "std"], ascending=False, kind="stable")


def segment_fit(performance, importance: pd.DataFrame | None = None) -> pd.Series:
    """Importance-weighted performance of an offer for each segment, on the performance scale.

    ``fit_s = sum_i w_is p_i / sum_i w_is`` with ``w`` the encoded L/M/H importance.

    >>> perf = pd.Series(1.0, index=service_station_table().index)
    >>> segment_fit(perf).tolist()
    [1.0, 1.0, 1.0]
    """
    table = service_station_table() if importance is None else importance
    w = table if table.dtypes.map(pd.api.types.is_numeric_dtype).all() \
        else encode_importance(table)
    w = w.astype(float)
    check_nonnegative(w.to_numpy(), "importance")
    if isinstance(performance, Mapping):
        performance = pd.Series(performance, dtype=float)
    if isinstance(performance, pd.Series):
        missing = [r for r in w.index if r not in performance.index]
        if missing:
            raise ValueError(f"performance is missing reason(s) {missing}")
        p = as_float_array(performance.loc[w.index].to_numpy(), "performance")
    else:
        p = as_float_array(performance, "performance")
        if p.shape != (len(w),):
            raise ValueError(f"performance must have {len(w)} values, one per reason")
    fit = (w.to_numpy() * p[:, None]).sum(axis=0) / w.to_numpy().sum(axis=0)
    return pd.Series(fit, index=w.columns, name="fit")


def blend_segments(shares: Mapping[str, float], importance: pd.DataFrame | None = None
                   ) -> pd.Series:
    """Importance profile of a mix of segments (or of one person's situations).

    A person who is a "price driven" buyer on some trips and an "on-the-go snacker" on others
    (situation segments, l.2856) - or a sample that lumps segments together - has the weighted
    average profile ``sum_s share_s w_s``, which blurs the distinct segment profiles.

    >>> float(blend_segments({"price driven": 0.5, "loyalists": 0.5}).iloc[0])
    2.0
    """
    table = service_station_table() if importance is None else importance
    w = table if table.dtypes.map(pd.api.types.is_numeric_dtype).all() \
        else encode_importance(table)
    if not isinstance(shares, Mapping) or not shares:
        raise TypeError("shares must be a non-empty mapping of segment -> share")
    for seg in shares:
        check_choice(seg, "shares", list(w.columns))
    s = pd.Series({k: check_probability(v, f"shares[{k!r}]") for k, v in shares.items()})
    if abs(s.sum() - 1) > 1e-9:
        raise ValueError(f"shares must sum to 1; got {s.sum():.4g}")
    return (w[s.index].astype(float) * s).sum(axis=1).rename("blended importance")


#: Winer (2002) as quoted at l.2875: at least six Harley-Davidson segments; two are named.
HARLEY_SEGMENTS = {"tour gliders": 0.14, "dream riders": 0.40, "four other segments": 0.46}

# --------------------------------------------------------------------------------------------
# Levels of competition (Figure 7.1.3)
# --------------------------------------------------------------------------------------------

#: The four levels, from closest to broadest, with the textbook's Diet Coke examples.
COMPETITION_LEVELS: dict[str, str] = {
    "product form": "same exact product form (Diet Pepsi for Diet Coke)",
    "product category": "other products of the category (other sodas: national, regional, "
                        "local brands)",
    "generic": "other ways to meet the same need (coffee or another beverage that is not soda)",
    "budget": "anything competing for the same money (the $1.50: chips, pretzels, a comic "
              "book, a candy bar)",
}
#: Diet Coke's competitors by level (l.2886-2895).
DIET_COKE_COMPETITORS: dict[str, str] = {
    "Diet Pepsi": "product form",
    "a regional soda": "product category",
    "a local soda": "product category",
    "a cup of coffee": "generic",
    "bag of potato chips": "budget",
    "pretzels": "budget",
    "comic book": "budget",
    "candy bar": "budget",
}


def competition_level(same_form, same_category, same_need) -> np.ndarray:
    """Classify a competitor: the narrowest level whose test it passes (Figure 7.1.3).

    Same product form -> "product form"; else same category -> "product category"; else meets
    the same need -> "generic"; else it only competes for the budget -> "budget".

    >>> competition_level([True, False, False, False], [True, True, False, False],
    ...                   [True, True, True, False]).tolist()
    ['product form', 'product category', 'generic', 'budget']
    """
    arrays = []
    for name, v in (("same_form", same_form), ("same_category", same_category),
                    ("same_need", same_need)):
        arrays.append(check_bool(v, name, array=True))
    form, cat, need = np.broadcast_arrays(*arrays)
    if np.any(form & ~cat) or np.any(cat & ~need):
        raise ValueError("same_form implies same_category, which implies same_need")
    return np.select([form, cat, need], ["product form", "product category", "generic"],
                     "budget")
