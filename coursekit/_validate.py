"""Argument checks shared by every model.

Each check raises ``TypeError`` for a value of the wrong kind and ``ValueError`` for a value out
of range, and the message always names the argument and what is allowed, so a student who passes
``retention=80`` instead of ``0.8`` learns exactly what went wrong. Nothing is silently coerced to
NaN: non-finite numbers are rejected.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np

__all__ = [
    "as_float_array",
    "check_number",
    "check_probability",
    "check_positive",
    "check_nonnegative",
    "check_integer",
    "check_choice",
    "check_columns",
    "check_same_length",
    "check_bool",
]


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_float_array(value: Any, name: str) -> np.ndarray:
    """Convert ``value`` to a float array, rejecting non-numeric and non-finite input.

    >>> as_float_array([1, 2.5], "x")
    array([1. , 2.5])
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a number or an array of numbers; got {_describe(value)}")
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a number, not a boolean; got {value!r}")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a number or an array of numbers; got {_describe(value)}"
        ) from None
    if arr.dtype == object:  # pragma: no cover - numpy already raises above
        raise TypeError(f"{name} must be numeric; got {_describe(value)}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or infinity); got {_describe(value)}")
    return arr


def _unwrap(arr: np.ndarray, original: Any) -> float | np.ndarray:
    if arr.ndim == 0 and not isinstance(original, np.ndarray):
        return float(arr)
    return arr


def check_number(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    scalar: bool = False,
) -> float | np.ndarray:
    """Return ``value`` as a float (or float array) after checking it lies in the given range.

    >>> check_number(0.3, "gross_margin", low=0, high=1)
    0.3
    >>> check_number(-1, "price", low=0)
    Traceback (most recent call last):
    ...
    ValueError: price must be >= 0; got -1

    ``scalar=True`` rejects arrays (``TypeError``): for quantities that make no sense per element.
    """
    arr = as_float_array(value, name)
    if scalar and arr.ndim:
        raise TypeError(f"{name} must be a single number; got an array of shape {arr.shape}")
    if low is not None:
        bad = arr <= low if low_open else arr < low
        if np.any(bad):
            op = ">" if low_open else ">="
            raise ValueError(f"{name} must be {op} {low:g}; got {_describe(value)}")
    if high is not None:
        bad = arr >= high if high_open else arr > high
        if np.any(bad):
            op = "<" if high_open else "<="
            raise ValueError(f"{name} must be {op} {high:g}; got {_describe(value)}")
    return _unwrap(arr, value)


def check_probability(value: Any, name: str, *, open_low: bool = False,
                      open_high: bool = False, scalar: bool = False) -> float | np.ndarray:
    """A share or probability in [0, 1] (a percentage like 80 is rejected with a hint).

    >>> check_probability(0.8, "retention")
    0.8
    """
    arr = as_float_array(value, name)
    if np.any(arr > 1) and np.all((arr >= 0) & (arr <= 100)):
        raise ValueError(
            f"{name} must be a proportion between 0 and 1; got {_describe(value)} "
            f"(write 80% as 0.8)"
        )
    return check_number(value, name, low=0.0, high=1.0, low_open=open_low, high_open=open_high,
                        scalar=scalar)


def check_positive(value: Any, name: str, *, scalar: bool = False) -> float | np.ndarray:
    """A number > 0."""
    return check_number(value, name, low=0.0, low_open=True, scalar=scalar)


def check_nonnegative(value: Any, name: str, *, scalar: bool = False) -> float | np.ndarray:
    """A number >= 0."""
    return check_number(value, name, low=0.0, scalar=scalar)


def check_bool(value: Any, name: str, *, array: bool = False) -> bool | np.ndarray:
    """True or False (``array=True``: also an array of them).

    >>> check_bool(True, "kitchen")
    True
    >>> check_bool(1, "kitchen")
    Traceback (most recent call last):
    ...
    TypeError: kitchen must be True or False; got 1
    """
    if array:
        arr = np.asarray(value)
        if arr.dtype != bool:
            raise TypeError(f"{name} must be True/False (or an array of them); "
                            f"got {_describe(value)}")
        return arr
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {_describe(value)}")
    return bool(value)


def check_integer(value: Any, name: str, *, low: int | None = None,
                  high: int | None = None) -> int:
    """A whole number (``True``/``False`` and 2.5 are rejected).

    >>> check_integer(5, "n_purchases", low=1)
    5
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (Integral, Real)):
        raise TypeError(f"{name} must be a whole number; got {_describe(value)}")
    if isinstance(value, Real) and not isinstance(value, Integral):
        if not float(value).is_integer():
            raise TypeError(f"{name} must be a whole number; got {_describe(value)}")
    value = int(value)
    if low is not None and value < low:
        raise ValueError(f"{name} must be >= {low}; got {value}")
    if high is not None and value > high:
        raise ValueError(f"{name} must be <= {high}; got {value}")
    return value


def check_choice(value: Any, name: str, options: Iterable[Any]) -> Any:
    """One of a fixed set of options.

    >>> check_choice("start", "timing", ("start", "end"))
    'start'
    >>> check_choice("begin", "timing", ("start", "end"))
    Traceback (most recent call last):
    ...
    ValueError: timing must be one of 'start', 'end'; got 'begin'
    """
    options = tuple(options)
    try:
        ok = value in options
    except TypeError:
        ok = False
    if not ok:
        allowed = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {allowed}; got {_describe(value)}")
    return value


def check_columns(frame: Any, name: str, required: Sequence[str]) -> None:
    """``frame`` is a DataFrame holding every column in ``required``."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(frame).__name__}")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{name} is missing column(s) {missing}; it has {list(frame.columns)}"
        )


def check_same_length(**arrays: Any) -> int:
    """All keyword arrays have the same length; returns it."""
    lengths = {k: len(np.atleast_1d(v)) for k, v in arrays.items()}
    if len(set(lengths.values())) > 1:
        desc = ", ".join(f"{k} has {n}" for k, n in lengths.items())
        raise ValueError(f"arguments must have the same length: {desc}")
    return next(iter(lengths.values()))
