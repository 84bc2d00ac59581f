"""Modules 10, 11 and 13: lesson key numbers.

Solutions all correct and exercises unanswered: tests/test_notebooks.py.
"""
import pytest

from notebook_runner import run_notebook


# --- module 11 --------------------------------------------------------------------------------

def test_lesson_11_reproduces_the_key_numbers():
    v = run_notebook("notebooks/11_relationships_loyalty.ipynb",
                     ["clv_one", "clv_five", "contacts_week", "contacts_year",
                      "round(time_from_strangers, 2)", "round(partner_share, 4)",
                      "bucket_steady", "round(uplift_80, 4)", "round(share_for_100, 4)",
                      "max_error", "ten_year_uplift_no_fixed",
                      "horizon_uplift['steady state']"])
    assert (v["clv_one"], v["clv_five"]) == (22.5, 112.5)
    assert (v["contacts_week"], v["contacts_year"]) == (15, 750)
    assert v["round(time_from_strangers, 2)"] == 24.44
    assert v["round(partner_share, 4)"] == 0.45
    assert v["bucket_steady"] == pytest.approx(500.0)
    assert v["round(uplift_80, 4)"] == 0.25 and v["round(share_for_100, 4)"] == 0.95
    # issue 17: without fixed costs, +24 % over ten years and +100 % at steady state
    assert v["ten_year_uplift_no_fixed"] == pytest.approx(0.2376, abs=1e-4)
    assert v["horizon_uplift['steady state']"] == pytest.approx(1.0)
    assert v["max_error"] < 0.05


# --- module 10 --------------------------------------------------------------------------------

def test_lesson_10_reproduces_the_key_numbers():
    v = run_notebook("notebooks/10_segmentation_competition.ipynb",
                     ["total_before", "total_after", "johnson_focused", "cheap_fit_price",
                      "stations.to_numpy().tolist()"])
    assert (v["total_before"], v["total_after"]) == (75.0, 115.0)
    assert v["johnson_focused"] is False
    assert v["stations.to_numpy().tolist()"][0] == ["H", "M", "L"]
    assert v["stations.to_numpy().tolist()"][-1] == ["L", "M", "H"]
    assert v["cheap_fit_price"] == pytest.approx((3 * 5 + 2 * 3 + 1 + 2 + 2 * 3 + 2 + 1) / 12,
                                                 abs=0.005)


# --- module 13 --------------------------------------------------------------------------------

def test_lesson_13_reproduces_the_key_numbers():
    v = run_notebook("notebooks/13_customer_roles_design.ipynb",
                     ["mixed_half", "isolated_half", "simulated_half", "drop_at_zero",
                      "round(best, 4)", "observed.tolist()"])
    assert v["mixed_half"] == pytest.approx(0.2375)
    assert v["isolated_half"] == pytest.approx(0.075)
    assert v["simulated_half"] == pytest.approx(0.2375, abs=0.01)
    assert v["drop_at_zero"] == pytest.approx(0.158655, abs=1e-6)
    assert v["round(best, 4)"] == pytest.approx(-0.0345, abs=1e-4)
    assert all(abs(r - 0.1587) < 0.08 for r in v["observed.tolist()"])
