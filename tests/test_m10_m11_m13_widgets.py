"""Explorers of modules 10, 11 and 13 driven headlessly: set controls, read the result."""
import pytest

from coursekit.models import relationships as rel
from coursekit.widgets.relationships import RetentionExplorer, StageExplorer, chain_update


@pytest.fixture(scope="module")
def stages():
    return StageExplorer(draw=False)


def test_stage_explorer_default_is_the_example_chain(stages):
    assert stages.result.matrix.equals(rel.example_chain())
    assert stages.result.time_to_partnership["strangers"] == pytest.approx(24.4444, abs=1e-4)
    direct = chain_update(**stages.values())
    assert direct.time_to_partnership.equals(stages.result.time_to_partnership)


def test_fewer_lost_friends_means_faster_partnership(stages):
    before = stages.result.time_to_partnership["strangers"]
    stages.controls["lose_friend"].value = 0.02
    assert stages.result.time_to_partnership["strangers"] < before
    assert stages.result.steady_state.sum() == pytest.approx(1.0)
    stages.controls["lose_friend"].value = 0.10


def test_impossible_combination_reports_an_error(stages):
    stages.controls["befriend"].value = 0.7
    stages.controls["lose_acquaintance"].value = 0.3
    assert stages.status.value == ""  # 0.7 + 0.3 = 1 is allowed
    stages.controls["befriend"].value = 0.69
    stages.controls["lose_acquaintance"].value = 0.25


def test_retention_explorer_uplift_and_bucket():
    ex = RetentionExplorer(draw=False)
    assert ex.result["steady_state"] == pytest.approx(500.0)
    ex.controls["retention"].value = 0.90
    ex.controls["fixed_cost_share"].value = 0.80
    assert ex.result["uplift"] == pytest.approx(0.25)
    assert ex.result["share_for_100"] == pytest.approx(0.95)
    assert ex.result["steady_state"] == pytest.approx(1000.0)


# --- module 10 --------------------------------------------------------------------------------

def test_segment_explorer_textbook_default_and_break_even():
    from coursekit.widgets.segments import SegmentExplorer, water_update

    ex = SegmentExplorer(draw=False)
    assert ex.result.totals == pytest.approx((75.0, 115.0))
    assert ex.gain == pytest.approx(40.0)
    ex.controls["health_price"].value = 0.80   # below the $0.75 cost + the lost regular sales
    assert ex.gain < 40.0
    ex.controls["health_segment_share_after"].value = 0.0
    assert ex.result.totals[1] == pytest.approx(70.0)   # only the regular bottles remain
    assert water_update(**ex.values()).totals == ex.result.totals


# --- module 13 --------------------------------------------------------------------------------

def test_screening_explorer_errors_trade_off():
    from coursekit.widgets.design import ScreeningExplorer

    ex = ScreeningExplorer(draw=False)
    assert ex.result["drop_error"] == pytest.approx(0.158655, abs=1e-6)
    before = dict(ex.result)
    ex.controls["threshold"].value = 1.0
    assert ex.result["drop_error"] > before["drop_error"]
    assert ex.result["go_error"] < before["go_error"]
    ex.controls["prior_good"].value = 0.1
    assert ex.result["best_threshold"] > before["best_threshold"]
