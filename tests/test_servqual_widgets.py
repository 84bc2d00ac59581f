"""The module-07 explorers driven headlessly: set controls, read the recomputed result."""
import numpy as np
import pytest

from coursekit.datasets import load_dataset
from coursekit.models import servqual as sq
from coursekit.widgets.servqual import GapExplorer, ZoneExplorer, gap_update, zone_update


@pytest.fixture(scope="module")
def survey():
    return load_dataset("servqual_survey")


def test_gap_explorer_default_matches_the_model(survey):
    ex = GapExplorer(survey, draw=False)
    e = sq.dimension_scores(survey[sq.item_columns("e")])
    p = sq.dimension_scores(survey[sq.item_columns("p")])
    assert ex.result.n == len(survey)
    np.testing.assert_allclose(ex.result.gaps, (p - e).mean())
    assert ex.result.servqual == pytest.approx(sq.servqual_score(p - e).mean())


def test_gap_explorer_branch_dimension_and_segment(survey):
    ex = GapExplorer(survey, draw=False)
    ex.controls["branch"].value = "Harbour Bank Airport Road"
    ex.controls["segment"].value = "regular customers"
    rows = survey[(survey["branch"] == "Harbour Bank Airport Road")
                  & (survey["customer_type"] == "regular")]
    assert ex.result.n == len(rows)
    ex.controls["dimension"].value = "reliability"
    assert list(ex.result.gaps.index) == [f"item {i}" for i in range(5, 10)]
    expected = (rows[sq.item_columns("p")[4:9]].to_numpy()
                - rows[sq.item_columns("e")[4:9]].to_numpy()).mean(axis=0)
    np.testing.assert_allclose(ex.result.gaps, expected)
    assert ex.result.servqual_weighted != pytest.approx(ex.result.servqual)


def test_zone_explorer_improvement_moves_the_dimension(survey):
    ex = ZoneExplorer(survey, draw=False)
    base = ex.result.zone.msa["responsiveness"]
    ex.controls["dimension"].value = "responsiveness"
    ex.controls["improvement"].value = 1.0
    assert ex.result.zone.msa["responsiveness"] == pytest.approx(base + 1.0)
    direct = zone_update(survey, dimension="responsiveness", improvement=1.0)
    assert direct.zone.position.tolist() == ex.result.zone.position.tolist()


def test_drawing_explorers_and_labels(survey):
    for ex in (GapExplorer(survey), ZoneExplorer(survey)):
        assert ex.status.value == ""
        assert all(c.description.strip() for c in ex.controls.values())


def test_rejected_combinations_are_shown_not_raised(survey):
    tiny = survey.head(3)
    ex = GapExplorer(tiny, draw=False)
    ex.controls["segment"].value = "business visits"  # one business respondent in the first 3
    assert "fewer than 2" in ex.status.value
    with pytest.raises(ValueError, match="dimension"):
        gap_update(survey, dimension="speed")
