"""Tests for coursekit.models.segments: textbook 7.1 oracles, invariants and bad input."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models import segments as seg

# Figure 7.1.2 exactly as printed (seed 001, l.2862-2869).
PRINTED = {
    "Prices good/saves me money": "HML",
    "Fast service/saves me time": "MHH",
    "Needed milk/they have a big product assortment": "LHM",
    "I know and like the people there/relationship": "MMH",
    "Convenient location on my way to work": "MLM",
    "Close to my house": "LLM",
    "Very neat, well maintained": "LMH",
}


# --- textbook oracles -------------------------------------------------------------------------

def test_bottled_water_75_to_115():
    bw = seg.bottled_water()
    assert bw.totals == pytest.approx((75.0, 115.0))
    assert bw.totals[1] / bw.totals[0] - 1 == pytest.approx(0.5333, abs=1e-4)
    # textbook numbers: $1.00 price, $0.50 margin, health product at $1.50
    before, after = bw.undifferentiated, bw.differentiated
    assert set(before["price"]) == {1.0} and set(before["margin"]) == {0.5}
    assert after.loc[after["product"] == "vitamin", "price"].item() == 1.5


def test_bottled_water_labels_every_non_text_number():
    sources = seg.bottled_water().assumptions
    assert sum(v.startswith("textbook") for v in sources.values()) == 4
    assert any("500 customers" in k and "assumption" in v for k, v in sources.items())
    assert any("60 bottles" in k and v.startswith("derived") for k, v in sources.items())


def test_service_station_table_exactly_as_printed():
    table = seg.service_station_table()
    assert table.columns.tolist() == ["price driven", "on-the-go snackers", "loyalists"]
    assert {r: "".join(row) for r, row in table.iterrows()} == PRINTED


def test_shipped_dataset_matches_the_table():
    data = pd.read_csv("datasets/service_station_segments.csv").set_index("reason")
    assert data.to_numpy().tolist() == seg.service_station_table().to_numpy().tolist()
    assert data.index.tolist() == list(PRINTED)


def test_discriminating_reasons():
    d = seg.discriminating_reasons(seg.service_station_table())
    top = d[d["range"] == 2].index.tolist()
    assert set(top) == {"Prices good/saves me money",
                        "Needed milk/they have a big product assortment",
                        "Very neat, well maintained"}
    assert d.loc["Prices good/saves me money", "highest for"] == "price driven"


def test_segment_fit_cheap_station_suits_price_driven():
    cheap = pd.Series(1.0, index=seg.service_station_table().index)
    cheap["Prices good/saves me money"] = 5.0
    fit = seg.segment_fit(cheap)
    assert fit.idxmax() == "price driven"
    # weights H=3 of total 12 for price driven: (3*5 + 9*1)/12 = 2
    assert fit["price driven"] == pytest.approx(2.0)


def test_context_statements_from_the_textbook():
    results = {u: seg.context_statement(u, s, c) for u, s, c in seg.TEXTBOOK_CONTEXTS}
    assert not results["Johnson Photography"].is_focused
    assert "segment" in results["Johnson Photography"].problems[0]
    assert all(r.is_focused for u, r in results.items() if u != "Johnson Photography")
    assert results["McDonald's"].text == (
        "My goal is to grow McDonald's by creating more value for breakfast customers "
        "than Starbucks does.")


def test_context_flags_whole_company_and_vague_competitor():
    res = seg.context_statement("the company", "wedding couples", "the competition")
    assert len(res.problems) == 2


def test_diet_coke_levels():
    lv = seg.COMPETITION_LEVELS
    assert list(lv) == ["product form", "product category", "generic", "budget"]
    assert seg.DIET_COKE_COMPETITORS["Diet Pepsi"] == "product form"
    assert seg.DIET_COKE_COMPETITORS["a cup of coffee"] == "generic"
    assert seg.DIET_COKE_COMPETITORS["comic book"] == "budget"
    assert "$1.50" in lv["budget"]


def test_harley_shares():
    assert seg.HARLEY_SEGMENTS["tour gliders"] == 0.14
    assert sum(seg.HARLEY_SEGMENTS.values()) == pytest.approx(1.0)


# --- invariants -------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(st.floats(0.0, 1.0))
def test_blending_stays_between_segment_profiles(share):
    enc = seg.service_station_table(encoded=True)
    blend = seg.blend_segments({"price driven": share, "loyalists": 1 - share})
    lo = enc[["price driven", "loyalists"]].min(axis=1)
    hi = enc[["price driven", "loyalists"]].max(axis=1)
    assert ((blend >= lo - 1e-12) & (blend <= hi + 1e-12)).all()


def test_aggregation_blurs_segments():
    enc = seg.service_station_table(encoded=True)
    mixed = seg.blend_segments({s: 1 / 3 for s in enc.columns})
    assert mixed.std(ddof=0) < enc.std(ddof=0).min()


@settings(max_examples=20, deadline=None)
@given(st.floats(0.0, 2.0), st.floats(0.0, 1.0))
def test_higher_health_price_never_lowers_contribution(extra, cost):
    low = seg.bottled_water(health_price=1.0 + cost)
    high = seg.bottled_water(health_price=1.0 + cost + extra)
    assert high.totals[1] >= low.totals[1] - 1e-9
    assert high.totals[0] == pytest.approx(75.0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans(), st.booleans()), min_size=1, max_size=8))
def test_competition_level_is_the_narrowest_passed(flags):
    form = np.array([f for f, _, _ in flags])
    cat = form | np.array([c for _, c, _ in flags])
    need = cat | np.array([n for _, _, n in flags])
    out = seg.competition_level(form, cat, need)
    assert (out[form] == "product form").all()
    assert (out[~need] == "budget").all()


# --- bad input --------------------------------------------------------------------------------

def test_bad_inputs_name_the_argument():
    with pytest.raises(ValueError, match="price_share"):
        seg.bottled_water(price_share=70)
    with pytest.raises(ValueError, match="undifferentiated_share"):
        seg.bottled_water(undifferentiated_share=0.5)
    with pytest.raises(ValueError, match="segments is missing"):
        seg.segment_contribution(pd.DataFrame({"units": [1]}))
    with pytest.raises(ValueError, match="units"):
        seg.segment_contribution(pd.DataFrame({"units": [-1], "price": [1], "unit_cost": [0]}))
    with pytest.raises(ValueError, match="table has level"):
        seg.encode_importance(pd.DataFrame({"s": ["L", "X"]}))
    with pytest.raises(ValueError, match="performance"):
        seg.segment_fit([1, 2, 3])
    with pytest.raises(ValueError, match="shares"):
        seg.blend_segments({"price driven": 0.5, "loyalists": 0.4})
    with pytest.raises(ValueError, match="shares"):
        seg.blend_segments({"truckers": 1.0})
    with pytest.raises(TypeError, match="segment"):
        seg.context_statement("A", None, "B")
    with pytest.raises(TypeError, match="same_form"):
        seg.competition_level("yes", True, True)
    with pytest.raises(ValueError, match="same_form implies"):
        seg.competition_level(True, False, True)
