"""Marking that helps (issue 15.6): near misses explained, units and precision stated, every
misconception distinguishable from the key, question ids forgiving, data in the shape the
student is told to use."""
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from coursekit.exercises.core import answer_key
from coursekit import exercises as ex
from coursekit.course import MODULES
from coursekit.exercises import marking

ROOT = Path(__file__).resolve().parent.parent
STUDENTS = [None] + [f"student{i:03d}" for i in range(200)]
NUMERIC = [q for q in ex.list_questions() if ex.get_question(q).kind in ("number", "numbers")]
PROPORTIONS = [q for q in NUMERIC if ex.get_question(q).kind == "number" and any(
    word in ex.get_question(q).unit for word in ("proportion", "0-1", "between 0 and 1"))]


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.setenv("COURSEKIT_NO_PROGRESS", "1")
    monkeypatch.delenv("COURSEKIT_STUDENT", raising=False)
    ex.set_student(None)
    ex.reset_hints()
    yield
    ex.set_student(None)


@pytest.mark.parametrize("module", [m.id for m in MODULES])
def test_every_misconception_differs_from_the_key_for_the_default_data_and_200_students(module):
    clashes = []
    for qid in ex.list_questions(module):
        q = ex.get_question(qid)
        for student in STUDENTS if q.data is not None else [None]:
            data = ex.exercise_data(qid, student)
            clashes += [(qid, student, name) for name in marking.confusions(q, data)]
    assert not clashes, f"misconceptions marked correct: {clashes[:10]} ({len(clashes)} in all)"


def test_a_rounded_right_answer_is_called_close():
    key = answer_key("06.2")  # 61 / 348 = 0.17529
    fb = ex.check("06.2", round(key, 3))
    assert fb.misconception == "close" and "give more decimals" in fb.message
    assert "4 significant digits" in fb.message
    assert ex.check("06.2", round(key, 4)).correct
    assert ex.check("06.2", key * 1.02).misconception is None  # 2 % off is not "close"


@pytest.mark.parametrize("qid", PROPORTIONS)
def test_every_proportion_question_catches_a_rounded_percentage(qid):
    key = float(answer_key(qid))
    fb = ex.check(qid, round(100 * key, 1))
    assert fb.status == "incorrect" and "percentage" in fb.message, (qid, fb)


def test_relative_importance_given_for_the_absolute_one_is_recognised_even_rounded():
    for answer in (0.2213, 0.22, 22.13):
        assert ex.check("06.1", answer).misconception == "relative-for-absolute", answer
    assert ex.check("06.2", 61).misconception == "absolute-for-relative"


def test_an_unordered_pair_is_accepted_in_either_order_and_errors_do_not_list_the_answer():
    assert ex.check("06.5", "Average main-course price / Servers per shift").correct
    assert ex.check("06.5", "servers per shift / average main course price").correct
    fb = ex.check("06.5", "Servers per shift / Kitchen ticket time")
    assert fb.status == "invalid" and "Average main-course price" not in fb.message


@pytest.mark.parametrize("qid", NUMERIC)
def test_every_numeric_question_states_its_unit_and_precision(qid):
    q = ex.get_question(qid)
    assert q.unit, f"{qid}: give the question a unit"
    assert "significant digits" in q.answer_format
    assert q.answer_format in ex.check(qid, ...).message


def test_every_numeric_question_in_the_notebooks_states_its_answer_format():
    missing = []
    for folder in ("solutions", "exercises"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            cells = nbformat.read(path, as_version=4).cells
            for i, cell in enumerate(cells):
                for qid in re.findall(r'check\("(\d\d\.\d+)"', cell.source):
                    q = ex.get_question(qid)
                    text = next(c.source for c in reversed(cells[:i])
                                if c.cell_type == "markdown")
                    if q.answer_format and q.answer_format not in text:
                        missing.append(f"{path.name} {qid}")
    assert not missing, missing


def test_question_ids_without_the_leading_zero_are_understood():
    assert ex.hint("4.7").question_id == "04.7"
    assert ex.check("4.7", ...).question_id == "04.7"
    with pytest.raises(ValueError, match="Did you mean '04.7'"):
        ex.get_question("04.70")


def test_hint_without_a_question_explains_how_to_call_it():
    text = repr(ex.hint())
    assert 'hint("04.2")' in text and "reset_hints()" in text
    assert "coursekit-hint" in ex.hint()._repr_html_()


def test_small_house_data_is_what_house_of_quality_from_dict_takes():
    from coursekit.models.qfd import HouseOfQuality

    for student in (None, "ann", "bo"):
        ex.set_student(student)
        house = HouseOfQuality.from_dict(ex.exercise_data("06.3"))
        assert ex.check("06.3", house.technical_importance().idxmax()).correct


def test_laddering_data_cell_shows_the_codebook_the_question_needs():
    nb = nbformat.read(ROOT / "exercises" / "08_customer_value_laddering_exercises.ipynb",
                       as_version=4)
    cell = next(c for c in nb.cells if 'exercise_data("08.4")' in c.source)
    last = cell.source.strip().splitlines()[-1]
    assert last.split("#")[0].strip() == "d4", "show the whole data (ladders and codebook)"
    assert set(ex.exercise_data("08.4")) == {"ladders", "codebook"}


def test_data_draws_are_reproducible_and_not_shared_between_callers():
    first = ex.exercise_data("05.1", "ann")
    first["log"].clear()
    assert ex.exercise_data("05.1", "ann")["log"], "the cached data was mutated"
    assert ex.exercise_data("05.1", "ann") == ex.exercise_data("05.4", "ann")
    assert np.isfinite(answer_key("05.1", "ann"))
