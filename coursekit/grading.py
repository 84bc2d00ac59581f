"""Export exercise notebooks as an nbgrader course directory.

``export_nbgrader(modules, out)`` writes ``out/source/<assignment>/<notebook>.ipynb`` for each
module, with nbgrader cell metadata (schema 3):

- markdown and setup cells are locked read-only cells;
- cells with ``### BEGIN SOLUTION`` / ``### END SOLUTION`` become solution cells (nbgrader's
  ``generate_assignment`` strips the solutions for release);
- each ``check("NN.k", answer)`` cell becomes a locked, autograded test cell
  ``grade("NN.k", answer)`` worth the question's points; a wrong answer fails with the same
  misconception message that ``check`` shows students.

A locked first cell calls ``set_student(nbgrader_student())`` so per-student data follow the
student folder nbgrader grades in (or the hub user who works on it).

Then run nbgrader as usual: ``nbgrader generate_assignment <assignment>``, release, collect,
``nbgrader autograde <assignment>``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from coursekit.build import (_assigned_names, has_solution_markers, prepare_output,
                             write_notebook)
from coursekit.course import Module

__all__ = ["assignment_name", "nbgrader_notebook", "export_nbgrader", "ExportReport"]

_CHECK = re.compile(r"""^\s*check\(\s*["'](\d+\.\d+)["']\s*,\s*(.+?)\s*\)\s*;?\s*$""")
SETUP = ("# Grading setup: per-student data follow the student being graded.\n"
         "from coursekit.exercises import grade, nbgrader_student, set_student\n"
         "set_student(nbgrader_student())")


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
            if names:  # which answer variable the cell defines (for tooling and tests)
                cell.metadata["coursekit_answer"] = names[-1]
        else:
            cell.metadata["nbgrader"] = _meta(f"cell-{module_id}-{i:02d}")
        cells.append(cell)
    nb.cells = cells
    return nb, total


@dataclass(frozen=True)
class ExportReport:
    folder: Path
    assignments: dict  # assignment -> total points

    def __str__(self) -> str:
        items = ", ".join(f"{a} ({p} points)" for a, p in self.assignments.items())
        return f"nbgrader course directory {self.folder}: source/ holds {items}"


def export_nbgrader(modules: list[Module], out: str | Path, *, root: str | Path,
                    force: bool = False) -> ExportReport:
    """Write an nbgrader course directory for ``modules`` into ``out``."""
    root, out = Path(root), Path(out)
    if not modules:
        raise ValueError("modules must name at least one module")
    prepare_output(out, force=force)
    assignments = {}
    for m in modules:
        src = root / "solutions" / m.notebook
        if not src.exists():
            raise FileNotFoundError(f"module {m.id} has no solutions/{m.notebook} yet")
        nb, points = nbgrader_notebook(nbformat.read(src, as_version=4), m.id)
        if points == 0:
            raise ValueError(f"solutions/{m.notebook} has no check(...) cells to grade")
        write_notebook(nb, out / "source" / assignment_name(m) / m.notebook)
        assignments[assignment_name(m)] = points
    (out / "nbgrader_config.py").write_text(
        "# nbgrader configuration written by `coursekit export-nbgrader`\n"
        "c = get_config()  # noqa: F821\n"
        "c.CourseDirectory.root = __file__.rsplit('/', 1)[0] if '/' in __file__ else '.'\n"
        "c.ExecutePreprocessor.timeout = 300\n", encoding="utf-8")
    return ExportReport(out, assignments)
