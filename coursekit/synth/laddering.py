"""Synthetic data for module 08: the bank's value estimates and small-business laddering data.

Two generators, both grounded in the bank case of textbook 6.1:

- :func:`bank_value_estimates` - the regional managers' importance estimates for their 10
  attributes and the customers' view, plus illustrative beliefs about our bank and the
  customer's current bank (deterministic, no randomness).
- :func:`bank_ladders` - coded ladders from small-business customers, simulated as random walks
  on a *known* means-end chain structure (:data:`BANK_CHAINS`), so that students and
  researchers can check that the implication matrix and the hierarchical value map recover it.

Not from the textbook: the chain probabilities, the number of respondents, the beliefs and the
L/M/H ratings the textbook does not state are illustrative assumptions of the coursekit authors.
The textbook states the 10 attributes, the managers' top 4, the customers' three themes, the two
surprises (community involvement more important than expected; the team approach missing from
the managers' list), the ladder "team approach -> knowledge of many people (less likely to miss
something) and a more efficient process -> time and profitability", and the end-value list.

>>> df = bank_ladders()
>>> df.groupby("respondent").ngroups
50
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._validate import check_integer, check_probability

__all__ = ["BANK_CODEBOOK", "BANK_CHAINS", "BANK_ATTRIBUTE_SALIENCE", "bank_ladders",
           "bank_value_estimates"]

#: Level of every code in the bank laddering study (attribute -> consequence -> value).
BANK_CODEBOOK: dict[str, str] = {
    "team approach": "attribute",
    "knowledgeable staff": "attribute",
    "willingness to advise": "attribute",
    "local ownership": "attribute",
    "timely service response": "attribute",
    "fair pricing": "attribute",
    "knowledge of many people": "consequence",
    "efficient process": "consequence",
    "understands my business": "consequence",
    "quick local decisions": "consequence",
    "supports local community": "consequence",
    "sound advice": "consequence",
    "less likely to miss something": "consequence",
    "saves time": "consequence",
    "profitability": "consequence",
    "peace of mind": "value",
    "accomplishment": "value",
    "control": "value",
    "belonging": "value",
}

#: The known chain structure: P(next code | current code). The probability left over in a row
#: is the chance that the respondent cannot say more (the ladder stops). Values end a ladder.
BANK_CHAINS: dict[str, dict[str, float]] = {
    "team approach": {"knowledge of many people": 0.5, "efficient process": 0.5},
    "knowledgeable staff": {"sound advice": 0.7, "understands my business": 0.3},
    "willingness to advise": {"sound advice": 0.6, "understands my business": 0.4},
    "local ownership": {"quick local decisions": 0.5, "supports local community": 0.5},
    "timely service response": {"saves time": 0.9},
    "fair pricing": {"profitability": 0.85},
    "knowledge of many people": {"less likely to miss something": 0.8, "sound advice": 0.15},
    "efficient process": {"saves time": 0.85},
    "understands my business": {"saves time": 0.4, "profitability": 0.4},
    "quick local decisions": {"saves time": 0.85},
    "supports local community": {"belonging": 0.75},
    "sound advice": {"profitability": 0.5, "less likely to miss something": 0.35},
    "less likely to miss something": {"peace of mind": 0.55, "profitability": 0.35},
    "saves time": {"control": 0.45, "profitability": 0.4},
    "profitability": {"accomplishment": 0.75},
}

#: Probability that a respondent ladders each attribute (the team approach is the most salient,
#: as in the bank case).
BANK_ATTRIBUTE_SALIENCE: dict[str, float] = {
    "team approach": 0.7,
    "knowledgeable staff": 0.5,
    "willingness to advise": 0.4,
    "local ownership": 0.5,
    "timely service response": 0.4,
    "fair pricing": 0.3,
}


def _walk(start: str, rng: np.random.Generator, skip: float) -> list[str]:
    """One ladder: follow BANK_CHAINS from ``start`` until a value or a stop."""
    ladder = [start]
    current = start
    while current in BANK_CHAINS:
        options = BANK_CHAINS[current]
        codes = list(options) + [None]
        p = np.array(list(options.values()) + [1 - sum(options.values())])
        nxt = codes[rng.choice(len(codes), p=p)]
        if nxt is None:
            break
        # Coding noise: the respondent jumps over a step ("it saves me money" straight from
        # "team approach"), which creates weak direct links that a cutoff should remove.
        if nxt in BANK_CHAINS and rng.random() < skip:
            after = BANK_CHAINS[nxt]
            nxt = list(after)[rng.choice(len(after), p=np.array(list(after.values()))
                                         / sum(after.values()))]
        ladder.append(nxt)
        current = nxt
    return ladder


def bank_ladders(n_respondents: int = 50, *, skip: float = 0.08,
                 seed: int = 20240608) -> pd.DataFrame:
    """Coded ladders of small-business bank customers, simulated from :data:`BANK_CHAINS`.

    Each respondent ladders every attribute with the probability in
    :data:`BANK_ATTRIBUTE_SALIENCE` (at least one: the most salient if none is drawn); each
    ladder is a random walk on :data:`BANK_CHAINS`, and with probability ``skip`` a step is
    jumped over (coding noise). Returns a tidy table ``respondent, ladder, position, code,
    level`` (one row per step) ready for :func:`coursekit.models.laddering.parse_ladders`.
    Not from the textbook: an illustrative simulation grounded in the bank case of TB 6.1.

    >>> df = bank_ladders(5, seed=1)
    >>> list(df.columns)
    ['respondent', 'ladder', 'position', 'code', 'level']
    """
    n_respondents = check_integer(n_respondents, "n_respondents", low=1)
    skip = float(check_probability(skip, "skip"))
    seed = check_integer(seed, "seed", low=0)
    rng = np.random.default_rng(seed)
    attributes = list(BANK_ATTRIBUTE_SALIENCE)
    salience = np.array(list(BANK_ATTRIBUTE_SALIENCE.values()))
    picks = rng.random((n_respondents, len(attributes))) < salience
    picks[~picks.any(axis=1), int(np.argmax(salience))] = True
    rows = []
    for r in range(n_respondents):
        chosen = [attributes[k] for k in rng.permutation(np.flatnonzero(picks[r]))]
        for k, attribute in enumerate(chosen):
            rows += [(r + 1, k, j, code, BANK_CODEBOOK[code])
                     for j, code in enumerate(_walk(attribute, rng, skip))]
    frame = pd.DataFrame(rows, columns=["respondent", "ladder", "position", "code", "level"])
    return frame.astype({"respondent": "int64", "ladder": "int64", "position": "int64"})


# attribute, on managers' list, exec importance, customer importance, exec rating stated in the
# textbook, customer rating stated in the textbook, exec belief ours/competitor, customer belief
# ours/competitor (-1 below, 0 equal, +1 above expectations; illustrative).
_ESTIMATES = [
    ("Timely service response", True, "H", "H", True, False, 1, 0, 1, 0),
    ("High trust of bank and banker", True, "H", "H", True, False, 1, 0, 1, 0),
    ("Knowledgeable employees", True, "H", "H", True, True, 1, 0, 1, -1),
    ("Straight talk and sound advice", True, "H", "H", True, True, 1, 0, 1, -1),
    ("Strong, stable, and secure bank", True, "M", "M", False, False, 0, 1, 0, 1),
    ("Fair and open pricing", True, "M", "M", False, False, 0, 0, 0, 0),
    ("Commitment to community service and involvement", True, "L", "H", False, True,
     0, 0, 1, -1),
    ("Decisions made locally", True, "M", "M", False, False, 1, -1, 1, -1),
    ("Products and services offered", True, "L", "L", False, False, 0, 1, -1, 1),
    ("Convenient locations", True, "L", "L", False, False, 0, 1, 0, 1),
    ("Team approach", False, None, "H", False, True, None, None, 1, -1),
]


def bank_value_estimates() -> pd.DataFrame:
    """The bank case as a table: executives' estimates and the customers' view (TB 6.1).

    One row per (group, attribute); ``group`` is ``"executives"`` (consensus of the nine
    regional managers) or ``"customers"`` (the seven small-business customers). The executives
    have no row for the team approach: it was not on their list. ``importance_from_textbook``
    marks ratings the textbook states (the managers' top 4 = H; customers' value tied to
    knowledge and willingness to advise, to community involvement - more important than the
    managers expected - and to the team approach, "of central importance"); the other
    ratings and all beliefs (-1/0/+1 = below/equal/above expectations, for our bank and the
    customer's current bank) are illustrative.

    >>> df = bank_value_estimates()
    >>> df.groupby("group").size().to_dict()
    {'customers': 11, 'executives': 10}
    """
    rows = []
    for (attribute, listed, ex_imp, cu_imp, ex_stated, cu_stated,
         ex_b, ex_c, cu_b, cu_c) in _ESTIMATES:
        if listed:
            rows.append(("executives", attribute, listed, ex_imp, ex_stated, ex_b, ex_c))
        rows.append(("customers", attribute, listed, cu_imp, cu_stated, cu_b, cu_c))
    frame = pd.DataFrame(rows, columns=["group", "attribute", "on_managers_list", "importance",
                                        "importance_from_textbook", "belief_ours",
                                        "belief_competitor"])
    return frame.astype({"belief_ours": "int64", "belief_competitor": "int64"})
