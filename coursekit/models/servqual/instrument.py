"""The SERVQUAL instrument: 22 items in five dimensions, and reading item responses.

Not from the textbook: the 22-item instrument and its five dimensions (Parasuraman, Zeithaml &
Berry 1988, "SERVQUAL: a multiple-item scale for measuring consumer perceptions of service
quality", *Journal of Retailing* 64(1), 12-40; item wording of the revision in Parasuraman, Berry
& Zeithaml 1991, "Refinement and reassessment of the SERVQUAL scale", *Journal of Retailing*
67(4), 420-450).

Item responses are accepted *wide* (one row per respondent, one column per item: item numbers
``1..22`` or names ending in the item number such as ``"e01"``/``"p01"``), as a 2-D array, or
*long* (a DataFrame with columns ``respondent``, ``item``, ``score``). All 22 items are needed;
missing answers raise an error unless ``missing="drop"`` asks for listwise deletion.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from coursekit._validate import check_choice, check_number

__all__ = [
    "DIMENSIONS", "ITEMS", "ServqualItem", "items_table", "item_columns", "as_item_frame",
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
