"""Module 08 notebooks: key numbers of the lesson, every solution correct, the student version."""
import pytest

from notebook_runner import ROOT, cell_outputs_text, execute, run_notebook

LESSON = "notebooks/08_customer_value_laddering.ipynb"
SOLUTIONS = "solutions/08_customer_value_laddering.ipynb"
EXERCISES = "exercises/08_customer_value_laddering.ipynb"


def test_lesson_08_key_numbers():
    v = run_notebook(LESSON, ["n_surprises", "missed", "executive_profile.discriminates",
                              "allegheny_vs_competitor < 0 < new_york_vs_competitor",
                              "n_respondents", "n_ladders", "share_at_4", "hvm_edges",
                              "top_chain", "most_central", "explorer.result.links",
                              "list(cv.BANK_MANAGER_TOP4)"])
    # the textbook's bank case: two surprises, the team approach missed by the managers
    assert v["n_surprises"] == 2
    assert v["missed"] == ["Team approach"]
    assert v["list(cv.BANK_MANAGER_TOP4)"][0] == "Timely service response"
    assert v["executive_profile.discriminates"] is True
    assert v["allegheny_vs_competitor < 0 < new_york_vs_competitor"] is True
    # the synthetic laddering study
    assert v["n_respondents"] == 50 and v["n_ladders"] == 142
    assert v["share_at_4"] == pytest.approx(306 / 325)
    assert v["hvm_edges"] == v["explorer.result.links"] == 22
    assert v["top_chain"].startswith("team approach > efficient process > saves time")
    assert v["most_central"] == "profitability"


def test_solutions_08_answer_every_question_correctly():
    nb = execute(SOLUTIONS)
    checks = [t for c, t in zip(nb.cells, cell_outputs_text(nb)) if "check(" in c.source]
    assert len(checks) >= 6 and all("correct!" in t for t in checks), checks


@pytest.mark.skipif(not (ROOT / EXERCISES).exists(), reason="run `coursekit build-exercises`")
def test_exercises_08_run_and_report_not_answered():
    nb = execute(EXERCISES)
    checks = [t for c, t in zip(nb.cells, cell_outputs_text(nb)) if "check(" in c.source]
    assert checks and all("not answered yet" in t for t in checks), checks
