"""Customer roles and service design.

Sources: seed S4 (roles of customers, the seven make-or-buy criteria, self-service
technologies, participation strategies, compatibility management) and seed S3 l.36-56 (drop and
go errors, goals of service design, the cost/quality/customisation trade-off, functional vs
technical positioning, scoping, FAST, SITOC).

**Not from the textbook**: the weighted make-or-buy index (a standard weighted-scoring rule),
the random-encounter customer-mix model, the signal-detection model of idea screening (Green,
D. M. & Swets, J. A. (1966), *Signal Detection Theory and Psychophysics*) and the unit-cost
function of the trade-off; all their parameter values are illustrative assumptions.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from coursekit._validate import (
    check_choice,
    check_integer,
    check_nonnegative,
    check_number,
    check_positive,
    check_probability,
)

__all__ = [
    "CUSTOMER_ROLES", "GAP_WIDENING_BEHAVIOURS", "MAKE_OR_BUY_CRITERIA", "SST_REASONS",
    "PARTICIPATION_STRATEGIES", "DESIGN_GOALS", "DESIGN_FACTORS", "POSITIONING",
    "MakeOrBuy", "make_or_buy",
    "encounter_dissatisfaction", "simulate_customer_mix",
    "screening_errors", "screening_value", "optimal_threshold", "simulate_screening",
    "positioning", "unit_cost_index",
    "SITOC_PARTS", "SitocMap", "sitoc_map", "fast_chain",
]

#: Seed S4: the three roles customers play in service delivery.
CUSTOMER_ROLES: dict[str, tuple[str, ...]] = {
    "productive resources": ("partial employees", "their inputs affect productivity",
                             "their involvement creates uncertainty for the provider",
                             "recommendation: educate customers"),
    "contributors to quality and satisfaction": (
        "asking questions", "taking responsibility for their own satisfaction",
        "complaining when the service fails"),
    "competitors": ("they may produce the service themselves instead of buying it",),
}
#: Seed S4: how customers widen the service performance gap.
GAP_WIDENING_BEHAVIOURS: tuple[str, ...] = (
    "not understanding their roles",
    "not willing or able to perform their roles",
    "no rewards for good performance",
    "interfering with other customers",
)
#: Seed S4: the seven criteria for doing a service yourself (internal) or buying it (external).
MAKE_OR_BUY_CRITERIA: tuple[str, ...] = (
    "expertise capacity", "resource capacity", "time capacity", "economic rewards",
    "psychic rewards", "trust", "control",
)
#: Seed S4: why firms introduce self-service technologies.
SST_REASONS: tuple[str, ...] = (
    "cost savings", "sales growth", "increased customer satisfaction",
    "competitive advantage", "convenience for customers",
)
#: Seed S4: strategies for enhancing customer participation.
PARTICIPATION_STRATEGIES: dict[str, tuple[str, ...]] = {
    "define customer roles": (
        "clarify the level of participation", "identify jobs and tasks",
        "understand implications for productivity, quality and satisfaction",
        "helping oneself, helping others, promoting the company, individual differences"),
    "recruit, educate and reward customers": (
        "identify and recruit appropriate segments", "educate customers in their roles",
        "provide reasons for participation", "reward customer performance"),
    "manage the customer mix": (
        "assess the compatibility of segments", "isolate incompatible segments",
        "enhance segment compatibility"),
}
#: Seed S3 l.40-43: goals of service operational design.
DESIGN_GOALS: tuple[str, ...] = (
    "support the firm's target operational position",
    "lower the unit cost of producing the service",
    "provide customers with the desired level of service quality",
)
#: Seed S3 l.44-47: the competing factors in service design.
DESIGN_FACTORS: dict[str, str] = {
    "cost efficiency": "limits customisation, because customisation costs more",
    "service quality": "higher quality often means higher costs",
    "customisation": "tailoring the service to individual customer needs",
}
#: Seed S3 l.48-49: positioning on functional vs technical quality.
POSITIONING: dict[str, str] = {
    "functional": "greater customisation, fewer cost-efficiency procedures",
    "technical": "greater cost efficiency, less customisation",
}

# --------------------------------------------------------------------------------------------
# Make or buy (customers as competitors)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MakeOrBuy:
    """Result of :func:`make_or_buy`."""

    score: float
    decision: str
    contributions: pd.Series

    def __repr__(self) -> str:
        return f"MakeOrBuy(score={self.score:.3f}, decision={self.decision!r})"


def make_or_buy(ratings: Mapping[str, float], weights: Mapping[str, float] | None = None,
                threshold: float = 0.5) -> MakeOrBuy:
    """Weighted index of the seven criteria for doing a service yourself (S4).

    Each rating (1-5) says how strongly a criterion favours doing it yourself (5 = strongly;
    for "trust", a low trust in the providers favours doing it yourself). The index is
    ``sum_k w_k (x_k - 1) / 4 / sum_k w_k`` in [0, 1]; above ``threshold`` -> "do it yourself".

    >>> make_or_buy({c: 5 for c in MAKE_OR_BUY_CRITERIA}).decision
    'do it yourself'
    >>> make_or_buy({c: 1 for c in MAKE_OR_BUY_CRITERIA}).score
    0.0
    """
    if not isinstance(ratings, Mapping):
        raise TypeError("ratings must be a mapping of criterion -> rating 1-5")
    missing = [c for c in MAKE_OR_BUY_CRITERIA if c not in ratings]
    for c in ratings:
        check_choice(c, "ratings", MAKE_OR_BUY_CRITERIA)
    if missing:
        raise ValueError(f"ratings is missing criteria {missing}")
    x = np.array([check_number(ratings[c], f"ratings[{c!r}]", low=1, high=5)
                  for c in MAKE_OR_BUY_CRITERIA])
    if weights is None:
        w = np.ones(len(MAKE_OR_BUY_CRITERIA))
    else:
        for c in weights:
            check_choice(c, "weights", MAKE_OR_BUY_CRITERIA)
        w = np.array([check_nonnegative(weights.get(c, 0.0), f"weights[{c!r}]")
                      for c in MAKE_OR_BUY_CRITERIA])
        if w.sum() == 0:
            raise ValueError("weights must not all be zero")
    t = check_probability(threshold, "threshold")
    contrib = w * (x - 1) / 4 / w.sum()
    score = float(round(contrib.sum(), 12))
    decision = "do it yourself" if score > t else "buy the service"
    return MakeOrBuy(score, decision, pd.Series(contrib, index=MAKE_OR_BUY_CRITERIA,
                                                name="contribution"))


# --------------------------------------------------------------------------------------------
# Customer-mix compatibility
# --------------------------------------------------------------------------------------------

def _shares_and_matrix(shares, incompatibility):
    s = np.atleast_1d(check_probability(shares, "shares"))
    if abs(s.sum() - 1) > 1e-9:
        raise ValueError(f"shares must sum to 1; got {s.sum():.4g}")
    B = check_probability(incompatibility, "incompatibility")
    B = np.asarray(B)
    if B.shape != (s.size, s.size):
        raise ValueError(f"incompatibility must be a {s.size}x{s.size} matrix")
    if not np.allclose(B, B.T):
        raise ValueError("incompatibility must be symmetric")
    return s, B


def encounter_dissatisfaction(shares, incompatibility, policy: str = "mixed") -> float:
    """Expected share of dissatisfying customer-to-customer encounters.

    ``B[i, j]`` is the probability that an encounter between a segment-i and a segment-j
    customer dissatisfies. With random encounters in one shared space ("mixed") the share is
    ``s' B s``; when segments are isolated in their own spaces it is ``sum_i s_i B_ii``.

    >>> B = [[0.05, 0.40], [0.40, 0.10]]
    >>> round(encounter_dissatisfaction([0.5, 0.5], B), 4)
    0.2375
    >>> round(encounter_dissatisfaction([0.5, 0.5], B, policy="isolated"), 4)
    0.075
    """
    s, B = _shares_and_matrix(shares, incompatibility)
    check_choice(policy, "policy", ("mixed", "isolated"))
    return float(s @ B @ s) if policy == "mixed" else float(s @ np.diag(B))


def simulate_customer_mix(shares, incompatibility, n_encounters: int = 10_000,
                          policy: str = "mixed", seed: int = 0) -> pd.DataFrame:
    """Monte Carlo version of :func:`encounter_dissatisfaction`: one row per encounter.

    >>> B = [[0.05, 0.40], [0.40, 0.10]]
    >>> sim = simulate_customer_mix([0.5, 0.5], B, n_encounters=20_000, seed=1)
    >>> round(float(sim["dissatisfying"].mean()), 2)
    0.24
    """
    s, B = _shares_and_matrix(shares, incompatibility)
    n = check_integer(n_encounters, "n_encounters", low=1)
    check_choice(policy, "policy", ("mixed", "isolated"))
    rng = np.random.default_rng(check_integer(seed, "seed", low=0))
    a = rng.choice(s.size, size=n, p=s)
    b = rng.choice(s.size, size=n, p=s) if policy == "mixed" else a
    bad = rng.random(n) < B[a, b]
    return pd.DataFrame({"segment_a": a, "segment_b": b, "dissatisfying": bad})


# --------------------------------------------------------------------------------------------
# Drop and go errors as a screening decision
# --------------------------------------------------------------------------------------------

def _norm_cdf(x):
    from scipy.stats import norm

    return norm.cdf(x)


def screening_errors(threshold, good_mean: float = 1.0, bad_mean: float = -1.0,
                     noise_sd: float = 1.0) -> pd.DataFrame:
    """Drop and go error rates of the rule "develop an idea if its score >= threshold".

    Scores are normal with mean ``good_mean`` (ideas that would succeed) or ``bad_mean``.
    ``drop error = P(score < t | good) = Phi((t - mu_g)/sigma)``;
    ``go error = P(score >= t | bad) = 1 - Phi((t - mu_b)/sigma)`` (Green & Swets 1966).

    >>> screening_errors(0.0).round(4).to_dict("records")
    [{'threshold': 0.0, 'drop_error': 0.1587, 'go_error': 0.1587}]
    """
    t = np.atleast_1d(check_number(threshold, "threshold"))
    mg = check_number(good_mean, "good_mean")
    mb = check_number(bad_mean, "bad_mean")
    if mg <= mb:
        raise ValueError(f"good_mean must be > bad_mean ({mb:g}); got {mg:g}")
    sd = check_positive(noise_sd, "noise_sd")
    return pd.DataFrame({"threshold": t, "drop_error": _norm_cdf((t - mg) / sd),
                         "go_error": 1 - _norm_cdf((t - mb) / sd)})


def screening_value(threshold, prior_good: float = 0.3, success_value: float = 10.0,
                    failure_cost: float = 4.0, **score_model) -> pd.DataFrame:
    """Expected value per screened idea: ``pi (1 - drop) V - (1 - pi) go C``.

    A dropped good idea forgoes ``V``; a bad idea that goes on costs ``C``.

    >>> round(float(screening_value(0.0, 0.5, 10, 10)["expected_value"].iloc[0]), 4)
    3.4134
    """
    pi = check_probability(prior_good, "prior_good")
    V = check_nonnegative(success_value, "success_value")
    C = check_nonnegative(failure_cost, "failure_cost")
    out = screening_errors(threshold, **score_model)
    out["expected_value"] = pi * (1 - out["drop_error"]) * V - (1 - pi) * out["go_error"] * C
    return out


def optimal_threshold(prior_good: float = 0.3, success_value: float = 10.0,
                      failure_cost: float = 4.0, good_mean: float = 1.0,
                      bad_mean: float = -1.0, noise_sd: float = 1.0) -> float:
    """Threshold that maximises :func:`screening_value` for equal-variance normal scores.

    ``t* = (mu_g + mu_b)/2 + sigma^2 ln[(1 - pi) C / (pi V)] / (mu_g - mu_b)``.

    >>> optimal_threshold(prior_good=0.5, success_value=10, failure_cost=10)
    0.0
    """
    pi = check_probability(prior_good, "prior_good", open_low=True, open_high=True)
    V = check_positive(success_value, "success_value")
    C = check_positive(failure_cost, "failure_cost")
    mg, mb = check_number(good_mean, "good_mean"), check_number(bad_mean, "bad_mean")
    if mg <= mb:
        raise ValueError(f"good_mean must be > bad_mean ({mb:g}); got {mg:g}")
    sd = check_positive(noise_sd, "noise_sd")
    return float((mg + mb) / 2 + sd ** 2 * np.log((1 - pi) * C / (pi * V)) / (mg - mb))


def simulate_screening(n_ideas: int = 500, prior_good: float = 0.3, good_mean: float = 1.0,
                       bad_mean: float = -1.0, noise_sd: float = 1.0,
                       seed: int = 0) -> pd.DataFrame:
    """Simulated idea pipeline: true outcome (would it succeed?) and noisy screening score.

    >>> sim = simulate_screening(1000, seed=3)
    >>> sim.columns.tolist()
    ['idea', 'would_succeed', 'score']
    """
    n = check_integer(n_ideas, "n_ideas", low=1)
    pi = check_probability(prior_good, "prior_good")
    sd = check_positive(noise_sd, "noise_sd")
    rng = np.random.default_rng(check_integer(seed, "seed", low=0))
    good = rng.random(n) < pi
    mean = np.where(good, check_number(good_mean, "good_mean"),
                    check_number(bad_mean, "bad_mean"))
    score = np.round(mean + sd * rng.standard_normal(n), 3)
    return pd.DataFrame({"idea": np.arange(1, n + 1), "would_succeed": good, "score": score})


# --------------------------------------------------------------------------------------------
# Cost / quality / customisation trade-off and positioning
# --------------------------------------------------------------------------------------------

def positioning(functional_emphasis) -> pd.DataFrame:
    """Design implied by the emphasis on functional (1) vs technical (0) quality (S3 l.48-49).

    Customisation rises with the functional emphasis and cost-efficiency procedures fall with
    it; the straight-line mapping is a teaching simplification.

    >>> positioning([0.0, 1.0])[["customisation", "cost_efficiency"]].values.tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    f = np.atleast_1d(check_probability(functional_emphasis, "functional_emphasis"))
    return pd.DataFrame({"functional_emphasis": f, "customisation": f,
                         "cost_efficiency": 1 - f,
                         "position": np.where(f >= 0.5, "functional", "technical")})


def unit_cost_index(customisation, quality, customisation_cost: float = 0.8,
                    quality_cost: float = 1.2) -> float | np.ndarray:
    """Unit cost relative to a standard, basic service: ``1 + a c + b q^2`` (c, q in [0, 1]).

    Customisation and quality both raise cost (S3 l.44-47); the convex quality term says the
    last points of quality are the dearest. The form and coefficients are assumptions.

    >>> unit_cost_index(0, 0), unit_cost_index(1, 1)
    (1.0, 3.0)
    """
    c = check_probability(customisation, "customisation")
    q = check_probability(quality, "quality")
    a = check_nonnegative(customisation_cost, "customisation_cost")
    b = check_nonnegative(quality_cost, "quality_cost")
    out = 1 + a * np.asarray(c) + b * np.asarray(q) ** 2
    return float(round(out, 12)) if np.ndim(out) == 0 else np.round(out, 12)


# --------------------------------------------------------------------------------------------
# SITOC and FAST
# --------------------------------------------------------------------------------------------

SITOC_PARTS = ("suppliers", "input", "transformation", "output", "customer")


@dataclass(frozen=True)
class SitocMap:
    """Suppliers, Input, Transformation, Output, Customer (S3 l.55; usually called SIPOC)."""

    suppliers: tuple[str, ...]
    input: tuple[str, ...]
    transformation: tuple[str, ...]
    output: tuple[str, ...]
    customer: tuple[str, ...]

    def to_frame(self) -> pd.DataFrame:
        rows = [(part, i + 1, item) for part in SITOC_PARTS
                for i, item in enumerate(getattr(self, part))]
        return pd.DataFrame(rows, columns=["part", "order", "item"])

    def __repr__(self) -> str:
        return "SitocMap(" + " -> ".join(
            f"{p}: {len(getattr(self, p))}" for p in SITOC_PARTS) + ")"


def sitoc_map(suppliers: Sequence[str], input: Sequence[str], transformation: Sequence[str],
              output: Sequence[str], customer: Sequence[str]) -> SitocMap:
    """Build a SITOC map; every part must name at least one item.

    >>> m = sitoc_map(["linen supplier"], ["soiled shirt"], ["clean", "press"],
    ...               ["pressed shirt"], ["office worker"])
    >>> m.to_frame().shape
    (6, 3)
    """
    parts = {"suppliers": suppliers, "input": input, "transformation": transformation,
             "output": output, "customer": customer}
    clean = {}
    for name, items in parts.items():
        if isinstance(items, str) or not isinstance(items, Sequence):
            raise TypeError(f"{name} must be a list of strings; got {items!r}")
        items = tuple(str(i).strip() for i in items if str(i).strip())
        if not items:
            raise ValueError(f"{name} must name at least one item")
        clean[name] = items
    return SitocMap(**clean)


def fast_chain(functions: Sequence[str]) -> pd.DataFrame:
    """FAST (Functional Analysis System Technique) logic for a chain of verb-noun functions.

    Reading right answers "how?" and reading left answers "why?": for each adjacent pair the
    table gives the "how" and "why" question with its answer.

    >>> fast_chain(["retain customer", "resolve complaint", "log complaint"]).iloc[0].tolist()
    ['retain customer', 'resolve complaint', 'How do we retain customer? resolve complaint', 'Why resolve complaint? to retain customer']
    """
    if isinstance(functions, str) or not isinstance(functions, Sequence):
        raise TypeError("functions must be a list of verb-noun strings")
    f = [str(x).strip() for x in functions]
    if len(f) < 2 or any(not x for x in f):
        raise ValueError("functions must hold at least 2 non-empty verb-noun phrases")
    return pd.DataFrame({
        "function": f[:-1], "how": f[1:],
        "how_question": [f"How do we {a}? {b}" for a, b in zip(f[:-1], f[1:])],
        "why_question": [f"Why {b}? to {a}" for a, b in zip(f[:-1], f[1:])],
    })
