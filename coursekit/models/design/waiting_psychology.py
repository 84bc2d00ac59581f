"""The psychology of waiting: why a wait feels longer or shorter than the clock says.

Not from the textbook: Maister, D. H. (1985), "The psychology of waiting lines", in Czepiel,
J. A., Solomon, M. R. & Surprenant, C. F. (eds.), *The Service Encounter*, Lexington Books,
113-123. Maister's **first law of service**: satisfaction = perception - expectation; for a wait,
the customer is pleased when the wait *feels* shorter than the wait they *expected*. The queueing
model (:mod:`~coursekit.models.design.waiting_lines`) gives the actual wait; the eight
propositions below are the levers on the perceived wait.
"""
from __future__ import annotations

import pandas as pd

from coursekit._validate import check_bool, check_number

__all__ = ["MAISTER_PRINCIPLES", "wait_satisfaction", "waiting_audit"]

#: Maister's (1985) eight propositions: situation key -> (proposition, what a manager can do).
#: The key names the condition that makes the wait feel *longer* when it is True.
MAISTER_PRINCIPLES: dict[str, tuple[str, str]] = {
    "unoccupied": ("Unoccupied time feels longer than occupied time",
                   "give customers something to do: menus to read, mirrors by lifts, forms"),
    "pre_process": ("Pre-process waits feel longer than in-process waits",
                    "start the service early: take the order or hand over a menu in the queue"),
    "anxious": ("Anxiety makes waits seem longer",
                "reassure: tell customers they are in the right queue and will be served"),
    "uncertain": ("Uncertain waits are longer than known, finite waits",
                  "announce the expected wait and keep to it (or beat it)"),
    "unexplained": ("Unexplained waits are longer than explained waits",
                    "explain the cause of a delay"),
    "unfair": ("Unfair waits are longer than equitable waits",
               "one visible first-come-first-served line; keep queue-jumping out of sight"),
    "low_value": ("The more valuable the service, the longer the customer will wait",
                  "do not make customers wait for a service of little value to them"),
    "solo": ("Solo waits feel longer than group waits",
             "let people wait together and talk; group customers"),
}


def wait_satisfaction(expected_wait, perceived_wait):
    """Maister's first law applied to a wait: satisfaction = expected wait - perceived wait.

    Positive: the wait felt shorter than expected (pleased); negative: longer (displeased).
    Both in the same unit (minutes).

    >>> wait_satisfaction(expected_wait=5, perceived_wait=8)
    -3.0
    """
    e = check_number(expected_wait, "expected_wait", low=0)
    p = check_number(perceived_wait, "perceived_wait", low=0)
    return e - p


def waiting_audit(**situation: bool) -> pd.DataFrame:
    """Which of Maister's propositions make this wait feel longer, and the lever for each.

    Pass one True/False per key of :data:`MAISTER_PRINCIPLES` (all eight are needed, so none is
    forgotten): True when the condition holds (e.g. ``unoccupied=True`` for customers with
    nothing to do).

    >>> audit = waiting_audit(unoccupied=True, pre_process=True, anxious=False, uncertain=True,
    ...                       unexplained=False, unfair=False, low_value=False, solo=True)
    >>> audit.index.tolist()
    ['unoccupied', 'pre_process', 'uncertain', 'solo']
    """
    unknown = sorted(set(situation) - set(MAISTER_PRINCIPLES))
    if unknown:
        raise ValueError(f"situation keys must be among {list(MAISTER_PRINCIPLES)}; "
                         f"got {unknown}")
    missing = [k for k in MAISTER_PRINCIPLES if k not in situation]
    if missing:
        raise ValueError(f"situation must say True or False for every principle; missing "
                         f"{missing}")
    flags = {k: check_bool(v, k) for k, v in situation.items()}
    rows = [(k, *MAISTER_PRINCIPLES[k]) for k in MAISTER_PRINCIPLES if flags[k]]
    return pd.DataFrame(rows, columns=["condition", "principle", "lever"]).set_index("condition")
