"""A small, safe encoding of exercise answers as JSON (for grading outside the student's kernel).

Only plain values survive: ``None``/``...`` (unanswered), booleans, finite or non-finite numbers,
strings, and (nested) sequences of them; NumPy scalars and arrays, pandas Series and DataFrames
become lists of their values, sets become sorted lists. Anything else is encoded as
``{"unsupported": "<type name>"}``, which the grader reports as an answer it cannot check.
Decoding never builds anything but these plain values, so a forged payload can at most be
*some* answer, never code.

>>> import numpy as np
>>> encode_answer(np.float64(2.5)), encode_answer([1, np.int64(2)]), encode_answer(...)
(2.5, [1, 2], {'placeholder': True})
>>> decode_answer(encode_answer({"a", "b"}))
['a', 'b']
>>> decode_answer({"placeholder": True}) is None
True
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["ANSWER_MIME", "encode_answer", "decode_answer", "UnsupportedAnswer"]

#: MIME type of the display output that carries a graded answer out of the kernel.
ANSWER_MIME = "application/vnd.coursekit.answer+json"
_MAX_ITEMS = 100_000
_MAX_DEPTH = 8


class UnsupportedAnswer(ValueError):
    """The payload does not hold an answer coursekit can check."""


def _number(x: float | int) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return {"float": repr(x)}  # nan, inf, -inf: JSON has no literal for them
    return x


def encode_answer(answer: Any, _depth: int = 0) -> Any:
    """``answer`` as plain JSON values (see the module docstring)."""
    if answer is None or answer is Ellipsis:
        return {"placeholder": True}
    if _depth > _MAX_DEPTH:
        return {"unsupported": "nesting deeper than 8 levels"}
    if isinstance(answer, (bool, np.bool_)):
        return bool(answer)
    if isinstance(answer, (int, np.integer)):
        return int(answer)
    if isinstance(answer, (float, np.floating)):
        return _number(float(answer))
    if isinstance(answer, str):
        return answer
    if hasattr(answer, "to_numpy") and callable(answer.to_numpy):  # pandas Series/DataFrame
        try:
            answer = answer.to_numpy()
        except Exception:  # noqa: BLE001 - a broken object is simply not an answer
            return {"unsupported": type(answer).__name__}
    if isinstance(answer, np.ndarray):
        if answer.size > _MAX_ITEMS:
            return {"unsupported": f"array of {answer.size} values"}
        return encode_answer(answer.tolist() if answer.ndim else answer.item(), _depth + 1)
    if isinstance(answer, (set, frozenset)):
        items = [encode_answer(v, _depth + 1) for v in answer]
        return sorted(items, key=repr)
    if isinstance(answer, (list, tuple)):
        if len(answer) > _MAX_ITEMS:
            return {"unsupported": f"sequence of {len(answer)} values"}
        return [encode_answer(v, _depth + 1) for v in answer]
    return {"unsupported": type(answer).__name__}


def decode_answer(value: Any, _depth: int = 0) -> Any:
    """The plain answer encoded by :func:`encode_answer` (``None`` for unanswered).

    Raises :class:`UnsupportedAnswer` for an answer that was not a plain value.
    """
    if _depth > _MAX_DEPTH + 1:
        raise UnsupportedAnswer("the answer is nested too deeply")
    if isinstance(value, dict):
        if value == {"placeholder": True}:
            return None
        if set(value) == {"float"} and value["float"] in ("nan", "inf", "-inf"):
            return float(value["float"])
        if set(value) == {"unsupported"}:
            raise UnsupportedAnswer(f"the answer is a {str(value['unsupported'])[:80]}, not a "
                                    f"number, text, True/False or a list of those")
        raise UnsupportedAnswer("the recorded answer is not in coursekit's format")
    if isinstance(value, list):
        return [decode_answer(v, _depth + 1) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise UnsupportedAnswer("the recorded answer is not in coursekit's format")
