"""Tests for coursekit.models.clv: textbook oracles, invariants and bad input."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models import clv

# TB 4.2 Exercise 1, computed in ../shared/curriculum_map.md §3b (m = 170, d = 10%).
HBS_INFINITE = {  # retention: (A "end", B "start", C "retained", expected lifetime)
    0.25: (200.00, 220.00, 50.00, 1.33),
    0.35: (226.67, 249.33, 79.33, 1.54),
    0.50: (283.33, 311.67, 141.67, 2.00),
    0.70: (425.00, 467.50, 297.50, 3.33),
    0.80: (566.67, 623.33, 453.33, 5.00),
    0.90: (850.00, 935.00, 765.00, 10.00),
}
HBS_END_5 = [199.88, 225.93, 277.84, 380.65, 451.37, 538.35]
HBS_END_10 = [200.00, 226.66, 283.23, 420.37, 543.21, 735.73]

money = st.floats(min_value=1.0, max_value=1e4, allow_nan=False)
rate = st.floats(min_value=0.0, max_value=0.5, allow_nan=False)
retention = st.floats(min_value=0.0, max_value=0.95, allow_nan=False)


# --- textbook oracles -------------------------------------------------------------------------

def test_simple_clv_textbook_7_4():
    assert clv.simple_clv(75, 0.30, 1) == pytest.approx(22.50)
    assert clv.simple_clv(75, 0.30, 5) == pytest.approx(112.50)


def test_period_margin_hbs():
    assert clv.period_margin(250, 4, 0.20, 30) == pytest.approx(170.0)
    assert clv.period_margin(250, 4, 0.20) == pytest.approx(200.0)


def test_hbs_exercise_all_conventions_match_the_answer_table():
    ex = clv.hbs_exercise()
    assert ex.margin == 170.0 and ex.discount_rate == 0.10
    assert ex.answer_key == "start"
    table = ex.table.round(2)
    for r, (a, b, c, life) in HBS_INFINITE.items():
        assert table.loc[r, "end"] == pytest.approx(a, abs=0.005)
        assert table.loc[r, "start"] == pytest.approx(b, abs=0.005)
        assert table.loc[r, "retained"] == pytest.approx(c, abs=0.005)
        assert table.loc[r, "expected_lifetime"] == pytest.approx(life, abs=0.005)
    assert ex.answer.round(2).tolist() == [b for _, b, _, _ in HBS_INFINITE.values()]
    assert ex.uplift["end"] == pytest.approx(4.25)


@pytest.mark.parametrize("periods, expected", [(5, HBS_END_5), (10, HBS_END_10)])
def test_hbs_exercise_finite_horizons(periods, expected):
    table = clv.hbs_exercise(periods).table
    np.testing.assert_allclose(table["end"].round(2), expected, atol=0.005)


def test_hbs_exercise_repr_and_str_are_readable():
    ex = clv.hbs_exercise()
    assert "margin=170.0" in repr(ex)
    assert "935.00" in str(ex)


# --- conventions and formulas ------------------------------------------------------------------

def test_conventions_are_related_as_fader_hardie_2012():
    m, d = 170.0, 0.1
    r = np.array(list(HBS_INFINITE))
    end = clv.retention_clv(m, r, d, timing="end")
    np.testing.assert_allclose(clv.retention_clv(m, r, d, timing="start"), end * (1 + d))
    np.testing.assert_allclose(clv.retention_clv(m, r, d, timing="retained"), end * r)


def test_one_period_horizon():
    assert clv.retention_clv(100, 0.5, 0.25, timing="start", periods=1) == pytest.approx(100)
    assert clv.retention_clv(100, 0.5, 0.25, timing="end", periods=1) == pytest.approx(80)
    assert clv.retention_clv(100, 0.5, 0.25, timing="retained", periods=1) == pytest.approx(40)


def test_full_retention_without_discount_counts_every_period():
    # q = 1 is allowed for a finite horizon: n undiscounted margins, as in simple CLV
    assert clv.retention_clv(22.5, 1.0, 0.0, periods=5) == pytest.approx(112.5)


@pytest.mark.parametrize("timing", clv.TIMINGS)
def test_growth_and_finite_horizon_against_explicit_cash_flows(timing):
    m, r, d, g, n, ac = 120.0, 0.7, 0.08, 0.03, 12, 50.0
    k = np.arange(n)
    margins = m * (1 + g) ** k
    if timing == "start":
        flows = margins * r**k / (1 + d) ** k
    elif timing == "end":
        flows = margins * r**k / (1 + d) ** (k + 1)
    else:
        flows = margins * r ** (k + 1) / (1 + d) ** (k + 1)
    got = clv.retention_clv(m, r, d, timing=timing, growth=g, periods=n, acquisition_cost=ac)
    assert got == pytest.approx(flows.sum() - ac)


def test_gupta_lehmann_margin_multiple_with_growth():
    # Gupta & Lehmann (2003): CLV = m r / (1 + i - r(1 + g))
    m, r, i, g = 100.0, 0.8, 0.12, 0.02
    expected = m * r / (1 + i - r * (1 + g))
    assert clv.retention_clv(m, r, i, timing="retained", growth=g) == pytest.approx(expected)


def test_expected_lifetime():
    np.testing.assert_allclose(clv.expected_lifetime(np.array([0.0, 0.5, 0.8, 0.9])),
                               [1.0, 2.0, 5.0, 10.0])
    assert isinstance(clv.expected_lifetime(0.5), float)


def test_undiscounted_value_is_not_the_npv():
    # misconception "undiscounted value": m x expected lifetime overstates the NPV
    m, r = 170.0, 0.8
    undiscounted = m * clv.expected_lifetime(r)
    assert undiscounted == pytest.approx(850.0)
    assert clv.retention_clv(m, r, 0.0, timing="start") == pytest.approx(undiscounted)
    assert clv.retention_clv(m, r, 0.10, timing="start") < undiscounted


def test_breakeven_retention_round_trip():
    for timing in clv.TIMINGS:
        r = clv.breakeven_retention(170, 600, 0.10, timing=timing)
        assert 0 < r < 1
        assert clv.retention_clv(170, r, 0.10, timing=timing, acquisition_cost=600) == \
            pytest.approx(0, abs=1e-9)


def test_retention_sweep_and_array_output():
    table = clv.retention_sweep(170, 0.1, [0.5, 0.9], timings=["end"])
    assert list(table.columns) == ["end", "expected_lifetime"]
    assert table.index.name == "retention"
    out = clv.retention_clv(np.array([100.0, 200.0]), 0.5, 0.1)
    assert isinstance(out, np.ndarray) and out.shape == (2,)
    assert isinstance(clv.retention_clv(100, 0.5, 0.1), float)


def test_segment_clv_values_and_shares():
    seg = pd.DataFrame({"margin": [300.0, 100.0, -20.0], "retention": [0.8, 0.5, 0.3],
                        "customers": [150, 700, 150]}, index=["loyal", "occasional", "costly"])
    out = clv.segment_clv(seg, 0.10, timing="end")
    assert out.loc["loyal", "clv"] == pytest.approx(300 / (1.1 - 0.8))
    assert out.loc["costly", "clv"] < 0   # "certain groups ... cost more than they generate"
    assert out["value_share"].sum() == pytest.approx(1.0)
    assert out["customer_share"].sum() == pytest.approx(1.0)
    no_size = clv.segment_clv(seg.drop(columns="customers"), 0.1)
    assert "value_share" not in no_size.columns


# --- properties ----------------------------------------------------------------------------------

@settings(max_examples=50, deadline=None)
@given(m=money, r1=retention, r2=retention, d=rate, timing=st.sampled_from(clv.TIMINGS))
def test_clv_rises_with_retention(m, r1, r2, d, timing):
    lo, hi = sorted((r1, r2))
    assert clv.retention_clv(m, lo, d, timing=timing) <= \
        clv.retention_clv(m, hi, d, timing=timing) + 1e-9


@settings(max_examples=50, deadline=None)
@given(m=money, r=retention, d1=rate, d2=rate, timing=st.sampled_from(clv.TIMINGS))
def test_clv_falls_with_discount_rate(m, r, d1, d2, timing):
    lo, hi = sorted((d1, d2))
    assert clv.retention_clv(m, r, hi, timing=timing) <= \
        clv.retention_clv(m, r, lo, timing=timing) + 1e-9


@settings(max_examples=50, deadline=None)
@given(m=money, r=retention, d=rate, n=st.integers(1, 40))
def test_finite_horizon_is_below_the_perpetuity_and_ordered(m, r, d, n):
    start, end, ret = (clv.retention_clv(m, r, d, timing=t, periods=n) for t in clv.TIMINGS)
    assert start <= clv.retention_clv(m, r, d, timing="start") + 1e-9
    assert ret <= end + 1e-9 <= start + 2e-9


@settings(max_examples=50, deadline=None)
@given(values=st.lists(st.floats(0, 1e4, allow_nan=False), min_size=1, max_size=6))
def test_simple_clv_scales_linearly(values):
    x = np.array(values)
    np.testing.assert_allclose(clv.simple_clv(x, 0.3, 5), 5 * clv.simple_clv(x, 0.3, 1))


# --- bad input -----------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, exc, match", [
    ({"retention": 80}, ValueError, "retention"),
    ({"retention": -0.1}, ValueError, "retention"),
    ({"discount_rate": -0.05}, ValueError, "discount_rate"),
    ({"timing": "begin"}, ValueError, "timing"),
    ({"periods": 0}, ValueError, "periods"),
    ({"periods": 2.5}, TypeError, "periods"),
    ({"acquisition_cost": -1}, ValueError, "acquisition_cost"),
    ({"growth": -1.0}, ValueError, "growth"),
    ({"margin": "170"}, TypeError, "margin"),
    ({"margin": float("nan")}, ValueError, "margin"),
    ({"retention": 1.0, "discount_rate": 0.0}, ValueError, "retention"),
    ({"retention": 0.95, "growth": 0.2}, ValueError, "growth"),
])
def test_retention_clv_rejects_bad_input(kwargs, exc, match):
    args = {"margin": 170.0, "retention": 0.5, "discount_rate": 0.1} | kwargs
    margin, r, d = args.pop("margin"), args.pop("retention"), args.pop("discount_rate")
    with pytest.raises(exc, match=match):
        clv.retention_clv(margin, r, d, **args)


def test_other_functions_reject_bad_input():
    with pytest.raises(ValueError, match="gross_margin"):
        clv.simple_clv(75, 30, 5)
    with pytest.raises(ValueError, match="n_purchases"):
        clv.simple_clv(75, 0.3, -1)
    with pytest.raises(ValueError, match="cost_per_period"):
        clv.period_margin(250, 4, 0.2, -30)
    with pytest.raises(ValueError, match="retention"):
        clv.expected_lifetime(1.0)
    with pytest.raises(ValueError, match="acquisition_cost"):
        clv.breakeven_retention(10, 1e6, 0.1)
    with pytest.raises(ValueError, match="retentions"):
        clv.retention_sweep(170, 0.1, [])
    with pytest.raises(ValueError, match="timings"):
        clv.retention_sweep(170, 0.1, timings=["middle"])
    with pytest.raises(ValueError, match="segments"):
        clv.segment_clv(pd.DataFrame({"margin": [1.0]}), 0.1)
    with pytest.raises(ValueError, match="answer_key"):
        clv.hbs_exercise(answer_key="A")


# --- tracking of repeat purchases ------------------------------------------------------------

class _OnePerWeek:
    """A toy transaction model: one expected purchase per week of age."""

    def expected_purchases(self, t):
        return np.asarray(t, dtype=float)


def test_repeat_purchase_tracking_counts_and_expectation():
    log = pd.DataFrame({"id": [1, 1, 1, 1, 2, 2],
                        "day": ["2024-01-01", "2024-01-03", "2024-01-03", "2024-01-10",
                                "2024-01-08", "2024-01-20"]})
    out = clv.repeat_purchase_tracking(_OnePerWeek(), log, "id", "day", end="2024-01-21")
    # purchases on one day count once: customer 1 has 2 repeat days, customer 2 has 1
    assert out["actual"].tolist() == [1, 1, 1]
    assert out["actual_cumulative"].iloc[-1] == 3
    # expected cumulative at the end (3 weeks): ages 3 and 2 weeks
    assert out["expected_cumulative"].iloc[-1] == pytest.approx(3.0 + 2.0)


def test_repeat_purchase_tracking_rejects_bad_input():
    log = pd.DataFrame({"id": [1], "day": ["2024-01-01"]})
    with pytest.raises(TypeError, match="model"):
        clv.repeat_purchase_tracking(object(), log, "id", "day")
    with pytest.raises(ValueError, match="end"):
        clv.repeat_purchase_tracking(_OnePerWeek(), log, "id", "day", end="2023-12-01")
    with pytest.raises(ValueError, match="time_unit"):
        clv.repeat_purchase_tracking(_OnePerWeek(), log, "id", "day", time_unit="M")
