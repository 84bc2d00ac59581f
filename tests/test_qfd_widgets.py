"""The module-06 explorer driven headlessly: move weights and a relationship, read the ranking."""
import json
from pathlib import Path

import pytest

from coursekit.models.qfd import HouseOfQuality
from coursekit.widgets.qfd import QFDExplorer, qfd_update

DATA = Path(__file__).resolve().parents[1] / "datasets"


@pytest.fixture(scope="module")
def house():
    with open(DATA / "qfd_restaurant.json", encoding="utf-8") as fh:
        return HouseOfQuality.from_dict(json.load(fh))


@pytest.fixture
def explorer(house):
    return QFDExplorer(house, draw=False)


def test_default_state_matches_the_model(explorer, house):
    direct = qfd_update(house, **explorer.values())
    assert explorer.result.top == direct.top == "Kitchen ticket time"
    assert explorer.result.priorities["technical_importance"].tolist() == \
        house.technical_importance().tolist()


def test_raising_a_weight_re_ranks(explorer):
    assert explorer.result.priorities.loc["Dining-room noise", "rank"] == 7
    explorer.controls["w6"].value = 5          # pleasant atmosphere 2 -> 5
    p = explorer.result.priorities
    assert p.loc["Dining-room noise", "technical_importance"] == 45
    assert p.loc["Cleaning rounds", "technical_importance"] == 42 + 3 * 3
    assert p.loc["Cleaning rounds", "rank"] == 3


def test_choosing_a_cell_shows_its_strength_and_editing_it_recomputes(explorer):
    c = explorer.controls
    c["requirement"].value = "Tasty food"
    c["characteristic"].value = "Fresh ingredients"
    assert c["strength"].value == "strong"
    assert explorer.result.priorities.loc["Fresh ingredients", "technical_importance"] == 49
    c["strength"].value = "none"
    assert explorer.result.priorities.loc["Fresh ingredients", "technical_importance"] == 4
    assert explorer.order[-1] == "Fresh ingredients"


def test_planning_weights_and_normalisation(explorer, house):
    explorer.controls["weights"].value = "planning"
    assert explorer.result.priorities.loc["Fresh ingredients", "rank"] == 2
    explorer.controls["normalise"].value = True
    expected = house.relative_importance(weights="planning", normalise=True)
    assert explorer.result.priorities["relative_importance"].tolist() == pytest.approx(
        expected.tolist())


def test_all_zero_weights_are_reported_not_raised(explorer):
    for i in range(7):
        explorer.controls[f"w{i}"].value = 0
    assert "every technical importance is 0" in explorer.status.value


def test_every_control_has_a_visible_label(explorer):
    for name, control in explorer.controls.items():
        assert control.description.strip(), name


def test_drawing_explorer_runs(house):
    e = QFDExplorer(house)
    e.controls["w0"].value = 1
    assert e.status.value == ""
    assert e.result.priorities.loc["Fresh ingredients", "technical_importance"] == 49 - 4 * 9


def test_house_figure_shows_every_room(house):
    import matplotlib.pyplot as plt

    from coursekit.plots.qfd import house_of_quality, technical_priorities

    fig = house_of_quality(house)
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"77", "22%", "Tasty food", "<= 12 min", "\u2212\u2212"} <= texts
    assert "Roof: correlations among the hows" in texts
    ax = technical_priorities(house)
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Kitchen ticket time"
    plt.close("all")
    with pytest.raises(TypeError, match="house"):
        house_of_quality({"requirements": []})


def test_kano_scatter_places_features():
    import matplotlib.pyplot as plt
    import pandas as pd

    from coursekit.plots.qfd import kano_better_worse

    coef = pd.DataFrame({"better": [0.7, 0.2], "worse": [-0.2, -0.8]}, index=["wifi", "clean"])
    ax = kano_better_worse(coef, pd.Series({"wifi": "attractive", "clean": "must-be"}))
    offsets = ax.collections[-1].get_offsets()
    assert offsets.tolist() == [[0.2, 0.7], [0.8, 0.2]]
    plt.close("all")
    with pytest.raises(TypeError, match="coefficients"):
        kano_better_worse(coef[["better"]])
