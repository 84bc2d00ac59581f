"""Per-student exercise data for the CLV (04), QFD/Kano (06) and SERVQUAL (07) exercise sets.

Each student id seeds the data of the questions that have ``data=``; ``check`` and the answer
key ``answer_key`` follow the student, whether the id comes from ``set_student``, from
``COURSEKIT_STUDENT`` or from the nbgrader folder the notebook is graded in.
"""
from __future__ import annotations

import numpy as np
import pytest

from coursekit import exercises as ex
from coursekit.grading import answer_key

MODULES = ("04", "06", "07")
STUDENTS = ("alice", "bob", "chen", "dara", "eve", "femi")


@pytest.fixture(autouse=True)
def _fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "progress.sqlite3"))
    for var in ("COURSEKIT_STUDENT", "JUPYTERHUB_USER"):
        monkeypatch.delenv(var, raising=False)
    ex.set_student(None)
    yield
    ex.set_student(None)


def _differs(qid: str, a, b) -> bool:
    """Whether two answer keys differ by more than the question's tolerance."""
    q = ex.get_question(qid)
    if q.kind in ("number", "numbers"):
        return not np.allclose(a, b, rtol=q.rtol, atol=q.atol)
    return a != b


def _with_data(module: str) -> list[str]:
    return [q for q in ex.list_questions(module) if ex.get_question(q).data is not None]


@pytest.mark.parametrize("module", MODULES)
def test_the_exercise_set_has_per_student_questions(module):
    assert len(_with_data(module)) >= 2


@pytest.mark.parametrize("module", MODULES)
def test_two_students_get_different_data(module):
    alice = [ex.exercise_data(q, "alice") for q in _with_data(module)]
    bob = [ex.exercise_data(q, "bob") for q in _with_data(module)]
    assert alice != bob
    assert alice == [ex.exercise_data(q, "alice") for q in _with_data(module)]  # reproducible


@pytest.mark.parametrize("qid", [q for m in MODULES for q in _with_data(m)])
def test_each_question_varies_across_a_class_and_checks_each_students_own_key(qid):
    keys = {}
    for student in STUDENTS:
        ex.set_student(student)
        keys[student] = answer_key(qid)
        assert ex.check(qid, keys[student]).correct, (qid, student)
    assert len({repr(ex.exercise_data(qid, s)) for s in STUDENTS}) >= 2, qid
    # a neighbour's answer is wrong for this student whenever the two keys differ
    ex.set_student("alice")
    for student, key in keys.items():
        if _differs(qid, key, keys["alice"]):
            assert not ex.check(qid, key).correct, (qid, student)


def test_environment_variable_and_set_student_give_the_same_data(monkeypatch):
    monkeypatch.setenv("COURSEKIT_STUDENT", "chen")
    from_env = {q: ex.exercise_data(q) for m in MODULES for q in _with_data(m)}
    monkeypatch.delenv("COURSEKIT_STUDENT")
    ex.set_student("chen")
    assert from_env == {q: ex.exercise_data(q) for q in from_env}


def test_without_a_student_everybody_shares_the_default_data():
    qid = _with_data("04")[0]
    assert ex.exercise_data(qid) == ex.exercise_data(qid, None)
    assert ex.exercise_data(qid) == ex.exercise_data(qid)


def test_nbgrader_student_follows_the_graded_folder_then_the_hub_user(tmp_path, monkeypatch):
    folder = tmp_path / "course" / "autograded" / "dara" / "m04_customer_lifetime_value"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    assert ex.nbgrader_student() == "dara"
    monkeypatch.setenv("COURSEKIT_STUDENT", "eve")
    assert ex.nbgrader_student() == "eve"  # an explicit id wins
    monkeypatch.delenv("COURSEKIT_STUDENT")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JUPYTERHUB_USER", "femi")
    assert ex.nbgrader_student() == "femi"
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert ex.nbgrader_student() is None
