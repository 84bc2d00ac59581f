"""Feedback and service standards (TB 5.1.9, 5.1.10, 5.1.13): lists, MTTR, SMART compliance."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from coursekit.models.servqual import service_standards as ss


def test_textbook_lists():
    assert ss.SMART == ("Specific", "Measurable", "Actionable", "Relevant", "Timely")
    assert len(ss.DIGITAL_SURVEY_ADVANTAGES) == 5 and len(ss.DIGITAL_SURVEY_DISADVANTAGES) == 3
    assert len(ss.FEEDBACK_QUESTIONS) == 8 and len(ss.FEEDBACK_METHODS) == 5


def test_mttr_is_total_time_over_repairs():
    assert ss.mean_time_to_repair([30, 45, 15, 90]) == 45.0


def test_vague_and_strict_standards_on_the_same_data():
    times = [0.5, 0.8, 2, 5, 20, 30]          # hours to answer a voicemail
    assert ss.standard_compliance(times, within=24, target=0.8).met
    strict = ss.standard_compliance(times, within=1, target=0.8)
    assert strict.share_within == pytest.approx(2 / 6) and not strict.met


@settings(max_examples=40, deadline=None)
@given(t=st.lists(st.floats(0, 100), min_size=1, max_size=30), w1=st.floats(0.1, 50),
       w2=st.floats(0.1, 50))
def test_longer_window_never_lowers_compliance(t, w1, w2):
    lo, hi = sorted((w1, w2))
    a = ss.standard_compliance(t, within=lo, target=0.5).share_within
    b = ss.standard_compliance(t, within=hi, target=0.5).share_within
    assert 0 <= a <= b <= 1


def test_online_survey_leans_young():
    # equal response rates reproduce the population mean; younger respondents shift it
    assert ss.respondent_mean([0.4, 0.6], [0.1, 0.1], [8, 5]) == pytest.approx(6.2)
    assert ss.respondent_mean([0.4, 0.6], [0.3, 0.1], [8, 5]) == pytest.approx(
        (0.4 * 0.3 * 8 + 0.6 * 0.1 * 5) / (0.4 * 0.3 + 0.6 * 0.1))


@pytest.mark.parametrize("call, arg", [
    (lambda: ss.mean_time_to_repair([]), "repair_times"),
    (lambda: ss.mean_time_to_repair([1, -2]), "repair_times"),
    (lambda: ss.standard_compliance([1], within=0, target=0.9), "within"),
    (lambda: ss.standard_compliance([1], within=1, target=90), "target"),
    (lambda: ss.respondent_mean([0.5, 0.6], [0.1, 0.1], [1, 2]), "population_shares"),
    (lambda: ss.respondent_mean([0.5, 0.5], [0.0, 0.0], [1, 2]), "response_rates"),
    (lambda: ss.respondent_mean([0.5, 0.5], [0.1], [1, 2]), "same length"),
])
def test_bad_input_names_the_argument(call, arg):
    with pytest.raises(ValueError, match=arg):
        call()
