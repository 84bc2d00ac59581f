"""The module-12 explorer driven headlessly: set sliders, read the recomputed path."""
import pytest

from coursekit.models import recovery as rc
from coursekit.widgets.recovery import RecoveryExplorer, recovery_update


@pytest.fixture
def explorer():
    return RecoveryExplorer(draw=False)


def test_default_state_is_the_favourable_full_recovery(explorer):
    assert explorer.result == rc.expected_path(severity=0.5, recovery="full")
    assert explorer.paradox_share == pytest.approx(0.768, abs=1e-3)
    assert explorer.result.recovery_gap > 0


def test_update_is_the_model(explorer):
    direct = recovery_update(**explorer.values())
    assert direct == explorer.result


def test_a_prior_failure_removes_the_paradox(explorer):
    before = explorer.paradox_share
    explorer.controls["prior_failures"].value = 1
    assert explorer.paradox_share < before
    assert explorer.result.recovery_gap < 0


def test_severity_and_attributions_lower_the_share(explorer):
    shares = [explorer.paradox_share]
    for name, value in (("severity", 1.5), ("stability", 1.0), ("controllability", 1.0)):
        explorer.controls[name].value = value
        shares.append(explorer.paradox_share)
    assert shares == sorted(shares, reverse=True) and shares[-1] < 0.01


def test_more_compensation_raises_the_share(explorer):
    explorer.controls["compensation"].value = 0.5
    low = explorer.paradox_share
    explorer.controls["compensation"].value = 2.0
    assert explorer.paradox_share > low


def test_no_failure_means_no_change(explorer):
    explorer.controls["severity"].value = 0.0
    r = explorer.result
    assert r.no_failure == r.after_failure == r.after_recovery and r.paradox_share == 0


def test_every_control_has_a_visible_label(explorer):
    for name, control in explorer.controls.items():
        assert control.description.strip(), name


def test_drawing_explorer_redraws_on_change():
    e = RecoveryExplorer()
    e.controls["apology"].value = 0.0
    assert e.status.value == ""
    assert e.result == recovery_update(**e.values())


# --- the module-12 figures (drawn headlessly) -----------------------------------------------------

def test_figures_draw_with_titles_and_labels():
    import matplotlib.pyplot as plt

    from coursekit.plots import recovery as pr

    grid = rc.paradox_grid(severity=[0.5, 1.0], stability=[0, 1], controllability=[0],
                           prior_failures=[0])
    axes = [
        pr.satisfaction_path(rc.expected_path(severity=0.5)),
        pr.paradox_heatmap(grid),
        pr.paradox_heatmap(grid, value="recovery_gap"),
        pr.recovery_gap_histogram(rc.simulate_encounters(2_000, severity=0.5, seed=1)),
        pr.guarantee_net_value([0, 100, 200], customers=1_000, failure_rate=0.1,
                               invocation_rate=0.5, customer_value=500, retention_invoked=0.8,
                               retention_silent=0.5),
    ]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    # heatmap cells carry the model's numbers
    assert "77%" in [t.get_text() for t in axes[1].texts]
    plt.close("all")


def test_cell_means_plot_and_bad_figure_input():
    import matplotlib.pyplot as plt
    import pandas as pd

    from coursekit.plots import recovery as pr
    from coursekit.synth.recovery import recovery_experiment

    ax = pr.cell_means(recovery_experiment(n_per_cell=20))
    assert len(ax.get_legend().get_texts()) == 4
    grid = rc.paradox_grid(severity=[0.5], stability=[0, 1], controllability=[0, 1],
                           prior_failures=[0])
    with pytest.raises(ValueError, match="controllability"):
        pr.paradox_heatmap(grid)
    with pytest.raises(ValueError, match="value"):
        pr.paradox_heatmap(grid, col="controllability", value="share")
    with pytest.raises(TypeError, match="path"):
        pr.satisfaction_path(0.5)
    with pytest.raises(ValueError, match="encounters"):
        pr.recovery_gap_histogram(pd.DataFrame({"sat_recovery": [1.0]}))
    plt.close("all")


def test_framing_control_switches_to_integrated_accounts():
    """Issue 17: the explorer shows both mental-accounting framings (Thaler 1985)."""
    explorer = RecoveryExplorer(draw=False)
    assert explorer.controls["framing"].value == "segregated"
    assert explorer.paradox_share == pytest.approx(0.768, abs=5e-4)
    explorer.controls["framing"].value = "integrated"
    assert explorer.paradox_share == pytest.approx(0.991, abs=5e-4)
