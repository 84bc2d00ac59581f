"""What research on complaint handling found: three studies and the four kinds of justice.

* **Tax, Brown & Chandrashekaran (1998)** coded 257 complaint stories: customers judge the
  handling of a complaint by its *outcome* (distributive justice), the *procedure* (procedural
  justice: speed, flexibility, the customer's voice) and their *treatment* by employees
  (interactional justice); satisfaction with the handling drives trust and commitment, and a
  good past record cushions a badly handled complaint only partly.
* **Smith & Bolton (1998)**, restaurant and hotel experiments with real customers: a recovery
  paradox appears only for the best recoveries and not for every customer ("paradox or
  peril?"); a failure usually lowers cumulative satisfaction and repurchase intention.
* **McCollough, Berry & Yadav (2000)**, an airline scenario: even an excellent recovery left
  satisfaction *below* that of customers who had no failure - no paradox; recovery
  expectations and performance and the justice of the recovery drive post-recovery
  satisfaction.

Interactional justice is now split (Colquitt 2001) into **interpersonal** justice (respect,
courtesy, an apology) and **informational** justice (an explanation of why the failure happened
and what is being done, given candidly and in time). Explanations work through informational
justice: they help when they are adequate and sincere, and cannot replace fair compensation.

Not from the textbook. Tax, S. S., Brown, S. W. & Chandrashekaran, M. (1998), "Customer
evaluations of service complaint experiences: implications for relationship marketing",
*Journal of Marketing* 62(2), 60-76; Smith, A. K. & Bolton, R. N. (1998), "An experimental
investigation of customer reactions to service failure and recovery encounters: paradox or
peril?", *Journal of Service Research* 1(1), 65-81; McCollough, M. A., Berry, L. L. & Yadav,
M. S. (2000), "An empirical investigation of customer satisfaction after service failure and
recovery", *Journal of Service Research* 3(2), 121-137; Colquitt, J. A. (2001), "On the
dimensionality of organizational justice: a construct validation of a measure", *Journal of
Applied Psychology* 86(3), 386-400.

>>> justice_profile(["refund", "explanation"]).to_dict()
{'distributive': True, 'procedural': False, 'interpersonal': False, 'informational': True}
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["JUSTICE_DIMENSIONS", "RECOVERY_ACTIONS", "RECOVERY_STUDIES", "justice_profile"]

#: The four justice dimensions of a recovery (Colquitt 2001; Tax et al. 1998 used three, with
#: interpersonal and informational together as interactional justice).
JUSTICE_DIMENSIONS: dict[str, str] = {
    "distributive": "the outcome: is the compensation fair for the loss? (refund, discount, "
                    "replacement, voucher)",
    "procedural": "the process: was the complaint handled quickly, flexibly, without hoops, "
                  "and could the customer have a say?",
    "interpersonal": "the treatment: were employees polite, respectful and sorry?",
    "informational": "the explanation: was the customer told candidly and in time why it went "
                     "wrong and what is being done about it?",
}

#: Typical recovery actions and the justice dimension each raises (the course's coding).
RECOVERY_ACTIONS: dict[str, str] = {
    "refund": "distributive",
    "discount": "distributive",
    "replacement": "distributive",
    "voucher": "distributive",
    "quick handling": "procedural",
    "flexible rules": "procedural",
    "one contact solves it": "procedural",
    "customer chooses the remedy": "procedural",
    "apology": "interpersonal",
    "courtesy": "interpersonal",
    "empathy": "interpersonal",
    "explanation": "informational",
    "status updates": "informational",
    "what we changed": "informational",
}

#: Three studies of recovery and what the course takes from each.
RECOVERY_STUDIES: tuple[dict[str, str], ...] = (
    {"study": "Tax, Brown & Chandrashekaran (1998)", "setting": "257 complaint stories "
     "(critical incidents) of customers of many services",
     "finding": "handling is judged on distributive, procedural and interactional justice; "
                "satisfaction with it drives trust and commitment; prior goodwill cushions "
                "a badly handled complaint only partly",
     "takeaway": "design recovery on all justice dimensions, not compensation alone"},
    {"study": "Smith & Bolton (1998)", "setting": "restaurant and hotel experiments with "
     "real customers",
     "finding": "a recovery paradox only after the best recoveries and not for every customer; "
                "failures usually lower cumulative satisfaction and repurchase intention",
     "takeaway": "paradox or peril: do not plan on failures paying off"},
    {"study": "McCollough, Berry & Yadav (2000)", "setting": "airline scenario experiment",
     "finding": "even an excellent recovery left satisfaction below that of customers without "
                "a failure; recovery expectations, performance and justice drive "
                "post-recovery satisfaction",
     "takeaway": "no paradox: doing it right the first time comes first"},
)


def justice_profile(actions: Iterable[str]) -> pd.Series:
    """Which of the four justice dimensions a recovery made of ``actions`` addresses.

    ``covered_d = any(RECOVERY_ACTIONS[a] == d for a in actions)``; an action not in
    :data:`RECOVERY_ACTIONS` raises ``ValueError`` naming the known actions.

    >>> int(justice_profile(["apology", "courtesy"]).sum())
    1
    """
    if isinstance(actions, str):
        actions = [actions]
    actions = list(actions)
    unknown = [a for a in actions if a not in RECOVERY_ACTIONS]
    if unknown:
        raise ValueError(f"actions {unknown} are not known; allowed: {sorted(RECOVERY_ACTIONS)}")
    hit = {RECOVERY_ACTIONS[a] for a in actions}
    return pd.Series({d: d in hit for d in JUSTICE_DIMENSIONS}, name="covered")
