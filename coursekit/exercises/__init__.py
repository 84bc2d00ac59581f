"""Instant feedback on exercises: ``check(question_id, answer)`` and ``hint(question_id)``.

Questions live in question banks (``coursekit.exercises.bank.<topic>``, listed in ``bank.BANKS``), one per module. Each
question knows its answer key, its tolerance, hints, and *misconceptions*: functions that compute
the wrong answer a typical mistake produces, so ``check`` can say which mistake was likely made.

A numeric answer within 1 % of the key is "close: give more decimals"; ``hint()`` without a
question explains how to call it. Each checked answer is recorded (``progress``).

>>> check("01.1", ...)
01.1: not answered yet - replace ... with your answer (dollars; unrounded, or at least 4
significant digits) and run the cell again.
>>> check("01.3", 40)
01.3: correct!
"""
from __future__ import annotations

from .core import (Feedback, Hint, Misconception, Question, check, exercise_data, get_question,
                   grade, hint, list_questions, nbgrader_student, record_progress, register,
                   reset_hints, set_student)

# The answer keys (coursekit.grading.answer_key) are an instructor tool and deliberately not
# part of this student-facing namespace.
__all__ = ["Feedback", "Hint", "Misconception", "Question", "check", "exercise_data",
           "get_question", "grade", "hint", "list_questions", "nbgrader_student",
           "record_progress", "register", "reset_hints", "set_student"]
