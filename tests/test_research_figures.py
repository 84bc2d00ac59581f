"""The figures of issue 19 items 6 and 8-11: titled, labelled with units, palette colours."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from coursekit.datasets import load_dataset  # noqa: E402
from test_accessibility import figure_problems  # noqa: E402


def _response_bars():
    from coursekit.models import rfm
    from coursekit.plots.rfm import response_rate_bars

    scores = rfm.rfm_scores(rfm.rfm_table(load_dataset("cafe_transactions"), as_of="2024-12-29"))
    mailed = scores.join(load_dataset("cafe_mailing").set_index("customer_id"))
    return response_rate_bars(rfm.response_by_cell(mailed, by="R"), 0.0625)


def _forecast():
    from coursekit.models import rfm
    from coursekit.plots.rfm import rfm_against_forecast

    tx = load_dataset("cdnow_transactions").rename(columns={"dollar_value": "amount"})
    c = rfm.compare_rfm_with_bgnbd(tx, calibration_end="1997-09-30", observation_end="1998-06-30")
    return rfm_against_forecast(c.customers)


def _slope():
    from coursekit.models.qfd import HouseOfQuality, scale_sensitivity
    from coursekit.plots.qfd import rank_slope_chart

    return rank_slope_chart(scale_sensitivity(
        HouseOfQuality.from_dict(load_dataset("qfd_restaurant"))))


def _kano_importance():
    from coursekit.models.qfd import self_stated_importance
    from coursekit.plots.qfd import kano_importance_chart

    return kano_importance_chart(self_stated_importance(load_dataset("kano_survey")))


def _loadings():
    from coursekit.models import servqual as sq
    from coursekit.plots.servqual import factor_loadings_heatmap

    survey = load_dataset("servqual_survey")
    return factor_loadings_heatmap(sq.factor_structure(survey[sq.item_columns("p")]))


def _difference_curves():
    from coursekit.models import servqual as sq
    from coursekit.plots.servqual import difference_score_curves

    s = load_dataset("servqual_survey")
    return difference_score_curves(sq.difference_score_table(s[sq.item_columns("e")],
                                                             s[sq.item_columns("p")]))


def _chain():
    from coursekit.models import relationships as rel
    from coursekit.plots.relationships import profit_chain_diagram
    from coursekit.synth.relationships import PROFIT_CHAIN_TRUTH

    truth = {(y, x): b for y, law in PROFIT_CHAIN_TRUTH.items() for x, b in law["slopes"].items()}
    chain = rel.profit_chain(load_dataset("service_profit_chain"), cluster="branch")
    return profit_chain_diagram(chain, truth)


@pytest.mark.parametrize("draw", [_response_bars, _forecast, _slope, _kano_importance,
                                  _loadings, _difference_curves, _chain],
                         ids=lambda f: f.__name__.strip("_"))
def test_research_figure_is_accessible(draw):
    ax = draw()
    try:
        assert figure_problems(ax.figure) == []
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    finally:
        plt.close(ax.figure)


def test_figures_refuse_the_wrong_input():
    from coursekit.plots.qfd import kano_importance_chart, rank_slope_chart
    from coursekit.plots.relationships import profit_chain_diagram
    from coursekit.plots.servqual import difference_score_curves, factor_loadings_heatmap

    for f in (rank_slope_chart, kano_importance_chart, profit_chain_diagram,
              factor_loadings_heatmap, difference_score_curves):
        with pytest.raises(TypeError):
            f("not a result")
