"""nbgrader round trip: export -> generate_assignment -> autograde, with real nbgrader."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from coursekit.course import get_module
from coursekit.exercises import expected, list_questions
from coursekit.grading import export_nbgrader
from notebook_runner import ROOT

ASSIGNMENT = "m01_value_equation"
NOTEBOOK = "01_value_equation.ipynb"

pytest.importorskip("nbgrader", reason="nbgrader is in the test extra: pip install -e .[test]")


def _nbgrader(course: Path, *args: str) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("COURSEKIT_STUDENT", None)
    subprocess.run([sys.executable, "-m", "nbgrader", *args, "--force"], cwd=course, env=env,
                   check=True, capture_output=True, text=True)


def _answer(nb, variable: str, code: str) -> None:
    """Fill the released solution cell that assigns ``variable`` (as a student would)."""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and "NotImplementedError" in cell.source:
            owner = cell.metadata.get("coursekit_answer")
            if owner == variable:
                cell.source = code
                return
    raise AssertionError(f"no solution cell for {variable}")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.rmtree(course)
    report = export_nbgrader([get_module("01")], course, root=ROOT)
    _nbgrader(course, "generate_assignment", ASSIGNMENT)
    source = nbformat.read(course / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    release = nbformat.read(course / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)

    partial = nbformat.from_dict(release)
    _answer(partial, "q1", "q1 = 5 - 5")                         # right
    _answer(partial, "q2", "q2 = 1.25")                          # right
    _answer(partial, "q3", "q3 = 280 / 6")                       # wrong: divided by the beds
    _answer(partial, "q5", f"q5 = {expected('01.5', 'carol')}")  # right for carol's own data
    submissions = {"alice": source, "bob": release, "carol": partial}
    for student, nb in submissions.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / NOTEBOOK)
    _nbgrader(course, "autograde", ASSIGNMENT)

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {s: gb.find_submission(ASSIGNMENT, s).score for s in submissions}
        max_score = gb.find_assignment(ASSIGNMENT).max_score
    return report, scores, max_score, course


def test_export_counts_one_point_per_question(graded):
    report, _, max_score, _ = graded
    assert report.assignments[ASSIGNMENT] == len(list_questions("01")) == max_score


def test_solution_notebook_gets_full_marks(graded):
    _, scores, max_score, _ = graded
    assert scores["alice"] == max_score


def test_untouched_exercise_gets_zero(graded):
    assert graded[1]["bob"] == 0


def test_partly_right_notebook_gets_exactly_those_points(graded):
    assert graded[1]["carol"] == 3  # q1, q2 and q5 (carol's own numbers); q3 wrong


def test_feedback_carries_the_misconception_message(graded):
    course = graded[3]
    nb = nbformat.read(course / "autograded" / "carol" / ASSIGNMENT / NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.source.startswith('grade("01.3"'))
    errors = [o for o in cell.outputs if o.output_type == "error"]
    assert errors and "six beds" in errors[0].evalue


def test_export_refuses_to_overwrite(tmp_path):
    (tmp_path / "keep.txt").write_text("instructor's file")
    with pytest.raises(FileExistsError, match="--force"):
        export_nbgrader([get_module("01")], tmp_path, root=ROOT)
    assert (tmp_path / "keep.txt").exists()
