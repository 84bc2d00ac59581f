"""A synthetic class: who answers which question right, and which mistake the others make.

Not from the textbook: a test bed for the instructors' misconception report
(``coursekit class-report``). Every student answers every question until right or out of
attempts. The first attempt is right with probability ``p_first``; a later one with
``p_fix`` (a student who read the feedback usually fixes the mistake). A wrong answer comes
from misconception ``m`` with the *planted rate* ``rates[question][m]`` - the share of wrong
answers it explains - and is an unexplained slip ("other") otherwise. Because the rates are
known, a report built from the class's attempts can be checked against them.

>>> plan = synthetic_class({"01.3": {"percent": 0.5}}, n_students=4, seed=1)
>>> list(plan.columns)
['student', 'question_id', 'attempt', 'outcome']
>>> sorted(set(plan["outcome"]) - {"correct", "other", "percent"})
[]
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from coursekit._validate import check_integer, check_probability

__all__ = ["OTHER", "synthetic_class"]

#: The outcome of a wrong answer no known misconception explains.
OTHER = "other"


def _check_rates(rates: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    if not isinstance(rates, Mapping) or not rates:
        raise ValueError("rates must map question ids to {misconception: share of wrong "
                         "answers}")
    out = {}
    for qid, shares in rates.items():
        if not isinstance(shares, Mapping):
            raise TypeError(f"rates[{qid!r}] must be a mapping of misconception -> share")
        clean = {str(m): check_probability(s, f"rates[{qid!r}][{m!r}]") for m, s in shares.items()}
        if {"correct", OTHER} & set(clean):
            raise ValueError(f"rates[{qid!r}]: 'correct' and {OTHER!r} are outcomes, not "
                             "misconceptions")
        if sum(clean.values()) > 1 + 1e-9:
            raise ValueError(f"rates[{qid!r}]: the shares of wrong answers add up to "
                             f"{sum(clean.values()):.3f} > 1")
        out[str(qid)] = clean
    return out


def synthetic_class(rates: Mapping[str, Mapping[str, float]], n_students: int = 120, *,
                    p_first: float = 0.55, p_fix: float = 0.7, max_attempts: int = 3,
                    seed: int = 2026) -> pd.DataFrame:
    """Every attempt of a class: one row per student x question x attempt.

    Returns ``student`` (``"s001"``, ...), ``question_id``, ``attempt`` (1, 2, ...) and
    ``outcome``: ``"correct"``, a misconception name of ``rates`` or ``"other"``. A student
    stops at the first correct answer or after ``max_attempts``.
    """
    rates = _check_rates(rates)
    n_students = check_integer(n_students, "n_students", low=1)
    p_first = check_probability(p_first, "p_first")
    p_fix = check_probability(p_fix, "p_fix")
    max_attempts = check_integer(max_attempts, "max_attempts", low=1)
    seed = check_integer(seed, "seed", low=0)
    rng = np.random.default_rng(seed)
    students = np.array([f"s{k:03d}" for k in range(1, n_students + 1)], dtype=object)
    frames = []
    for qid, shares in rates.items():
        names = np.array([*shares, OTHER], dtype=object)
        probs = np.array([*shares.values(), 1.0 - sum(shares.values())])
        probs[-1] = max(probs[-1], 0.0)
        # all attempts drawn at once; a student's sequence is cut after the first success
        right = rng.random((n_students, max_attempts)) < np.r_[p_first, [p_fix] * (max_attempts - 1)]
        wrong = names[rng.choice(names.size, size=(n_students, max_attempts), p=probs / probs.sum())]
        first_right = np.where(right.any(axis=1), right.argmax(axis=1), max_attempts - 1)
        attempts = np.arange(max_attempts)[None, :] <= first_right[:, None]
        outcome = np.where(right, "correct", wrong)
        rows, cols = np.nonzero(attempts)
        frames.append(pd.DataFrame({
            "student": students[rows], "question_id": qid, "attempt": cols + 1,
            "outcome": outcome[rows, cols]}))
    plan = pd.concat(frames, ignore_index=True)
    plan["attempt"] = plan["attempt"].astype("int64")
    return plan.sort_values(["student", "question_id", "attempt"], ignore_index=True)
