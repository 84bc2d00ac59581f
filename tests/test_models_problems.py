"""Tests for coursekit.models.problems (TB 3.1-3.2) and coursekit.models.problems.ethics (TB 3.3)."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from coursekit.models.problems import ethics
from coursekit.models import problems as pr

# Figure 4.5 typed out again from the textbook (seed 001, lines 1080-1087), as an oracle.
FIGURE_4_5 = """\
Project Chartering Committee|X|||||
Client Representative|X|X|X|X|X|X
Project Manager|X|X|X||X|X
Technology Team||X||X||
Finance Team|||X||X|
Schedule Coordination Team||X||X|X|"""


def test_responsibility_matrix_is_figure_4_5_cell_for_cell():
    m = pr.responsibility_matrix()
    assert list(m.columns) == ["Scope Statement", "Work Breakdown Structure", "Budget", "Quality",
                               "Change Management Procedures", "Change Approvals"]
    for line in FIGURE_4_5.splitlines():
        title, *cells = line.split("|")
        assert m.loc[title].tolist() == [c == "X" for c in cells], title


def test_matrix_queries():
    assert pr.who_is_involved("Budget") == ["Client Representative", "Project Manager",
                                            "Finance Team"]
    assert pr.who_is_involved("Quality") == ["Client Representative", "Technology Team",
                                             "Schedule Coordination Team"]
    assert pr.decisions_of("Project Manager") == ["Scope Statement", "Work Breakdown Structure",
                                                  "Budget", "Change Management Procedures",
                                                  "Change Approvals"]
    counts = pr.involvement_counts("role")
    assert counts["Client Representative"] == 6 and counts.sum() == 19


def test_segmentation_and_screening_from_text():
    assert len(pr.SEGMENTATION_VARIABLES["individuals"]) == 6
    assert len(pr.SEGMENTATION_VARIABLES["organizations"]) == 4
    assert len(pr.SCREENING_QUESTIONS) == 6
    assert pr.DIGITAL_STORAGE_SEGMENTATION["target"].iloc[-1] == "technology enthusiasts"
    assert pr.RED_BUTTON_PROJECTS["card_use"].value_counts().to_dict() == {
        "never": 2, "once": 1, "often": 1}
    t = pr.screen_proposition({"reduce_costs": True})
    assert t["answer"].tolist() == [True, None, None, None, None, None]


def test_escalation_cost_hand_computed():
    t = pr.escalation_cost([0, 4])
    expected = 2000 + 100_000 * 1.1 ** 4 + 500_000 * (1 - np.exp(-0.6))
    assert t["total"].iloc[1] == pytest.approx(expected)
    assert t["mistrust"].iloc[0] == 0.0


@settings(max_examples=40, deadline=None)
@given(g=st.floats(0, 0.5), k=st.floats(0, 1), v=st.floats(0, 1e6), p=st.floats(0, 1e6))
def test_informing_early_is_cheapest_when_problems_do_not_shrink(g, k, v, p):
    d = np.arange(0, 12)
    t = pr.escalation_cost(d, problem_growth=g, mistrust_rate=k, relationship_value=v,
                           problem_cost=p)
    assert np.all(np.diff(t["total"]) >= -1e-6)
    assert np.all(np.diff(t["mistrust"]) >= 0)
    assert pr.best_disclosure_time(d, problem_growth=g, mistrust_rate=k,
                                   relationship_value=v, problem_cost=p) == 0.0


def test_threshold_and_revisit():
    inv = pr.needs_client_involvement([10_000, 60_000, 1_000], [1, 0, 10],
                                      cost_threshold=50_000, schedule_threshold_days=5)
    assert inv.tolist() == [False, True, True]
    r = pr.revisit_decision(1_000_000, 1_500_000, 1, 0)         # the month no longer happens
    assert r.revisit and r.net_benefit_now == -1_000_000
    same = pr.revisit_decision(1_000_000, 1_500_000, 1, 1)      # no new information
    assert not same.revisit and not same.new_information


def test_ethics_survey_sums_to_87_percent():
    s = ethics.ethics_survey()
    assert s["share"].tolist() == [0.15, 0.14, 0.12, 0.12, 0.11, 0.10, 0.05, 0.04, 0.04]
    assert ethics.survey_total() == pytest.approx(0.87)
    assert ethics.unreported_share() == pytest.approx(0.13)
    assert ethics.pareto_table()["cumulative"].iloc[-1] == pytest.approx(0.87)
    assert ethics.pareto_table()["share_of_reported"].sum() == pytest.approx(1.0)


def test_ethics_dataset_equals_model():
    shipped = pd.read_csv("datasets/ethics_survey.csv").set_index("issue")
    pd.testing.assert_frame_equal(shipped, ethics.ethics_survey(), check_names=False)


def test_bad_inputs():
    with pytest.raises(ValueError, match="decision"):
        pr.who_is_involved("Marketing")
    with pytest.raises(ValueError, match="role"):
        pr.decisions_of("CEO")
    with pytest.raises(ValueError, match="delay"):
        pr.escalation_cost([-1])
    with pytest.raises(ValueError, match="problem_growth"):
        pr.escalation_cost([1], problem_growth=-1.0)
    with pytest.raises(ValueError, match="relationship_value"):
        pr.escalation_cost([1], relationship_value=np.nan)
    with pytest.raises(ValueError, match="cost_impact"):
        pr.needs_client_involvement(-5, 1, cost_threshold=1, schedule_threshold_days=1)
    with pytest.raises(ValueError, match="answers"):
        pr.screen_proposition({"be_cool": True})
    with pytest.raises(TypeError, match="answers"):
        pr.screen_proposition({"reduce_costs": "yes"})
    with pytest.raises(TypeError, match="include_unreported"):
        ethics.ethics_survey(include_unreported="yes")
