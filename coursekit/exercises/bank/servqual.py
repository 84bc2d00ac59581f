"""Questions of module 07, the gaps model and SERVQUAL (TB 5.1.7-5.1.17, seeds 000 and 002)."""
from __future__ import annotations

import numpy as np

from coursekit.exercises.core import Misconception, Question, register
from coursekit.models.servqual import rubrics, service_standards as ss
from coursekit.models import servqual as sq

M = Misconception
DIMS = sq.DIMENSIONS


def _item(rng: np.random.Generator) -> dict:
    e = int(rng.integers(5, 8))
    return {"e": e, "p": int(rng.integers(2, e))}


def _reliability(rng: np.random.Generator) -> dict:
    e = rng.integers(5, 8, 5)
    return {"e": [int(x) for x in e], "p": [int(x) for x in np.minimum(e, rng.integers(3, 8, 5))]}


def _dimension_gap(d: dict) -> float:
    return float(np.mean(np.subtract(d["p"], d["e"])))


def _profile(rng: np.random.Generator) -> dict:
    gaps = np.round(rng.uniform(-1.6, 0.4, 5), 1)
    w = rng.dirichlet([2, 6, 4, 3, 3]) * 100
    w = np.floor(w).astype(int)
    w[1] += 100 - w.sum()
    return {"gaps": dict(zip(DIMS, gaps.tolist())), "weights": dict(zip(DIMS, w.tolist()))}


def _weighted(d: dict) -> float:
    return sq.servqual_score(d["gaps"], d["weights"])


def _zone(rng: np.random.Generator) -> dict:
    a = float(rng.integers(8, 11) / 2)
    return {"adequate": a, "desired": a + float(rng.integers(2, 4) / 2),
            "perceived": round(float(rng.uniform(a - 1, a + 2)), 1)}


_ALPHA_DATA = [[4, 5, 4], [6, 6, 5], [3, 4, 4], [5, 6, 6]]


def _alpha_no_correction(d: dict) -> float:
    x = np.asarray(_ALPHA_DATA, float)
    return float(1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))


register(
    Question(
        "07.1", "A customer rates item 11 ('employees give you prompt service') `e` for "
                "expectation and `p` for perception on the 1-7 scale. What is the SERVQUAL gap "
                "score of this item?",
        unit="scale points (P - E)",
        answer=lambda d: float(d["p"] - d["e"]), data=_item,
        misconceptions=(M("reversed-sign", lambda d: float(d["e"] - d["p"]),
                          "You computed E - P. The SERVQUAL gap is P - E: perception minus "
                          "expectation, so a shortfall gives a NEGATIVE gap."),),
        hints=("Gap = perception - expectation.", "Service below expectations -> negative gap."),
        explanation="A negative gap is the customer gap (gap 5) on this item.",
    ),
    Question(
        "07.2", "On the five reliability items a respondent gives the expectations `e` and the "
                "perceptions `p`. What is the respondent's reliability gap score?",
        unit="scale points (P - E)",
        answer=_dimension_gap, data=_reliability,
        misconceptions=(
            M("reversed-sign", lambda d: -_dimension_gap(d),
              "You averaged E - P; the gap is P - E (negative when service falls short)."),
            M("sum", lambda d: 5 * _dimension_gap(d),
              "You added the five item gaps; a dimension score is their MEAN, so that "
              "dimensions with 4 and 5 items stay comparable."),
        ),
        hints=("Compute P - E for each item.", "Then take the mean of the five item gaps."),
    ),
    Question(
        "07.3", "A branch's mean dimension gaps are in `gaps`. What is its unweighted SERVQUAL "
                "score?",
        unit="scale points (P - E)",
        answer=lambda d: sq.servqual_score(d["gaps"]), data=_profile,
        misconceptions=(
            M("weighted", lambda d: _weighted(d),
              "That is the importance-weighted score; the unweighted score gives each of the "
              "five dimensions the same weight (1/5)."),
            M("summed", lambda d: 5 * sq.servqual_score(d["gaps"]),
              "You summed the five dimension gaps; the unweighted score is their mean."),
        ),
        hints=("Average the five dimension gaps.",),
    ),
    Question(
        "07.4", "The customers allocated 100 importance points as in `weights`. What is the "
                "importance-weighted SERVQUAL score of the branch with the gaps `gaps`?",
        unit="scale points (P - E)",
        answer=_weighted, data=_profile,
        misconceptions=(
            M("unweighted", lambda d: sq.servqual_score(d["gaps"]),
              "That is the unweighted mean. Weight each dimension gap by its points / 100."),
            M("no-divide", lambda d: 100 * _weighted(d),
              "You multiplied by the points without dividing by 100: the weights are a "
              "100-point allocation, so w_d / 100 are the shares."),
        ),
        hints=("Weighted score = sum of (points_d / 100) x gap_d.",
               "The points sum to 100, so the result is a weighted mean of the gaps."),
        explanation="Weighting moves the score towards the gaps customers care about most.",
    ),
    Question(
        "07.5", "A customer's adequate service level for responsiveness is `adequate`, the "
                "desired level `desired` and the perceived level `perceived`. What is the "
                "measure of service adequacy (MSA)?",
        unit="scale points (P - adequate)",
        answer=lambda d: sq.zone_of_tolerance(d["adequate"], d["desired"], d["perceived"]).msa,
        data=_zone,
        misconceptions=(
            M("superiority", lambda d: d["perceived"] - d["desired"],
              "That is the measure of service SUPERIORITY (P - desired). Adequacy compares "
              "perception with the adequate level: P - A."),
            M("reversed-sign", lambda d: d["adequate"] - d["perceived"],
              "You computed A - P; MSA = P - A (positive when service is above the adequate "
              "level)."),
        ),
        hints=("MSA = perceived - adequate.",),
    ),
    Question(
        "07.6", "Adequate level 5.0, desired level 6.5, perceived 5.8. Where is the service: "
                "'below', 'within' or 'above' the zone of tolerance?",
        kind="choice", options=("below", "within", "above"),
        answer=lambda d: str(sq.zone_of_tolerance(5.0, 6.5, 5.8).position),
        misconceptions=(M("below", lambda d: "below",
                          "5.8 falls short of the DESIRED level, but the zone of tolerance "
                          "runs from adequate (5.0) to desired (6.5): it is within the zone."),),
        hints=("The zone is the band between the adequate and the desired level.",),
    ),
    Question(
        "07.7", "Four respondents answer three tangibles items: rows [[4, 5, 4], [6, 6, 5], "
                "[3, 4, 4], [5, 6, 6]]. What is Cronbach's alpha of the three items?",
        unit="a coefficient (at most 1)",
        answer=lambda d: sq.cronbach_alpha(_ALPHA_DATA), rtol=1e-3,
        misconceptions=(M("no-k-correction", lambda d: _alpha_no_correction(d),
                          "You left out the factor k / (k - 1) = 3 / 2: alpha = k/(k-1) x "
                          "(1 - sum of item variances / variance of the total)."),),
        hints=("alpha = k/(k-1) (1 - sum(s_i^2) / s_T^2).",
               "s_T^2 is the variance of each respondent's total over the three items."),
    ),
    Question(
        "07.8", "The empathy items of a survey have Cronbach's alpha = 0.55. What does this "
                "tell you?",
        kind="choice",
        options=("the items are not consistent enough to be averaged into one score",
                 "the firm's service is unreliable",
                 "55% of customers are satisfied with empathy"),
        answer=lambda d: "the items are not consistent enough to be averaged into one score",
        misconceptions=(
            M("dimension-confusion", lambda d: "the firm's service is unreliable",
              "Alpha is the reliability of the MEASUREMENT (internal consistency of the items), "
              "not the SERVQUAL dimension 'reliability' of the service."),
            M("percent", lambda d: "55% of customers are satisfied with empathy",
              "Alpha is not a share of customers; it measures how consistently the items "
              "measure the same thing (values of 0.7 or more are usually wanted)."),
        ),
        hints=("What does Cronbach's alpha measure: the service or the questionnaire?",),
    ),
    Question(
        "07.9", "Customers' mean expectation of responsiveness is 6.2; the managers' mean "
                "estimate of what customers expect is 5.4. What is gap 1 (the knowledge gap) "
                "for responsiveness?",
        unit="scale points",
        answer=lambda d: 6.2 - 5.4,
        misconceptions=(M("reversed-sign", lambda d: 5.4 - 6.2,
                          "Gap 1 = customer expectations - management's perception of them; "
                          "a positive value means management underestimates expectations."),),
        hints=("Gap 1 lies between customer expectations and management perceptions (5.1.12).",),
    ),
    Question(
        "07.10", "A hospital's brochure shows clean, furnished rooms, but the rooms are poorly "
                 "maintained. Which gap of the model is this (1-5)?",
        kind="choice", options=("1", "2", "3", "4", "5"), answer=lambda d: "4",
        misconceptions=(M("performance", lambda d: "3",
                          "Gap 3 is delivery vs the firm's own standards. Here the promise in "
                          "an external communication is not kept: the communication gap (4)."),),
        hints=("Compare what was promised with what was delivered (5.1.15).",),
    ),
    Question(
        "07.11", "Which gap can a retailer NOT close directly, but only by closing the others?",
        kind="choice", options=("1", "2", "3", "4", "5"), answer=lambda d: "5",
        misconceptions=(M("knowledge", lambda d: "1",
                          "Gap 1 is closed directly by research and upward communication. The "
                          "customer gap (5) closes only when gaps 1-4 close (5.1.16)."),),
        hints=("Which gap is the customer's own comparison of expected and perceived service?",),
    ),
    Question(
        "07.12", "In the provider-gap factor list, 'Overpromising in personal selling' is a "
                 "sub-item of which gap (1-4)?",
        kind="choice", options=("1", "2", "3", "4"),
        answer=lambda d: str(next(g.number for g in sq.GAP_FACTORS for f in g.factors
                                  if "Overpromising in personal selling" in f.items)),
        misconceptions=(M("delivery", lambda d: "3",
                          "Selling is an external communication; overpromising is a cause of "
                          "gap 4 (not matching performance to promises)."),),
        hints=("Overpromising is about promises made to customers.",),
    ),
    Question(
        "07.13", "Which research type of a listening programme measures individual employees' "
                 "performance against the service standards (evidence on gap 3)?",
        kind="choice", options=("customer complaint solicitation", "relationship surveys",
                                "mystery shopping", "lost customer research"),
        answer=lambda d: "mystery shopping",
        misconceptions=(M("relationship", lambda d: "relationship surveys",
                          "Relationship surveys track overall performance from the customer's "
                          "view (gaps 1 and 5), not each employee against the standards."),),
        hints=("Which method observes the service as an anonymous customer would?",),
    ),
)


# --- TB 5.1.10 and 5.1.18: MTTR, service standards and the discussion rubric --------------------

def _repairs(rng: np.random.Generator) -> dict:
    """Five repair times and a limit that some, but not all, of them meet (a share of 0 would
    look the same as a percentage, a share of 1 the same as its complement's mistake)."""
    while True:
        hours = [float(x) for x in rng.integers(1, 25, 5)]
        within = float(rng.integers(4, 13))
        data = {"repair_hours": hours, "within": within}
        if 0 < _within_share(data) < 1:
            return data


def _mttr(d: dict) -> float:
    return ss.mean_time_to_repair(d["repair_hours"])


def _within_share(d: dict) -> float:
    return ss.standard_compliance(d["repair_hours"], within=d["within"], target=0.9).share_within


def _discussion(initial: str, peers: int) -> int:
    return rubrics.discussion_score(initial, peers)


register(
    Question(
        "07.14", "Support automation aims at a lower mean time to repair (TB 5.1.10). Five "
                 "repairs took `repair_hours` hours. What is the MTTR (hours)?",
        unit="hours",
        answer=_mttr, data=_repairs,
        misconceptions=(
            M("total", lambda d: float(sum(d["repair_hours"])),
              "That is the total repair time; divide it by the number of repairs."),
            M("median", lambda d: float(np.median(d["repair_hours"])),
              "That is the median; MTTR is the mean, total time / number of repairs."),
        ),
        hints=("MTTR = total repair time / number of repairs.",),
    ),
    Question(
        "07.15", "A SMART standard says 'fix every fault within `within` hours'. What share of "
                 "the five repairs in `repair_hours` met it (0.6 = 60 %)?",
        unit="a proportion (0-1)",
        answer=_within_share, data=_repairs,
        misconceptions=(
            M("missed-share", lambda d: 1 - _within_share(d),
              "That is the share that *missed* the standard."),
        ),
        hints=("Count the repairs that took no longer than the limit.", "Divide by five."),
    ),
    Question(
        "07.16", "Under the TB 5.1.18 rubric, a student's initial post does not fully address the "
                 "prompt, and she replies to two classmates. How many points of 10 does she get?",
        unit="points out of 10",
        answer=lambda d: float(_discussion("developing", 2)),
        misconceptions=(
            M("one-reply", lambda d: float(_discussion("developing", 1)),
              "Replies to two (or more) classmates earn the full 5 points for that criterion."),
            M("exemplary", lambda d: float(_discussion("exemplary", 2)),
              "An initial response that does not fully address the prompt is 'developing' "
              "(2 points), not 'exemplary'."),
        ),
        hints=("Initial response: 0, 2 or 5 points; responses to peers: 0, 2 or 5 points.",),
    ),
)


# --- the critical incident technique (BBT 1990; Cohen 1960; not from the textbook) ----------

def _coders(rng: np.random.Generator) -> dict:
    table = rng.integers(1, 6, (3, 3))
    table[np.diag_indices(3)] = rng.integers(15, 40, 3)
    return {"table": table.tolist()}


def _kappa_parts(d: dict) -> tuple[float, float]:
    m = np.asarray(d["table"], float)
    n = m.sum()
    return float(np.trace(m) / n), float(m.sum(axis=1) @ m.sum(axis=0) / n ** 2)


def _kappa(d: dict) -> float:
    p_o, p_e = _kappa_parts(d)
    return (p_o - p_e) / (1 - p_e)


def _incident_counts():
    from coursekit.datasets import load_dataset

    return sq.incident_shares(load_dataset("critical_incidents")).loc["1 system failure"]
# --- research checks on the instrument (issue 19 item 8) ------------------------------------
def _difference_reliability(rng: np.random.Generator) -> dict:
    """Reliabilities of E and P and their correlation (equal standard deviations)."""
    return {"alpha_e": round(float(rng.uniform(0.75, 0.85)), 2),
            "alpha_p": round(float(rng.uniform(0.82, 0.92)), 2),
            "r_ep": round(float(rng.uniform(0.35, 0.6)), 2)}


def _gap_reliability(d: dict) -> float:
    return sq.difference_score_reliability(d["alpha_e"], d["alpha_p"], d["r_ep"])


register(
    Question(
        "07.17", "Two coders sorted the same critical incidents into BBT's three groups; "
                 "`table[i][j]` counts the incidents coder A put in group i and coder B in group "
                 "j. What is Cohen's kappa?",
        unit="kappa (at most 1)",
        answer=_kappa, data=_coders,
        misconceptions=(
            M("raw-agreement", lambda d: _kappa_parts(d)[0], "That is the raw agreement p_o; "
              "kappa removes the agreement expected by chance: (p_o - p_e) / (1 - p_e)."),
            M("no-denominator", lambda d: _kappa_parts(d)[0] - _kappa_parts(d)[1],
              "Divide p_o - p_e by 1 - p_e, the most agreement there is beyond chance."),),
        hints=("p_o = diagonal / total; p_e = sum over groups of (row share x column share).",),
    ),
    Question(
        "07.18", "In `load_dataset('critical_incidents')`, what share of the *dissatisfying* "
                 "incidents did coder A put into group '1 system failure'?",
        unit="a proportion (0-1)",
        answer=lambda d: float(_incident_counts()["share_dissatisfying"]),
        misconceptions=(
            M("row-share", lambda d: float(_incident_counts()["n_dissatisfying"]
                                           / _incident_counts()["n_all"]),
              "That is the share of group-1 incidents that were dissatisfying; the question "
              "asks for group 1's share *of the dissatisfying incidents*."),
            M("all-incidents", lambda d: float(_incident_counts()["n_dissatisfying"] / 240),
              "Divide by the number of dissatisfying incidents (120), not by all 240."),),
        hints=("sq.incident_shares(frame) gives the share of each group within each outcome.",),
    ),
    Question(
        "07.19", "A diner writes: 'the waiter noticed it was our anniversary and brought a "
                 "dessert without being asked'. Into which BBT group does the incident go?",
        kind="choice", options=tuple(sq.BBT_GROUPS), answer=lambda d: "3 unprompted action",
        misconceptions=(M("request", lambda d: "2 customer request", "Nobody asked for the "
                          "dessert: the employee acted unprompted (group 3)."),),
        hints=("Was there a failure (group 1), a request (group 2), or neither (group 3)?",),
    ),
)


# --- NPS and the satisfaction-loyalty link (Reichheld 2003; Anderson & Mittal 2000) ----------

def _recommend(rng: np.random.Generator) -> dict:
    return {"scores": [int(x) for x in rng.choice(11, 20, p=[.02] * 5 + [.06, .1, .14, .2,
                                                                          .2, .2])]}


def _nps_parts(d: dict) -> tuple[float, float]:
    s = np.asarray(d["scores"])
    return float(np.mean(s >= 9)), float(np.mean(s <= 6))


def _nps_se(d: dict) -> float:
    p, q = _nps_parts(d)
    return float(100 * np.sqrt((p + q - (p - q) ** 2) / len(d["scores"])))


def _prca_survey():
    from coursekit.datasets import load_dataset

    data = load_dataset("servqual_survey")
    perf = sq.dimension_scores(data[sq.item_columns("p")].to_numpy())
    return sq.penalty_reward(perf, data["recommend"])


register(
    Question(
        "07.20", "Twenty customers answered 'how likely are you to recommend us?' (0-10) with "
                 "`scores`. What is the Net Promoter Score (in points, -100 to 100)?",
        unit="NPS points (-100 to 100)",
        answer=lambda d: sq.nps(d["scores"]), data=_recommend,
        misconceptions=(
            M("seven-up", lambda d: 100 * (np.mean(np.asarray(d["scores"]) >= 7)
                                           - _nps_parts(d)[1]),
              "Only 9 and 10 are promoters; 7 and 8 are passives and count in neither share."),
            M("passives-detract", lambda d: 100 * (_nps_parts(d)[0]
                                                   - np.mean(np.asarray(d["scores"]) <= 8)),
              "Detractors are 0-6 only; passives (7-8) are left out of both shares."),
            M("promoters-only", lambda d: 100 * _nps_parts(d)[0],
              "Subtract the share of detractors (0-6) from the share of promoters."),),
        hints=("NPS = 100 (share of 9-10 - share of 0-6).",),
    ),
    Question(
        "07.21", "For the same twenty answers, what is the standard error of the NPS in points, "
                 "100 sqrt((p + d - (p - d)^2) / n)?",
        unit="NPS points",
        answer=_nps_se, data=_recommend,
        misconceptions=(
            M("promoter-share-se", lambda d: 100 * np.sqrt(_nps_parts(d)[0]
                                                           * (1 - _nps_parts(d)[0]) / 20),
              "That is the error of the promoter share alone; the NPS is a difference of two "
              "shares of the same sample, so both enter."),),
        hints=("p = share of 9-10, d = share of 0-6, n = 20.",
               "sq.nps_interval(scores).standard_error"),
    ),
    Question(
        "07.22", "Run a penalty-reward contrast analysis of the perception dimension scores of "
                 "`servqual_survey` on `recommend` (default quartile cuts). Which dimension has "
                 "the largest penalty (most negative)?",
        kind="choice", options=tuple(DIMS),
        answer=lambda d: str(_prca_survey()["penalty"].idxmin()),
        misconceptions=(M("most-asymmetric", lambda d: str(_prca_survey()["penalty_share"]
                                                           .idxmax()),
                          "That dimension is the most *asymmetric* (largest share of penalty), "
                          "but the question asks for the largest penalty itself: the biggest "
                          "drop in recommendation when the dimension performs badly."),),
        hints=("sq.penalty_reward(perceptions, data['recommend'])['penalty'].idxmin()",),
    ),
)


register(
    Question(
        "07.23", "Expectations have reliability `alpha_e`, perceptions `alpha_p`, and the two "
                 "correlate `r_ep` (equal standard deviations; `exercise_data('07.23')`). What "
                 "is the reliability of the gap P - E (Peter, Churchill & Brown 1993)?",
        data=_difference_reliability, unit="a reliability (0-1)",
        answer=_gap_reliability,
        misconceptions=(
            M("mean-of-parts", lambda d: (d["alpha_e"] + d["alpha_p"]) / 2,
              "A difference is not as reliable as the average of its parts: the shared part "
              "of E and P cancels in P - E, the errors do not. r_GG = (r_EE + r_PP - 2 r_EP) / "
              "(2 - 2 r_EP) with equal variances."),
            M("denominator-without-correlation",
              lambda d: (d["alpha_e"] + d["alpha_p"] - 2 * d["r_ep"]) / 2,
              "The correlation also shrinks the variance of the gap: divide by "
              "2 - 2 r_EP, not by 2 (the variance of P - E with equal unit variances)."),
        ),
        hints=("With equal standard deviations: r_GG = (r_EE + r_PP - 2 r_EP) / (2 - 2 r_EP).",
               "sq.difference_score_reliability(alpha_e, alpha_p, r_ep) computes it."),
    ),
    Question(
        "07.24", "A factor analysis of the synthetic servqual_survey finds the five SERVQUAL "
                 "dimensions with a hit rate of 100%. What does this show?",
        kind="choice",
        options=("that SERVQUAL's five dimensions are confirmed",
                 "nothing about SERVQUAL: the generator built the five dimensions in",
                 "that a single factor would fit better"),
        answer=lambda d: "nothing about SERVQUAL: the generator built the five dimensions in",
        misconceptions=(M("confirmed", lambda d: "that SERVQUAL's five dimensions are confirmed",
                          "The survey is synthetic: its generator draws every answer from five "
                          "dimension factors, so the analysis finds what was put in. Real "
                          "replications (Carman 1990; Babakus & Boller 1992) often found fewer "
                          "or different factors."),),
        hints=("Read the dataset card: how were the answers generated?",),
    ),
)
