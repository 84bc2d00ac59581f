"""Question registry, answer checking with misconception feedback, and hints."""
from __future__ import annotations

import copy
import hashlib
import html
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import marking

__all__ = ["Misconception", "Question", "Feedback", "Hint", "register", "get_question",
           "list_questions", "set_student", "exercise_data", "check", "hint",
           "reset_hints", "grade", "nbgrader_student", "normalise_question_id", "verdict",
           "record_progress"]

KINDS = ("number", "numbers", "choice", "choices", "bool")
STUDENT_ENV = "COURSEKIT_STUDENT"


@dataclass(frozen=True)
class Misconception:
    """A known mistake: ``wrong(data)`` computes the answer it produces; ``message`` explains it."""

    name: str
    wrong: Callable[[dict], Any]
    message: str


@dataclass(frozen=True)
class Question:
    """One checkable exercise question.

    ``answer(data)`` computes the answer key from the question's data; ``data(rng)`` draws
    per-student data (``None``: the same data for everybody, e.g. the textbook's numbers).
    Questions of a module that use the same ``data`` function see the same numbers, so a
    follow-up question can build on an earlier one's data.
    """

    id: str
    prompt: str
    answer: Callable[[dict], Any]
    kind: str = "number"
    options: tuple[str, ...] = ()
    rtol: float = 1e-3
    atol: float = 1e-6
    misconceptions: tuple[Misconception, ...] = ()
    hints: tuple[str, ...] = ()
    data: Callable[[np.random.Generator], dict] | None = None
    points: int = 1
    explanation: str = ""
    unit: str = ""

    @property
    def answer_format(self) -> str:
        """What a numeric answer looks like, e.g. "dollars; unrounded, or at least 4
        significant digits" (empty for other kinds)."""
        if self.kind not in ("number", "numbers"):
            return ""
        unit = f"{self.unit}; " if self.unit else ""
        return f"{unit}{marking.precision_text(self)}"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}; got {self.kind!r}")
        if self.kind in ("choice", "choices") and not self.options:
            raise ValueError(f"question {self.id}: a {self.kind} question needs options")

    @property
    def module(self) -> str:
        return self.id.split(".")[0]


_REGISTRY: dict[str, Question] = {}
_LOADED_BANKS: set[str] = set()
_HINTS_SHOWN: dict[str, int] = {}
_STUDENT: list[str | None] = [None]


def register(*questions: Question) -> None:
    """Add questions to the registry (called by each question bank at import)."""
    for q in questions:
        if q.id in _REGISTRY and _REGISTRY[q.id] is not q:
            raise ValueError(f"question id {q.id!r} is registered twice")
        _REGISTRY[q.id] = q


def _bank_modules() -> dict[str, list[str]]:
    """Question-bank module names by course-module id (``"01" -> ["...bank.value"]``)."""
    from .bank import BANKS

    return {module_id: [f"{__package__}.bank.{name}"] for module_id, name in BANKS.items()}


def _load_bank(module_id: str, banks: dict[str, list[str]] | None = None) -> None:
    if module_id in _LOADED_BANKS:
        return
    for name in (banks if banks is not None else _bank_modules()).get(module_id, []):
        importlib.import_module(name)
    _LOADED_BANKS.add(module_id)


def _load_all_banks() -> None:
    banks = _bank_modules()  # one scan of the package for all modules
    for module_id in banks:
        _load_bank(module_id, banks)


def normalise_question_id(question_id: str) -> str:
    """``"4.7"`` -> ``"04.7"``, ``" 04.07 "`` -> ``"04.7"``; other text is returned stripped.

    >>> normalise_question_id("4.7")
    '04.7'
    """
    text = question_id.strip()
    module, _, number = text.partition(".")
    if module.isdigit() and number.isdigit():
        return f"{int(module):02d}.{int(number)}"
    return text


def get_question(question_id: str) -> Question:
    """The registered question ``question_id`` (e.g. ``"04.2"``; ``"4.2"`` is read the same)."""
    if not isinstance(question_id, str) or "." not in question_id:
        raise ValueError(f"question_id must look like '01.3' (module.question); got "
                         f"{question_id!r}")
    question_id = normalise_question_id(question_id)
    _load_bank(question_id.split(".")[0])
    if question_id not in _REGISTRY:
        import difflib

        same = list_questions(question_id.split(".")[0])
        if not same:
            _load_all_banks()
        near = difflib.get_close_matches(question_id, list(_REGISTRY), n=1, cutoff=0.6)
        tip = f" Did you mean {near[0]!r}?" if near else ""
        raise ValueError(f"unknown question {question_id!r}.{tip} Known questions of this "
                         f"module: {', '.join(same) or 'none'}")
    return _REGISTRY[question_id]


def list_questions(module_id: str | None = None) -> list[str]:
    """Ids of all questions (of one module), in natural order."""
    if module_id is None:
        _load_all_banks()
    else:
        _load_bank(module_id)
    ids = [q for q in _REGISTRY if module_id is None or q.startswith(f"{module_id}.")]
    return sorted(ids, key=lambda q: tuple(int(p) if p.isdigit() else p for p in q.split(".")))


# --- per-student data -------------------------------------------------------------------------

def set_student(student_id: str | None) -> None:
    """Give this session a student id: questions with data then use that student's numbers.

    The id can also come from the environment variable ``COURSEKIT_STUDENT``. ``None`` returns
    to the shared default data.
    """
    if student_id is not None and (not isinstance(student_id, str) or not student_id.strip()):
        raise TypeError(f"student_id must be a non-empty string or None; got {student_id!r}")
    _STUDENT[0] = student_id.strip() if student_id else None


def _current_student() -> str | None:
    return _STUDENT[0] or (os.environ.get(STUDENT_ENV) or None)


def _seed(question: Question, student: str | None) -> int:
    """Questions of one module with the same data function share their numbers."""
    if student is None:
        return 20211  # the default data every student sees without an id
    key = f"{student}|{question.module}|{getattr(question.data, '__qualname__', question.id)}"
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little")


_DATA: dict[tuple[str, str, int], dict] = {}
MAX_DRAWS = 200


def _distinct_data(q: Question, seed: int) -> dict:
    """Draw the data of ``q`` (and of every question sharing its data function) from ``seed``.

    A draw on which some misconception's wrong answer equals the key, or lies within 1 % of a
    numeric key, is rejected and the next draw of the same generator taken, so every known
    mistake is told apart from the right answer; the result is cached per seed.
    """
    name = getattr(q.data, "__qualname__", q.id)
    cache_key = (q.module, name, seed)
    if cache_key not in _DATA:
        siblings = [o for o in _REGISTRY.values() if o.module == q.module and o.data is q.data]
        rng = np.random.default_rng(seed)
        for _ in range(MAX_DRAWS):
            data = q.data(rng)
            if not any(marking.confusions(o, data, rtol=marking.CLOSE) for o in siblings):
                break
        _DATA[cache_key] = data
    return copy.deepcopy(_DATA[cache_key])


def exercise_data(question_id: str, student: str | None = None) -> dict:
    """The data of a question for ``student`` (default: the current student)."""
    q = get_question(question_id)
    if q.data is None:
        return {}
    student = student if student is not None else _current_student()
    return _distinct_data(q, _seed(q, student))


def answer_key(question_id: str, student: str | None = None) -> Any:
    """The answer key of a question for ``student`` (an instructor tool, not for students)."""
    q = get_question(question_id)
    return q.answer(exercise_data(question_id, student))


# --- checking ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer. Truthy when correct."""

    question_id: str
    status: str  # "correct", "incorrect", "unanswered" or "invalid"
    message: str
    misconception: str | None = None

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return f"{self.question_id}: {self.message}"

    def _repr_html_(self) -> str:
        colour = {"correct": "#1b7837", "unanswered": "#555555"}.get(self.status, "#b2182b")
        icon = {"correct": "&#10004;", "unanswered": "&#9998;"}.get(self.status, "&#10008;")
        return (f'<div role="status" class="coursekit-feedback {NO_MATH}" '
                f'style="border-left:4px solid {colour};padding:4px 8px">'
                f'<b>{icon} {html_text(self.question_id)}</b>: '
                f'<span class="coursekit-message">{html_text(self.message)}</span></div>')


@dataclass(frozen=True)
class Hint:
    question_id: str
    level: int
    total: int
    text: str

    def __repr__(self) -> str:
        if not self.question_id:  # hint() without a question: how to call it
            return self.text
        more = "" if self.level < self.total else " (that was the last hint)"
        return f"Hint {self.level} of {self.total} for {self.question_id}: {self.text}{more}"

    def _repr_html_(self) -> str:
        return (f'<div role="note" class="coursekit-hint {NO_MATH}"><b>&#128161; '
                f'<span class="coursekit-message">{html_text(repr(self))}</span></b></div>')


# Classes MathJax skips: JupyterLab typesets HTML outputs, and two dollar amounts in one message
# ("$75 ... $112.50") would otherwise be set as maths. JupyterLab 4's MathJax honours
# "mathjax_ignore" (tested in Chromium: "tex2jax_ignore" alone is not enough there; it is kept
# for classic Notebook / MathJax 2). html_text() also writes "$" as an entity, for the raw HTML.
NO_MATH = "tex2jax_ignore mathjax_ignore"


def html_text(text: str) -> str:
    """``text`` escaped for HTML, with ``$`` as ``&#36;`` so no maths renderer reads it.

    >>> html_text("<b> $75 x 30% = $22.50")
    '&lt;b&gt; &#36;75 x 30% = &#36;22.50'
    """
    return html.escape(text).replace("$", "&#36;")


def _is_placeholder(answer: Any) -> bool:
    return answer is None or answer is Ellipsis


def check(question_id: str, answer: Any) -> Feedback:
    """Check ``answer`` to question ``question_id`` and explain a likely mistake.

    A placeholder (``...`` or ``None``) gets "not answered yet" (with the expected form of a
    numeric answer), never an error. A numeric answer within 1 % of the key gets "close: give
    more decimals"; see :func:`coursekit.exercises.marking.near_miss`.
    """
    return _record(verdict(question_id, answer, _current_student()))


def verdict(question_id: str, answer: Any, student: str | None) -> Feedback:
    """The feedback on ``answer`` for ``student``'s data, recorded nowhere (used by the grader)."""
    q = get_question(question_id)
    if _is_placeholder(answer):
        form = f" ({q.answer_format})" if q.answer_format else ""
        return Feedback(q.id, "unanswered",
                        f"not answered yet - replace ... with your answer{form} and "
                        f"run the cell again.")
    data = _distinct_data(q, _seed(q, student)) if q.data is not None else {}
    try:
        value = marking.coerce(answer, q)
    except ValueError as exc:
        return Feedback(q.id, "invalid", f"can't check this answer: {exc}.")
    target = q.answer(data)
    if marking.same(value, target, q):
        extra = f" {q.explanation}" if q.explanation else ""
        return Feedback(q.id, "correct", f"correct!{extra}")
    for m, wrong in marking._wrong_answers(q, data):
        if marking.same(value, wrong, q):
            return Feedback(q.id, "incorrect", f"not quite. {m.message}", m.name)
    if q.kind in ("number", "numbers"):
        near = marking.near_miss(q, value, target, data)
        if near is not None:
            return Feedback(q.id, "incorrect", near[0], near[1])
    tip = " Try hint(\"%s\")." % q.id if q.hints else ""
    return Feedback(q.id, "incorrect", f"not quite.{tip}")


# --- switch: no progress recording (grading, exports) ------------------------------------------
# Kept here, apart from the progress store, so that grading can turn recording off whatever the
# store is. ``$COURSEKIT_NO_PROGRESS`` (any non-empty value) does the same for a whole process.
_RECORDING = [True]


def record_progress(enabled: bool) -> None:
    """Turn recording of :func:`check` results into the progress store on or off."""
    if not isinstance(enabled, bool):
        raise TypeError(f"enabled must be True or False; got {enabled!r}")
    _RECORDING[0] = enabled


def _record(feedback: Feedback) -> Feedback:
    """Store the attempt with the student id and data seed in effect (never raises)."""
    if not _RECORDING[0]:
        return feedback
    from .progress import record

    try:
        q = _REGISTRY[feedback.question_id]
        student = _current_student()
        record(feedback, student=student, data_seed=None if q.data is None else _seed(q, student))
    except Exception:  # noqa: BLE001 - bookkeeping never breaks the feedback
        pass
    return feedback


def grade(question_id: str, answer: Any) -> None:
    """Autograder form of :func:`check`, used by the test cells of ``coursekit export-nbgrader``.

    Publishes the answer as plain JSON (a display output of type ``ANSWER_MIME``) so that the
    grader can compute the verdict outside this kernel, then raises ``AssertionError`` with the
    feedback message if the answer is wrong (the student's own feedback while working). Records
    no progress.
    """
    __tracebackhide__ = True  # noqa: F841 - IPython hides this frame in the traceback
    from .answer_codec import ANSWER_MIME, encode_answer

    q = get_question(question_id)
    payload = {"question": q.id, "answer": encode_answer(answer)}
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - outside Jupyter there is no grader to read it
        get_ipython = None  # noqa: N806
    if get_ipython is not None and get_ipython() is not None:
        from IPython.display import display

        display({ANSWER_MIME: payload, "text/plain": f"answer to {q.id} recorded for grading"},
                raw=True)
    feedback = verdict(q.id, answer, _current_student())
    if not feedback.correct:
        raise AssertionError(f"{q.id}: {feedback.message}")


def nbgrader_student() -> str | None:
    """The student whose notebook this is, as nbgrader and JupyterHub know it.

    ``$COURSEKIT_STUDENT`` if set; else the student folder of an nbgrader course directory
    (``submitted/<student>/...`` or ``autograded/<student>/...``) that the notebook runs in;
    else ``$JUPYTERHUB_USER`` (a student's own hub server); else ``None`` (shared data).
    """
    if os.environ.get(STUDENT_ENV):
        return os.environ[STUDENT_ENV]
    parts = os.getcwd().replace("\\", "/").split("/")
    for folder in ("autograded", "submitted", "feedback"):
        if folder in parts[:-1]:
            i = len(parts) - 1 - parts[::-1].index(folder)
            if i + 1 < len(parts):
                return parts[i + 1]
    return os.environ.get("JUPYTERHUB_USER") or None


HINT_USAGE = ('hint("04.2") gives the next hint for question 04.2 (module 04, question 2), one '
              'level more each call; the question ids are in the check("...") cells. '
              'reset_hints() starts again from the first hint.')


def hint(question_id: str | None = None) -> Hint:
    """The next hint for a question (one level more each call); ``hint()`` explains usage."""
    if question_id is None:
        return Hint("", 0, 0, HINT_USAGE)
    q = get_question(question_id)
    if not q.hints:
        return Hint(q.id, 0, 0, "no hints for this question - reread the lesson section.")
    level = min(_HINTS_SHOWN.get(q.id, 0) + 1, len(q.hints))
    _HINTS_SHOWN[q.id] = level
    return Hint(q.id, level, len(q.hints), q.hints[level - 1])


def reset_hints() -> None:
    """Start the hint levels again from the first hint."""
    _HINTS_SHOWN.clear()
