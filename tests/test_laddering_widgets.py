"""The module-08 explorer driven headlessly: move the cutoff, read the recomputed map."""
import pytest

from coursekit.models import laddering as lad
from coursekit.widgets.laddering import LadderingExplorer, cutoff_update


@pytest.fixture(scope="module")
def explorer():
    return LadderingExplorer(draw=False)


def test_default_state_matches_the_model(explorer):
    explorer.controls["cutoff"].value = 4
    direct = cutoff_update(explorer.matrices, **explorer.values())
    assert explorer.result.links == direct.links == 22
    assert explorer.result.share_of_relations == pytest.approx(306 / 325)


def test_moving_the_cutoff_matches_the_cutoff_table(explorer):
    table = lad.cutoff_table(explorer.matrices["ladder"])
    for c in (1, 8, 20):
        explorer.controls["cutoff"].value = c
        assert explorer.result.links == table.loc[c, "links"]
        assert explorer.result.share_of_relations == pytest.approx(
            table.loc[c, "share_of_relations"])
    explorer.controls["cutoff"].value = 4


def test_counting_rule_and_relation_change_the_map(explorer):
    explorer.controls["count"].value = "respondent"
    by_respondent = explorer.result.share_of_relations
    explorer.controls["relation"].value = "total"
    assert explorer.result.relation == "total" and explorer.result.links > 22
    explorer.controls["relation"].value = "direct"
    explorer.controls["count"].value = "ladder"
    assert explorer.result.links == 22
    assert 0 < by_respondent <= 1


def test_cutoff_above_every_count_gives_an_empty_map(explorer):
    explorer.controls["cutoff"].value = explorer.controls["cutoff"].max
    explorer.controls["relation"].value = "direct"
    assert explorer.result.share_of_relations < 0.2
    explorer.controls["cutoff"].value = 4


def test_every_control_has_a_visible_label(explorer):
    for name, control in explorer.controls.items():
        assert control.description.strip(), name


def test_small_ladders_and_drawing():
    e = LadderingExplorer(["a > c > v", "a > c", "a > v"], {"a": "A", "c": "C", "v": "V"},
                          cutoff=1)
    assert e.result.links == 3
    e.controls["cutoff"].value = 2
    assert e.result.links == 1 and e.result.chains.chain.tolist() == ["a > c"]
    assert e.table().loc[2, "share_of_relations"] == 0.5


def test_value_map_is_drawn_in_levels(explorer):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from coursekit.plots.laddering import map_positions, value_map

    graph = lad.hierarchical_value_map(explorer.matrices["ladder"], 4)
    pos = map_positions(graph)
    top = max(y for _, y in pos.values())
    for node, (x, y) in pos.items():
        level = graph.nodes[node]["level"]
        assert (y == 0) == (level == "attribute") and (y == top) == (level == "value")
        assert 0 < x < 1
    assert all(pos[u][1] < pos[v][1] for u, v in graph.edges)  # every link points upwards
    ax = value_map(graph)
    assert "cutoff 4" in ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    plt.close(ax.figure)
    small = lad.hierarchical_value_map(lad.implication_matrix(
        ["a > c > v", "a > c", "a > v"], {"a": "A", "c": "C", "v": "V"}), 1)
    ax = value_map(small)
    widths = list(ax.collections[0].get_linewidths())   # one line per edge, in edge order
    weights = [w for _, _, w in small.edges(data="weight")]
    assert widths == pytest.approx([0.8 + 6.0 * w / max(weights) for w in weights])
    plt.close(ax.figure)
    with pytest.raises(TypeError, match="graph"):
        value_map(explorer.matrices["ladder"])
