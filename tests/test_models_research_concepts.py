"""Concept tables of issue 19 items 12-13: switching causes, recovery research, co-creation."""
from __future__ import annotations

import pytest

from coursekit.models import recovery as rc
from coursekit.models import relationships as rel


def test_keaveney_eight_categories_and_shares():
    t = rel.switching_causes()
    assert len(t) == 8
    # Keaveney (1995): % of respondents naming each category
    assert t["share"].to_dict() == {
        "core service failure": 0.44, "service encounter failure": 0.34, "pricing": 0.30,
        "inconvenience": 0.21, "response to service failure": 0.17, "competition": 0.10,
        "ethical problems": 0.07, "involuntary switching": 0.06}
    assert t["share"].is_monotonic_decreasing
    assert t["share_of_mentions"].sum() == pytest.approx(1.0)
    assert rel.mean_causes_per_switch() == pytest.approx(1.69)
    assert not t.loc["competition", "controllable"]


def test_justice_profile_codes_actions_into_four_dimensions():
    assert list(rc.JUSTICE_DIMENSIONS) == ["distributive", "procedural", "interpersonal",
                                           "informational"]
    assert set(rc.RECOVERY_ACTIONS.values()) == set(rc.JUSTICE_DIMENSIONS)
    p = rc.justice_profile(["apology", "voucher"])
    assert p.to_dict() == {"distributive": True, "procedural": False, "interpersonal": True,
                           "informational": False}
    assert rc.justice_profile(list(rc.RECOVERY_ACTIONS)).all()
    assert rc.justice_profile("explanation")["informational"]
    assert not rc.justice_profile([]).any()
    with pytest.raises(ValueError, match="not known"):
        rc.justice_profile(["free champagne"])


def test_recovery_studies_cite_the_three_papers():
    studies = [s["study"] for s in rc.RECOVERY_STUDIES]
    assert studies == ["Tax, Brown & Chandrashekaran (1998)", "Smith & Bolton (1998)",
                       "McCollough, Berry & Yadav (2000)"]
    assert all(s["finding"] and s["takeaway"] for s in rc.RECOVERY_STUDIES)


def test_sd_logic_premises_and_participation_findings():
    from coursekit.models import design as des

    assert [p["fp"] for p in des.SD_LOGIC_PREMISES] == list(range(1, 9))
    roles = des.premises_for_roles()
    assert roles.index.tolist() == [1, 6, 7, 8]
    assert roles.loc[6, "premise"] == "The customer is always a coproducer."
    assert roles.loc[7, "premise"] == "The enterprise can only make value propositions."
    conditions = [f["condition"] for f in des.PARTICIPATION_FINDINGS]
    assert len(conditions) == 3 and any("choice" in c for c in conditions)
