"""Business buying (TB 2.1): the buying centre's seven roles and the seven-step B2B process."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from coursekit._validate import check_choice

__all__ = [
    "BUYING_CENTRE_ROLES", "B2B_STEPS", "B2C_VS_B2B", "buying_centre_matrix", "uncovered_roles",
]

#: The seven roles of the B2B buying centre (TB 2.1; Kotler & Keller 2009).
BUYING_CENTRE_ROLES = pd.Series(
    {
        "initiator": "requests that something be purchased",
        "gatekeeper": "controls the flow of information to the buying center",
        "user": "uses the product or takes advantage of the service",
        "purchaser": "makes the actual purchase (purchaser or buyer)",
        "decider": "decides on product requirements, suppliers, or both",
        "approver": "authorizes the proposed actions of the decider or the buyer",
        "influencer": "influences the decision but does not necessarily use the product",
    },
    name="role",
)

#: Figure 2.1.2, the B2B buying process (Lascu & Clow 2007, as adapted in TB 2.1).
B2B_STEPS: tuple[str, ...] = (
    "identification of needs",
    "establishment of specifications",
    "identification of solutions",
    "identification of vendors",
    "evaluation of vendors",
    "vendor selection",
    "negotiation of terms",
)

#: How B2B buying differs from B2C buying, as described in TB 2.1.
B2C_VS_B2B = pd.DataFrame(
    {
        "B2C": [
            "people buying for themselves, their households or other non-business purposes",
            "one person, often both customer and consumer",
            "five-stage consumer buying process",
            "emotional connections matter (50 percent of the experience is how the customer "
            "feels)",
        ],
        "B2B": [
            "organizations: corporations, small businesses, government, wholesalers, "
            "retailers, nonprofits; more dollars change hands",
            "a buying center of one to twenty or more people in seven roles",
            "seven-step B2B buying process",
            "structured, quantitative criteria-based decisions; many individual 'customers' "
            "in engineering, purchasing, quality, manufacturing",
        ],
    },
    index=pd.Index(["who buys", "who decides", "process", "experience"], name="aspect"),
)


def buying_centre_matrix(assignments: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """People x seven roles boolean matrix of a buying centre (one person may hold several roles).

    >>> m = buying_centre_matrix({"office manager": ["initiator", "user"], "owner": ["decider"]})
    >>> int(m.loc["office manager"].sum()), m["decider"].to_list()
    (2, [False, True])
    """
    if not isinstance(assignments, Mapping) or not assignments:
        raise TypeError("assignments must be a non-empty dict {person: [roles]}")
    roles = list(BUYING_CENTRE_ROLES.index)
    rows = {}
    for person, held in assignments.items():
        if isinstance(held, str):
            held = [held]
        for r in held:
            check_choice(r, "assignments", roles)
        rows[person] = [r in held for r in roles]
    return pd.DataFrame.from_dict(rows, orient="index", columns=roles).rename_axis("person")


def uncovered_roles(matrix: pd.DataFrame) -> list[str]:
    """Roles nobody in the buying centre holds yet.

    >>> uncovered_roles(buying_centre_matrix({"owner": ["decider", "approver", "purchaser"]}))
    ['initiator', 'gatekeeper', 'user', 'influencer']
    """
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"matrix must be a DataFrame from buying_centre_matrix; "
                        f"got {type(matrix).__name__}")
    roles = list(BUYING_CENTRE_ROLES.index)
    missing = [r for r in roles if r not in matrix.columns]
    if missing:
        raise ValueError(f"matrix is missing role column(s) {missing}")
    covered = matrix[roles].astype(bool).any(axis=0)
    return [r for r in roles if not covered[r]]
