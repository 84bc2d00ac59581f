"""The servicescape: the built environment of a service and where it enters the gaps model.

Not from the textbook: Bitner, M. J. (1992), "Servicescapes: the impact of physical surroundings
on customers and employees", *Journal of Marketing* 56(2), 57-71. The seed S2 (gap-factor list)
names the servicescape twice: under provider gap 2, "inappropriate physical evidence and
servicescape" (tangibles not in line with expectations, a servicescape that does not meet customer
and employee needs, poor maintenance and updating), and under gap 4, "overpromising through
physical evidence cues". In the customer gap it is measured by the SERVQUAL *tangibles*
dimension (items 1-4).

Bitner's framework: environmental dimensions -> the perceived servicescape as a whole ->
(moderated by personal and situational factors) internal responses of customers *and* employees
-> approach or avoidance behaviour and the social interaction between them.
"""
from __future__ import annotations

import pandas as pd

from coursekit._validate import check_choice

__all__ = ["SERVICESCAPE_FRAMEWORK", "SERVICESCAPE_TYPOLOGY", "SERVICESCAPE_IN_GAPS",
           "servicescape_framework", "servicescape_type", "servicescape_gaps"]

#: Bitner's (1992) framework, stage -> its elements (left to right in her figure).
SERVICESCAPE_FRAMEWORK: dict[str, tuple[str, ...]] = {
    "environmental dimensions": (
        "ambient conditions: temperature, air quality, noise, music, odour",
        "space and function: layout, equipment, furnishings",
        "signs, symbols and artefacts: signage, personal artefacts, style of decor"),
    "holistic environment": ("the perceived servicescape, taken as a whole",),
    "moderators": ("employee and customer response moderators: personality, mood, purpose, "
                   "situation",),
    "internal responses": ("cognitive: beliefs, categorisation, symbolic meaning",
                           "emotional: mood, attitude",
                           "physiological: pain, comfort, movement, physical fit"),
    "behaviours": ("individual: approach (stay, explore, spend, return, carry out the plan) or "
                   "avoidance",
                   "social interactions between and among customers and employees"),
}

#: Bitner's (1992) typology: who acts in the servicescape x how complex it is -> examples.
SERVICESCAPE_TYPOLOGY: dict[tuple[str, str], str] = {
    ("self-service", "elaborate"): "golf course, water park",
    ("self-service", "lean"): "ATM, car wash, simple internet services, kiosk",
    ("interpersonal", "elaborate"): "hotel, restaurant, hospital, bank, airline, school",
    ("interpersonal", "lean"): "dry cleaner, hot-dog stand, hair salon",
    ("remote", "elaborate"): "telecommunications, insurance company, utility, many professional "
                             "services",
    ("remote", "lean"): "telephone mail-order desk, automated voice messages",
}
_DESIGN_FOCUS = {
    "self-service": "design for the customer alone: clear signs, intuitive layout, attraction "
                    "and approach",
    "interpersonal": "design for customers and employees together: their social interaction "
                     "and both parties' comfort",
    "remote": "design for employees (motivation, productivity, teamwork); customers rarely see it",
}

#: Where the servicescape enters the gaps model (seed S2 and SERVQUAL).
SERVICESCAPE_IN_GAPS: dict[str, str] = {
    "customer gap": "tangibles dimension of SERVQUAL (items 1-4): modern equipment, appealing "
                    "facilities, neat employees, appealing materials; physical evidence also "
                    "forms expectations before the service",
    "gap 2": "inappropriate physical evidence and servicescape: tangibles not in line with "
             "customer expectations, a servicescape that does not meet customer and employee "
             "needs, inadequate maintenance and updating (S2)",
    "gap 3": "the servicescape is where employees perform: layout and equipment help or hinder "
             "them (Bitner 1992: employees' responses to the environment)",
    "gap 4": "overpromising through physical evidence cues: a luxurious lobby promises a "
             "service the staff cannot deliver (S2)",
}


def servicescape_framework() -> pd.DataFrame:
    """Bitner's framework as a long table (``stage``, ``element``), in the order of her figure.

    >>> servicescape_framework()["stage"].unique().tolist()[:2]
    ['environmental dimensions', 'holistic environment']
    """
    return pd.DataFrame([(stage, e) for stage, elements in SERVICESCAPE_FRAMEWORK.items()
                         for e in elements], columns=["stage", "element"])


def servicescape_type(who_acts: str, complexity: str) -> dict[str, str]:
    """Bitner's typology cell: examples and what the design must serve first.

    ``who_acts`` is ``"self-service"``, ``"interpersonal"`` or ``"remote"``; ``complexity`` is
    ``"elaborate"`` or ``"lean"``.

    >>> servicescape_type("remote", "lean")["design_focus"].split(":")[0]
    'design for employees (motivation, productivity, teamwork); customers rarely see it'
    """
    who = check_choice(who_acts, "who_acts", ("self-service", "interpersonal", "remote"))
    how = check_choice(complexity, "complexity", ("elaborate", "lean"))
    return {"who_acts": who, "complexity": how, "examples": SERVICESCAPE_TYPOLOGY[(who, how)],
            "design_focus": _DESIGN_FOCUS[who]}


def servicescape_gaps() -> pd.Series:
    """Where the servicescape enters the gaps model, gap by gap.

    >>> servicescape_gaps().index.tolist()
    ['customer gap', 'gap 2', 'gap 3', 'gap 4']
    """
    return pd.Series(SERVICESCAPE_IN_GAPS, name="how the servicescape enters")
