"""Modules 02, 03 and 09 notebooks: key textbook numbers, solutions correct, exercises blank."""
import pytest

from notebook_runner import cell_outputs_text, execute, run_notebook


def _checks(nb):
    return [t for c, t in zip(nb.cells, cell_outputs_text(nb)) if c.source.startswith("check(")]


def test_lesson_02_reproduces_the_textbook_examples():
    v = run_notebook("notebooks/02_buying_behaviour.ipynb",
                     ["lexus_acts", "woman_acts", "reach_stage5", "first_choice", "second_choice",
                      "reversal.choice_with", "reversal.reversed",
                      "int(raw.loc[first_choice, 'days_until_available'])",
                      "list(raw.columns[:6])", "len(raw)", "missing_roles",
                      "explorer.result.choice_with", "lexicographic.choice"])
    assert v["lexus_acts"] is False and v["woman_acts"] is True
    assert v["reach_stage5"] == 216.0
    assert v["len(raw)"] == 5.0                                   # five models
    assert v["list(raw.columns[:6])"] == ["price", "suction_power", "warranty", "weight",
                                          "noise_level", "ease_of_attachments"]
    assert v["int(raw.loc[first_choice, 'days_until_available'])"] == 3.0   # three days
    assert v["reversal.reversed"] is True
    assert v["reversal.choice_with"] == v["second_choice"] == v["explorer.result.choice_with"]
    assert v["lexicographic.choice"] != v["first_choice"]
    assert v["missing_roles"] == ["influencer"]


@pytest.mark.parametrize("module", ["02_buying_behaviour"])
def test_solutions_answer_every_question_correctly(module):
    checks = _checks(execute(f"solutions/{module}.ipynb"))
    assert len(checks) >= 6 and all("correct!" in t for t in checks), checks


@pytest.mark.parametrize("module", ["02_buying_behaviour"])
def test_exercises_run_and_report_not_answered(module):
    checks = _checks(execute(f"exercises/{module}.ipynb"))
    assert len(checks) >= 6 and all("not answered yet" in t for t in checks), checks
