"""Waiting lines (module 13): Erlang B/C against the textbook sums, M/M/1, a seeded simulation,
staffing, the explorer and Maister's propositions."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from coursekit import load_dataset
from coursekit.models import design as des


def _erlang_c_by_sums(c: int, a: float) -> float:
    """The textbook formula with factorials (fine for small c): the independent oracle."""
    top = a ** c / math.factorial(c) * c / (c - a)
    return top / (sum(a ** k / math.factorial(k) for k in range(c)) + top)


@pytest.mark.parametrize("c,a", [(1, 0.5), (2, 1.0), (3, 2.7), (5, 4.2), (10, 8.0)])
def test_erlang_c_matches_the_factorial_formula(c, a):
    assert des.erlang_c(c, a) == pytest.approx(_erlang_c_by_sums(c, a), rel=1e-12)


def test_hand_computed_two_server_queue():
    q = des.mmc_queue(1.0, 1.5, 2)  # a = 1.5: B = 1.125/3.625, C = 9/14
    assert q.p_wait == pytest.approx(9 / 14)
    assert q.mean_wait == pytest.approx(9 / 14 / (2 / 1.5 - 1))
    assert q.mean_queue_length == pytest.approx(q.mean_wait)  # lambda = 1 (Little)
    assert q.utilisation == 0.75


def test_single_server_is_the_mm1_queue():
    lam, mu = 0.8, 1.0
    q = des.mmc_queue(lam, 1 / mu, 1)
    assert q.p_wait == pytest.approx(lam / mu)
    assert q.mean_wait == pytest.approx(lam / (mu * (mu - lam)))


def test_erlang_b_recursion_is_stable_for_large_systems():
    # a^c / c! overflows a float at c = 200; the recursion does not
    b = des.erlang_b(400, 380.0)
    assert 0 < b < 1 and np.isfinite(des.erlang_c(400, 380.0))


def test_simulation_agrees_with_erlang_c():
    q = des.mmc_queue(1.0, 1.5, 2)
    sim = des.simulate_queue(1.0, 1.5, 2, 200_000, seed=11)
    # batch means give an honest standard error for the correlated waits
    batches = sim["wait"].to_numpy()[: 200_000 // 50 * 50].reshape(50, -1).mean(axis=1)
    se = batches.std(ddof=1) / np.sqrt(50)
    assert abs(batches.mean() - q.mean_wait) < 4 * se
    assert (sim["wait"] > 0).mean() == pytest.approx(q.p_wait, abs=0.01)


def test_constant_service_waits_less_than_exponential():
    exp = des.simulate_queue(1.0, 1.5, 2, 50_000, seed=3)["wait"].mean()
    det = des.simulate_queue(1.0, 1.5, 2, 50_000, seed=3, service="constant")["wait"].mean()
    assert det < exp


def test_servers_needed_is_the_smallest_that_meets_the_target():
    c = des.servers_needed(90 / 60, 1.5, max_mean_wait=0.5)
    assert des.mmc_queue(1.5, 1.5, c).mean_wait <= 0.5 < des.mmc_queue(1.5, 1.5, c - 1).mean_wait
    c = des.servers_needed(1.5, 1.5, within=0.5, share=0.9)
    assert 1 - des.mmc_queue(1.5, 1.5, c).p_wait_longer(0.5) >= 0.9


@settings(max_examples=40, deadline=None)
@given(st.floats(0.1, 20), st.floats(0.1, 5), st.integers(0, 5))
def test_adding_a_server_never_lengthens_the_wait(rate, minutes, extra):
    table = des.compare_servers(rate, minutes, extra=extra + 1)
    assert (np.diff(table["mean_wait"]) <= 1e-12).all()
    assert (np.diff(table["p_wait"]) <= 1e-12).all()
    assert ((table["p_wait"] > 0) & (table["p_wait"] < 1)).all()


def test_staffing_plan_from_the_coffee_shop_data():
    data = load_dataset("coffee_shop_arrivals")
    per_hour = data.groupby("hour").size() / data["day"].nunique()
    plan = des.staffing_plan(per_hour, float(data["service_minutes"].mean()), 1.0)
    assert plan.loc[8, "servers"] > plan.loc[7, "servers"]  # the morning peak needs more
    assert (plan["mean_wait_minutes"] <= 1.0).all()
    assert data["service_minutes"].mean() == pytest.approx(1.5, rel=0.05)  # the card's truth


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="servers"):
        des.mmc_queue(2.0, 1.5, 3)  # load 3 = servers
    with pytest.raises(ValueError, match="arrival_rate"):
        des.mmc_queue(-1, 1.5, 2)
    with pytest.raises(TypeError, match="servers"):
        des.mmc_queue(1, 1.5, 2.5)
    with pytest.raises(ValueError, match="offered_load"):
        des.erlang_c(2, 2.0)
    with pytest.raises(ValueError, match="max_mean_wait"):
        des.servers_needed(1, 1.5)
    with pytest.raises(ValueError, match="service"):
        des.simulate_queue(1, 1.5, 2, 10, service="uniform")
    with pytest.raises(TypeError, match="arrivals_per_hour"):
        des.staffing_plan([30, 40], 1.5, 1.0)
    with pytest.raises(ValueError, match="missing"):
        des.waiting_audit(unoccupied=True)
    with pytest.raises(ValueError, match="situation keys"):
        des.waiting_audit(**dict.fromkeys(des.MAISTER_PRINCIPLES, False), bored=True)


def test_maister_audit_and_first_law():
    audit = des.waiting_audit(**dict.fromkeys(des.MAISTER_PRINCIPLES, True))
    assert len(audit) == 8 and audit.loc["uncertain", "principle"].startswith("Uncertain")
    assert des.wait_satisfaction(10, 6) == 4.0


def test_explorer_updates_and_reports_an_unstable_queue():
    from coursekit.widgets.design import WaitingLineExplorer

    e = WaitingLineExplorer(draw=False)
    assert e.result["queue"].servers == 3
    assert e.result["mean_wait"] == pytest.approx(des.mmc_queue(1.5, 1.5, 3).mean_wait)
    e.controls["servers"].value = 4
    assert e.result["mean_wait"] < des.mmc_queue(1.5, 1.5, 3).mean_wait
    e.controls["servers"].value = 2  # load 2.25 > 2 servers
    assert not e.result["stable"] and e.result["mean_wait"] == float("inf")


def test_servicescape_tables():
    assert len(des.servicescape_framework()) == 10  # 3 + 1 + 1 + 3 + 2 elements
    assert set(des.servicescape_gaps().index) == {"customer gap", "gap 2", "gap 3", "gap 4"}
    assert des.servicescape_type("self-service", "lean")["examples"].startswith("ATM")
    assert "employees" in des.servicescape_type("remote", "elaborate")["design_focus"]
    with pytest.raises(ValueError, match="who_acts"):
        des.servicescape_type("robot", "lean")
    with pytest.raises(ValueError, match="complexity"):
        des.servicescape_type("remote", "huge")
