"""nbgrader round trip with real nbgrader: export -> generate_assignment -> autograde.

Besides honest submissions, the class holds cheating ones: each has the same wrong answers as
carol plus one cheat in its first answer cell. Verdicts are computed outside the student's
kernel (coursekit.autograde.VerifyAnswers), so no cheat may score more than carol.
"""
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from coursekit.course import get_module
from coursekit.exercises import list_questions
from coursekit.grading import answer_key, export_nbgrader
from notebook_runner import ROOT

ASSIGNMENT = "m01_value_equation"
NOTEBOOK = "01_value_equation.ipynb"

pytest.importorskip("nbgrader", reason="nbgrader is in the test extra: pip install -e .[test]")

# The same answers for carol and every cheater: q1, q2 right, q3 wrong (divided by six beds),
# q5 right for the student's own data (filled in per student).
BASE = {"q1": "q1 = 5 - 5", "q2": "q2 = 1.25", "q3": "q3 = 280 / 6"}
CHEATS = {
    # the grading name redefined in the student's namespace
    "eve": "grade = lambda *a, **k: None",
    # coursekit's checker monkeypatched in the kernel
    "frank": ("import coursekit.exercises.core as _c\n"
              "_c._same = lambda *a, **k: True\n"
              "_c.check = lambda *a, **k: True\n"
              "_c.verdict = lambda q, a, s: _c.Feedback(q, 'correct', 'correct!')\n"
              "_c.grade = lambda *a, **k: None"),
    # answers read from the answer key, the way the old public API allowed
    "gina": "from coursekit.exercises import expected\nq4 = expected('01.4')",
    # later cells (the grading cells among them) silently replaced by `pass`
    "hank": "get_ipython().input_transformers_cleanup.append(lambda lines: ['pass\\n'])",
    # errors hidden from the notebook, and the answer encoder forged
    "ivan": ("import coursekit.exercises.answer_codec as _a\n"
             "_a.encode_answer = lambda answer: 40.0\n"
             "get_ipython().showtraceback = lambda *a, **k: None"),
}


def _nbgrader(course: Path, progress: Path, *args: str) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "COURSEKIT_PROGRESS": str(progress)}
    env.pop("COURSEKIT_STUDENT", None)
    env.pop("COURSEKIT_NO_PROGRESS", None)
    subprocess.run([sys.executable, "-m", "nbgrader", *args, "--force"], cwd=course, env=env,
                   check=True, capture_output=True, text=True)


def _answer(nb, variable: str, code: str, *, before: str = "") -> None:
    """Fill the released solution cell that assigns ``variable`` (as a student would)."""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and "NotImplementedError" in cell.source \
                and cell.metadata.get("coursekit_answer") == variable:
            cell.source = f"{before}\n{code}" if before else code
            return
    raise AssertionError(f"no solution cell for {variable}")


def _wrong_answers(release, student: str, cheat: str = "", check_call: str = ""):
    nb = nbformat.from_dict(release)
    _answer(nb, "q1", BASE["q1"] + check_call, before=cheat)
    for name in ("q2", "q3"):
        _answer(nb, name, BASE[name])
    _answer(nb, "q5", f"q5 = {answer_key('01.5', student)}")
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("course") / "course"
    progress = tmp_path_factory.mktemp("progress") / "progress.json"
    report = export_nbgrader([get_module("01")], course, root=ROOT)
    _nbgrader(course, progress, "generate_assignment", ASSIGNMENT)
    source = nbformat.read(course / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    release = nbformat.read(course / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    submissions = {"alice": source, "bob": release,
                   # carol also calls check() herself: grading must not record it anywhere
                   "carol": _wrong_answers(release, "carol", check_call="\ncheck('01.1', q1)")}
    submissions |= {s: _wrong_answers(release, s, cheat) for s, cheat in CHEATS.items()}
    for student, nb in submissions.items():
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / NOTEBOOK)
    _nbgrader(course, progress, "autograde", ASSIGNMENT)

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {s: gb.find_submission(ASSIGNMENT, s).score for s in submissions}
        max_score = gb.find_assignment(ASSIGNMENT).max_score
    return report, scores, max_score, course, release, progress


def _autograded(course: Path, student: str):
    return nbformat.read(course / "autograded" / student / ASSIGNMENT / NOTEBOOK, as_version=4)


def test_export_counts_one_point_per_question(graded):
    report, _, max_score, *_ = graded
    assert report.assignments[ASSIGNMENT] == len(list_questions("01")) == max_score


def test_solution_notebook_gets_full_marks(graded):
    _, scores, max_score, *_ = graded
    assert scores["alice"] == max_score


def test_untouched_exercise_gets_zero(graded):
    assert graded[1]["bob"] == 0


def test_partly_right_notebook_gets_exactly_those_points(graded):
    assert graded[1]["carol"] == 3  # q1, q2 and q5 (carol's own numbers); q3 wrong


@pytest.mark.parametrize("cheater", sorted(CHEATS))
def test_a_cheat_gains_no_point(graded, cheater):
    scores = graded[1]
    assert scores[cheater] <= scores["carol"], (cheater, scores)


def test_suppressed_grading_cells_are_caught_outside_the_kernel(graded):
    """eve's own `grade` published nothing: the grader says so instead of passing the cell."""
    nb = _autograded(graded[3], "eve")
    cell = next(c for c in nb.cells if c.source.startswith('grade("01.2"'))
    assert [o.output_type for o in cell.outputs] == ["error"]
    assert "no answer was recorded" in cell.outputs[0].evalue


def test_grading_records_no_progress(graded):
    assert not graded[5].exists()


def test_feedback_message_comes_first_wrapped_and_without_paths(graded):
    nb = _autograded(graded[3], "carol")
    cell = next(c for c in nb.cells if c.source.startswith('grade("01.3"'))
    (error,) = [o for o in cell.outputs if o.output_type == "error"]
    assert error.traceback[0].startswith("01.3: not quite.")
    assert "six beds" in error.evalue
    assert all(len(line) <= 88 for line in error.traceback)
    assert not any("/" in line or "site-packages" in line or "File " in line
                   for line in error.traceback)


def test_released_notebook_tells_the_student_what_to_do(graded):
    release = graded[4]
    intro = release.cells[1].source  # after the locked grading-setup cell
    assert "run the `check` cell" not in intro and "NotImplementedError" in intro
    answers = [c for c in release.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert answers
    for cell in answers:
        assert f"assign it to `{cell.metadata['coursekit_answer']}`" in cell.source, cell.source


def test_answer_key_is_not_in_the_student_namespace():
    import coursekit.exercises as ex

    assert not hasattr(ex, "expected") and "answer_key" not in ex.__all__


def test_export_refuses_to_overwrite(tmp_path):
    (tmp_path / "keep.txt").write_text("instructor's file")
    with pytest.raises(ValueError, match="not written by coursekit"):
        export_nbgrader([get_module("01")], tmp_path, root=ROOT)
    assert (tmp_path / "keep.txt").exists()
