"""Modules 04 (CLV) and 05 (RFM): lesson key numbers and misconception feedback.

Solutions all correct and exercises unanswered: tests/test_notebooks.py.
"""
import pytest

from notebook_runner import run_notebook


def test_lesson_04_reproduces_textbook_and_published_numbers():
    v = run_notebook("notebooks/04_customer_lifetime_value.ipynb",
                     ["simple_one", "simple_five", "m", "hbs_start", "uplift", "breakeven",
                      "bg_params", "bg_ll", "gg_params", "holdout_actual", "sbg_year7",
                      "calculator.result.clv", "life_80", "explorer.result.prob_alive",
                      "path.prob_alive.iloc[-1]"])
    assert v["simple_one"] == 22.5 and v["simple_five"] == 112.5          # TB 7.4
    assert v["m"] == 170.0                                                # TB 4.2 Ex. 1
    assert v["hbs_start"] == [220.0, 249.33, 311.67, 467.5, 623.33, 935.0]
    assert v["uplift"] == pytest.approx(4.25)
    assert v["life_80"] == pytest.approx(5.0)
    assert v["calculator.result.clv"] == pytest.approx(623.333, abs=1e-3)
    assert v["breakeven"] == pytest.approx(1.1 * (1 - 170 / 600))
    # Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4
    assert v["bg_params"] == {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    assert v["bg_ll"] == -9582.4
    # gamma-gamma on CDNOW (Fader, Hardie & Lee 2005, "RFM and CLV"): p 6.25, q 3.74, gamma 15.44
    assert v["gg_params"] == {"p": 6.25, "q": 3.74, "gamma": 15.44}
    assert v["holdout_actual"] == 1882
    # the customer explorer's default (CDNOW customer 1) agrees with her P(alive) history
    assert v["explorer.result.prob_alive"] == pytest.approx(v["path.prob_alive.iloc[-1]"],
                                                            abs=1e-3)
    # sBG fitted on years 0-4 lands closer to year 7 than a constant retention rate
    assert abs(v["sbg_year7"]["regular"] - 241) < 15
    assert abs(v["sbg_year7"]["high_end"] - 491) < 60


def test_lesson_05_checks_the_concentration_claim_on_cdnow():
    v = run_notebook("notebooks/05_rfm_value_matrix.ipynb",
                     ["n_customers", "cell_counts", "best_sales_share", "top15",
                      "explorer.result.cuts", "frequent_customer_share",
                      "frequent_sales_share"])
    assert v["n_customers"] == 2357
    assert sum(v["cell_counts"].values()) == 2357
    assert v["cell_counts"]["Best"] == 667
    # TB 4.2's 15% are customers loyal to a single retailer, which one store's log cannot
    # identify: the lesson shows an upper bound (top 15% by spend) and a frequency proxy
    assert v["top15"] == pytest.approx(0.6031, abs=1e-4)
    assert v["frequent_customer_share"] == pytest.approx(0.1646, abs=1e-4)
    assert v["frequent_sales_share"] == pytest.approx(0.5696, abs=1e-4)
    assert v["frequent_sales_share"] < v["top15"]    # a larger group, yet less than the top 15%
    assert v["best_sales_share"] == pytest.approx(0.70, abs=0.005)
    assert v["explorer.result.cuts"]["frequency"] == 1.0


def test_misconception_feedback_names_the_mistake():
    from coursekit.exercises import check

    assert check("04.3", 566.6666667).misconception == "timing-end"
    assert check("04.3", 207.7777778).misconception == "churn-as-retention"
    assert check("04.3", 850.0).misconception == "undiscounted"
    from coursekit.exercises import exercise_data
    from coursekit.models.btyd import BGNBD

    d = exercise_data("04.6")
    bg = BGNBD.from_params(r=d["r"], alpha=d["alpha"], a=d["a"], b=d["b"])
    history = ([d["frequency"]], [d["recency"]], [d["T"]])
    year = float(bg.conditional_expected_purchases(52, *history)[0])
    naive = 52 * float(bg.conditional_expected_purchases(1, *history)[0])
    assert naive > year                      # the weekly rate x 52 ignores dropout
    assert check("04.6", year).status == "correct"
    assert check("04.6", naive).misconception == "rate-times-52"
    # oracle: CDNOW customer 1 under the published BG/NBD (Fader, Hardie & Lee 2005)
    one = ([2], [30.43], [38.86])
    assert float(bg.conditional_expected_purchases(52, *one)[0]) == pytest.approx(1.5587, abs=1e-4)
    assert 52 * float(bg.conditional_expected_purchases(1, *one)[0]) == pytest.approx(1.9473,
                                                                                      abs=1e-4)
    assert check("05.6", "Spenders").misconception == "axes-swapped"


def test_lesson_04_compares_three_models_and_values_the_whole_future():
    v = run_notebook("notebooks/04_customer_lifetime_value.ipynb",
                     ["model_comparison.round(3).to_dict()", "holdout_bursts",
                      "spend_frequency_corr", "one_off_alive", "rlv_total", "clv_total",
                      "by_frequency.round(2).to_dict()"])
    cmp = v["model_comparison.round(3).to_dict()"]
    # the sums quoted in issue 18 (all packages agree) against 1,882 actual purchases
    assert round(cmp["forecast"]["BG/NBD"]) == 1653 and round(cmp["forecast"]["Pareto/NBD"]) == 1666
    assert round(cmp["forecast"]["MBG/NBD"]) == 1577
    assert set(cmp["actual"].values()) == {1882}
    assert min(cmp["mae"], key=cmp["mae"].get) == "Pareto/NBD"             # as the lesson says
    assert max(cmp["correlation"], key=cmp["correlation"].get) == "Pareto/NBD"
    bursts = list(v["holdout_bursts"].values())
    assert bursts[0] > 90 and bursts[1] > 90 and abs(bursts[2]) < 15     # the gap's two bursts
    ce = v["by_frequency.round(2).to_dict()"]
    assert (ce["actual"]["0"], ce["BG/NBD"]["0"], ce["MBG/NBD"]["0"]) == (0.24, 0.23, 0.19)
    assert v["one_off_alive"]["BG/NBD"] == 1.0 and v["one_off_alive"]["MBG/NBD"] < 0.5
    assert v["spend_frequency_corr"] == 0.11          # Fader, Hardie & Lee (2005, JMR)
    assert v["rlv_total"] > v["clv_total"]            # the whole future is worth more than a year
