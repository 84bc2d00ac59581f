"""Customers as co-creators: service-dominant logic and the psychology of participation.

**Service-dominant (S-D) logic** (Vargo & Lusch 2004) reframes the customer roles of this
module. In the goods-dominant view the firm makes value and the customer consumes it; in S-D
logic *service* - the application of skills and knowledge for another's benefit - is what is
exchanged, the firm can only *propose* value, and the customer always takes part in creating it.
The customer as "productive resource" and "contributor to quality, satisfaction and value"
(seed S4) is then not an exception but the rule. Of the eight foundational premises of 2004,
FP1, FP6, FP7 and FP8 bear on customer roles; Vargo & Lusch (2008) reworded FP6 to "the
customer is always a co-creator of value".

**Participation has a psychological cost** (Bendapudi & Leone 2003): because of the
*self-serving bias*, customers who take part in producing a service claim credit for a good
outcome and lay blame for a bad one elsewhere, so with the same outcome their satisfaction with
the firm differs from that of customers who did not take part - when the outcome beats
expectations, participants credit themselves and rate the firm lower. Giving customers the
*choice* whether to participate reduces the bias when the outcome is worse than expected.

Not from the textbook. Vargo, S. L. & Lusch, R. F. (2004), "Evolving to a new dominant logic for
marketing", *Journal of Marketing* 68(1), 1-17; Vargo, S. L. & Lusch, R. F. (2008),
"Service-dominant logic: continuing the evolution", *Journal of the Academy of Marketing Science*
36(1), 1-10; Bendapudi, N. & Leone, R. P. (2003), "Psychological implications of customer
participation in co-production", *Journal of Marketing* 67(1), 14-28.

>>> premises_for_roles()["premise"].tolist()[1]
'The customer is always a coproducer.'
"""
from __future__ import annotations

import pandas as pd

__all__ = ["SD_LOGIC_PREMISES", "PARTICIPATION_FINDINGS", "premises_for_roles"]

#: The eight foundational premises of Vargo & Lusch (2004), with the customer role (seed S4)
#: each one reframes (empty when it bears on the economy rather than on customer roles).
SD_LOGIC_PREMISES: tuple[dict, ...] = (
    {"fp": 1, "premise": "The application of specialized skills and knowledge is the "
     "fundamental unit of exchange.", "customer_role": "contributor to quality, satisfaction "
     "and value: customers bring skills and knowledge too"},
    {"fp": 2, "premise": "Indirect exchange masks the fundamental unit of exchange.",
     "customer_role": ""},
    {"fp": 3, "premise": "Goods are distribution mechanisms for service provision.",
     "customer_role": ""},
    {"fp": 4, "premise": "Knowledge is the fundamental source of competitive advantage.",
     "customer_role": ""},
    {"fp": 5, "premise": "All economies are services economies.", "customer_role": ""},
    {"fp": 6, "premise": "The customer is always a coproducer.",
     "customer_role": "productive resource (partial employee); in 2008: always a co-creator "
                      "of value"},
    {"fp": 7, "premise": "The enterprise can only make value propositions.",
     "customer_role": "the customer decides the value in use: the firm proposes, the customer "
                      "realises (or competes by doing it alone)"},
    {"fp": 8, "premise": "A service-centered view is customer oriented and relational.",
     "customer_role": "a relationship partner (module 11), not a target"},
)

#: What Bendapudi & Leone (2003) found about customer participation (two experiments).
PARTICIPATION_FINDINGS: tuple[dict[str, str], ...] = (
    {"condition": "outcome better than expected",
     "participants_vs_non_participants": "participants take credit: lower satisfaction with "
                                         "the firm than non-participants given the same outcome"},
    {"condition": "outcome worse than expected",
     "participants_vs_non_participants": "participants blame the firm more than themselves "
                                         "(self-serving bias)"},
    {"condition": "outcome worse than expected, participation was the customer's choice",
     "participants_vs_non_participants": "the choice mitigates the bias: customers who chose to "
                                         "take part accept more of the responsibility"},
)


def premises_for_roles() -> pd.DataFrame:
    """The S-D logic premises that reframe the customer roles of this module, by number."""
    table = pd.DataFrame(list(SD_LOGIC_PREMISES)).set_index("fp")
    return table[table["customer_role"] != ""]
