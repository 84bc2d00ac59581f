"""The gaps model of service quality, measured with SERVQUAL.

The textbook (5.1.11-5.1.16) defines service quality as the customer's comparison of
expectations with performance, and the *customer gap* (gap 5) as the difference between the
service a customer expected and the service the customer perceived. Gaps 1-4 are the *provider
gaps* that cause it (see :mod:`coursekit.models.gap_audit`).

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

>>> e = np.full((2, 22), 6.0); p = np.full((2, 22), 5.0)
>>> servqual_score(dimension_scores(gap_scores(e, p))).tolist()
[-1.0, -1.0]
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import as_float_array, check_choice, check_number
from coursekit.models.gap_audit import GAP_FACTORS, gap_audit  # re-exported (issue 4 contract)

__all__ = [
    "DIMENSIONS", "ITEMS", "ServqualItem", "GAP_FACTORS", "gap_audit", "items_table",
    "item_columns", "as_item_frame", "gap_scores", "dimension_scores", "servqual_score",
    "servperf_score", "ZoneOfTolerance", "zone_of_tolerance", "knowledge_gap",
    "cronbach_alpha", "reliability_table", "importance_performance",
]

DIMENSIONS: tuple[str, ...] = ("tangibles", "reliability", "responsiveness", "assurance", "empathy")


@dataclass(frozen=True)
class ServqualItem:
    """One SERVQUAL item: its number, dimension and the two statements rated 1-7."""

    number: int
    dimension: str
    expectation: str
    perception: str


_EXC = "Excellent companies"
_TEXT = (  # (dimension, expectation statement, perception statement); XYZ = the firm rated
    ("tangibles", f"{_EXC} will have modern-looking equipment.",
     "XYZ has modern-looking equipment."),
    ("tangibles", "The physical facilities at excellent companies will be visually appealing.",
     "XYZ's physical facilities are visually appealing."),
    ("tangibles", "Employees at excellent companies will be neat-appearing.",
     "XYZ's employees are neat-appearing."),
    ("tangibles", "Materials associated with the service (such as pamphlets or statements) will "
     "be visually appealing in an excellent company.",
     "Materials associated with the service (such as pamphlets or statements) are visually "
     "appealing at XYZ."),
    ("reliability", "When excellent companies promise to do something by a certain time, they "
     "will do so.", "When XYZ promises to do something by a certain time, it does so."),
    ("reliability", "When a customer has a problem, excellent companies will show a sincere "
     "interest in solving it.", "When you have a problem, XYZ shows a sincere interest in "
     "solving it."),
    ("reliability", f"{_EXC} will perform the service right the first time.",
     "XYZ performs the service right the first time."),
    ("reliability", f"{_EXC} will provide their services at the time they promise to do so.",
     "XYZ provides its services at the time it promises to do so."),
    ("reliability", f"{_EXC} will insist on error-free records.",
     "XYZ insists on error-free records."),
    ("responsiveness", "Employees of excellent companies will tell customers exactly when "
     "services will be performed.", "Employees of XYZ tell you exactly when services will be "
     "performed."),
    ("responsiveness", "Employees of excellent companies will give prompt service to customers.",
     "Employees of XYZ give you prompt service."),
    ("responsiveness", "Employees of excellent companies will always be willing to help "
     "customers.", "Employees of XYZ are always willing to help you."),
    ("responsiveness", "Employees of excellent companies will never be too busy to respond to "
     "customers' requests.", "Employees of XYZ are never too busy to respond to your requests."),
    ("assurance", "The behavior of employees of excellent companies will instill confidence in "
     "customers.", "The behavior of employees of XYZ instills confidence in you."),
    ("assurance", "Customers of excellent companies will feel safe in their transactions.",
     "You feel safe in your transactions with XYZ."),
    ("assurance", "Employees of excellent companies will be consistently courteous with "
     "customers.", "Employees of XYZ are consistently courteous with you."),
    ("assurance", "Employees of excellent companies will have the knowledge to answer "
     "customers' questions.", "Employees of XYZ have the knowledge to answer your questions."),
    ("empathy", f"{_EXC} will give customers individual attention.",
     "XYZ gives you individual attention."),
    ("empathy", f"{_EXC} will have operating hours convenient to all their customers.",
     "XYZ has operating hours convenient to all its customers."),
    ("empathy", f"{_EXC} will have employees who give customers personal attention.",
     "XYZ has employees who give you personal attention."),
    ("empathy", f"{_EXC} will have the customer's best interests at heart.",
     "XYZ has your best interests at heart."),
    ("empathy", "The employees of excellent companies will understand the specific needs of "
     "their customers.", "Employees of XYZ understand your specific needs."),
)
#: The 22 items of the revised SERVQUAL (Parasuraman, Berry & Zeithaml 1991). Not from the
#: textbook. Tangibles 1-4, reliability 5-9, responsiveness 10-13, assurance 14-17, empathy 18-22.
ITEMS: tuple[ServqualItem, ...] = tuple(
    ServqualItem(i + 1, d, e, p) for i, (d, e, p) in enumerate(_TEXT)
)
_N_ITEMS = len(ITEMS)
_ITEM_DIM = np.array([it.dimension for it in ITEMS])
# 22 x 5 indicator matrix (item i belongs to dimension d) and the item count per dimension.
_INDICATOR = (_ITEM_DIM[:, None] == np.array(DIMENSIONS)[None, :]).astype(float)
_COUNTS = _INDICATOR.sum(axis=0)


def _dimension_means(values: np.ndarray) -> np.ndarray:
    """Mean of the items of each dimension (sum, then divide: exact for whole numbers)."""
    return values @ _INDICATOR / _COUNTS
_MISSING = ("raise", "drop")


def items_table() -> pd.DataFrame:
    """The 22 items as a table (index: item number).

    >>> items_table().groupby("dimension", sort=False).size().tolist()
    [4, 5, 4, 4, 5]
    """
    return pd.DataFrame(
        [(it.number, it.dimension, it.expectation, it.perception) for it in ITEMS],
        columns=["item", "dimension", "expectation", "perception"],
    ).set_index("item")


def item_columns(prefix: str) -> list[str]:
    """Column names ``prefix01 .. prefix22`` as used in the ``servqual_survey`` dataset.

    >>> item_columns("e")[:3]
    ['e01', 'e02', 'e03']
    """
    if not isinstance(prefix, str):
        raise TypeError(f"prefix must be a string such as 'e' or 'p'; got {prefix!r}")
    return [f"{prefix}{i:02d}" for i in range(1, _N_ITEMS + 1)]


def _check_scale(scale: Any) -> tuple[float, float]:
    if not isinstance(scale, (tuple, list)) or len(scale) != 2:
        raise TypeError(f"scale must be a (lowest, highest) pair such as (1, 7); got {scale!r}")
    low, high = (float(check_number(s, "scale")) for s in scale)
    if not low < high:
        raise ValueError(f"scale must have lowest < highest; got {scale!r}")
    return low, high


def _item_number(label: Any, name: str) -> int:
    if isinstance(label, (int, np.integer)) and not isinstance(label, (bool, np.bool_)):
        return int(label)
    match = re.fullmatch(r"[A-Za-z_ ]*?0*(\d+)", str(label).strip())
    if match is None:
        raise ValueError(
            f"{name} has a column {label!r} that is not a SERVQUAL item; name item columns by "
            f"number (1-22) or with the number at the end ('e01', 'p22')"
        )
    return int(match.group(1))


def as_item_frame(data: Any, name: str = "items") -> pd.DataFrame:
    """Item responses as a respondents x 22 float frame with columns ``1..22`` (NaN kept).

    Accepts a wide DataFrame, a 2-D array (or one respondent as a 1-D array) or a long
    DataFrame with columns ``respondent``, ``item``, ``score``.

    >>> long = pd.DataFrame({"respondent": [7] * 22, "item": range(1, 23), "score": 4})
    >>> as_item_frame(long).shape
    (1, 22)
    """
    if isinstance(data, pd.DataFrame) and {"respondent", "item", "score"} <= set(data.columns):
        repeated = data.duplicated(["respondent", "item"])
        if repeated.any():
            who, item = data.loc[repeated, ["respondent", "item"]].iloc[0].tolist()
            raise ValueError(f"{name} (long format) repeats respondent {_label(who)!r}, "
                             f"item {_label(item)!r}; each pair must appear once")
        wide = data.pivot(index="respondent", columns="item", values="score")
    elif isinstance(data, pd.DataFrame):
        wide = data
    elif isinstance(data, pd.Series):
        wide = data.to_frame().T
    else:
        arr = np.asarray(data, dtype=object)
        if arr.ndim == 1:
            arr = arr[None, :]
        if arr.ndim != 2:
            raise ValueError(f"{name} must be 2-D (respondents x items); got {arr.ndim} dimensions")
        wide = pd.DataFrame(arr, columns=range(1, arr.shape[1] + 1))
    numbers = [_item_number(c, name) for c in wide.columns]
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"{name} has more than one column for the same item: {list(wide.columns)}")
    extra = sorted(set(numbers) - set(range(1, _N_ITEMS + 1)))
    if extra:
        raise ValueError(f"{name} has item number(s) {extra}; SERVQUAL items are numbered 1-22")
    absent = sorted(set(range(1, _N_ITEMS + 1)) - set(numbers))
    if absent:
        raise ValueError(f"{name} is missing item(s) {absent}; all 22 SERVQUAL items are needed")
    order = np.argsort(numbers)
    try:
        values = wide.iloc[:, order].to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold numeric responses") from None
    if np.isinf(values).any():
        raise ValueError(f"{name} must be finite (no infinity)")
    return pd.DataFrame(values, index=wide.index.rename("respondent"),
                        columns=pd.Index(range(1, _N_ITEMS + 1), name="item"))


def _label(value: Any) -> Any:
    """A plain Python value for messages (np.int64(3) -> 3)."""
    return value.item() if isinstance(value, np.generic) else value


def _first_missing(frame: pd.DataFrame) -> tuple[Any, Any]:
    r, c = np.argwhere(np.isnan(frame.to_numpy()))[0]
    return _label(frame.index[r]), _label(frame.columns[c])


def _complete(frames: dict[str, pd.DataFrame], missing: str) -> dict[str, pd.DataFrame]:
    """Apply the missing-value policy jointly (listwise deletion keeps the same respondents)."""
    check_choice(missing, "missing", _MISSING)
    ok = np.ones(len(next(iter(frames.values()))), dtype=bool)
    for name, frame in frames.items():
        rows = ~np.isnan(frame.to_numpy()).any(axis=1)
        if missing == "raise" and not rows.all():
            who, item = _first_missing(frame)
            raise ValueError(f"{name} has missing responses (e.g. respondent {who!r}, item {item}); "
                             f"pass missing='drop' to drop incomplete respondents (listwise)")
        ok &= rows
    if not ok.any():
        raise ValueError("no respondent answered every item; nothing is left after missing='drop'")
    return {name: frame.loc[ok] for name, frame in frames.items()}


def _check_range(frame: pd.DataFrame, name: str, scale: tuple[float, float]) -> None:
    low, high = scale
    bad = (frame.to_numpy() < low) | (frame.to_numpy() > high)
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise ValueError(f"{name} has responses outside the {low:g}-{high:g} scale: respondent "
                         f"{_label(frame.index[r])!r}, item {frame.columns[c]} = {frame.iat[r, c]:g}")


def _aligned(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    (first_name, first), *rest = frames.items()
    if first.index.has_duplicates:
        raise ValueError(f"{first_name} has repeated respondent labels in its index")
    out = {first_name: first}
    for name, frame in rest:
        if frame.index.has_duplicates:
            raise ValueError(f"{name} has repeated respondent labels in its index")
        only_a = first.index.difference(frame.index)
        only_b = frame.index.difference(first.index)
        if len(only_a) or len(only_b):
            raise ValueError(
                f"{name} and {first_name} must describe the same respondents: {len(only_a)} only "
                f"in {first_name} (e.g. {list(only_a[:3])}), {len(only_b)} only in {name} "
                f"(e.g. {list(only_b[:3])})")
        out[name] = frame.loc[first.index]
    return out


def gap_scores(expectations: Any, perceptions: Any, *, scale: tuple[float, float] = (1, 7),
               missing: str = "raise") -> pd.DataFrame:
    """Item gap scores ``G_ri = P_ri - E_ri`` for every respondent ``r`` and item ``i``.

    A negative gap means the service fell short of what the customer expected (the customer
    gap, textbook 5.1.16). Respondents are matched by index label (arrays: by row).

    >>> e = pd.DataFrame([[6] * 22], columns=item_columns("e"))
    >>> p = pd.DataFrame([[4] * 22], columns=item_columns("p"))
    >>> gap_scores(e, p).iloc[0, :3].tolist()
    [-2.0, -2.0, -2.0]
    """
    scale = _check_scale(scale)
    frames = {"expectations": as_item_frame(expectations, "expectations"),
              "perceptions": as_item_frame(perceptions, "perceptions")}
    frames = _complete(_aligned(frames), missing)
    for name, frame in frames.items():
        _check_range(frame, name, scale)
    return frames["perceptions"] - frames["expectations"]


def dimension_scores(item_scores: Any) -> pd.DataFrame:
    """Mean item score per dimension, ``G_rd = (1/|I_d|) sum_{i in I_d} G_ri``.

    Works on gaps, expectations or perceptions alike (respondents x 22 items).

    >>> gaps = np.r_[[-1] * 4, [-2] * 5, [0] * 4, [1] * 4, [-1] * 5]
    >>> dimension_scores(gaps).iloc[0].tolist()
    [-1.0, -2.0, 0.0, 1.0, -1.0]
    """
    frame = as_item_frame(item_scores, "item_scores")
    _complete({"item_scores": frame}, "raise")
    return pd.DataFrame(_dimension_means(frame.to_numpy()), index=frame.index,
                        columns=pd.Index(DIMENSIONS, name="dimension"))


def _dimension_frame(data: Any, name: str) -> tuple[pd.DataFrame, bool]:
    """A respondents x 5 frame; the flag says the input was a single profile."""
    single = isinstance(data, (Mapping, pd.Series))
    frame = pd.DataFrame([dict(data)]) if single else data
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a DataFrame with columns {list(DIMENSIONS)} or a "
                        f"Series/dict indexed by them; got {type(data).__name__}")
    absent = [d for d in DIMENSIONS if d not in frame.columns]
    if absent:
        raise ValueError(f"{name} is missing dimension(s) {absent}; need {list(DIMENSIONS)}")
    values = as_float_array(frame[list(DIMENSIONS)].to_numpy(dtype=float), name)
    return pd.DataFrame(values, index=frame.index, columns=list(DIMENSIONS)), single


def servqual_score(dimension_scores: Any, weights: Any = None) -> float | pd.Series:
    """Overall SERVQUAL score, unweighted or importance-weighted.

    Unweighted: ``Q = (1/5) sum_d G_d`` (each dimension counts equally, whatever its number of
    items). Weighted: ``Q_w = sum_d (w_d / 100) G_d`` where ``w`` is the customer's 100-point
    importance allocation (one allocation for everybody, or one row per respondent).

    >>> g = {"tangibles": 0, "reliability": -2, "responsiveness": -1, "assurance": 0,
    ...      "empathy": 0.5}
    >>> servqual_score(g)
    -0.5
    >>> servqual_score(g, {"tangibles": 10, "reliability": 40, "responsiveness": 20,
    ...                    "assurance": 20, "empathy": 10})
    -0.95
    """
    frame, single = _dimension_frame(dimension_scores, "dimension_scores")
    if weights is None:
        score = frame.mean(axis=1)
    else:
        if isinstance(weights, pd.DataFrame):
            w, _ = _dimension_frame(weights, "weights")
            if not w.index.equals(frame.index):
                raise ValueError("weights (one row per respondent) must have the same index as "
                                 "dimension_scores")
        else:
            w, _ = _dimension_frame(weights, "weights")
            w = pd.DataFrame(np.repeat(w.to_numpy(), len(frame), axis=0), index=frame.index,
                             columns=list(DIMENSIONS))
        check_number(w.to_numpy(), "weights", low=0)
        totals = w.sum(axis=1).to_numpy()
        if not np.allclose(totals, 100, atol=1e-6):
            hint = " (write shares as points: multiply by 100)" if np.allclose(totals, 1) else ""
            raise ValueError(f"weights must be a 100-point allocation summing to 100 per "
                             f"respondent; got sums like {totals[0]:g}{hint}")
        score = (frame * w).sum(axis=1) / 100
    score = score.rename("servqual")
    return float(np.round(score.iloc[0], 12)) if single else score


def servperf_score(perceptions: Any, *, scale: tuple[float, float] = (1, 7),
                   missing: str = "raise") -> pd.Series:
    """SERVPERF: the mean of the 22 perception items, ``S_r = (1/22) sum_i P_ri``.

    Not from the textbook: Cronin & Taylor (1992), "Measuring service quality: a reexamination
    and extension", *Journal of Marketing* 56(3), 55-68 (they sum the items; the mean keeps the
    1-7 scale).

    >>> servperf_score(np.r_[[7] * 11, [5] * 11]).tolist()
    [6.0]
    """
    scale = _check_scale(scale)
    frame = _complete({"perceptions": as_item_frame(perceptions, "perceptions")},
                      missing)["perceptions"]
    _check_range(frame, "perceptions", scale)
    return frame.mean(axis=1).rename("servperf")


@dataclass(frozen=True)
class ZoneOfTolerance:
    """Adequacy ``msa = P - A``, superiority ``mss = P - D`` and ``position`` in the zone."""

    msa: Any
    mss: Any
    position: Any

    def to_frame(self) -> pd.DataFrame:
        """The three measures side by side (one row per value)."""
        cols = {"msa": self.msa, "mss": self.mss, "position": self.position}
        return pd.DataFrame({k: np.ravel(np.asarray(v)) for k, v in cols.items()})


def _like(values: np.ndarray, template: Any) -> Any:
    if isinstance(template, pd.DataFrame):
        return pd.DataFrame(values, index=template.index, columns=template.columns)
    if isinstance(template, pd.Series):
        return pd.Series(values, index=template.index, name=template.name)
    if values.ndim == 0:
        return values.item()
    return values


def zone_of_tolerance(adequate: Any, desired: Any, perceived: Any) -> ZoneOfTolerance:
    """Place perceived service against the zone of tolerance ``[adequate, desired]``.

    ``MSA = P - A`` (measure of service adequacy) and ``MSS = P - D`` (measure of service
    superiority); position is ``"below"`` if ``P < A``, ``"above"`` if ``P > D``, else
    ``"within"``. Seed 000: firms should perform above the adequate level and seize chances to
    exceed the desired level. Not from the textbook: the MSA/MSS names (Parasuraman, Zeithaml &
    Berry 1994).

    >>> z = zone_of_tolerance([5, 5, 5], [6.5, 6.5, 6.5], [4.2, 6.0, 6.8])
    >>> z.position.tolist(), np.round(z.msa, 2).tolist()
    (['below', 'within', 'above'], [-0.8, 1.0, 1.8])
    """
    arrays = {n: as_float_array(v, n) for n, v in
              (("adequate", adequate), ("desired", desired), ("perceived", perceived))}
    for name, value in (("adequate", adequate), ("desired", desired)):
        if isinstance(value, (pd.Series, pd.DataFrame)) and type(value) is type(perceived):
            same = value.index.equals(perceived.index) and (
                not isinstance(value, pd.DataFrame) or value.columns.equals(perceived.columns))
            if not same:
                raise ValueError(f"{name} and perceived must have the same index and columns")
    try:
        a, d, p = np.broadcast_arrays(*arrays.values())
    except ValueError:
        shapes = {k: v.shape for k, v in arrays.items()}
        raise ValueError(f"adequate, desired and perceived must have the same shape; got {shapes}")
    if np.any(d < a):
        raise ValueError("desired must be >= adequate everywhere (the desired level is the top "
                         "of the zone of tolerance)")
    position = np.where(p < a, "below", np.where(p > d, "above", "within"))
    template = perceived if isinstance(perceived, (pd.Series, pd.DataFrame)) else None
    if template is not None and np.shape(template) != p.shape:
        template = None
    return ZoneOfTolerance(msa=_like(p - a, template), mss=_like(p - d, template),
                           position=_like(position.astype(object), template))


def knowledge_gap(expectations: Any, management_estimates: Any, *,
                  level: str = "item") -> pd.DataFrame:
    """Gap 1 measured directly: customers' mean expectation minus management's estimate of it.

    ``Gap1_i = mean_r E_ri - mean_m M_mi``; positive means management *underestimates* what
    customers expect (textbook 5.1.12: the hotel that thinks guests want better food while they
    care about responsiveness and clean rooms). ``level="dimension"`` averages items per
    dimension.

    >>> e = np.tile(np.r_[[6.0] * 9, [7.0] * 13], (3, 1)); m = np.full((2, 22), 6.0)
    >>> knowledge_gap(e, m, level="dimension")["gap1"].tolist()
    [0.0, 0.0, 1.0, 1.0, 1.0]
    """
    check_choice(level, "level", ("item", "dimension"))
    frames = {"expectations": as_item_frame(expectations, "expectations"),
              "management_estimates": as_item_frame(management_estimates, "management_estimates")}
    frames = _complete({"expectations": frames["expectations"]}, "raise") | _complete(
        {"management_estimates": frames["management_estimates"]}, "raise")
    for name, frame in frames.items():
        _check_range(frame, name, (1, 7))
    cust = frames["expectations"].mean(axis=0).to_numpy()
    mgmt = frames["management_estimates"].mean(axis=0).to_numpy()
    if level == "dimension":
        cust, mgmt = _dimension_means(cust), _dimension_means(mgmt)
        index = pd.Index(DIMENSIONS, name="dimension")
        out = pd.DataFrame({"customer": cust, "management": mgmt}, index=index)
    else:
        index = pd.Index(range(1, _N_ITEMS + 1), name="item")
        out = pd.DataFrame({"dimension": _ITEM_DIM, "customer": cust, "management": mgmt},
                           index=index)
    out["gap1"] = out["customer"] - out["management"]
    return out


def _as_matrix(items: Any, name: str, missing: str) -> np.ndarray:
    frame = items if isinstance(items, pd.DataFrame) else pd.DataFrame(np.asarray(items, float))
    try:
        values = frame.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold numeric item scores") from None
    if values.ndim != 2:
        raise ValueError(f"{name} must be 2-D (respondents x items)")
    values = _complete({name: pd.DataFrame(values)}, missing)[name].to_numpy()
    return as_float_array(values, name)


def cronbach_alpha(items: Any, *, missing: str = "raise") -> float:
    """Cronbach's alpha of a respondents x k item matrix.

    ``alpha = k/(k-1) * (1 - sum_i s_i^2 / s_T^2)`` with sample variances (ddof=1) of each item
    and of the total score. Not from the textbook: Cronbach (1951), "Coefficient alpha and the
    internal structure of tests", *Psychometrika* 16, 297-334.

    >>> round(cronbach_alpha([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 5]]), 4)
    0.9825
    """
    x = _as_matrix(items, "items", missing)
    n, k = x.shape
    if k < 2 or n < 2:
        raise ValueError(f"items needs at least 2 respondents and 2 items; got {n} x {k}")
    total_var = x.sum(axis=1).var(ddof=1)
    if total_var == 0:
        raise ValueError("items have a constant total score; alpha is undefined")
    return float(k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / total_var))


def reliability_table(item_scores: Any, *, missing: str = "raise") -> pd.DataFrame:
    """Cronbach's alpha and mean inter-item correlation per dimension (and for all 22 items).

    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=(200, 5)).repeat([4, 5, 4, 4, 5], axis=1)
    >>> t = reliability_table(f + rng.normal(scale=0.5, size=(200, 22)))
    >>> t["n_items"].tolist(), bool((t.loc[list(DIMENSIONS), "alpha"] > 0.9).all())
    ([4, 5, 4, 4, 5, 22], True)
    """
    frame = _complete({"item_scores": as_item_frame(item_scores, "item_scores")},
                      missing)["item_scores"]
    rows = []
    for dim in (*DIMENSIONS, "all items"):
        cols = frame.columns if dim == "all items" else frame.columns[_ITEM_DIM == dim]
        sub = frame[cols].to_numpy()
        corr = np.corrcoef(sub, rowvar=False)
        rows.append({"dimension": dim, "items": f"{cols[0]}-{cols[-1]}", "n_items": len(cols),
                     "alpha": cronbach_alpha(sub),
                     "mean_inter_item_r": corr[np.triu_indices_from(corr, 1)].mean()})
    return pd.DataFrame(rows).set_index("dimension")


def importance_performance(importance: Any, performance: Any, *, importance_cut: float | None = None,
                           performance_cut: float | None = None) -> pd.DataFrame:
    """Importance-performance matrix: quadrant of each attribute.

    Cuts default to the means. High importance & low performance -> ``"concentrate here"``,
    high & high -> ``"keep up the good work"``, low & low -> ``"low priority"``, low & high ->
    ``"possible overkill"``. Not from the textbook: Martilla & James (1977),
    "Importance-performance analysis", *Journal of Marketing* 41(1), 77-79.

    >>> ipa = importance_performance({"a": 40, "b": 10, "c": 30, "d": 20},
    ...                              {"a": 4.0, "b": 6.0, "c": 6.5, "d": 4.5})
    >>> ipa["quadrant"].tolist()
    ['concentrate here', 'possible overkill', 'keep up the good work', 'low priority']
    """
    imp = pd.Series(importance, dtype=float) if not isinstance(importance, pd.Series) else importance
    perf = pd.Series(performance, dtype=float) if not isinstance(performance, pd.Series) \
        else performance
    if not imp.index.equals(perf.index):
        raise ValueError("importance and performance must cover the same attributes in the same "
                         f"order; got {list(imp.index)} and {list(perf.index)}")
    i_val = as_float_array(imp.to_numpy(), "importance")
    p_val = as_float_array(perf.to_numpy(), "performance")
    i_cut = i_val.mean() if importance_cut is None else check_number(importance_cut, "importance_cut")
    p_cut = p_val.mean() if performance_cut is None else check_number(performance_cut,
                                                                      "performance_cut")
    high_i, high_p = i_val >= i_cut, p_val >= p_cut
    quadrant = np.where(high_i, np.where(high_p, "keep up the good work", "concentrate here"),
                        np.where(high_p, "possible overkill", "low priority"))
    return pd.DataFrame({"importance": i_val, "performance": p_val, "quadrant": quadrant},
                        index=imp.index)
