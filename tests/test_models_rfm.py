"""Tests for coursekit.models.rfm: hand-computed oracles, invariants and bad input."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models import rfm


@pytest.fixture
def log() -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": ["a", "a", "a", "b", "c", "c", "d"],
        "date": ["2024-01-01", "2024-02-01", "2024-03-31", "2024-03-01", "2024-01-15",
                 "2024-03-20", "2024-01-02"],
        "amount": [10.0, 20.0, 30.0, 200.0, 5.0, 15.0, 8.0],
    })


def test_rfm_table_hand_computed(log):
    t = rfm.rfm_table(log)
    assert list(t.index) == ["a", "b", "c", "d"]
    assert t.loc["a", "recency"] == 0.0                      # last purchase on the last day
    assert t.loc["b", "recency"] == 30.0                     # 1 Mar -> 31 Mar
    assert t["frequency"].tolist() == [3, 1, 2, 1]
    assert t["monetary"].tolist() == [60.0, 200.0, 20.0, 8.0]
    assert t["average_purchase"].tolist() == [20.0, 200.0, 10.0, 8.0]
    assert t["frequency"].dtype == np.int64


def test_rfm_table_as_of_and_weeks(log):
    days = rfm.rfm_table(log, as_of="2024-04-14")
    weeks = rfm.rfm_table(log, as_of="2024-04-14", time_unit="W")
    assert days.loc["a", "recency"] == 14.0
    np.testing.assert_allclose(weeks["recency"] * 7, days["recency"])   # days vs weeks


def test_rfm_table_custom_column_names(log):
    renamed = log.rename(columns={"customer_id": "cust", "date": "when", "amount": "usd"})
    t = rfm.rfm_table(renamed, customer="cust", date="when", amount="usd")
    assert t.index.name == "cust" and t["monetary"].sum() == pytest.approx(288.0)


def test_quantile_scores_equal_bins_and_ties():
    x = np.arange(1, 21)
    s = rfm.quantile_scores(x)
    assert np.bincount(s)[1:].tolist() == [4, 4, 4, 4, 4]
    ties = rfm.quantile_scores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])
    assert len(set(ties[:6])) == 1 and ties[0] == 1
    assert rfm.quantile_scores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], ties="max")[0] == 3
    assert rfm.quantile_scores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], ties="average")[0] == 2


def test_rfm_scores_direction(log):
    s = rfm.rfm_scores(rfm.rfm_table(log), n_bins=4)
    assert s.loc["a", "R"] == 4 and s.loc["d", "R"] == 1      # most / least recent
    assert s.loc["a", "F"] == 4 and s.loc["b", "M"] == 4
    assert s.loc["a", "rfm_cell"] == f"{s.loc['a', 'R']}{s.loc['a', 'F']}{s.loc['a', 'M']}"
    assert (s["rfm_score"] == s["R"] + s["F"] + s["M"]).all()


def test_value_matrix_cells_and_cuts(log):
    vm = rfm.value_matrix(rfm.rfm_table(log))
    # median frequency 1.5, median average purchase 15
    assert vm.attrs["cuts"]["frequency"] == 1.5
    assert vm.attrs["cuts"]["average_purchase"] == 15.0
    assert vm["cell"].astype(str).to_dict() == {"a": "Best", "b": "Spenders", "c": "Frequent",
                                                "d": "Uncertain"}
    fixed = rfm.value_matrix(rfm.rfm_table(log), frequency_cut=2, average_cut=100,
                             recency_cut=10)
    assert fixed.loc["a", "cell"] == "Frequent" and fixed.loc["b", "status"] == "lapsed"
    assert list(vm["cell"].cat.categories) == ["Best", "Frequent", "Spenders", "Uncertain"]


def test_segment_summary_shares(log):
    vm = rfm.value_matrix(rfm.rfm_table(log))
    summary = rfm.segment_summary(vm)
    assert summary["customers"].sum() == 4
    assert summary["sales_share"].sum() == pytest.approx(1.0)
    assert summary.loc["Spenders", "sales"] == 200.0
    both = rfm.segment_summary(vm, by=["cell", "status"])
    assert both["customer_share"].sum() == pytest.approx(1.0)


def test_concentration_textbook_claim_pareto_example():
    # 15 customers of 100 spend 60% of sales: inside the textbook's 55-70% band (TB 4.2)
    sales = np.r_[np.full(15, 40.0), np.full(85, 400.0 / 85)]
    assert rfm.top_share(sales, 0.15) == pytest.approx(0.60)
    curve = rfm.concentration_curve(sales)
    assert curve.iloc[0].tolist() == [0.0, 0.0] and curve.iloc[-1].tolist() == [1.0, 1.0]
    assert rfm.top_share(np.ones(10), 0.3) == pytest.approx(0.3)   # equal spend = diagonal


# --- properties ----------------------------------------------------------------------------------

values = st.lists(st.floats(0, 1e3, allow_nan=False), min_size=1, max_size=40)


@settings(max_examples=50, deadline=None)
@given(x=values, n_bins=st.integers(2, 10), ties=st.sampled_from(["min", "max", "average"]))
def test_scores_in_range_monotone_and_tie_consistent(x, n_bins, ties):
    arr = np.array(x)
    s = rfm.quantile_scores(arr, n_bins, ties=ties)
    assert s.min() >= 1 and s.max() <= n_bins
    order = np.argsort(arr, kind="stable")
    assert np.all(np.diff(s[order]) >= 0)                   # higher value, never lower score
    for v in np.unique(arr):
        assert len(set(s[arr == v])) == 1                   # equal values, equal score


@settings(max_examples=50, deadline=None)
@given(x=values.filter(lambda v: sum(v) > 0))
def test_concentration_curve_is_concave_and_above_diagonal(x):
    c = rfm.concentration_curve(x)
    assert np.all(np.diff(c["value_share"]) >= -1e-12)
    assert np.all(c["value_share"] >= c["customer_share"] - 1e-9)
    slopes = np.diff(c["value_share"])
    assert np.all(np.diff(slopes) <= 1e-12)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 30), seed=st.integers(0, 10_000))
def test_rfm_table_conserves_sales_and_purchases(n, seed):
    rng = np.random.default_rng(seed)
    log = pd.DataFrame({
        "customer_id": rng.integers(0, 8, n),
        "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 90, n), "D"),
        "amount": rng.gamma(2.0, 20.0, n).round(2),
    })
    t = rfm.rfm_table(log)
    assert t["frequency"].sum() == n
    assert t["monetary"].sum() == pytest.approx(log["amount"].sum())
    assert (t["recency"] >= 0).all()


# --- bad input -----------------------------------------------------------------------------------

def test_bad_input(log):
    with pytest.raises(ValueError, match="transactions"):
        rfm.rfm_table(log.drop(columns="amount"))
    with pytest.raises(TypeError, match="transactions"):
        rfm.rfm_table(log.to_numpy())
    with pytest.raises(ValueError, match="amount"):
        rfm.rfm_table(log.assign(amount=[-1.0, 20, 30, 200, 5, 15, 8]))
    with pytest.raises(ValueError, match="amount"):
        rfm.rfm_table(log.assign(amount=[np.nan, 20, 30, 200, 5, 15, 8]))
    with pytest.raises(ValueError, match="date"):
        rfm.rfm_table(log.assign(date=[None] + list(log["date"][1:])))
    with pytest.raises(ValueError, match="as_of"):
        rfm.rfm_table(log, as_of="2024-03-01")
    with pytest.raises(ValueError, match="time_unit"):
        rfm.rfm_table(log, time_unit="M")
    with pytest.raises(ValueError, match="n_bins"):
        rfm.quantile_scores([1, 2, 3], n_bins=1)
    with pytest.raises(ValueError, match="ties"):
        rfm.quantile_scores([1, 2, 3], ties="first")
    with pytest.raises(ValueError, match="table"):
        rfm.value_matrix(pd.DataFrame({"recency": [1.0]}))
    with pytest.raises(ValueError, match="frequency_cut"):
        rfm.value_matrix(rfm.rfm_table(log), frequency_cut=-1)
    with pytest.raises(ValueError, match="values"):
        rfm.concentration_curve([0.0, 0.0])
    with pytest.raises(ValueError, match="customer_share"):
        rfm.top_share([1.0, 2.0], 15)
