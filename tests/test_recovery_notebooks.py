"""Module 12 notebooks: key numbers of the lesson.

Solutions all correct and exercises unanswered: tests/test_notebooks.py.
"""
import pytest

from notebook_runner import run_notebook

LESSON = "notebooks/12_service_recovery.ipynb"
KEYS = ["sim_share", "exact_share", "segregated_threshold_factor", "share_minor_second", "gap_second",
        "repurchase_drop", "eta_recovery", "p_severity_x_recovery", "paradox_cells",
        "break_even", "silent", "int(comparison.covered.sum())", "explorer.paradox_share",
        "programme.value_per_extra_complaint", "framing_table.to_dict()",
        "controllable_minus_stable_repurchase"]


@pytest.fixture(scope="module")
def lesson():
    return run_notebook(LESSON, KEYS)


def test_lesson_paradox_numbers(lesson):
    assert lesson["exact_share"] == pytest.approx(0.7676, abs=1e-4)
    assert lesson["sim_share"] == pytest.approx(lesson["exact_share"], abs=0.006)
    assert lesson["explorer.paradox_share"] == pytest.approx(lesson["exact_share"])
    assert lesson["segregated_threshold_factor"] == pytest.approx(2.513, abs=1e-3)
    # issue 17: segregated vs integrated mental accounts (Thaler 1985)
    table = lesson["framing_table.to_dict()"]
    assert table["segregated"]["0.5"] == pytest.approx(0.768, abs=5e-4)
    assert table["integrated"]["0.5"] == pytest.approx(0.991, abs=5e-4)
    assert table["segregated"]["1.5"] == pytest.approx(0.113, abs=5e-4)
    assert table["integrated"]["1.5"] == pytest.approx(0.662, abs=5e-4)
    # stability and controllability shrink the recovery alike; only stability adds fear
    assert lesson["controllable_minus_stable_repurchase"] > 0.05
    # Maxham & Netemeyer (2002): no paradox on average after a second failure
    assert lesson["share_minor_second"] == pytest.approx(0.130, abs=1e-3)
    assert lesson["gap_second"] == pytest.approx(-0.520, abs=1e-3)
    # de Matos et al. (2007): satisfaction up, repurchase intention not
    assert lesson["repurchase_drop"] < 0


def test_lesson_experiment_analysis(lesson):
    assert lesson["eta_recovery"] == pytest.approx(0.1147, abs=1e-4)
    assert lesson["p_severity_x_recovery"] > 0.05      # the generator has no such interaction
    assert lesson["paradox_cells"] == 1                 # only minor x full x unstable
    assert lesson["int(comparison.covered.sum())"] >= 9  # 95 % CIs cover the true cell means


def test_lesson_economics(lesson):
    assert lesson["silent"] == 24.0
    assert lesson["programme.value_per_extra_complaint"] == pytest.approx(130.0)
    assert lesson["break_even"] == pytest.approx(127.12, abs=0.01)
