"""Questions of module 08, customer value and laddering (TB 6.1; implication matrix, cutoff and
hierarchical value map after Reynolds & Gutman 1988 - not from the textbook)."""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from coursekit.exercises.core import Misconception, Question, register
from coursekit.models.laddering import customer_value as cv
from coursekit.models import laddering as lad

M = Misconception

_CODEBOOK = {"team approach": "A", "local bank": "A", "less likely to miss something": "C",
             "saves time": "C", "peace of mind": "V"}
_TEMPLATES = (
    "team approach > less likely to miss something > peace of mind",
    "team approach > saves time > peace of mind",
    "team approach > less likely to miss something > saves time > peace of mind",
    "team approach > less likely to miss something",
    "local bank > saves time > peace of mind",
    "local bank > less likely to miss something > peace of mind",
    "local bank > saves time",
    "team approach > peace of mind",
    "team approach > saves time",
)


def _ladders(rng: np.random.Generator) -> dict:
    """Six ladders from three respondents, built so that every counting mistake shows.

    One respondent gives two ladders with 'team approach' directly before 'saves time'
    (templates 1 and 8: per-respondent counts differ from per-ladder ones), another two with
    'team approach' below 'peace of mind' but not next to it (templates 0 and 2; 2 also holds
    'team approach' ... 'saves time' indirectly, so direct differs from total). The third
    respondent has template 7 (a direct 'team approach' -> 'peace of mind', so direct + indirect
    differs from indirect) and one random ladder; that ladder and the order of respondents and
    ladders vary by student.
    """
    pairs = [[1, 8], [0, 2], [7, int(rng.integers(0, len(_TEMPLATES)))]]
    rng.shuffle(pairs)
    ladders = {}
    for i, pair in enumerate(pairs, start=1):
        rng.shuffle(pair)
        ladders[f"r{i}"] = [_TEMPLATES[k] for k in pair]
    return {"ladders": ladders, "codebook": dict(_CODEBOOK)}


def _matrix(d: dict, count: str = "ladder") -> lad.ImplicationMatrix:
    """The implication matrix of the ladders (cached: several questions read the same one)."""
    ladders = tuple((r, tuple(texts)) for r, texts in d["ladders"].items())
    return _cached_matrix(ladders, tuple(d["codebook"].items()), count)


@lru_cache(maxsize=256)
def _cached_matrix(ladders: tuple, codebook: tuple, count: str) -> lad.ImplicationMatrix:
    return lad.implication_matrix({r: list(t) for r, t in ladders}, dict(codebook),
                                  count=count)


def _cell(d: dict, kind: str, i: str, j: str, count: str = "ladder") -> float:
    m = _matrix(d, count)
    frame = m.direct if kind == "direct" else m.indirect if kind == "indirect" else m.total
    return float(frame.loc[i, j]) if i in frame.index and j in frame.columns else 0.0


def _abstractness(d: dict, code: str = "saves time") -> float:
    return float(lad.abstractness(_matrix(d))[code])


def _weights_beliefs(rng: np.random.Generator) -> dict:
    attributes = ["team approach", "local decisions", "fair pricing", "locations"]
    levels = ["H", "H", "M", "L"]
    rng.shuffle(levels)
    return {"importance": dict(zip(attributes, levels)),
            "ours": dict(zip(attributes, rng.integers(-1, 2, 4).tolist())),
            "competitor": dict(zip(attributes, rng.integers(-1, 2, 4).tolist()))}


def _advantage(d: dict, weighted: bool = True) -> float:
    imp = d["importance"] if weighted else {k: 1.0 for k in d["importance"]}
    return float(cv.competitive_value(imp, d["ours"], d["competitor"]).loc["total", "advantage"])


@lru_cache(maxsize=1)
def _bank_matrix() -> lad.ImplicationMatrix:
    from coursekit.datasets import load_dataset

    return lad.implication_matrix(load_dataset("bank_ladders"))


def _cutoff_for(share: float) -> float:
    table = lad.cutoff_table(_bank_matrix())
    return float(table.index[table["share_of_relations"] >= share].max())


register(
    Question(
        "08.1", "In the bank case, which reason for choice was 'of central importance' to the "
                "small-business customers but missing from the regional managers' top-10 list?",
        kind="choice", options=(*cv.BANK_MANAGER_ATTRIBUTES, "Team approach"),
        answer=lambda d: "Team approach",
        misconceptions=(
            M("top4", lambda d: "Timely service response",
              "That was the managers' own first attribute. The question asks what the customers "
              "valued that the managers had not even listed."),
            M("community", lambda d: "Commitment to community service and involvement",
              "Community involvement was a surprise too - but it WAS on the managers' list; "
              "they only underestimated its importance."),
        ),
        hints=("The managers' ten attributes are in BANK_MANAGER_ATTRIBUTES.",
               "There were two surprises; only one of them was missing from the list."),
        explanation="Surprises like this are where the growth opportunities are (TB 6.1).",
    ),
    Question(
        "08.2", "A regional manager rates all ten attributes 'H' (high importance). Does that "
                "follow the 3-Circle importance protocol? (True or False)",
        kind="bool", answer=lambda d: False,
        misconceptions=(M("all-important", lambda d: True,
                          "They may all matter - they are the top 10 - but the protocol asks "
                          "for discrimination: respondents 'may not say that everything is "
                          "important' (TB 6.1)."),),
        hints=("Reread how importance is rated: low, medium, high - with a catch.",),
    ),
    Question(
        "08.3", "With importance `importance` (L/M/H = 1/2/3) and beliefs relative to "
                "expectations (-1 below, 0 equal, +1 above) about our bank in `ours` and about "
                "the competitor in `competitor`, what is our total importance-weighted "
                "advantage sum_i w_i (b_ours - b_comp)?",
        unit="weighted belief points",
        answer=_advantage, data=_weights_beliefs,
        misconceptions=(
            M("unweighted", lambda d: _advantage(d, weighted=False),
              "You added the belief differences without weighting them by importance "
              "(L = 1, M = 2, H = 3)."),
            M("ours-only", lambda d: float(sum(cv.IMPORTANCE_SCORES[d["importance"][a]] *
                                             d["ours"][a] for a in d["ours"])),
              "That is our own weighted score. Competitor comparisons are at the core of "
              "customer judgment: subtract the competitor's weighted score (TB 6.1)."),
        ),
        hints=("Code L, M, H as 1, 2, 3.",
               "For each attribute: weight x (our belief - competitor belief); then add up."),
    ),
    Question(
        "08.4", "Build the implication matrix of the ladders in `ladders` by hand (one count "
                "per ladder). How many DIRECT relations run from 'team approach' to 'saves "
                "time'?",
        unit="relations (a count)",
        answer=lambda d: _cell(d, "direct", "team approach", "saves time"),
        data=_ladders,
        misconceptions=(
            M("total", lambda d: _cell(d, "total", "team approach", "saves time"),
              "You also counted ladders where other codes sit between the two. A direct "
              "relation means the codes are adjacent in the ladder."),
            M("respondent", lambda d: _cell(d, "direct", "team approach", "saves time",
                                            "respondent"),
              "You counted respondents; the question counts every ladder."),
        ),
        hints=("Go through the ladders one by one.",
               "Count a ladder when 'saves time' comes IMMEDIATELY after 'team approach'."),
    ),
    Question(
        "08.5", "Same ladders: how many INDIRECT relations run from 'team approach' to 'peace "
                "of mind' (one count per ladder)?",
        unit="relations (a count)",
        answer=lambda d: _cell(d, "indirect", "team approach", "peace of mind"),
        data=_ladders,
        misconceptions=(
            M("total", lambda d: _cell(d, "total", "team approach", "peace of mind"),
              "You counted every ladder that contains both codes. Indirect relations are the "
              "ones with at least one code in between (adjacent pairs are direct)."),
            M("respondent", lambda d: _cell(d, "indirect", "team approach", "peace of mind",
                                            "respondent"),
              "You counted respondents; the question counts every ladder."),
        ),
        hints=("'team approach' and 'peace of mind' must be in the same ladder, not next to "
               "each other.",),
    ),
    Question(
        "08.6", "Same ladders: what is the abstractness in / (in + out) of 'saves time', using "
                "direct relations counted per ladder?",
        unit="a share between 0 and 1",
        answer=_abstractness, data=_ladders,
        misconceptions=(
            M("inverted", lambda d: 1 - _abstractness(d),
              "You computed out / (in + out). Abstractness is the share of the code's "
              "relations that END in it (in-degree)."),
            M("centrality", lambda d: float(lad.centrality(_matrix(d))["saves time"]),
              "That is centrality, (in + out) / all relations. Abstractness is in / (in + out)."),
        ),
        hints=("in = column sum of 'saves time', out = row sum.",
               "Abstractness near 1 means the code is an end (a value)."),
    ),
    Question(
        "08.7", "For the bank ladders (dataset 'bank_ladders', direct relations, one count per "
                "ladder), what is the LARGEST cutoff at which the hierarchical value map still "
                "represents at least 80 % of all direct relations?",
        unit="a cutoff (a count of relations)",
        answer=lambda d: _cutoff_for(0.80),
        misconceptions=(
            M("first-below", lambda d: _cutoff_for(0.80) + 1,
              "At that cutoff the map has already dropped below 80 % of relations. Take the "
              "last cutoff that still reaches 80 %."),
            M("smallest", lambda d: 1.0,
              "Cutoff 1 keeps everything (100 %) but also every noisy one-off link; the "
              "question asks for the largest cutoff that still keeps 80 %."),
        ),
        hints=("Use cutoff_table(implication_matrix(ladders)).",
               "Look down the share_of_relations column."),
    ),
    Question(
        "08.8", "Read the bank map at cutoff 4: which of these codes lies on the chain from "
                "'team approach' up to 'peace of mind'?",
        kind="choice",
        options=("efficient process", "less likely to miss something", "saves time",
                 "profitability"),
        answer=lambda d: "less likely to miss something",
        misconceptions=(
            M("time", lambda d: "saves time",
              "'saves time' is on the team approach's other chain (efficient process -> saves "
              "time -> control / profitability), which does not reach peace of mind."),
            M("process", lambda d: "efficient process",
              "The efficient-process chain leads to time, not to peace of mind."),
        ),
        hints=("Draw value_map(hierarchical_value_map(m, 4)) and follow the arrows into "
               "'peace of mind' downwards.",),
        explanation="Team approach -> knowledge of many people -> less likely to miss "
                    "something -> peace of mind (TB 6.1: 'less likely to miss something').",
    ),
    Question(
        "08.9", "AT&T's Allegheny region scored 98 % satisfaction, New York only in the mid-70s. "
                "Which region had the stronger competitive position?",
        kind="choice", options=("Allegheny", "New York"), answer=lambda d: "New York",
        misconceptions=(M("absolute", lambda d: "Allegheny",
                          "A high score alone says little: Allegheny's customers liked the "
                          "competitors even more, and the team was replaced. Judge beliefs "
                          "relative to the competitor (TB 6.1)."),),
        hints=("Which region faced tough competition?",),
    ),
)
