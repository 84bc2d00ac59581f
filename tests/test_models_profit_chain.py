"""The service-profit chain as a chain of regressions (issue 19 item 6)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.datasets import load_dataset
from coursekit.models import relationships as rel
from coursekit.synth.relationships import PROFIT_CHAIN_TRUTH, profit_chain_panel

TRUE_ARROWS = {(y, x): b for y, law in PROFIT_CHAIN_TRUTH.items()
               for x, b in law["slopes"].items()}


@pytest.fixture(scope="module")
def chain():
    return rel.profit_chain(load_dataset("service_profit_chain"), cluster="branch")


def test_links_follow_heskett_and_the_generator():
    assert [y for y, _ in rel.PROFIT_CHAIN_LINKS] == list(PROFIT_CHAIN_TRUTH)
    for y, xs in rel.PROFIT_CHAIN_LINKS:
        assert set(xs) == set(PROFIT_CHAIN_TRUTH[y]["slopes"])


def test_the_chain_recovers_every_true_link(chain):
    for (y, x), b in TRUE_ARROWS.items():
        row = chain.paths.loc[(y, x)]
        assert row["ci_low"] <= b <= row["ci_high"], (y, x, b, row.to_dict())
        assert row["p_value"] < 1e-6
    assert (chain.fits["n"] == 640).all()
    assert chain.fits["r_squared"].between(0.2, 0.8).all()


def test_ols_oracle_for_one_link(chain):
    d = load_dataset("service_profit_chain")
    x, y = d["internal_service_quality"], d["employee_satisfaction"]
    slope = np.cov(x, y, ddof=1)[0, 1] / x.var(ddof=1)
    assert chain.coefficient("employee_satisfaction", "internal_service_quality") == \
        pytest.approx(slope)
    with pytest.raises(ValueError, match="no arrow"):
        chain.coefficient("revenue_growth", "internal_service_quality")


def test_chain_effect_is_the_product_along_the_paths(chain):
    t = PROFIT_CHAIN_TRUTH
    sl = {k: v["slopes"] for k, v in t.items()}
    through = (sl["employee_retention"]["employee_satisfaction"]
               * sl["service_value"]["employee_retention"]
               + sl["employee_productivity"]["employee_satisfaction"]
               * sl["service_value"]["employee_productivity"])
    oracle = (sl["employee_satisfaction"]["internal_service_quality"] * through
              * sl["customer_satisfaction"]["service_value"]
              * sl["customer_loyalty"]["customer_satisfaction"]
              * sl["revenue_growth"]["customer_loyalty"])
    assert rel.chain_effect(TRUE_ARROWS, "internal_service_quality", "revenue_growth") == \
        pytest.approx(oracle) == pytest.approx(0.324)
    est = rel.chain_effect(chain, "internal_service_quality", "revenue_growth")
    assert 0.2 < est < 0.45
    assert rel.chain_effect(TRUE_ARROWS, "revenue_growth", "customer_loyalty") == 0.0


@settings(max_examples=25, deadline=None)
@given(st.floats(-3, 3), st.floats(-3, 3), st.floats(-3, 3))
def test_chain_effect_of_a_line_is_the_product(a, b, c):
    arrows = {("y", "x"): a, ("z", "y"): b, ("w", "z"): c}
    assert rel.chain_effect(arrows, "x", "w") == pytest.approx(a * b * c)


def test_profit_chain_rejects_bad_input():
    d = load_dataset("service_profit_chain")
    with pytest.raises(ValueError, match="missing values"):
        rel.profit_chain(d.assign(service_value=np.where(d.index == 3, np.nan,
                                                          d["service_value"])))
    with pytest.raises(ValueError, match="revenue_growth"):
        rel.profit_chain(d.drop(columns="revenue_growth"))
    with pytest.raises(TypeError, match="links"):
        rel.profit_chain(d, links=[("a",)])
    with pytest.raises(ValueError, match="twice"):
        rel.profit_chain(d, links=[("a", ("b",)), ("a", ("c",))])
    with pytest.raises(TypeError, match="panel"):
        rel.profit_chain(d.to_numpy())
    with pytest.raises(ValueError, match="start"):
        rel.chain_effect(TRUE_ARROWS, "price", "revenue_growth")
    with pytest.raises(ValueError, match="cycle"):
        rel.chain_effect({("b", "a"): 1.0, ("a", "b"): 1.0, ("c", "b"): 1.0}, "a", "c")


def test_generator_is_seeded_and_unbiased_on_average():
    assert profit_chain_panel().equals(profit_chain_panel())
    est = np.mean([rel.profit_chain(profit_chain_panel(n_branches=40, seed=s))
                   .paths["coef"].to_numpy() for s in range(8)], axis=0)
    np.testing.assert_allclose(est, list(TRUE_ARROWS.values()), rtol=0.15)  # ~3 SE


def test_profit_chain_rejects_a_bad_level():
    d = load_dataset("service_profit_chain")
    with pytest.raises(ValueError, match="level"):
        rel.profit_chain(d, level=1.5)
    wide = rel.profit_chain(d, level=0.99).paths
    narrow = rel.profit_chain(d, level=0.90).paths
    assert ((wide["ci_high"] - wide["ci_low"]) > (narrow["ci_high"] - narrow["ci_low"])).all()
