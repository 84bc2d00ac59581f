"""Export exercise notebooks as an nbgrader course directory, graded outside the student's kernel.

``export_nbgrader(modules, out)`` writes ``out/source/<assignment>/<notebook>.ipynb`` for each
module, with nbgrader cell metadata (schema 3), and an ``nbgrader_config.py``:

- markdown and setup cells are locked read-only cells; the instructions speak of nbgrader's
  answer cells, and each answer cell names the variable(s) to assign;
- cells with ``### BEGIN SOLUTION`` / ``### END SOLUTION`` become solution cells (nbgrader's
  ``generate_assignment`` strips the solutions for release);
- each ``check("NN.k", answer)`` cell becomes a locked, autograded test cell
  ``grade("NN.k", answer)`` worth the question's points.

In the student's kernel ``grade`` only *publishes* the answer as plain JSON (and shows the
feedback). The verdict that counts is computed by :class:`coursekit.autograde.VerifyAnswers`, a
preprocessor that the written ``nbgrader_config.py`` adds to ``nbgrader autograde``: it runs in
the grader's process, which the student's code never touched, on that published value and the
student id nbgrader grades, and replaces the test cell's outputs with its own verdict. Redefining
``grade``, patching coursekit or Python inside the notebook therefore gains nothing.

A locked first cell calls ``set_student(nbgrader_student())`` so per-student data follow the
student folder nbgrader grades in (or the hub user who works on it), and turns off progress
recording.

Then run nbgrader as usual: ``nbgrader generate_assignment <assignment>``, release, collect,
``nbgrader autograde <assignment>``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from coursekit.build import _assigned_names, has_solution_markers, write_notebook
from coursekit.course import Module
from coursekit.exercises.core import answer_key
from coursekit.output import output_folder

__all__ = ["assignment_name", "nbgrader_notebook", "export_nbgrader", "ExportReport",
           "answer_key", "simulated_answer", "NBGRADER_CONFIG"]

_CHECK = re.compile(r"""^\s*check\(\s*["'](\d+\.\d+)["']\s*,\s*(.+?)\s*\)\s*;?\s*$""")
SETUP = ("# Grading setup: per-student data follow the student being graded.\n"
         "from coursekit.exercises import grade, nbgrader_student, record_progress, set_student\n"
         "set_student(nbgrader_student())\n"
         "record_progress(False)")
_OLD_INSTRUCTIONS = re.compile(r"Answer each question in the cell below it,\s+replacing `\.\.\.`,"
                               r"\s+then\s+run\s+the\s+`check`\s+cell\.")
INSTRUCTIONS = ("Answer each question in the cell below it: replace `raise NotImplementedError()` "
                "with code that assigns the variable the cell names. The locked cell after it "
                "grades your answer; run it (or validate the notebook) to see whether it is "
                "right.")
NBGRADER_CONFIG = """\
# nbgrader configuration written by `coursekit export-nbgrader`
import os

from coursekit.autograde import autograde_preprocessors

c = get_config()  # noqa: F821
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.ExecutePreprocessor.timeout = 300
# Verdicts are computed outside the student's kernel (see coursekit.autograde); keep this line
# if you merge this file into your own nbgrader_config.py.
c.Autograde.autograde_preprocessors = autograde_preprocessors()
"""


def assignment_name(module: Module) -> str:
    return f"m{module.id}_{module.slug}"


def _meta(grade_id: str, *, solution=False, grade=False, locked=True, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def nbgrader_notebook(nb: nbformat.NotebookNode, module_id: str):
    """Convert a solutions notebook to an nbgrader source notebook; returns (nb, points)."""
    from coursekit.exercises import get_question

    nb = nbformat.from_dict(nb)
    cells = [nbformat.v4.new_code_cell(SETUP)]
    cells[0].metadata["nbgrader"] = _meta(f"setup-{module_id}")
    cells[0]["id"] = "grading-setup"
    total = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        lines = cell.source.strip().splitlines()
        match = _CHECK.match(lines[0]) if cell.cell_type == "code" and len(lines) == 1 else None
        if match:
            qid, expr = match.groups()
            q = get_question(qid)
            cell.source = f'grade("{qid}", {expr})'
            cell.metadata["nbgrader"] = _meta(f"test-{qid.replace('.', '_')}", grade=True,
                                              points=q.points)
            total += q.points
        elif cell.cell_type == "code" and has_solution_markers(cell.source):
            cell.metadata["nbgrader"] = _meta(f"answer-{module_id}-{i:02d}", solution=True,
                                              locked=False)
            names = _assigned_names(cell.source)
            if names:  # the answer variable: the one the next check cell grades
                graded = _next_checked(nb.cells[i + 1:])
                answer = graded if graded in names else names[-1]
                cell.metadata["coursekit_answer"] = answer
                cell.source = f"# Your answer: assign it to `{answer}`.\n{cell.source}"
        else:
            if cell.cell_type == "markdown":
                cell.source = _OLD_INSTRUCTIONS.sub(INSTRUCTIONS, cell.source)
            cell.metadata["nbgrader"] = _meta(f"cell-{module_id}-{i:02d}")
        cells.append(cell)
    nb.cells = cells
    return nb, total


def _next_checked(cells) -> str | None:
    """The expression of the first ``check(...)`` cell among ``cells`` (before the next answer)."""
    for cell in cells:
        if cell.cell_type != "code":
            continue
        if has_solution_markers(cell.source):
            return None
        lines = cell.source.strip().splitlines()
        match = _CHECK.match(lines[0]) if len(lines) == 1 else None
        if match:
            return match.group(2)
    return None


@dataclass(frozen=True)
class ExportReport:
    folder: Path
    assignments: dict  # assignment -> total points

    def __str__(self) -> str:
        items = ", ".join(f"{a} ({p} points)" for a, p in self.assignments.items())
        return f"nbgrader course directory {self.folder}: source/ holds {items}"


def export_nbgrader(modules: list[Module], out: str | Path, *, root: str | Path,
                    force: bool = False) -> ExportReport:
    """Write an nbgrader course directory for ``modules`` into ``out``.

    The rules of :mod:`coursekit.output` apply; in addition ``force`` never replaces a course
    directory that nbgrader has worked in (a gradebook, released, submitted or graded work).
    """
    root = Path(root)
    modules = list({m.id: m for m in modules}.values())
    if not modules:
        raise ValueError("modules must name at least one module")
    assignments = {}
    with output_folder(out, command="export-nbgrader", force=force, root=root,
                       keep=NBGRADER_WORK) as tmp:
        for m in modules:
            src = root / "solutions" / m.notebook
            if not src.exists():
                raise FileNotFoundError(f"module {m.id} has no solutions/{m.notebook} yet")
            nb, points = nbgrader_notebook(nbformat.read(src, as_version=4), m.id)
            if points == 0:
                raise ValueError(f"solutions/{m.notebook} has no check(...) cells to grade")
            write_notebook(nb, tmp / "source" / assignment_name(m) / m.notebook)
            assignments[assignment_name(m)] = points
        (tmp / "nbgrader_config.py").write_text(NBGRADER_CONFIG, encoding="utf-8")
    return ExportReport(Path(out), assignments)


#: What nbgrader adds to a course directory; its presence forbids ``--force``.
NBGRADER_WORK = ("gradebook.db", "release", "submitted", "autograded", "feedback", "outbound")


def _ranges(numbers: list[int], module_id: str) -> str:
    """Question numbers as id ranges (runs of three or more become a range).

    >>> _ranges([1, 2, 3, 5, 6], "01")
    '01.1-01.3, 01.5, 01.6'
    >>> _ranges([], "02")
    'none'
    """
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{module_id}.{run[0]}-{module_id}.{run[-1]}")
        else:
            parts += [f"{module_id}.{n}" for n in run]
    return ", ".join(parts) or "none"


def questions_table_markdown() -> str:
    """The table of ``docs/teaching.md``: per ready module, its auto-checked questions, the
    points they are worth and which of them draw per-student data (generated from the banks)."""
    from coursekit.course import resolve_modules
    from coursekit.exercises import get_question, list_questions

    lines = ["| module | questions | points | per-student questions |", "|---|---:|---:|---|"]
    for m in resolve_modules(None, ready_only=True):
        questions = [get_question(q) for q in list_questions(m.id)]
        personal = [int(q.id.split(".")[1]) for q in questions if q.data is not None]
        lines.append(f"| {m.id} {m.title} | {len(questions)} | "
                     f"{sum(q.points for q in questions)} | {_ranges(personal, m.id)} |")
    return "\n".join(lines)


def simulated_answer(question_id: str, outcome: str, student: str | None = None) -> Any:
    """The answer a student gives when ``outcome`` happens: the key (``"correct"``), the wrong
    answer of a misconception (its name), or a wrong answer nothing explains (``"other"``).

    For demonstrating and testing the class report with a synthetic class
    (:func:`coursekit.synth.classroom.synthetic_class`). Every answer is checked: the checker
    must give ``outcome`` back for it, else ``ValueError``.

    >>> simulated_answer("01.3", "beds")
    46.666666666666664
    """
    import numpy as np

    from coursekit.exercises import get_question
    from coursekit.exercises.core import exercise_data, verdict

    q = get_question(question_id)
    data = exercise_data(question_id, student)
    key = q.answer(data)
    if outcome == "correct":
        candidates = [key]
    elif outcome == "other":
        if q.kind == "number":
            candidates = [key * f + s for f in (1.37, 0.61, 2.9) for s in (0.73, 7.1)]
        elif q.kind == "choice":
            candidates = [o for o in q.options if o != key]
        elif q.kind == "bool":
            candidates = [not key]
        else:
            candidates = [np.asarray(key, dtype=float) * 1.37 + 0.73] if q.kind == "numbers" \
                else []
    else:
        found = [m for m in q.misconceptions if m.name == outcome]
        if not found:
            raise ValueError(f"outcome must be 'correct', 'other' or a misconception of "
                             f"{question_id} ({[m.name for m in q.misconceptions]}); "
                             f"got {outcome!r}")
        candidates = [found[0].wrong(data)]
    for answer in candidates:
        feedback = verdict(question_id, answer, student)
        got = "correct" if feedback.correct else (feedback.misconception or "other")
        if got == outcome:
            return answer.tolist() if isinstance(answer, np.ndarray) else answer
    raise ValueError(f"no answer to {question_id} for student {student!r} gives {outcome!r}")
