"""Explorers of modules 02, 03 and 09 driven headlessly: set controls, read the result."""
import pytest

from coursekit.models import negotiation as ng
from coursekit.widgets.buying import ChoiceExplorer, choice_update
from coursekit.widgets.negotiation import PatioExplorer, ZopaExplorer
from coursekit.widgets.problems import EscalationExplorer


def test_choice_explorer_default_shows_the_textbook_reversal():
    e = ChoiceExplorer(draw=False)
    assert e.result.choice_without == "Model A" and e.result.choice_with == "Model B"
    assert e.result == choice_update(**e.values())


def test_choice_explorer_low_availability_weight_keeps_first_choice():
    e = ChoiceExplorer(draw=False)
    e.controls["availability_weight"].value = 0.05
    assert not e.result.reversed


def test_choice_explorer_later_deadline_removes_the_reversal():
    e = ChoiceExplorer(draw=False)
    e.controls["needed_within_days"].value = 3      # the shipment arrives in time
    assert not e.result.reversed


def test_choice_explorer_all_zero_weights_shows_error_not_raise():
    e = ChoiceExplorer(draw=False)
    for k in ("price", "suction_power", "warranty", "weight", "noise_level",
              "ease_of_attachments"):
        e.controls[k].value = 0.0
    assert "weights" in e.status.value


def test_patio_explorer_conditions():
    e = PatioExplorer(draw=False)
    assert e.result.integrative_beats_fixed_pie
    e.controls["buyer_shipping_cost"].value = 1.6               # S_b > 1.5: retailer loses
    assert e.result.buyer_gain == pytest.approx(-0.1)
    assert not e.result.integrative_beats_fixed_pie


def test_zopa_explorer_deal_and_no_deal():
    e = ZopaExplorer(draw=False)
    assert e.result["price"] == 72_000                          # midpoint of $66k-78k
    e.controls["seller_reservation"].value = 90_000
    assert not e.result["zopa"].exists and e.result["price"] is None


def test_escalation_explorer_early_is_best_until_problems_shrink():
    e = EscalationExplorer(draw=False)
    assert e.best_week == 0
    e.controls["problem_growth"].value = -0.5
    e.controls["mistrust_rate"].value = 0.0
    assert e.best_week > 0


@pytest.mark.parametrize("cls", [ChoiceExplorer, PatioExplorer, ZopaExplorer,
                                 EscalationExplorer])
def test_controls_have_labels_and_drawing_works(cls):
    e = cls()
    assert e.status.value == ""
    for name, control in e.controls.items():
        assert control.description.strip(), name
    assert len(e.output.outputs) >= 0 and e.widget is not None
