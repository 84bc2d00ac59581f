"""Service blueprint (module 13): schedule, waits, fail points, lines; hand-computed oracles."""
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from coursekit import load_dataset
from coursekit.models import design as des


def _frame(**change):
    frame = pd.DataFrame({
        "step": ["a", "b", "c", "d", "e"], "stage": [1, 1, 1, 2, 2],
        "lane": ["customer actions", "onstage contact", "support processes",
                 "customer actions", "physical evidence"],
        "activity": ["order", "serve", "cook", "eat", "plate"],
        "minutes": [2.0, 3.0, 6.0, 10.0, 0.0], "after": ["-", "a", "b", "c", "-"],
        "fail_point": [False, True, True, False, False]})
    for k, v in change.items():
        frame[k] = v
    return frame


@pytest.fixture(scope="module")
def blueprints():
    data = load_dataset("service_blueprints")
    return {s: des.blueprint(data, s) for s in ("hotel stay", "coffee-shop order")}


def test_hand_computed_schedule_and_wait():
    bp = des.blueprint(_frame())
    sched = des.schedule(bp)
    assert sched.loc[["a", "b", "c", "d"], "start"].tolist() == [0, 2, 5, 11]
    waits = des.customer_waits(bp)
    assert waits["wait"].tolist() == [0.0, 9.0]  # eat waits from 2 to 11 for the kitchen
    assert waits["waiting_for"].tolist() == ["-", "c"]


def test_example_blueprints_wait_where_the_card_says(blueprints):
    hotel = des.customer_waits(blueprints["hotel stay"])
    assert hotel["wait"][hotel["wait"] > 0].tolist() == [3.0, 1.0, 6.0, 23.0, 1.0]
    coffee = des.customer_waits(blueprints["coffee-shop order"])
    assert coffee["wait"].tolist() == pytest.approx([0.0, 1.0, 4.1, 0.0])
    assert coffee.loc["C11", "waiting_for"] == "C10"  # the pastry in the back oven, not the drink


def test_fail_points_visibility_and_downstream(blueprints):
    fp = des.fail_points(blueprints["coffee-shop order"])
    assert fp.index.tolist() == ["C06", "C07", "C09", "C10"]
    assert fp["visible"].tolist() == [True, False, True, False]
    assert fp.loc["C10", "delays"] == ("C11", "C13")
    assert int((~des.fail_points(blueprints["hotel stay"])["visible"]).sum()) == 5


def test_delay_impact_respects_slack(blueprints):
    coffee = blueprints["coffee-shop order"]
    # the drink (3 min) has 1 minute of slack behind the pastry (4 min)
    assert des.delay_impact(coffee, "C09", 0.5) == {"added_wait": 0.0, "added_time": 0.0}
    assert des.delay_impact(coffee, "C09", 2.0)["added_wait"] == pytest.approx(1.0)
    assert des.delay_impact(coffee, "C10", 2.0)["added_wait"] == pytest.approx(2.0)
    hotel = blueprints["hotel stay"]
    # a slower key moves wait from 'receive the bags' to 'go to the room': the total is unchanged
    assert des.delay_impact(hotel, "H08", 2.0)["added_wait"] == pytest.approx(0.0)


def test_line_crossings_count_arrows_between_lanes():
    crossings = des.line_crossings(des.blueprint(_frame()))
    # a->b crosses interaction; b->c crosses visibility and internal; c->d crosses all three
    assert crossings.tolist() == [2, 2, 2]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(0, 30), min_size=3, max_size=3))
def test_waits_are_never_negative_and_add_up(minutes):
    bp = des.blueprint(_frame(minutes=[*minutes[:2], minutes[2], 10.0, 0.0]))
    w = des.customer_waits(bp)
    assert (w["wait"] >= 0).all()
    # time in the system = customer's own minutes + waits
    assert w["finish"].iloc[-1] == pytest.approx(w["wait"].sum() + minutes[0] + 10.0)


def test_bad_blueprints_are_rejected():
    with pytest.raises(ValueError, match="lane"):
        des.blueprint(_frame(lane=["customer actions", "front", "support processes",
                                   "customer actions", "physical evidence"]))
    with pytest.raises(ValueError, match="after"):
        des.blueprint(_frame(after=["-", "a", "zz", "c", "-"]))
    with pytest.raises(ValueError, match="cycle"):
        des.blueprint(_frame(after=["c", "a", "b", "c", "-"]))
    with pytest.raises(ValueError, match="minutes"):
        des.blueprint(_frame(minutes=[2.0, -3.0, 6.0, 10.0, 0.0]))
    with pytest.raises(ValueError, match="physical evidence"):
        des.blueprint(_frame(minutes=[2.0, 3.0, 6.0, 10.0, 1.0]))
    with pytest.raises(ValueError, match="step ids"):
        des.blueprint(_frame(step=["a", "a", "c", "d", "e"]))
    with pytest.raises(ValueError, match="service"):
        des.blueprint(load_dataset("service_blueprints"))
    with pytest.raises(TypeError, match="frame"):
        des.blueprint([1, 2])
    with pytest.raises(TypeError, match="bp"):
        des.customer_waits("hotel")
    with pytest.raises(ValueError, match="step"):
        des.delay_impact(des.blueprint(_frame()), "zz", 1)
    with pytest.raises(ValueError, match="extra_minutes"):
        des.schedule(des.blueprint(_frame()), {"a": -1})


def test_figure_draws_lanes_lines_and_marks(blueprints):
    import matplotlib.pyplot as plt

    from coursekit.plots.design import service_blueprint

    ax = service_blueprint(blueprints["coffee-shop order"])
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("F") == 4 and "W 4.1 min" in texts and "line of visibility" in texts
    assert ax.get_title().startswith("Service blueprint")
    plt.close(ax.figure)
