"""The BTYD customer explorer and figures driven headlessly (module 04)."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from coursekit.models.btyd import BGNBD, frequency_recency_grid, prob_alive_path  # noqa: E402
from coursekit.plots import btyd as btyd_plots  # noqa: E402
from coursekit.widgets.btyd import (CustomerExplorer, customer_update,  # noqa: E402
                                        fitted_cdnow_models)

BG = BGNBD.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)


@pytest.fixture
def explorer():
    return CustomerExplorer(draw=False)


def test_defaults_are_cdnow_customer_1(explorer):
    r = explorer.result
    assert (r.frequency, r.recency, r.T) == (2, 30.43, 38.86)
    # P(alive) 0.7266 from the fitted BG/NBD (lifetimes 0.11.3 gives 0.72660914)
    assert r.prob_alive == pytest.approx(0.72660914, rel=1e-4)
    # gamma-gamma expected spend 24.6586 (lifetimes 0.11.3 conditional_expected_average_profit)
    assert r.expected_spend == pytest.approx(24.6586, rel=1e-4)
    assert r == customer_update(**explorer.values())


def test_explorer_matches_the_models(explorer):
    m = fitted_cdnow_models()
    explorer.controls["months"].value = 9
    weeks = 9 * 365.25 / 12 / 7
    direct = m["BG/NBD"].conditional_expected_purchases(weeks, 2, 30.43, 38.86)[0]
    assert explorer.result.expected_purchases == pytest.approx(direct)


def test_silence_lowers_p_alive_and_value(explorer):
    before = explorer.result
    explorer.controls["T"].value = 70.0  # same history, 31 more silent weeks
    after = explorer.result
    assert after.prob_alive < before.prob_alive
    assert after.clv < before.clv


def test_model_switch_and_discounting(explorer):
    bg = explorer.result
    explorer.controls["model"].value = "Pareto/NBD"
    assert explorer.result.model == "Pareto/NBD"
    assert explorer.result.prob_alive == pytest.approx(0.86912035, rel=1e-3)  # lifetimes 0.11.3
    assert explorer.result.clv != bg.clv
    undiscounted = customer_update(model="Pareto/NBD", annual_discount_rate=0.0).clv
    assert explorer.result.clv < undiscounted


def test_no_repeat_purchase_is_explained(explorer):
    explorer.controls["frequency"].value = 0
    r = explorer.result
    assert r.recency == 0.0 and r.average_spend == 0.0
    assert "no repeat purchase" in r.note and "alive" in r.note
    assert r.expected_spend == pytest.approx(fitted_cdnow_models()["spend"].mean_spend())


def test_impossible_history_is_shown_not_raised(explorer):
    explorer.controls["recency"].value = 60.0  # after T = 38.86
    assert "recency must be <= T" in explorer.status.value
    explorer.controls["T"].value = 65.0
    assert explorer.status.value == ""
    assert explorer.result.T == 65.0


def test_every_control_has_a_visible_label(explorer):
    for name, control in explorer.controls.items():
        assert control.description.strip(), name


def test_drawing_explorer_renders():
    e = CustomerExplorer()
    e.controls["frequency"].value = 5
    assert e.status.value == ""  # the render step ran without a model error
    assert e.result.frequency == 5
    assert plt.get_fignums() == []  # the rendered figure was closed, nothing leaks
    plt.close("all")


def test_figures():
    grid = frequency_recency_grid(BG, 38.86, max_frequency=10, n_recency=20)
    ax = btyd_plots.frequency_recency_heatmap(grid)
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    path = prob_alive_path(BG, [0, 5, 12, 30.43], 38.86)
    ax = btyd_plots.prob_alive_history(path)
    assert "P(alive)" in ax.get_ylabel()
    table = pd.DataFrame({"actual": [1, 2, 3], "expected": [1.5, 2.0, 2.5]},
                         index=pd.RangeIndex(1, 4, name="period"))
    fig = btyd_plots.tracking(table, calibration_end=2)
    assert len(fig.axes) == 2
    plt.close("all")
    with pytest.raises(TypeError, match="table"):
        btyd_plots.tracking(pd.DataFrame({"x": [1]}), calibration_end=1)
    with pytest.raises(ValueError, match="quantity"):
        btyd_plots.frequency_recency_heatmap(grid, quantity="clv")


def test_grid_and_path_invariants():
    grid = frequency_recency_grid(BG, 38.86, max_frequency=8, n_recency=10)
    assert np.isnan(grid.iloc[0, 1:]).all() and grid.iloc[0, 0] == 1.0
    assert (grid.iloc[1:].diff(axis=1).iloc[:, 1:] > 0).all().all()  # recent = more alive
    path = prob_alive_path(BG, [0, 5, 12], 38.86, n_points=50)
    assert path["prob_alive"].between(0, 1).all()
    silent = path[path["time"] > 12]
    assert (silent["prob_alive"].diff().dropna() <= 0).all()  # decays while silent
    with pytest.raises(ValueError, match="purchase_times"):
        prob_alive_path(BG, [1, 5], 38.86)
    with pytest.raises(ValueError, match="quantity"):
        frequency_recency_grid(BG, 38.86, quantity="clv")


def test_explorer_uses_the_models_it_is_given_and_fits_nothing_else():
    from coursekit.models.btyd import GammaGamma
    from coursekit.widgets import btyd

    gg = GammaGamma.from_params(p=6.25, q=3.74, gamma=15.44)
    btyd._fit_cdnow.cache_clear()
    e = CustomerExplorer(models={"BG/NBD": BG}, spend=gg, draw=False)
    assert btyd._fit_cdnow.cache_info().currsize == 0  # nothing refitted
    assert e.result.prob_alive == pytest.approx(BG.prob_alive(2, 30.43, 38.86)[0])
    assert e.result.expected_spend == pytest.approx(gg.conditional_expected_spend(2, 22.35)[0])
    e.controls["model"].value = "Pareto/NBD"  # not passed: fitted on CDNOW when first selected
    assert btyd._fit_cdnow.cache_info().currsize == 1
    assert e.result.prob_alive == pytest.approx(0.86912035, rel=1e-3)


def test_explorer_rejects_models_it_cannot_use():
    from coursekit.models.btyd import GammaGamma

    with pytest.raises(ValueError, match="models key"):
        CustomerExplorer(models={"BGNBD": BG}, draw=False)
    with pytest.raises(TypeError, match=r"models\['BG/NBD'\]"):
        CustomerExplorer(models={"BG/NBD": GammaGamma.from_params(p=1, q=2, gamma=3)},
                         draw=False)
    with pytest.raises(ValueError, match=r"models\['BG/NBD'\] must be fitted"):
        CustomerExplorer(models={"BG/NBD": BGNBD()}, draw=False)
    with pytest.raises(TypeError, match="models must be a dict"):
        CustomerExplorer(models=[BG], draw=False)
    with pytest.raises(TypeError, match="spend"):
        CustomerExplorer(spend=BG, draw=False)
    with pytest.raises(ValueError, match="model must be one of"):
        customer_update(model="Pareto")
