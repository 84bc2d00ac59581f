"""Module 04 and 05 explorers driven headlessly: set controls, read the recomputed result."""
import pandas as pd
import pytest

from coursekit.models import clv, rfm
from coursekit.widgets.clv import CLVCalculator, clv_calculator_update
from coursekit.widgets.rfm import CutPointExplorer, cut_point_update


@pytest.fixture
def calculator():
    return CLVCalculator(draw=False)


@pytest.fixture(scope="module")
def rfm_table():
    log = pd.DataFrame({
        "customer_id": list("aaabccdddde"),
        "date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-30", "2024-03-01",
                                "2024-01-15", "2024-03-20", "2024-01-02", "2024-01-20",
                                "2024-02-20", "2024-03-25", "2024-01-05"]),
        "amount": [10.0, 20.0, 30.0, 200.0, 5.0, 15.0, 8.0, 9.0, 7.0, 6.0, 90.0],
    })
    return rfm.rfm_table(log, as_of="2024-03-31")


def test_calculator_defaults_are_the_hbs_exercise(calculator):
    assert calculator.result.margin == 170.0
    assert calculator.result.clv == pytest.approx(623.3333333)
    assert calculator.result.table.loc[0.25, "start"] == pytest.approx(220.0)
    assert calculator.result == calculator.result  # same object until a control moves


@pytest.mark.parametrize("timing, expected", [("end", 566.6666667), ("retained", 453.3333333)])
def test_convention_switch(calculator, timing, expected):
    calculator.controls["timing"].value = timing
    assert calculator.result.clv == pytest.approx(expected)


def test_every_input_moves_the_value(calculator):
    base = calculator.result.clv
    for name, value in [("spend_per_purchase", 300), ("purchases_per_period", 5),
                        ("gross_margin", 0.25), ("cost_per_period", 10), ("retention", 0.9),
                        ("discount_rate", 0.05), ("growth", 0.02), ("acquisition_cost", 100),
                        ("periods", 5)]:
        e = CLVCalculator(draw=False)
        e.controls[name].value = value
        assert e.result.clv != pytest.approx(base), name
        assert e.result.clv == pytest.approx(clv_calculator_update(**e.values()).clv)


def test_finite_horizon_and_acquisition_cost(calculator):
    calculator.controls["periods"].value = 5
    calculator.controls["timing"].value = "end"
    calculator.controls["retention"].value = 0.9
    assert calculator.result.clv == pytest.approx(538.35, abs=0.005)
    calculator.controls["acquisition_cost"].value = 500
    assert calculator.result.clv == pytest.approx(38.35, abs=0.005)


def test_infinite_value_is_reported_not_raised(calculator):
    calculator.controls["growth"].value = 0.2
    calculator.controls["retention"].value = 0.95
    assert "retention" in calculator.status.value
    calculator.controls["periods"].value = 10   # a finite horizon makes it computable again
    assert calculator.status.value == ""
    assert calculator.result.retention == 0.95


def test_calculator_draws_without_error(capsys):
    e = CLVCalculator()
    capsys.readouterr()
    e.controls["timing"].value = "retained"
    assert e.status.value == ""
    assert "Figure" in capsys.readouterr().out  # outside a kernel the Output echoes to stdout


def test_every_control_has_a_visible_label(calculator, rfm_table):
    for e in (calculator, CutPointExplorer(rfm_table, draw=False)):
        for name, control in e.controls.items():
            assert control.description.strip(), name


def test_cut_point_explorer_starts_at_the_medians(rfm_table):
    e = CutPointExplorer(rfm_table, draw=False)
    default = rfm.value_matrix(rfm_table)
    assert e.result.cuts == default.attrs["cuts"]
    assert e.result.summary["customers"].sum() == len(rfm_table)


def test_moving_a_cut_moves_customers_between_cells(rfm_table):
    e = CutPointExplorer(rfm_table, draw=False)
    e.controls["frequency_cut"].value = 3      # only customer d (4 purchases) is frequent
    cells = e.result.matrix["cell"].astype(str)
    assert set(cells[cells.isin(["Best", "Frequent"])].index) == {"d"}
    direct = cut_point_update(rfm_table, **e.values())
    pd.testing.assert_frame_equal(e.result.summary, direct.summary)


def test_cut_point_explorer_draws(rfm_table, capsys):
    e = CutPointExplorer(rfm_table)
    capsys.readouterr()
    e.controls["average_cut"].value = 50
    assert e.status.value == ""
    assert "Figure" in capsys.readouterr().out


# --- the figures behind the explorers ----------------------------------------------------------

def test_figures_have_titles_and_labels_and_reject_wrong_input(rfm_table):
    import matplotlib.pyplot as plt

    from coursekit.plots import clv as clv_plots
    from coursekit.plots import rfm as rfm_plots

    axes = [clv_plots.clv_by_retention(clv.retention_sweep(170, 0.1, [0.2, 0.5, 0.8])),
            clv_plots.segment_values(clv.segment_clv(pd.DataFrame(
                {"margin": [100.0, 50.0], "retention": [0.8, 0.4], "customers": [1, 4]}), 0.1)),
            rfm_plots.value_matrix_plot(rfm.value_matrix(rfm_table)),
            rfm_plots.concentration_plot(rfm.concentration_curve(rfm_table["monetary"])),
            rfm_plots.segment_shares(rfm.segment_summary(rfm.value_matrix(rfm_table))),
            rfm_plots.score_heatmap(rfm.rfm_scores(rfm_table, n_bins=3))]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        plt.close(ax.figure)
    with pytest.raises(ValueError, match="table"):
        clv_plots.clv_by_retention(pd.DataFrame({"x": [1.0]}))
    with pytest.raises(TypeError, match="matrix"):
        rfm_plots.value_matrix_plot(rfm_table.to_numpy())
    with pytest.raises(ValueError, match="curve"):
        rfm_plots.concentration_plot(pd.DataFrame({"share": [0.0]}))
    with pytest.raises(ValueError, match="calibration_periods"):
        clv_plots.cohort_projection(pd.Series([1.0]), pd.Series([1.0]), calibration_periods=0)
