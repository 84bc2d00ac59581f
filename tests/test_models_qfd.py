"""Tests of coursekit.models.qfd (house of quality, module 06).

Oracles are hand computations: the textbook's basement rule TI_j = sum_i w_i r_ij (TB 4.2,
l.1359) applied cell by cell to the constructed restaurant and boutique houses, and the planning
matrix of Cohen (1995) worked out row by row.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import load_dataset
from coursekit.models.qfd import KANO_EXPONENTS_REVERSED, HouseOfQuality
from coursekit.models.qfd.kano import kano_classify

DATA = Path(__file__).resolve().parents[1] / "datasets"


def load_house(name: str) -> HouseOfQuality:
    with open(DATA / f"{name}.json", encoding="utf-8") as fh:
        return HouseOfQuality.from_dict(json.load(fh))


@pytest.fixture(scope="module")
def restaurant() -> HouseOfQuality:
    return load_house("qfd_restaurant")


@pytest.fixture(scope="module")
def boutique() -> HouseOfQuality:
    return load_house("qfd_boutique")


# ---------------------------------------------------------------- oracle values
def test_small_house_by_hand():
    # w = (5, 2); r = [[9, 1], [3, 9]]  ->  TI = (5*9 + 2*3, 5*1 + 2*9) = (51, 23)
    h = HouseOfQuality(["a", "b"], [5, 2], ["x", "y"], [["strong", "weak"], ["medium", "strong"]])
    assert h.technical_importance().tolist() == [51.0, 23.0]
    np.testing.assert_allclose(h.relative_importance(), [51 / 74, 23 / 74])


def test_restaurant_technical_importance(restaurant):
    # Staff training:  5*3 + 4*1 + 4*1 + 3*9 = 50
    # Fresh:           5*9 + 4*1            = 49
    # Servers:         4*3 + 4*9 + 3*3 + 4*1 = 61
    # Ticket time:     5*1 + 4*9 + 4*9      = 77
    # Cleaning:        4*9 + 2*3            = 42
    # Price:           5*3 + 4*9            = 51
    # Noise:           2*9                  = 18      total 348
    ti = restaurant.technical_importance()
    assert ti.tolist() == [50, 49, 61, 77, 42, 51, 18]
    ri = restaurant.relative_importance()
    np.testing.assert_allclose(ri.to_numpy(), np.array([50, 49, 61, 77, 42, 51, 18]) / 348)
    pri = restaurant.priorities()
    assert pri["rank"].idxmin() == "Kitchen ticket time"
    assert pri.loc["Dining-room noise", "rank"] == 7


def test_boutique_technical_importance(boutique):
    # New arrivals 5*9 + 3*3 = 54; sizes 5*9 = 45; tailor 5*9 + 4*3 = 57;
    # training 5*3 + 5*3 + 4*9 + 3*1 = 69; mark-up 3*9 = 27; visual 5*1 + 3*9 = 32;
    # returns 3*9 = 27; hours 2*9 = 18; total 329
    assert boutique.technical_importance().tolist() == [54, 45, 57, 69, 27, 32, 27, 18]
    assert boutique.relative_importance().sum() == pytest.approx(1.0)
    assert boutique.relative_importance()["Stylist training"] == pytest.approx(69 / 329)
    # ties share the better rank
    assert boutique.priorities().loc[["Average mark-up", "Return window"], "rank"].tolist() == [6, 6]


def test_restaurant_planning_matrix(restaurant):
    pm = restaurant.planning_matrix()
    # improvement ratio = target / current
    np.testing.assert_allclose(pm["improvement_ratio"], [5 / 3, 4 / 3, 2, 1, 4 / 3, 4 / 3, 4 / 3])
    # raw = importance * ratio * sales point
    raw = np.array([5 * 5 / 3 * 1.5, 4 * 4 / 3, 4 * 2 * 1.2, 3 * 1, 4 * 4 / 3, 4 * 4 / 3 * 1.2,
                    2 * 4 / 3])
    np.testing.assert_allclose(pm["raw_weight"], raw)
    assert pm["raw_weight"].sum() == pytest.approx(44.833333, abs=1e-6)
    assert pm.loc["Tasty food", "normalised_weight"] == pytest.approx(12.5 / 44.8333333)
    assert list(pm.columns[:4]) == ["importance", "current", "Corner Diner", "Chain Grill"]


def test_planning_weights_rerank_the_hows(restaurant):
    ti = restaurant.technical_importance(weights="planning")
    pm = restaurant.planning_matrix()["normalised_weight"].to_numpy()
    np.testing.assert_allclose(ti, pm @ restaurant.matrix().to_numpy())
    # fresh ingredients move from 5th to 2nd once targets and sales points count
    assert restaurant.priorities()["rank"]["Fresh ingredients"] == 5
    assert restaurant.priorities(weights="planning")["rank"]["Fresh ingredients"] == 2


def test_kano_adjusted_planning_matrix(restaurant):
    kano = {"Tasty food": "one-dimensional", "Food served hot": "must-be",
            "Quick service": "one-dimensional", "Friendly staff": "one-dimensional",
            "Clean restaurant": "must-be", "Good value for money": "one-dimensional",
            "Pleasant atmosphere": "attractive"}
    pm = restaurant.planning_matrix(kano=kano)
    # published Tan & Shen form IR ** (1/k): k = 2 attractive, 1/2 must-be
    assert pm.loc["Pleasant atmosphere", "adjusted_ratio"] == pytest.approx((4 / 3) ** 0.5)
    assert pm.loc["Clean restaurant", "adjusted_ratio"] == pytest.approx((4 / 3) ** 2)
    assert pm.loc["Tasty food", "raw_weight"] == pytest.approx(12.5)
    assert pm.loc["Pleasant atmosphere", "raw_weight"] == pytest.approx(2 * (4 / 3) ** 0.5)
    assert pm["normalised_weight"].sum() == pytest.approx(1.0)
    reversed_ = restaurant.planning_matrix(kano=kano, kano_exponents=KANO_EXPONENTS_REVERSED)
    assert reversed_.loc["Pleasant atmosphere", "adjusted_ratio"] == pytest.approx((4 / 3) ** 2)
    custom = restaurant.planning_matrix(kano=kano, kano_exponents={
        "attractive": 1, "one-dimensional": 1, "must-be": 1})
    np.testing.assert_allclose(custom["raw_weight"], restaurant.planning_matrix()["raw_weight"])


def test_kano_readings_swap_two_hows_in_the_restaurant_house(restaurant):
    """Oracle: the published form ranks servers 2nd and fresh ingredients 3rd; the reverse
    reading swaps them (values recomputed by hand from the planning matrix)."""
    kano = kano_classify(load_dataset("kano_survey"))["category"]

    def ranks(exponents):
        pm = restaurant.planning_matrix(kano=kano, kano_exponents=exponents)
        ti = restaurant.technical_importance(weights=pm["normalised_weight"].to_numpy())
        return ti.rank(ascending=False).astype(int), ti

    published, ti = ranks(None)
    assert published["Kitchen ticket time"] == 1
    assert published["Servers per shift"] == 2 and published["Fresh ingredients"] == 3
    assert ti["Kitchen ticket time"] == pytest.approx(3.392, abs=5e-4)
    reverse, ti_rev = ranks(KANO_EXPONENTS_REVERSED)
    assert reverse["Fresh ingredients"] == 2 and reverse["Servers per shift"] == 3
    assert ti_rev["Kitchen ticket time"] == pytest.approx(3.171, abs=5e-4)


def test_over_served_must_be_loses_weight_under_the_published_form():
    h = HouseOfQuality(["a", "b"], [1, 1], ["x"], [[9], [9]], current=[5, 5], targets=[4, 4])
    pm = h.planning_matrix(kano=["must-be", "attractive"])
    assert pm.loc["a", "adjusted_ratio"] == pytest.approx(0.64)
    assert pm.loc["b", "adjusted_ratio"] == pytest.approx(0.8 ** 0.5)
    rev = h.planning_matrix(kano=["must-be", "attractive"],
                            kano_exponents=KANO_EXPONENTS_REVERSED)
    assert rev.loc["a", "adjusted_ratio"] == pytest.approx(0.894, abs=5e-4)


def test_roof_conflicts(restaurant):
    conflicts = restaurant.roof_conflicts()
    assert conflicts.iloc[0].tolist() == ["Servers per shift", "Average main-course price", -2.0]
    assert len(conflicts) == 4
    assert (conflicts["correlation"] < 0).all()
    roof = restaurant.roof_frame()
    np.testing.assert_array_equal(roof.to_numpy(), roof.to_numpy().T)
    assert roof.loc["Staff training", "Kitchen ticket time"] == 1.0


def test_no_roof_gives_empty_conflicts():
    h = HouseOfQuality(["a"], [1], ["x", "y"], [[1, 3]])
    assert h.roof_conflicts().empty
    assert list(h.roof_conflicts().columns) == ["characteristic_a", "characteristic_b",
                                                "correlation"]


def test_roof_as_matrix_equals_roof_as_mapping():
    m = [[0, "+", "-"], ["+", 0, None], ["-", None, 0]]
    a = HouseOfQuality(["r"], [1], ["x", "y", "z"], [[1, 1, 1]], roof=m)
    b = HouseOfQuality(["r"], [1], ["x", "y", "z"], [[1, 1, 1]],
                       roof={("x", "y"): "+", ("z", "x"): -1})
    pd.testing.assert_frame_equal(a.roof_frame(), b.roof_frame())


# ---------------------------------------------------------------- input forms
def test_symbols_pictograms_numbers_and_blanks_agree():
    words = HouseOfQuality(["a", "b"], [1, 2], ["x", "y", "z"],
                           [["strong", "medium", "weak"], ["", None, "Strong"]])
    glyphs = HouseOfQuality(["a", "b"], [1, 2], ["x", "y", "z"],
                            [["●", "○", "△"], [0, np.nan, 9]])
    numbers = HouseOfQuality(["a", "b"], [1, 2], ["x", "y", "z"], np.array([[9, 3, 1],
                                                                              [0, 0, 9]]))
    for h in (glyphs, numbers):
        np.testing.assert_array_equal(h.relationships, words.relationships)


def test_custom_scale():
    h = HouseOfQuality(["a"], [2], ["x", "y"], [["strong", "weak"]],
                       scale={"strong": 5, "medium": 3, "weak": 1})
    assert h.technical_importance().tolist() == [10.0, 2.0]


def test_dataframe_and_mapping_inputs_match_matrix():
    frame = pd.DataFrame([[3, 9], [1, 0]], index=["b", "a"], columns=["y", "x"])
    h1 = HouseOfQuality(["a", "b"], [1, 1], ["x", "y"], frame)
    h2 = HouseOfQuality(["a", "b"], [1, 1], ["x", "y"], {("a", "y"): 1, ("b", "x"): 9,
                                                          ("b", "y"): 3})
    np.testing.assert_array_equal(h1.relationships, [[0, 1], [9, 3]])
    np.testing.assert_array_equal(h2.relationships, h1.relationships)


def test_row_normalisation_wasserman():
    h = HouseOfQuality(["a", "b", "c"], [4, 1, 2], ["x", "y"], [[9, 3], [1, 1], [0, 0]])
    norm = h.matrix(normalise=True)
    np.testing.assert_allclose(norm.to_numpy(), [[0.75, 0.25], [0.5, 0.5], [0, 0]])
    # each requirement with a relationship hands out exactly its weight
    assert h.technical_importance(normalise=True).sum() == pytest.approx(4 + 1)
    np.testing.assert_allclose(h.technical_importance(normalise=True), [3.5, 1.5])


def test_to_frame_and_replace(restaurant):
    frame = restaurant.to_frame()
    assert frame.shape == (7, 1 + 7 + 1 + 2 + 1 + 1)
    assert frame.loc["Tasty food", "Fresh ingredients"] == 9
    assert frame.loc["Quick service", "sales_point"] == 1.2
    heavier = restaurant.replace(importance=[5, 4, 4, 3, 4, 4, 5])
    assert heavier.technical_importance()["Dining-room noise"] == 45
    assert restaurant.technical_importance()["Dining-room noise"] == 18  # original untouched
    rel = restaurant.matrix()
    rel.loc["Tasty food", "Fresh ingredients"] = 1
    weaker = restaurant.replace(relationships=rel)
    assert weaker.technical_importance()["Fresh ingredients"] == 49 - 5 * 8


def test_arrays_are_read_only(restaurant):
    with pytest.raises(ValueError):
        restaurant.importance[0] = 1
    with pytest.raises(ValueError):
        restaurant.relationships[0, 0] = 1


def test_repr_names_the_parts(restaurant):
    assert repr(restaurant) == ("HouseOfQuality(7 requirements x 7 characteristics; roof: "
                                "4 trade-offs; competitors: Corner Diner, Chain Grill)")


# ---------------------------------------------------------------- properties
_matrix = st.integers(1, 5).flatmap(lambda m: st.integers(1, 5).flatmap(
    lambda k: st.tuples(
        st.lists(st.floats(0.1, 10), min_size=m, max_size=m),
        st.lists(st.lists(st.sampled_from([0, 1, 3, 9]), min_size=k, max_size=k),
                 min_size=m, max_size=m).filter(lambda r: any(any(row) for row in r)))))


def _house(w, r):
    m, k = len(r), len(r[0])
    return HouseOfQuality([f"r{i}" for i in range(m)], w, [f"c{j}" for j in range(k)], r)


@settings(max_examples=40, deadline=None)
@given(_matrix, st.floats(0.01, 100))
def test_relative_importance_sums_to_one_and_ignores_scale(data, c):
    w, r = data
    h = _house(w, r)
    ri = h.relative_importance()
    assert ri.sum() == pytest.approx(1.0)
    assert (ri >= 0).all()
    scaled = _house([c * x for x in w], r)
    np.testing.assert_allclose(scaled.relative_importance(), ri, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(scaled.technical_importance(), c * h.technical_importance(),
                               rtol=1e-9)


@settings(max_examples=40, deadline=None)
@given(_matrix)
def test_technical_importance_is_linear_in_weights(data):
    w, r = data
    h = _house(w, r)
    w2 = np.arange(1, len(w) + 1, dtype=float)
    both = h.technical_importance(weights=np.asarray(w) + w2)
    np.testing.assert_allclose(both, h.technical_importance()
                               + h.technical_importance(weights=w2), rtol=1e-9)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.floats(0.5, 5), st.floats(1, 5), st.floats(1, 5),
                          st.sampled_from([1.0, 1.2, 1.5])), min_size=1, max_size=6))
def test_planning_weights_sum_to_one(rows):
    w, cur, tgt, sp = (list(x) for x in zip(*rows))
    h = HouseOfQuality([f"r{i}" for i in range(len(rows))], w, ["x"], [[1]] * len(rows),
                       current=cur, targets=tgt, sales_points=sp)
    pm = h.planning_matrix()
    assert pm["normalised_weight"].sum() == pytest.approx(1.0)
    np.testing.assert_allclose(pm["raw_weight"],
                               np.array(w) * np.array(tgt) / np.array(cur) * np.array(sp))


# ---------------------------------------------------------------- bad input
def test_bad_shapes():
    with pytest.raises(ValueError, match="importance"):
        HouseOfQuality(["a", "b"], [1], ["x"], [[1], [1]])
    with pytest.raises(ValueError, match="relationships"):
        HouseOfQuality(["a", "b"], [1, 1], ["x"], [[1]])
    with pytest.raises(ValueError, match="relationships row 1"):
        HouseOfQuality(["a", "b"], [1, 1], ["x"], [[1], [1, 3]])
    with pytest.raises(ValueError, match="current"):
        HouseOfQuality(["a"], [1], ["x"], [[1]], current=[1, 2])
    with pytest.raises(ValueError, match="directions"):
        HouseOfQuality(["a"], [1], ["x", "y"], [[1, 1]], directions=["max"])
    with pytest.raises(ValueError, match="roof"):
        HouseOfQuality(["a"], [1], ["x", "y"], [[1, 1]], roof=[[0, 1]])


def test_bad_values():
    with pytest.raises(ValueError, match="importance must be >= 0"):
        HouseOfQuality(["a"], [-1], ["x"], [[1]])
    with pytest.raises(ValueError, match="importance must be finite"):
        HouseOfQuality(["a"], [np.nan], ["x"], [[1]])
    with pytest.raises(ValueError, match=r"relationships\['a', 'x'\] = 'huge' is not a known"):
        HouseOfQuality(["a"], [1], ["x"], [["huge"]])
    with pytest.raises(ValueError, match="relationships.*must be >= 0"):
        HouseOfQuality(["a"], [1], ["x"], [[-3]])
    with pytest.raises(ValueError, match="unknown characteristic 'z'"):
        HouseOfQuality(["a"], [1], ["x"], {("a", "z"): 9})
    with pytest.raises(ValueError, match="unknown requirement 'q'"):
        HouseOfQuality(["a"], [1], ["x"], {("q", "x"): 9})
    with pytest.raises(ValueError, match="roof.*not a roof symbol"):
        HouseOfQuality(["a"], [1], ["x", "y"], [[1, 1]], roof={("x", "y"): "+++"})
    with pytest.raises(ValueError, match="roof must be symmetric"):
        HouseOfQuality(["a"], [1], ["x", "y"], [[1, 1]], roof=[[0, 1], [-1, 0]])
    with pytest.raises(ValueError, match="directions must be one of"):
        HouseOfQuality(["a"], [1], ["x"], [[1]], directions=["up"])
    with pytest.raises(ValueError, match="current must be > 0"):
        HouseOfQuality(["a"], [1], ["x"], [[1]], current=[0])
    with pytest.raises(ValueError, match="sales_points must be > 0"):
        HouseOfQuality(["a"], [1], ["x"], [[1]], sales_points=0)
    with pytest.raises(ValueError, match="requirements must not repeat"):
        HouseOfQuality(["a", "a"], [1, 1], ["x"], [[1], [1]])
    with pytest.raises(TypeError, match="relationships.*boolean"):
        HouseOfQuality(["a"], [1], ["x"], [[True]])
    with pytest.raises(TypeError, match="requirements"):
        HouseOfQuality("a", [1], ["x"], [[1]])


def test_bad_method_arguments(restaurant):
    with pytest.raises(ValueError, match="weights must be one of"):
        restaurant.technical_importance(weights="customer")
    with pytest.raises(ValueError, match="weights"):
        restaurant.technical_importance(weights=[1, 2])
    with pytest.raises(ValueError, match="kano category 'indifferent'"):
        restaurant.planning_matrix(kano=["indifferent"] * 7)
    with pytest.raises(ValueError, match="kano has no category"):
        restaurant.planning_matrix(kano={"Tasty food": "attractive"})
    bare = HouseOfQuality(["a"], [1], ["x"], [[1]])
    with pytest.raises(ValueError, match="current is needed"):
        bare.planning_matrix()
    with pytest.raises(ValueError, match="targets is needed"):
        HouseOfQuality(["a"], [1], ["x"], [[1]], current=[3]).planning_matrix()
    empty = HouseOfQuality(["a"], [1], ["x"], [[0]])
    with pytest.raises(ValueError, match="every technical importance is 0"):
        empty.relative_importance()
    with pytest.raises(ValueError, match="data is missing the key 'relationships'"):
        HouseOfQuality.from_dict({"requirements": [], "characteristics": []})
