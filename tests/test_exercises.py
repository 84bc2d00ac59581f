"""check() / hint(): correct, wrong, misconception, placeholder and invalid answers."""

import pytest

from coursekit import exercises as ex
from coursekit.grading import answer_key
from coursekit.exercises import progress


@pytest.fixture(autouse=True)
def _fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "progress.sqlite3"))
    monkeypatch.delenv("COURSEKIT_STUDENT", raising=False)
    ex.set_student(None)
    ex.reset_hints()
    yield
    ex.set_student(None)


@pytest.mark.parametrize("placeholder", [..., None])
def test_placeholder_is_not_answered_yet(placeholder):
    fb = ex.check("01.1", placeholder)
    assert fb.status == "unanswered" and "not answered yet" in fb.message and not fb


def test_correct_answer_within_tolerance():
    assert ex.check("01.2", 1.25).correct
    assert ex.check("01.2", 1.2501).correct
    assert not ex.check("01.2", 1.3).correct


def test_misconception_is_explained():
    fb = ex.check("01.3", 280 / 6)
    assert fb.status == "incorrect" and fb.misconception == "beds"
    assert "six beds" in fb.message


def test_percent_and_sign_mistakes_are_recognised():
    assert ex.check("01.2", 125).misconception == "percent"
    assert ex.check("01.4", -10).misconception == "sign"


def test_invalid_answers_get_advice_not_a_traceback():
    assert ex.check("01.2", "1.25").status == "invalid"
    assert ex.check("01.2", float("nan")).status == "invalid"
    assert ex.check("01.9", "a hotel").status == "invalid"
    assert "options" in ex.check("01.9", "a hotel").message


def test_choice_answers_are_normalised():
    assert ex.check("01.9", "  Substitute ").correct
    assert ex.check("12.2", ["cause outside the firm's control", "unstable cause",
                             "first failure", "minor failure"]).correct
    assert ex.check("01.9", "competitor").misconception == "competitor"


ALL_QUESTIONS = ex.list_questions()


def test_subjective_value_proposition_judgement_is_not_auto_graded():
    """Issue 17: whether "Best coffee in town" is compelling or differentiating is a judgement;
    module 01 asks it as an ungraded reflection, not as a bank question."""
    assert "01.11" not in ALL_QUESTIONS


@pytest.mark.parametrize("qid", ALL_QUESTIONS)
@pytest.mark.parametrize("student", [None, "alice"])
def test_every_question_accepts_its_key_and_names_each_misconception(qid, student):
    ex.set_student(student)
    q = ex.get_question(qid)
    assert q.prompt.strip() and q.hints, f"{qid}: needs a prompt and at least one hint"
    assert ex.check(qid, answer_key(qid, student)).correct, qid
    data = ex.exercise_data(qid)
    for m in q.misconceptions:
        fb = ex.check(qid, m.wrong(data))
        if fb.correct:  # these numbers make the mistake harmless (e.g. a tie)
            continue
        assert fb.misconception == m.name, (qid, m.name, fb.message)


def test_every_ready_module_has_misconception_feedback():
    from coursekit.course import MODULES

    for m in MODULES:
        if m.status == "ready":
            qs = [ex.get_question(q) for q in ex.list_questions(m.id)]
            assert sum(bool(q.misconceptions) for q in qs) >= 3, m.name


def test_module01_has_at_least_six_questions():
    assert len(ex.list_questions("01")) >= 6


def test_hints_come_one_level_at_a_time():
    first, second, third = ex.hint("01.2"), ex.hint("01.2"), ex.hint("01.2")
    assert (first.level, second.level, third.level) == (1, 2, 2)
    assert first.text != second.text and "last hint" in repr(second)


def test_per_student_data_differs_and_answer_key_follows():
    ex.set_student("alice")
    a = ex.exercise_data("01.5"), answer_key("01.5")
    ex.set_student("bob")
    b = ex.exercise_data("01.5"), answer_key("01.5")
    assert a[0] != b[0]
    ex.set_student("alice")
    assert ex.exercise_data("01.5") == a[0] and ex.check("01.5", a[1]).correct
    assert not ex.check("01.5", b[1]).correct or a[1] == b[1]


def test_student_from_environment(monkeypatch):
    monkeypatch.setenv("COURSEKIT_STUDENT", "carol")
    env = ex.exercise_data("01.5")
    ex.set_student("carol")
    assert ex.exercise_data("01.5") == env


def test_unknown_question_lists_valid_ones():
    with pytest.raises(ValueError, match="01.1"):
        ex.check("01.99", 1)
    with pytest.raises(ValueError, match="module.question"):
        ex.check("one", 1)
    with pytest.raises(TypeError, match="student_id"):
        ex.set_student(42)


def test_progress_records_attempts_and_correct(tmp_path):
    ex.check("01.1", 5)
    ex.check("01.1", 0)
    ex.check("01.2", ...)
    attempts = progress.read_attempts()
    assert attempts["question_id"].tolist() == ["01.1", "01.1"]
    assert attempts["correct"].tolist() == [False, True]
    table = progress.progress(["01"])
    assert table.iloc[0]["correct"] == 1


def test_feedback_html_is_escaped_and_labelled():
    html = ex.check("01.9", "<b>")._repr_html_()
    assert 'role="status"' in html and "<b>'" not in html and "&lt;b&gt;" in html


def test_follow_up_questions_share_the_students_data():
    ex.set_student("dana")
    assert ex.exercise_data("01.5") == ex.exercise_data("01.6")
    assert ex.exercise_data("01.7") == ex.exercise_data("01.8")
