"""Module 01 notebooks; for every module: solutions correct, exercises blank, hygiene."""
from pathlib import Path

import nbformat
import pytest

from coursekit.build import build_exercises, has_solution_markers, notebook_metadata
from coursekit.course import MODULES, welcome_markdown
from notebook_runner import ROOT, cell_outputs_text, execute, run_notebook

ALL_NOTEBOOKS = sorted(p.relative_to(ROOT) for d in ("notebooks", "solutions", "exercises")
                       for p in (ROOT / d).glob("*.ipynb"))
READY = [m for m in MODULES if m.status == "ready"]
MIN_CHECKS = {"07": 8}  # check cells a solutions notebook holds at least; 6 for the others


def _check_outputs(nb) -> list[str]:
    """What each ``check(...)`` cell of an executed notebook printed."""
    return [t for c, t in zip(nb.cells, cell_outputs_text(nb)) if c.source.startswith("check(")]


def test_lesson_01_reproduces_the_textbook_numbers():
    v = run_notebook("notebooks/01_value_equation.ipynb",
                     ["swap_value", "bill_worth", "airbnb_each", "winner",
                      "offers['price_per_person'].tolist()", "explorer.result.winner"])
    assert v["swap_value"] == 0.0
    assert v["bill_worth"] == 1.25
    assert v["airbnb_each"] == 40.0
    assert v["offers['price_per_person'].tolist()"] == [95.0, 50.0, 40.0]
    assert v["winner"] == v["explorer.result.winner"] == "Marriott (shared)"


def test_solutions_01_compute_the_textbook_answers():
    v = run_notebook("solutions/01_value_equation.ipynb", ["[q1, q2, q3, q4]"])
    assert v["[q1, q2, q3, q4]"] == [0.0, 1.25, 40.0, 10.0]


@pytest.mark.parametrize("module", READY, ids=lambda m: m.id)
def test_solutions_answer_every_question_correctly(module):
    from coursekit.exercises import list_questions

    checks = _check_outputs(execute(Path("solutions") / module.notebook))
    assert len(checks) == len(list_questions(module.id)) >= MIN_CHECKS.get(module.id, 6), checks
    assert all("correct!" in t for t in checks), checks


@pytest.mark.parametrize("module", READY, ids=lambda m: m.id)
def test_exercises_run_and_report_not_answered(module):
    from coursekit.exercises import list_questions

    checks = _check_outputs(execute(Path("exercises") / module.exercise_notebook))
    assert len(checks) == len(list_questions(module.id)) >= 6, checks
    assert all("not answered yet" in t for t in checks), checks


def test_exercises_are_in_sync_with_solutions():
    assert build_exercises(ROOT, check=True) == [], "run `coursekit build-exercises`"


@pytest.mark.parametrize("path", [p for p in ALL_NOTEBOOKS if p.parts[0] == "exercises"],
                         ids=str)
def test_exercises_hold_no_solutions(path):
    nb = nbformat.read(ROOT / path, as_version=4)
    assert not any(has_solution_markers(c.source) for c in nb.cells)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=str)
def test_notebooks_are_stored_clean(path):
    nb = nbformat.read(ROOT / path, as_version=4)
    nbformat.validate(nb)
    # the metadata JupyterLab writes on open: equal, so an untouched notebook stays unmodified
    stored = {k: dict(nb.metadata.get(k, {})) for k in ("kernelspec", "language_info")}
    assert stored["kernelspec"] == notebook_metadata()["kernelspec"], path
    assert set(stored["language_info"]) == set(notebook_metadata()["language_info"]), path
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path}: outputs stored"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=str)
def test_headings_are_in_order(path):
    """Accessibility: one title, and no heading level skipped."""
    nb = nbformat.read(ROOT / path, as_version=4)
    levels = [len(line) - len(line.lstrip("#")) for c in nb.cells if c.cell_type == "markdown"
              for line in c.source.splitlines() if line.startswith("#")]
    assert levels and levels[0] == 1 and levels.count(1) == 1, f"{path}: {levels}"
    for a, b in zip(levels, levels[1:]):
        assert b <= a + 1, f"{path}: heading jumps from level {a} to {b}"


def test_welcome_notebook_links_every_module():
    nb = nbformat.read(ROOT / "notebooks/00_welcome.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert welcome_markdown() in text, "regenerate the module table of 00_welcome.ipynb"
    for m in MODULES:
        if m.status == "ready":
            for folder, name in (("notebooks", m.notebook), ("solutions", m.notebook),
                                 ("exercises", m.exercise_notebook)):
                assert (ROOT / folder / name).exists(), f"{m.name}: {folder} missing"


def test_every_ready_module_has_its_three_notebooks_and_a_question_bank():
    from coursekit.exercises import list_questions

    for m in MODULES:
        if m.status == "ready":
            assert len(list_questions(m.id)) >= 6, m.name


@pytest.mark.parametrize("module", [m for m in MODULES if m.status == "ready"], ids=lambda m: m.id)
def test_solutions_check_every_question_of_the_bank_once(module):
    """The solutions notebook and the question bank list the same questions."""
    import re

    from coursekit.exercises import list_questions

    nb = nbformat.read(ROOT / "solutions" / module.notebook, as_version=4)
    checked = re.findall(r"""check\(\s*["'](\d+\.\d+)["']""",
                         "\n".join(c.source for c in nb.cells if c.cell_type == "code"))
    assert sorted(checked) == sorted(list_questions(module.id)), module.name
