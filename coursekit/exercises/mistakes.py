"""The student's side of the class report: "your most frequent mistake so far".

Reads the student's own progress store (:mod:`coursekit.exercises.progress`) and names the
misconception their wrong answers matched most often, with the feedback it gave and a link to
the lesson that teaches the idea (the welcome notebook shows it).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

__all__ = ["Mistake", "most_frequent_mistake"]


@dataclass(frozen=True)
class Mistake:
    """The misconception a student's wrong answers matched most often (``name`` None: none)."""

    name: str | None
    count: int = 0
    questions: tuple[str, ...] = ()
    message: str = ""
    lesson: str = ""        #: the lesson notebook's file name, e.g. "04_customer_lifetime_value.ipynb"
    lesson_title: str = ""

    def __repr__(self) -> str:
        if self.name is None:
            return "No known mistake recorded so far: keep checking your answers with check()."
        return (f"Your most frequent mistake so far: {self.name} ({self.count} time(s), in "
                f"{', '.join(self.questions)}). {self.message} Revisit the lesson "
                f"{self.lesson_title} ({self.lesson}).")

    def _repr_html_(self) -> str:
        if self.name is None:
            return f"<p class='mathjax_ignore'>{html.escape(repr(self))}</p>"
        text = html.escape(self.message).replace("$", "&#36;")
        return (f"<div class='mathjax_ignore tex2jax_ignore'><p><strong>Your most frequent "
                f"mistake so far:</strong> <code>{html.escape(self.name)}</code> "
                f"({self.count} time(s), in {html.escape(', '.join(self.questions))}).</p>"
                f"<p>{text}</p><p>Revisit the lesson <a href='{html.escape(self.lesson)}'>"
                f"{html.escape(self.lesson_title)}</a>.</p></div>")


def most_frequent_mistake(attempts=None) -> Mistake:
    """The most frequent misconception among the student's wrong answers (ties: the latest).

    ``attempts`` defaults to the student's progress store
    (:func:`~coursekit.exercises.progress.read_attempts`); the generic slips ``close`` (not
    enough decimals) are not counted as a misconception.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"question_id": ["01.3", "01.3", "01.2"], "correct": [False] * 3,
    ...                      "misconception": ["beds", "beds", "inverted"]})
    >>> m = most_frequent_mistake(rows); (m.name, m.count, m.lesson)
    ('beds', 2, '01_value_equation.ipynb')
    """
    from coursekit.course import get_module

    from .core import get_question
    from .marking import misconception_message

    if attempts is None:
        from .progress import read_attempts

        attempts = read_attempts()
    wrong = attempts[(~attempts["correct"].astype(bool)) & attempts["misconception"].notna()]
    wrong = wrong[wrong["misconception"] != "close"]
    if wrong.empty:
        return Mistake(None)
    counts = wrong.groupby("misconception", sort=False).size()
    last = {name: k for k, name in enumerate(wrong["misconception"])}
    name = max(counts.index, key=lambda n: (counts[n], last[n]))
    rows = wrong[wrong["misconception"] == name]
    questions = tuple(dict.fromkeys(rows["question_id"]))
    latest = questions[-1]
    message = misconception_message(get_question(latest), name)
    module = get_module(latest.split(".")[0])
    return Mistake(name, int(counts[name]), questions, message, module.notebook, module.title)
