"""Verdicts for nbgrader computed outside the student's kernel.

Whatever runs in the student's kernel can be changed by the student's own cells: a cell can
redefine ``grade``, patch ``coursekit`` or Python itself (``builtins``, ``json``, IPython's
display or traceback machinery) or stop later cells from running. So the kernel is used only to
*report* the answer: the test cell ``grade("01.3", q3)`` publishes ``q3`` as plain JSON in a
display output of type :data:`~coursekit.exercises.answer_codec.ANSWER_MIME`.

:class:`VerifyAnswers` runs in the ``nbgrader autograde`` process after the notebook was
executed and before nbgrader scores the cells. For every coursekit test cell (a locked grade
cell whose source nbgrader restored from the gradebook) it

1. takes the question id from that restored source, never from the kernel;
2. takes the student id from nbgrader (the submission folder being graded), never from the
   kernel;
3. requires exactly one answer payload in the cell's outputs, decodes it with a decoder that
   builds only plain values, and computes the verdict with coursekit's checker in this process;
4. replaces the cell's outputs by that verdict: nothing but a short confirmation if right, an
   ``AssertionError`` output whose text is the feedback message (wrapped, no paths) if wrong.

The best a tampering notebook can do is therefore to publish *some* value as its answer, which
is what answering is. What this cannot prevent: a student who computes the answer with
coursekit's own code (the answer keys ship inside the package the student's kernel imports);
see ``docs/teaching.md``.
"""
from __future__ import annotations

import json
import re
import textwrap

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from coursekit.exercises.answer_codec import ANSWER_MIME, UnsupportedAnswer, decode_answer

__all__ = ["VerifyAnswers", "autograde_preprocessors", "feedback_output", "grading_record"]

_GRADE = re.compile(r"""^grade\(\s*"(\d+\.\d+)"\s*,.+\)$""")
_WIDTH = 88


def feedback_output(question_id: str, message: str) -> nbformat.NotebookNode:
    """The error output nbgrader scores as 0: the feedback message first, wrapped, no paths.

    >>> out = feedback_output("01.3", "not quite. " + "word " * 30)
    >>> out.ename, len(out.traceback), max(len(line) for line in out.traceback) <= 88
    ('AssertionError', 2, True)
    >>> out.traceback[0][:22]
    '01.3: not quite. word '

    """
    text = f"{question_id}: {message}"
    return nbformat.v4.new_output("error", ename="AssertionError", evalue=text,
                                  traceback=textwrap.wrap(text, _WIDTH) or [text])


def _payloads(cell) -> list:
    found = []
    for output in cell.get("outputs", []):
        data = output.get("data", {}) if output.get("output_type") in (
            "display_data", "execute_result", "update_display_data") else {}
        if ANSWER_MIME in data:
            found.append(data[ANSWER_MIME])
    return found


class VerifyAnswers(Preprocessor):
    """nbgrader autograde step: recompute every coursekit test cell's verdict (see module)."""

    enabled = Bool(True, help="always on: nbgrader registers preprocessors without enabling "
                              "them").tag(config=True)

    def preprocess(self, nb, resources):
        student = (resources.get("nbgrader") or {}).get("student")
        if not student:
            raise ValueError("VerifyAnswers runs inside `nbgrader autograde` (no student id)")
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
                continue
            match = _GRADE.match(cell.source.strip())
            if not match:
                continue  # not a coursekit test cell: nbgrader's usual rules apply
            question = match.group(1)
            if meta.get("grade_id") != f"test-{question.replace('.', '_')}":
                message, status, misconception = ("this grading cell does not belong to the "
                                                  "assignment as released.", "invalid", None)
            else:
                message, status, misconception = self._verdict(question, _payloads(cell),
                                                               student)
            cell.outputs = ([nbformat.v4.new_output("stream", name="stdout",
                                                    text=f"{question}: correct\n")]
                            if message is None else [feedback_output(question, message)])
            cell.metadata["coursekit"] = grading_record(question, student, status, misconception)
        return nb, resources

    @staticmethod
    def _verdict(question: str, payloads: list,
                 student: str) -> tuple[str | None, str, str | None]:
        """(None if the published answer is right else the feedback message, the status,
        the name of the misconception it matched)."""
        from coursekit.exercises.core import verdict

        if len(payloads) != 1:
            return ("no answer was recorded for grading: the grading cell did not run as "
                    "written (was `grade` or coursekit changed by an earlier cell?)."
                    if not payloads else "more than one answer was recorded for this question.",
                    "unanswered" if not payloads else "invalid", None)
        payload = payloads[0]
        if isinstance(payload, str):  # some front ends store JSON outputs as text
            try:
                payload = json.loads(payload)
            except ValueError:
                payload = None
        if not isinstance(payload, dict) or payload.get("question") != question:
            return "the recorded answer does not belong to this question.", "invalid", None
        try:
            answer = decode_answer(payload.get("answer"))
        except UnsupportedAnswer as exc:
            return f"can't check this answer: {exc}.", "invalid", None
        try:
            feedback = verdict(question, answer, student)
        except Exception as exc:  # noqa: BLE001 - a strange value must not stop the grading
            return f"can't check this answer ({type(exc).__name__}).", "invalid", None
        message = None if feedback.correct else feedback.message
        return message, feedback.status, feedback.misconception


def grading_record(question: str, student: str, status: str,
                   misconception: str | None) -> dict:
    """What the grader stores in a graded cell's ``metadata["coursekit"]`` (read by
    ``coursekit class-report``): the question, the student, the status, the misconception the
    answer matched (or None) and the seed of the student's data for the question (None for a
    question without per-student data). No answer value is stored.

    >>> grading_record("01.3", "ann", "correct", None)["data_seed"] is None
    True
    """
    from coursekit.exercises.core import _seed, get_question

    q = get_question(question)
    seed = None if q.data is None else str(_seed(q, student))
    return {"question_id": question, "student": student, "status": status,
            "correct": status == "correct", "misconception": misconception, "data_seed": seed}


def autograde_preprocessors() -> list:
    """nbgrader's ``Autograde.autograde_preprocessors`` with :class:`VerifyAnswers` inserted
    right before nbgrader saves the scores (called by the exported ``nbgrader_config.py``).

    All question banks are imported here, when nbgrader reads its configuration, so the answer
    keys the grader uses are in memory before any student's code has run."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import SaveAutoGrades

    from coursekit.exercises import list_questions

    list_questions()  # every bank in memory before any submission runs (see docs/teaching.md)

    steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
    steps.insert(steps.index(SaveAutoGrades), VerifyAnswers)
    return steps
