"""Key numbers of the research sections of lessons 05, 06, 07, 11, 12 and 13 (issue 19 items 6,
8-13). Each lesson runs once; solutions and exercises are checked by tests/test_notebooks.py.
"""
import pytest

from notebook_runner import run_notebook


def test_lesson_05_mailing_and_forecast_comparison():
    v = run_notebook("notebooks/05_rfm_value_matrix.ipynb",
                     ["breakeven", "mail_cells", "plan_profit", "everyone_profit",
                      "spearman_rfm", "spearman_bgnbd", "comparison.actual_total",
                      "comparison.capture.loc[0.2, 'perfect']"])
    assert v["breakeven"] == pytest.approx(0.0625)       # 0.50 / 8
    assert v["mail_cells"] == [4, 5]                       # the recency cells above 6.25 %
    assert v["plan_profit"] == pytest.approx(172.5 + 35.5)  # 199 (34/199 x 8 - 0.5) + ...
    assert v["everyone_profit"] == pytest.approx(67 * 8 - 1000 * 0.5)
    assert (v["spearman_rfm"], v["spearman_bgnbd"]) == (0.456, 0.449)
    assert v["comparison.actual_total"] == 1882
    assert v["comparison.capture.loc[0.2, 'perfect']"] == pytest.approx(0.887, abs=1e-3)


def test_lesson_06_research_checks():
    v = run_notebook("notebooks/06_qfd_kano.ipynb",
                     ["top_by_scale", "tau_321", "sensitivity.top_k_agree",
                      "pilot_not_significant", "most_important"])
    assert v["top_by_scale"]["9-3-1"] == "Kitchen ticket time"
    assert v["top_by_scale"]["3-2-1"] == "Servers per shift"
    assert v["tau_321"] == pytest.approx(0.81, abs=0.001)
    assert v["sensitivity.top_k_agree"] is False
    assert "Clean restaurant" in v["pilot_not_significant"]
    assert v["most_important"] == "Food served hot"       # a must-be feature


def test_lesson_07_psychometrics():
    v = run_notebook("notebooks/07_gap_model.ipynb",
                     ["hit_rate", "kaiser_factors", "gap_reliability_min"])
    assert v["hit_rate"] == 1.0 and v["kaiser_factors"] == 5  # by construction
    assert 0.75 < v["gap_reliability_min"] < 0.85


def test_lesson_11_profit_chain_and_switching():
    v = run_notebook("notebooks/11_relationships_loyalty.ipynb",
                     ["links_recovered", "isq_effect_true", "round(isq_effect, 2)",
                      "causes_per_switch", "round(controllable_share, 2)"])
    assert v["links_recovered"] == 8
    assert v["isq_effect_true"] == pytest.approx(0.324)
    assert v["round(isq_effect, 2)"] == 0.34
    assert v["causes_per_switch"] == 1.69
    assert v["round(controllable_share, 2)"] == 0.91


def test_lessons_12_and_13_research_sections():
    v12 = run_notebook("notebooks/12_service_recovery.ipynb", ["missing_dimensions"])
    assert v12["missing_dimensions"] == ["procedural", "informational"]
    v13 = run_notebook("notebooks/13_customer_roles_design.ipynb", ["roles.index.tolist()"])
    assert v13["roles.index.tolist()"] == [1, 6, 7, 8]
