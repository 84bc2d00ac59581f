"""Reading transaction logs: time zones, day/month order, negative or missing spend, and the
same summary from pandas, DuckDB and Dask (issue 18, sections 4 and 5)."""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models import clv, rfm
from coursekit.models.btyd import summarize_transactions


def _reference_summary(log: pd.DataFrame, end: str, cal_end: str, unit_days: float = 7.0):
    """Loop-by-loop summary of a log with columns c, d (naive dates) and v: the oracle."""
    end_t, cal_t = pd.Timestamp(end), pd.Timestamp(cal_end)
    days: dict = defaultdict(lambda: defaultdict(float))
    for c, d, v in zip(log["c"], pd.to_datetime(log["d"]).dt.normalize(), log["v"]):
        if d <= end_t:
            days[c][d] += v
    rows = {}
    for c, by_day in days.items():
        first = min(by_day)
        if first > cal_t:
            continue
        cal = sorted(d for d in by_day if d <= cal_t)
        repeat = [by_day[d] for d in cal[1:]]
        hold = [by_day[d] for d in by_day if d > cal_t]
        rows[c] = {"frequency": len(cal) - 1,
                   "recency": (cal[-1] - first).days / unit_days,
                   "T": (cal_t - first).days / unit_days,
                   "monetary_value": float(np.mean(repeat)) if repeat else 0.0,
                   "frequency_holdout": len(hold),
                   "duration_holdout": (end_t - cal_t).days / unit_days,
                   "monetary_value_holdout": float(np.mean(hold)) if hold else 0.0}
    return pd.DataFrame.from_dict(rows, orient="index").sort_index()


def _generated_log(n_customers: int = 300, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    sizes = rng.geometric(0.3, n_customers)
    c = np.repeat(np.arange(n_customers) * 3 + 5, sizes)          # ids not 0..n-1
    start = np.repeat(rng.integers(0, 60, n_customers), sizes)
    d = pd.Timestamp("2023-01-01") + pd.to_timedelta(start + rng.integers(0, 300, c.size), "D")
    d = d + pd.to_timedelta(rng.integers(0, 86_400, c.size), "s")   # times of day
    v = np.round(rng.gamma(2.0, 10.0, c.size), 2)
    return pd.DataFrame({"c": c, "d": d, "v": v}).sample(frac=1.0, random_state=1)


def _compare(ours: pd.DataFrame, ref: pd.DataFrame) -> None:
    assert list(ours.index) == list(ref.index)
    for col in ref.columns:
        np.testing.assert_allclose(ours[col].to_numpy(float), ref[col].to_numpy(float),
                                   rtol=1e-12, atol=1e-9, err_msg=col)


# --- the vectorised summary against a loop ------------------------------------------------------

def test_vectorised_summary_matches_a_loop_on_a_generated_log():
    log = _generated_log()
    ours = summarize_transactions(log, "c", "d", "v", observation_end="2023-11-30",
                                  calibration_end="2023-06-30")
    _compare(ours, _reference_summary(log, "2023-11-30", "2023-06-30"))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["ann", "bob", "cy", "dee"]),
                          st.integers(0, 40), st.floats(0, 100, allow_nan=False)),
                min_size=1, max_size=30))
def test_vectorised_summary_matches_a_loop_on_any_log(rows):
    log = pd.DataFrame({"c": [r[0] for r in rows],
                        "d": pd.Timestamp("2024-01-01") + pd.to_timedelta([r[1] for r in rows],
                                                                          "D"),
                        "v": [r[2] for r in rows]})
    ref = _reference_summary(log, "2024-02-05", "2024-01-20", unit_days=1.0)
    if ref.empty:
        with pytest.raises(ValueError, match="no customer"):
            summarize_transactions(log, "c", "d", "v", observation_end="2024-02-05",
                                   calibration_end="2024-01-20", time_unit="D")
        return
    ours = summarize_transactions(log, "c", "d", "v", observation_end="2024-02-05",
                                  calibration_end="2024-01-20", time_unit="D")
    _compare(ours, ref)


# --- time zones ---------------------------------------------------------------------------------

@pytest.fixture
def local_log() -> pd.DataFrame:
    """Purchases late in the evening in Berlin: in UTC two of them fall on the day before."""
    return pd.DataFrame({"c": [1, 1, 1, 2, 2],
                         "d": pd.to_datetime(["2024-01-01 00:30", "2024-01-08 00:15",
                                              "2024-01-08 20:00", "2024-01-03 12:00",
                                              "2024-01-20 09:00"]),
                         "v": [5.0, 3.0, 1.0, 6.0, 2.0]})


def test_time_zone_aware_dates_keep_their_own_calendar(local_log):
    aware = local_log.assign(d=local_log["d"].dt.tz_localize("Europe/Berlin"))
    naive = summarize_transactions(local_log, "c", "d", "v", observation_end="2024-01-29",
                                   calibration_end="2024-01-15", time_unit="D")
    ours = summarize_transactions(aware, "c", "d", "v", observation_end="2024-01-29",
                                  calibration_end="2024-01-15", time_unit="D")
    pd.testing.assert_frame_equal(ours, naive)
    assert ours.loc[1, "recency"] == 7.0            # 1 Jan -> 8 Jan Berlin time, not 31 Dec
    # an aware cut-off is converted to the column's zone: 23:30 UTC on 14 Jan is 15 Jan in Berlin
    late = summarize_transactions(aware, "c", "d", "v", time_unit="D",
                                  observation_end="2024-01-29",
                                  calibration_end=pd.Timestamp("2024-01-14 23:30", tz="UTC"))
    assert late.loc[1, "T"] == 14.0
    # the same rule in the RFM table and the tracking table
    assert rfm.rfm_table(aware, customer="c", date="d", amount="v").equals(
        rfm.rfm_table(local_log, customer="c", date="d", amount="v"))

    class OnePerDay:
        def expected_purchases(self, t):
            return np.asarray(t, dtype=float)

    pd.testing.assert_frame_equal(
        clv.repeat_purchase_tracking(OnePerDay(), aware, "c", "d", time_unit="D"),
        clv.repeat_purchase_tracking(OnePerDay(), local_log, "c", "d", time_unit="D"))


def test_mixed_time_zones_are_refused_with_the_fix():
    log = pd.DataFrame({"c": [1, 2], "d": ["2024-01-01T10:00+01:00", "2024-01-02T10:00+05:00"]})
    for call in (lambda: summarize_transactions(log, "c", "d"),
                 lambda: rfm.rfm_table(log.assign(a=1.0), customer="c", date="d", amount="a")):
        with pytest.raises(ValueError, match="mixes time zones.*utc=True"):
            call()


# --- day/month order ----------------------------------------------------------------------------

def test_day_first_strings_need_dayfirst():
    log = pd.DataFrame({"c": [1, 1], "d": ["03/01/2024", "10/01/2024"], "v": [1.0, 2.0]})
    with pytest.raises(ValueError, match="dayfirst=True"):
        summarize_transactions(log, "c", "d", "v")
    with pytest.raises(ValueError, match="dayfirst=True"):
        rfm.rfm_table(log, customer="c", date="d", amount="v")
    with pytest.raises(ValueError, match="dayfirst=True"):
        clv.repeat_purchase_tracking(type("M", (), {"expected_purchases": None})(), log, "c", "d")
    dmy = summarize_transactions(log, "c", "d", "v", time_unit="D", dayfirst=True)
    mdy = summarize_transactions(log, "c", "d", "v", time_unit="D", dayfirst=False)
    assert dmy.loc[1, "recency"] == 7.0              # 3 Jan -> 10 Jan
    assert mdy.loc[1, "recency"] == 214.0            # 1 Mar -> 1 Oct
    assert rfm.rfm_table(log, customer="c", date="d", amount="v", dayfirst=True)[
        "first_purchase"].iloc[0] == pd.Timestamp("2024-01-03")
    with pytest.raises(TypeError, match="dayfirst"):
        summarize_transactions(log, "c", "d", "v", dayfirst="yes")


def test_numeric_dates_are_refused_rather_than_read_as_nanoseconds():
    log = pd.DataFrame({"c": [1, 1], "d": [19970101, 19970118]})
    with pytest.raises(ValueError, match="holds numbers.*format='%Y%m%d'"):
        summarize_transactions(log, "c", "d")
    with pytest.raises(ValueError, match="holds numbers"):
        rfm.rfm_table(log.assign(a=1.0), customer="c", date="d", amount="a")


def test_unreadable_dates_get_the_dayfirst_hint():
    log = pd.DataFrame({"c": [1, 1], "d": ["2024-01-03", "the third"], "v": [1.0, 2.0]})
    with pytest.raises(ValueError, match="must hold dates.*dayfirst"):
        summarize_transactions(log, "c", "d", "v")


# --- spend -------------------------------------------------------------------------------------

def test_negative_spend_is_refused_naming_the_column(local_log):
    refund = local_log.assign(v=[5.0, -3.0, 1.0, 6.0, 2.0])
    with pytest.raises(ValueError, match="value column 'v' has a negative amount.*row 1"):
        summarize_transactions(refund, "c", "d", "v")
    with pytest.raises(ValueError, match="amount column 'v' has a negative amount"):
        rfm.rfm_table(refund, customer="c", date="d", amount="v")
    with pytest.raises(ValueError, match="value column 'v' must hold finite"):
        summarize_transactions(local_log.assign(v=[5.0, np.nan, 1.0, 6.0, 2.0]), "c", "d", "v")


def test_missing_spend_is_never_best():
    table = pd.DataFrame({"recency": [5.0, 40.0, 10.0, 90.0], "frequency": [8, 7, 1, 1],
                          "average_purchase": [np.nan, 15.0, 80.0, 12.0]},
                         index=["ann", "bob", "cy", "dee"])
    with pytest.raises(ValueError, match="'average_purchase'.*customer 'ann'"):
        rfm.value_matrix(table)
    nullable = table.astype({"average_purchase": "Float64"})
    with pytest.raises(ValueError, match="customer 'ann'"):
        rfm.value_matrix(nullable)
    assert rfm.value_matrix(table.fillna({"average_purchase": 0.0})).loc["ann", "cell"] \
        == "Frequent"


# --- DuckDB and Dask -----------------------------------------------------------------------------

def test_duckdb_relation_gives_the_pandas_summary():
    duckdb = pytest.importorskip("duckdb")
    log = _generated_log(seed=3)
    expected = summarize_transactions(log, "c", "d", "v", observation_end="2023-11-30",
                                      calibration_end="2023-06-30")
    con = duckdb.connect()
    con.register("log_view", log)
    relation = con.sql("SELECT c, d, v FROM log_view")
    ours = summarize_transactions(relation, "c", "d", "v", observation_end="2023-11-30",
                                  calibration_end="2023-06-30")
    _compare(ours, expected)
    default_end = summarize_transactions(relation, "c", "d")
    pd.testing.assert_frame_equal(default_end, summarize_transactions(log, "c", "d"),
                                  check_index_type=False)
    bad = con.sql("SELECT c, d, CASE WHEN v > 40 THEN -v ELSE v END AS v FROM log_view")
    with pytest.raises(ValueError, match="value column 'v' has a negative amount"):
        summarize_transactions(bad, "c", "d", "v")
    with pytest.raises(ValueError, match="DATE or TIMESTAMP"):
        summarize_transactions(con.sql("SELECT c, CAST(d AS VARCHAR) AS d FROM log_view"),
                               "c", "d")
    con.close()


def test_dask_dataframe_gives_the_pandas_summary():
    dd = pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    log = _generated_log(seed=5)
    expected = summarize_transactions(log, "c", "d", "v", observation_end="2023-11-30",
                                      calibration_end="2023-06-30")
    frame = dd.from_pandas(log, npartitions=4)
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        ours = summarize_transactions(frame, "c", "d", "v", observation_end="2023-11-30",
                                      calibration_end="2023-06-30")
        default_end = summarize_transactions(frame, "c", "d")
    _compare(ours, expected)
    _compare(default_end, summarize_transactions(log, "c", "d"))


def test_other_objects_are_refused():
    with pytest.raises(TypeError, match="pandas DataFrame, a DuckDB relation or a Dask"):
        summarize_transactions([[1, "2024-01-01"]], "c", "d")
