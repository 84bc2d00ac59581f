"""The module-01 explorer driven headlessly: set controls, read the recomputed result."""
import pytest

from coursekit.widgets.value import ValueExplorer, lodging_update


@pytest.fixture
def explorer():
    return ValueExplorer(draw=False)


def test_default_state_matches_the_model(explorer):
    direct = lodging_update(**explorer.values())
    assert explorer.result.winner == direct.winner == "Marriott (shared)"
    assert explorer.result.table.loc["Airbnb apartment", "price"] == 40.0


def test_moving_the_price_slider_recomputes(explorer):
    explorer.controls["airbnb_total"].value = 140
    assert explorer.result.table.loc["Airbnb apartment", "price"] == 20.0


def test_free_travel_and_no_privacy_cost_flip_the_winner(explorer):
    explorer.controls["travel_cost_per_mile"].value = 0
    explorer.controls["privacy_cost"].value = 0
    explorer.controls["airbnb_total"].value = 200
    assert explorer.winner == "Airbnb apartment"


def test_group_size_changes_the_couch_chance(explorer):
    explorer.controls["group_size"].value = 6  # six beds for six people: nobody on the couch
    assert explorer.result.table.loc["Airbnb apartment", "other_costs"] == pytest.approx(
        5 * 4 + 0 + 15)


def test_every_control_has_a_visible_label(explorer):
    for name, control in explorer.controls.items():
        assert control.description.strip(), name


def test_drawing_explorer_redraws_on_change():
    e = ValueExplorer()
    before = e.result.table.loc["Airbnb apartment", "other_costs"]
    e.controls["couch_cost"].value = 120
    assert e.status.value == ""  # no model error shown
    assert e.result.table.loc["Airbnb apartment", "other_costs"] == pytest.approx(before + 60 / 7)


def test_rejected_combination_is_shown_not_raised(explorer):
    explorer._update = lambda **v: (_ for _ in ()).throw(ValueError("group_size must be >= 1"))
    explorer.controls["group_size"].value = 3
    assert "group_size" in explorer.status.value
