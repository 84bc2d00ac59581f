"""Modules 02, 03 and 09 lesson notebooks: key textbook numbers.

Solutions all correct and exercises unanswered: tests/test_notebooks.py.
"""
import pytest

from notebook_runner import run_notebook


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


def test_lesson_09_reproduces_the_textbook_examples():
    v = run_notebook("notebooks/09_negotiation.ipynb",
                     ["accept", "salary_zone.width", "midpoint", "better_batna_price",
                      "patio.table['price'].tolist()", "patio.table['buyer_cost'].iloc[0]",
                      "buyer_gain", "manufacturer_gain", "ask", "dealer_style",
                      "lifetime_gap > 1_000_000",
                      "ng.ADR_OPTIONS['value'].dropna().tolist()"])
    assert v["accept"] is True
    assert v["salary_zone.width"] == 12_000 and v["midpoint"] == 72_000
    assert v["better_batna_price"] > v["midpoint"]
    assert v["patio.table['price'].tolist()"] == [11.0, 10.0, 10.5]      # $11M, $1M off, $10.5M
    assert v["patio.table['buyer_cost'].iloc[0]"] == 12.0                # + $1M lost sales
    assert v["buyer_gain"] == pytest.approx(1.5 - 0.3)
    assert v["manufacturer_gain"] == pytest.approx(0.8 - 0.5)
    assert v["ask"] == 78_000                                            # high end of $66k-78k
    assert v["dealer_style"] == "Forcing"
    assert v["lifetime_gap > 1_000_000"] is True
    assert v["ng.ADR_OPTIONS['value'].dropna().tolist()"] == [0.96, 0.91, 0.71, 0.50]


def test_lesson_03_reproduces_the_textbook_examples():
    v = run_notebook("notebooks/03_problems_and_ethics.ipynb",
                     ["matrix.to_numpy().astype(int).tolist()", "budget_people",
                      "finance_decisions", "per_title['Client Representative']", "best_week",
                      "cost_after_4 > cost_now", "month_early.revisit", "unchanged.revisit",
                      "projects_used", "survey_total", "survey['share'].tolist()",
                      "final_target", "issues['involve_client'].tolist()"])
    assert v["matrix.to_numpy().astype(int).tolist()"] == [
        [1, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1], [1, 1, 1, 0, 1, 1],
        [0, 1, 0, 1, 0, 0], [0, 0, 1, 0, 1, 0], [0, 1, 0, 1, 1, 0]]       # Figure 4.5
    assert v["budget_people"] == ["Client Representative", "Project Manager", "Finance Team"]
    assert v["finance_decisions"] == ["Budget", "Change Management Procedures"]
    assert v["per_title['Client Representative']"] == 6
    assert v["best_week"] == 0 and v["cost_after_4 > cost_now"] is True
    assert v["month_early.revisit"] is True and v["unchanged.revisit"] is False
    assert v["projects_used"] == 2                                      # red button: 2 of 4
    assert v["survey_total"] == pytest.approx(0.87)                      # not 100 %
    assert v["survey['share'].tolist()"] == [0.15, 0.14, 0.12, 0.12, 0.11, 0.10, 0.05, 0.04,
                                              0.04]
    assert v["final_target"] == "technology enthusiasts"
    assert v["issues['involve_client'].tolist()"] == [False, True, True]
