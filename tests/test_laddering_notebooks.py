"""Module 08 notebooks: key numbers of the lesson.

Solutions all correct and exercises unanswered: tests/test_notebooks.py.
"""
import pytest

from notebook_runner import run_notebook

LESSON = "notebooks/08_customer_value_laddering.ipynb"


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
