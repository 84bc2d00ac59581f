"""Questions of module 06, QFD (house of quality) and the Kano model (TB 4.2).

The houses are the constructed ``qfd_restaurant`` and ``qfd_boutique`` datasets (the
textbook's figures are missing); the Kano questions use the evaluation table and the
Better/Worse coefficients of Berger et al. (1993), which are not from the textbook.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from coursekit.exercises.core import Misconception, Question, register
from coursekit.models.qfd import kano as kano_model
from coursekit.models.qfd import HouseOfQuality, fong_test

M = Misconception


@lru_cache(maxsize=None)
def _house(name: str) -> HouseOfQuality:
    from coursekit.datasets import load_dataset

    return HouseOfQuality.from_dict(load_dataset(name))


def _unweighted(name: str) -> HouseOfQuality:
    h = _house(name)
    return h.replace(importance=np.ones(len(h.requirements)))


def _ti(name: str, how: str, *, weighted: bool = True) -> float:
    h = _house(name) if weighted else _unweighted(name)
    return float(h.technical_importance()[how])


def _ri(name: str, how: str, *, weighted: bool = True) -> float:
    h = _house(name) if weighted else _unweighted(name)
    return float(h.relative_importance()[how])


_SYMBOLS = ("", "weak", "medium", "strong")


def _small_house(rng: np.random.Generator) -> dict:
    """A 3 x 3 house whose weighted and unweighted winners differ (per-student numbers).

    In the layout ``HouseOfQuality.from_dict`` reads (that of the shipped datasets), so a
    student builds it with ``HouseOfQuality.from_dict(exercise_data("06.3"))``.
    """
    requirements = ["short queue", "correct order", "friendly greeting"]
    characteristics = ["tills open", "order screen", "training"]
    while True:
        w = [int(x) for x in rng.integers(1, 6, 3)]
        cells = [[_SYMBOLS[int(c)] for c in rng.integers(0, 4, 3)] for _ in range(3)]
        d = {"requirements": [{"name": r, "importance": i} for r, i in zip(requirements, w)],
             "characteristics": [{"name": c} for c in characteristics],
             "relationships": [[r, c, cells[i][j]] for i, r in enumerate(requirements)
                               for j, c in enumerate(characteristics) if cells[i][j]]}
        ti = _build(d).technical_importance()
        tu = _build(d, unweighted=True).technical_importance()
        if (ti == ti.max()).sum() == 1 and (tu == tu.max()).sum() == 1 and \
                ti.idxmax() != tu.idxmax():
            return d


def _build(d: dict, unweighted: bool = False) -> HouseOfQuality:
    house = HouseOfQuality.from_dict(d)
    return house.replace(importance=np.ones(len(house.requirements))) if unweighted else house


def _kano_counts(rng: np.random.Generator) -> dict:
    counts = {c: int(x) for c, x in zip(
        ("attractive", "one-dimensional", "must-be", "indifferent", "reverse",
         "questionable"), np.concatenate([rng.integers(5, 60, 4), rng.integers(3, 15, 2)]))}
    return {"counts": counts}


def _better(d: dict, *, with_rq: bool = False) -> float:
    c = d["counts"]
    total = c["attractive"] + c["one-dimensional"] + c["must-be"] + c["indifferent"]
    if with_rq:
        total += c["reverse"] + c["questionable"]
    return (c["attractive"] + c["one-dimensional"]) / total


FORGOT_WEIGHTS = ("You added up the relationship values without multiplying each by the "
                  "importance of its requirement: TI_j = sum_i w_i r_ij (TB 4.2, 'multiplying "
                  "the values in each cell by the weight of the why').")
RELATIVE_FOR_ABSOLUTE = ("That is the relative importance (a share of the total). The question "
                         "asks for the absolute technical importance sum_i w_i r_ij.")
ABSOLUTE_FOR_RELATIVE = ("That is the absolute technical importance. Relative importance divides "
                         "it by the sum over all characteristics, so the shares add up to 1.")

register(
    Question(
        "06.1", "In the restaurant house (qfd_restaurant), what is the absolute technical "
                "importance of 'Kitchen ticket time' (9/3/1 scale)?",
        unit="importance points (a weighted sum)",
        answer=lambda d: _ti("qfd_restaurant", "Kitchen ticket time"),
        misconceptions=(
            M("forgot-weights", lambda d: _ti("qfd_restaurant", "Kitchen ticket time",
                                              weighted=False), FORGOT_WEIGHTS),
            M("relative-for-absolute", lambda d: _ri("qfd_restaurant", "Kitchen ticket time"),
              RELATIVE_FOR_ABSOLUTE),
        ),
        hints=("Go down the 'Kitchen ticket time' column: which requirements relate to it, and "
               "how strongly?", "Multiply each strength (9, 3 or 1) by the requirement's "
               "importance, then add."),
        explanation="5 x 1 + 4 x 9 + 4 x 9 = 77: the top priority of the house.",
    ),
    Question(
        "06.2", "In the same house, what is the relative technical importance of 'Servers per "
                "shift' (a proportion between 0 and 1)?",
        unit="a proportion (0-1)",
        answer=lambda d: _ri("qfd_restaurant", "Servers per shift"),
        misconceptions=(
            M("absolute-for-relative", lambda d: _ti("qfd_restaurant", "Servers per shift"),
              ABSOLUTE_FOR_RELATIVE),
            M("forgot-weights", lambda d: _ri("qfd_restaurant", "Servers per shift",
                                              weighted=False), FORGOT_WEIGHTS),
        ),
        hints=("Compute the absolute importance of every characteristic first.",
               "Divide the one for 'Servers per shift' by their total (348)."),
        explanation="61 / 348 = 0.175.",
    ),
    Question(
        "06.3", "A fast-food counter has the small house in `exercise_data('06.3')` "
                "(importance 1-5, relationships as symbols; build it with "
                "`HouseOfQuality.from_dict`). Which characteristic has the highest technical "
                "priority?",
        kind="choice", options=("tills open", "order screen", "training"), data=_small_house,
        answer=lambda d: str(_build(d).technical_importance().idxmax()),
        misconceptions=(M("forgot-weights",
                          lambda d: str(_build(d, unweighted=True).technical_importance()
                                        .idxmax()), FORGOT_WEIGHTS),),
        hints=("Turn the symbols into 9 / 3 / 1 (blank = 0).",
               "Weight each row by its importance before adding the columns."),
    ),
    Question(
        "06.4", "In the restaurant's planning matrix, what is the raw weight of 'Quick "
                "service' (importance x improvement ratio x sales point)?",
        unit="a raw weight (importance x ratio x sales point)",
        answer=lambda d: float(_house("qfd_restaurant").planning_matrix()
                               .loc["Quick service", "raw_weight"]),
        misconceptions=(
            M("no-sales-point", lambda d: 4 * 4 / 2, "You left out the sales point (1.2): "
              "raw weight = importance x improvement ratio x sales point."),
            M("ratio-inverted", lambda d: 4 * 2 / 4 * 1.2, "The improvement ratio is target / "
              "current (4 / 2 = 2), not current / target."),
            M("normalised", lambda d: float(_house("qfd_restaurant").planning_matrix()
                                            .loc["Quick service", "normalised_weight"]),
              "That is the normalised weight (a share); the raw weight is before dividing by "
              "the total."),
        ),
        hints=("Customers rate quick service 2 today; the target is 4.",
               "Its sales point is 1.2."),
        explanation="4 x (4 / 2) x 1.2 = 9.6.",
    ),
    Question(
        "06.5", "Which pair of characteristics is the strongest trade-off in the restaurant "
                "house's roof?",
        kind="choice",
        options=("Servers per shift / Average main-course price",
                 "Staff training / Kitchen ticket time",
                 "Fresh ingredients / Kitchen ticket time",
                 "Servers per shift / Cleaning rounds"),
        answer=lambda d: "Servers per shift / Average main-course price",
        misconceptions=(
            M("synergy", lambda d: "Staff training / Kitchen ticket time",
              "A '+' in the roof is a synergy: improving one helps the other. A trade-off is a "
              "negative correlation ('-' or '--')."),
            M("weak-trade-off", lambda d: "Fresh ingredients / Kitchen ticket time",
              "That is a trade-off, but a weak one ('-'). Look for '--'."),
        ),
        hints=("house.roof_conflicts() lists the negative pairs, worst first.",),
    ),
    Question(
        "06.6", "A respondent answers 'like' to the functional question (service present) and "
                "'neutral' to the dysfunctional one (absent). Which Kano category is this?",
        kind="choice", options=kano_model.CATEGORIES,
        answer=lambda d: kano_model.kano_category("like", "neutral"),
        misconceptions=(M("transposed", lambda d: kano_model.kano_category("neutral", "like"),
                          "You read the table the wrong way round: rows are the functional "
                          "answer, columns the dysfunctional one."),),
        hints=("Delighted when present, does not mind when absent.",),
        explanation="Like when present, neutral when absent: an attractive (delighter) feature.",
    ),
    Question(
        "06.7", "A Kano survey gives the category counts in `exercise_data('06.7')`. What is "
                "the Better (satisfaction) coefficient?",
        unit="a coefficient between 0 and 1",
        answer=_better, data=_kano_counts,
        misconceptions=(M("with-reverse-questionable", lambda d: _better(d, with_rq=True),
                          "Reverse and questionable answers are left out: Better = (A + O) / "
                          "(A + O + M + I)."),),
        hints=("Better = (A + O) / (A + O + M + I) (Berger et al. 1993).",),
    ),
    Question(
        "06.8", "Textbook exercise 2, the downtown boutique (qfd_boutique): what is the absolute "
                "technical importance of 'Stylist training'?",
        unit="importance points (a weighted sum)",
        answer=lambda d: _ti("qfd_boutique", "Stylist training"),
        misconceptions=(
            M("forgot-weights", lambda d: _ti("qfd_boutique", "Stylist training",
                                              weighted=False), FORGOT_WEIGHTS),
            M("relative-for-absolute", lambda d: _ri("qfd_boutique", "Stylist training"),
              RELATIVE_FOR_ABSOLUTE),
        ),
        hints=("Four requirements relate to stylist training.",
               "5 x 3 + 5 x 3 + 4 x 9 + 3 x 1."),
        explanation="69, the boutique's top priority.",
    ),
    Question(
        "06.9", "In the boutique house, what share of the total technical importance goes to "
                "'Tailor on site' (a proportion between 0 and 1)?",
        unit="a proportion (0-1)",
        answer=lambda d: _ri("qfd_boutique", "Tailor on site"),
        misconceptions=(
            M("absolute-for-relative", lambda d: _ti("qfd_boutique", "Tailor on site"),
              ABSOLUTE_FOR_RELATIVE),
            M("forgot-weights", lambda d: _ri("qfd_boutique", "Tailor on site",
                                              weighted=False), FORGOT_WEIGHTS),
        ),
        hints=("The absolute importances of the boutique add up to 329.",),
        explanation="57 / 329 = 0.173.",
    ),
    Question(
        "06.10", "True or false: because 'Kitchen ticket time' has a relative importance of "
                 "22% in the restaurant house and 'Stylist training' 21% in the boutique house, "
                 "the restaurant's top priority matters more in absolute terms.",
        kind="bool", answer=lambda d: False,
        misconceptions=(M("relative-as-absolute", lambda d: True,
                          "Relative importance is a share within one house: it says how a "
                          "characteristic ranks against the others of the same house, not how "
                          "much it matters compared with another house."),),
        hints=("Shares always add up to 1 inside each house.",),
    ),
)


# --- research checks (issue 19 items 9 and 10): Fong's test and the relationship scale ----
def _fong_counts(rng: np.random.Generator) -> dict:
    """Counts of a pilot Kano study whose two largest categories are close."""
    while True:
        a = int(rng.integers(10, 25))
        b = a - int(rng.integers(1, 6))
        rest = [int(x) for x in rng.integers(1, 8, 2)]
        counts = {"attractive": a, "one-dimensional": b, "must-be": rest[0],
                  "indifferent": rest[1]}
        n = sum(counts.values())
        threshold = 1.65 * np.sqrt((a + b) * (2 * n - a - b) / (2 * n))
        if abs(a - b) < threshold - 0.5:
            return {"counts": counts}


def _fong_threshold(d: dict, *, factor: float = 1.65, no_root: bool = False,
                    n_not_2n: bool = False) -> float:
    c = d["counts"]
    a, b = sorted(c.values(), reverse=True)[:2]
    n = sum(c.values())
    inner = (a + b) * (2 * n - a - b) / (n if n_not_2n else 2 * n)
    return float(factor * (inner if no_root else np.sqrt(inner)))


def _top_how(scale: str) -> str:
    from coursekit.models.qfd import RELATIONSHIP_SCALES, rescore

    ti = rescore(_house("qfd_restaurant"), RELATIONSHIP_SCALES[scale]).technical_importance()
    return str(ti.idxmax())


register(
    Question(
        "06.21", "A pilot Kano study of one feature gives the counts in "
                 "`exercise_data('06.21')`. What is Fong's (1996) threshold "
                 "1.65 sqrt((a + b)(2n - a - b) / (2n)) that the difference of the two largest "
                 "counts a and b must reach?",
        data=_fong_counts, answer=_fong_threshold,
        misconceptions=(
            M("no-critical-value", lambda d: _fong_threshold(d, factor=1.0),
              "That is the standard error alone. Fong multiplies it by the critical value "
              "1.65."),
            M("n-not-2n", lambda d: _fong_threshold(d, n_not_2n=True),
              "The denominator is 2n, twice the number of answers, not n."),
        ),
        hints=("a and b are the two largest counts; n is the total of all answers.",
               "qfd.fong_test(counts) computes it."),
        explanation="Fong, D. (1996), Center for Quality of Management Journal 5(3).",
    ),
    Question(
        "06.22", "With the same counts: is the modal category significantly ahead of the "
                 "runner-up by Fong's test?",
        kind="bool", data=_fong_counts,
        answer=lambda d: bool(fong_test(d["counts"])["significant"]),
        misconceptions=(M("largest-always-wins", lambda d: True,
                          "The largest count decides the category, but with few answers the "
                          "runner-up can be within chance of it: |a - b| is smaller than the "
                          "threshold, so report the feature as a mix of both categories."),),
        hints=("Compare |a - b| with the threshold of 06.21.",),
    ),
    Question(
        "06.23", "Recode the restaurant house (qfd_restaurant) with the 3-2-1 scale (strong = "
                 "3, medium = 2, weak = 1) instead of 9-3-1. Which characteristic is now the "
                 "top technical priority?",
        kind="choice", options=tuple(_house("qfd_restaurant").characteristics),
        answer=lambda d: _top_how("3-2-1"),
        misconceptions=(M("kept-9-3-1", lambda d: _top_how("9-3-1"),
                          "That is the top priority under 9-3-1. Strong-medium-weak is an "
                          "ordinal judgement; with the flatter 3-2-1 coding the hows with many "
                          "medium links gain on those with a few strong ones (Franceschini & "
                          "Rupil 1999)."),),
        hints=("qfd.rescore(house, qfd.RELATIONSHIP_SCALES['3-2-1']) recodes every cell.",
               "Then take technical_importance().idxmax()."),
    ),
)
