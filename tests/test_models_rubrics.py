"""Rubrics: customer-service skills (TB 4.1) and the 5.1.18 discussion rubric."""
import pytest
from hypothesis import given, settings, strategies as st

from coursekit.models.servqual import rubrics

SKILLS = list(rubrics.CUSTOMER_SERVICE_SKILLS)


def test_five_skills_from_the_textbook():
    assert len(SKILLS) == 5 and "not blaming the user" in SKILLS


def test_rubric_totals_ten_points():
    assert rubrics.DISCUSSION_RUBRIC["exemplary"].sum() == 10
    assert rubrics.discussion_score("exemplary", 2) == 10
    assert rubrics.discussion_score("exemplary", 5) == 10
    assert rubrics.discussion_score("developing", 1) == 4
    assert rubrics.discussion_score("not evident", 0) == 0


@settings(max_examples=40, deadline=None)
@given(level=st.sampled_from(["not evident", "developing", "exemplary"]),
       n=st.integers(0, 20))
def test_score_is_one_of_the_rubric_sums(level, n):
    assert rubrics.discussion_score(level, n) in {0, 2, 4, 5, 7, 10}
    assert rubrics.discussion_score(level, n + 1) >= rubrics.discussion_score(level, n)


def test_skills_profile_mean_and_weakest():
    p = rubrics.skills_profile(dict(zip(SKILLS, [4, 2, 5, 2, 3])))
    assert p.mean == pytest.approx(3.2)
    assert p.weakest == ("problem solving", "not blaming the user")
    assert p.share_of_maximum == pytest.approx(16 / 25)
    assert rubrics.skills_profile(dict.fromkeys(SKILLS, 5)).weakest == ()


@pytest.mark.parametrize("ratings, exc, arg", [
    ({**dict.fromkeys(SKILLS, 3), "knowledge": 6}, ValueError, "knowledge"),
    ({**dict.fromkeys(SKILLS, 3), "knowledge": 2.5}, TypeError, "knowledge"),
    (dict.fromkeys(SKILLS[:4], 3), ValueError, "ratings"),
    ({**dict.fromkeys(SKILLS, 3), "charm": 4}, ValueError, "ratings"),
    ([3, 3, 3, 3, 3], TypeError, "ratings"),
])
def test_bad_skills_input(ratings, exc, arg):
    with pytest.raises(exc, match=arg):
        rubrics.skills_profile(ratings)


def test_bad_discussion_input():
    with pytest.raises(ValueError, match="initial"):
        rubrics.discussion_score("excellent", 2)
    with pytest.raises(ValueError, match="peer_responses"):
        rubrics.discussion_score("developing", -1)
