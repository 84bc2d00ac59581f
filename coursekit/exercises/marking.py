"""Comparing a student's answer with the key: coercion, tolerance, and diagnosis of near misses.

A number matches the key when ``|answer - key| <= atol + rtol * |key|`` (``numpy.isclose``,
the question's ``rtol`` and ``atol``). Beyond that, :func:`near_miss` explains answers that are
*almost* something recognisable, within ``CLOSE = 1 %``: the key itself (rounded too much), a
known misconception, or either of them given as a percentage instead of a proportion.

>>> from coursekit.exercises.core import Question
>>> q = Question("99.1", "share?", answer=lambda d: 0.7883, unit="a proportion (0-1)")
>>> near_miss(q, 0.79, 0.7883, {})[1]
'close'
>>> near_miss(q, 78.8, 0.7883, {})[1]
'percent'
>>> precision_text(q)
'unrounded, or at least 4 significant digits'
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

__all__ = ["CLOSE", "numbers_match", "normalise_choice", "coerce", "same", "precision_text",
           "confusions", "near_miss"]

CLOSE = 0.01  # "close: give more decimals" within 1 % of the key


def numbers_match(answer, target, rtol: float, atol: float) -> bool:
    a = np.asarray(answer, dtype=float)
    t = np.asarray(target, dtype=float)
    return a.shape == t.shape and bool(np.all(np.isclose(a, t, rtol=rtol, atol=atol)))


def normalise_choice(value: Any) -> str:
    """Case, ``-``, ``_`` and spacing do not matter; an ``A / B`` pair is unordered."""
    text = " ".join(str(value).strip().lower().replace("_", " ").replace("-", " ").split())
    if " / " in text:
        text = " / ".join(sorted(part.strip() for part in text.split(" / ")))
    return text


def coerce(answer: Any, q) -> Any:
    """Turn the student's answer into the comparable form, or raise ValueError with advice."""
    if q.kind == "number":
        if isinstance(answer, (str, bytes, bool, np.bool_)):
            raise ValueError(f"the answer should be a number, not {type(answer).__name__} "
                             f"{answer!r}")
        try:
            arr = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"the answer should be a number; got {answer!r}") from None
        if arr.size != 1:
            raise ValueError(f"the answer should be a single number; got {arr.size} values")
        value = float(arr.reshape(()))
        if not np.isfinite(value):
            raise ValueError(f"the answer is {value}, not a finite number - check for a "
                             f"division by zero or a missing value")
        return value
    if q.kind == "numbers":
        try:
            arr = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"the answer should be a list of numbers; got {answer!r}") from None
        if not np.all(np.isfinite(arr)):
            raise ValueError("the answer contains NaN or infinity")
        return arr
    if q.kind == "bool":
        if not isinstance(answer, (bool, np.bool_)):
            raise ValueError(f"the answer should be True or False; got {answer!r}")
        return bool(answer)
    options = {normalise_choice(o): o for o in q.options}
    values = [answer] if q.kind == "choice" else answer
    if q.kind == "choices" and isinstance(answer, (str, bytes)):
        values = [answer]
    chosen = []
    for v in values:
        key = normalise_choice(v)
        if key not in options:
            # the options are not listed here: for a short list that would hand out the answer
            raise ValueError(f"{v!r} is not one of the {len(q.options)} options of this "
                             f"question; write one as the question gives it (case, '-' and "
                             f"'_' do not matter)")
        chosen.append(options[key])
    return chosen[0] if q.kind == "choice" else frozenset(chosen)


def same(answer: Any, target: Any, q) -> bool:
    if q.kind in ("number", "numbers"):
        return numbers_match(answer, target, q.rtol, q.atol)
    if q.kind == "choices":
        return answer == frozenset(target)
    if q.kind == "choice":
        return normalise_choice(answer) == normalise_choice(target)
    return answer == target


def precision_text(q) -> str:
    """How precisely to answer a numeric question: ``ceil(-log10(rtol)) + 1`` significant digits.

    >>> from types import SimpleNamespace
    >>> precision_text(SimpleNamespace(rtol=0.02))
    'unrounded, or at least 3 significant digits'
    """
    digits = max(2, math.ceil(-math.log10(q.rtol)) + 1)
    return f"unrounded, or at least {digits} significant digits"


def _wrong_answers(q, data: dict):
    """``(misconception, its wrong answer in comparable form)`` for those computable on data."""
    for m in q.misconceptions:
        try:
            wrong = m.wrong(data)
            yield m, (coerce(wrong, q) if q.kind.startswith("choice") else wrong)
        except Exception:  # noqa: BLE001 - a misconception that cannot be computed is skipped
            continue


def confusions(q, data: dict, key: Any = None, *, rtol: float | None = None) -> list[str]:
    """Names of the misconceptions whose wrong answer is the key itself on ``data``.

    Such a mistake would be marked correct, so question data must avoid it. ``rtol`` widens the
    tolerance of numeric questions (``CLOSE``: the wrong answer must not even look rounded).
    """
    key = q.answer(data) if key is None else key
    names = []
    for m, wrong in _wrong_answers(q, data):
        if q.kind in ("number", "numbers") and rtol is not None:
            clash = numbers_match(wrong, key, max(rtol, q.rtol), q.atol)
        else:
            clash = same(wrong, key, q)
        if clash:
            names.append(m.name)
    return names


PERCENT = ("Your answer is 100 times the key: did you use a percentage (like 30) where a "
           "proportion (0.30) is needed?")
PER_CENT_OF = "Your answer is 1/100 of the key: is the answer asked for in percent?"
SIGN = "the sign is flipped - check which quantity is subtracted from which."


def near_miss(q, value, target, data: dict) -> tuple[str, str] | None:
    """``(message, name)`` for a wrong numeric answer that is nearly a recognisable one.

    In this order: the key x 100, / 100 or with its sign flipped (at the question's tolerance);
    the key within ``CLOSE`` ("close"); a misconception within ``CLOSE``; a misconception x 100.
    """
    def near(x, rtol):
        return numbers_match(value, x, rtol, q.atol)

    scalar = q.kind == "number" and float(np.asarray(target, dtype=float)) != 0.0
    if scalar:
        for factor, msg, name in ((100, PERCENT, "percent"), (0.01, PER_CENT_OF, "percent")):
            if near(target * factor, q.rtol):
                return f"not quite. {msg}", name
        if near(-target, q.rtol):
            return f"not quite: {SIGN}", "sign"
    if near(target, CLOSE):
        return (f"close, but not within the {q.rtol:.1%} the check allows: give more decimals "
                f"({precision_text(q)}).", "close")
    wrongs = list(_wrong_answers(q, data)) if q.kind == "number" else []
    for m, wrong in wrongs:
        if near(wrong, CLOSE):
            return f"not quite. {m.message}", m.name
    if scalar:
        if near(target * 100, CLOSE):
            return f"not quite. {PERCENT}", "percent"
        for m, wrong in wrongs:
            if float(wrong) != 0.0 and near(np.asarray(wrong, dtype=float) * 100, CLOSE):
                return (f"not quite. {m.message} (And it looks like a percentage: give a "
                        f"proportion such as 0.30, not 30.)", m.name)
    return None


def misconception_message(q, name: str) -> str:
    """The feedback students saw for the mistake ``name`` on question ``q``: the question's own
    misconception, or one of the checks every numeric question has (``percent``, ``sign``,
    ``close``); empty for an unknown name.

    >>> from coursekit.exercises.core import get_question
    >>> misconception_message(get_question("01.3"), "percent") == PERCENT
    True
    """
    own = next((m.message for m in q.misconceptions if m.name == name), None)
    if own is not None:
        return own
    generic = {"percent": PERCENT, "sign": SIGN[0].upper() + SIGN[1:],
               "close": "Close, but not within the tolerance the check allows: give more "
                        "decimals."}
    return generic.get(name, "")
