"""Customer relationships and loyalty: stages, the leaky bucket, bonds and retention economics.

Sources: textbook 1.2 (three relationship stages), 2.1 (loyalty, "25-100 %" claim), 7.3-7.4
(Lovelock & Wirtz elements, relationship selling, simple lifetime value, "the little things");
seed S0 l.11-21 (leaky bucket, benefits, challenges), S2 l.136-200 (relationship evolution,
bonds L1-L4) and S3 l.4-26 (challenges, defection management).

Modelling the stages as a Markov chain, the fundamental matrix and the retention-profit model
are **not from the textbook**: they follow Kemeny & Snell (1976), *Finite Markov Chains*, and
Pfeifer & Carraway (2000), "Modeling customer relationships as Markov chains", *Journal of
Interactive Marketing* 14(2), 43-55. Every transition probability in :data:`EXAMPLE_MATRIX` is an
illustrative assumption.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from coursekit._validate import (
    as_float_array,
    check_choice,
    check_columns,
    check_integer,
    check_nonnegative,
    check_number,
    check_probability,
)

__all__ = [
    "TEXTBOOK_STAGES", "EVOLUTION_STAGES", "EXAMPLE_MATRIX", "RELATIONSHIP_BONDS",
    "CUSTOMER_BENEFITS", "FIRM_BENEFITS", "RELATIONSHIP_CHALLENGES", "DEFECTION_STEPS",
    "LOYALTY_ELEMENTS", "LOYALTY_COMPONENTS",
    "transition_matrix", "example_chain", "stage_chain", "ChainSummary", "summarise_chain", "stage_distribution", "absorbing_analysis",
    "expected_time_to", "steady_state", "value_per_stage", "estimate_transition_matrix",
    "leaky_bucket", "leaky_bucket_steady_state", "bond_retention",
    "expected_lifetime", "retention_clv", "retention_profit_uplift",
    "fixed_cost_share_for_uplift", "RetentionComparison", "compare_defection_cut",
    "simple_lifetime_value", "little_things_contacts", "delivery_disconfirmation",
    "AbsorbingResult",
]

#: Textbook 1.2 (l.441-462): three stages and their marketing activities.
TEXTBOOK_STAGES: dict[str, tuple[str, ...]] = {
    "meeting and getting acquainted": (
        "find desirable target customers, including those likely to deliver a high CLV",
        "understand what these customers want",
        "build awareness and demand for what you offer",
        "capture new business",
    ),
    "providing a satisfying experience": (
        "measure and improve customer satisfaction",
        "track how customers' needs and wants evolve",
        "develop customer confidence, trust, and goodwill",
        "demonstrate and communicate competitive advantage",
        "monitor and counter competitive forces",
    ),
    "sustain a committed relationship": (
        "convert contacts into loyal repeat customers",
        "anticipate and respond to evolving needs",
        "deepen relationships, expand reach of and reliance on what you offer",
    ),
}

#: Seed S2 l.136-146: the evolution of customer relationships and the firm's goal at each stage.
EVOLUTION_STAGES: dict[str, str] = {
    "strangers": "acquire: initiate communication to attract them",
    "acquaintances": "satisfy the customer",
    "friends": "retain the customer",
    "partners": "organise and use individual customer information better than competitors",
}

#: Illustrative four-stage chain (rows: this period, columns: next period). **Assumed numbers,
#: not from the textbook.** A lost customer goes back to being a stranger.
EXAMPLE_MATRIX = pd.DataFrame(
    [[0.70, 0.30, 0.00, 0.00],
     [0.25, 0.50, 0.25, 0.00],
     [0.10, 0.00, 0.75, 0.15],
     [0.05, 0.00, 0.00, 0.95]],
    index=list(EVOLUTION_STAGES), columns=list(EVOLUTION_STAGES),
)

#: Seed S2 l.168-200: relationship bonds, levels 1-4, with their examples.
RELATIONSHIP_BONDS = pd.DataFrame({
    "level": [1, 2, 3, 4],
    "bond": ["financial", "social", "customization", "structural"],
    "examples": [
        ("volume and frequency rewards", "stable pricing", "bundling and cross selling"),
        ("continuous relationships", "personal relationships", "social bonds among customers"),
        ("customer intimacy", "mass customization", "anticipation/innovation"),
        ("shared processes and equipment", "joint investments",
         "integrated information systems"),
    ],
})

#: Seed S0 l.17 and S2 l.146-166: benefits of relationships for customers.
CUSTOMER_BENEFITS: dict[str, tuple[str, ...]] = {
    "greater value": ("receipt of greater value",),
    "confidence": ("trust", "confidence in provider", "reduced anxiety"),
    "social": ("familiarity", "social support", "personal relationships"),
    "special treatment": ("special deals", "price breaks"),
}
#: Seed S0 l.19 and S2 l.146-166: benefits of relationships for firms.
FIRM_BENEFITS: dict[str, tuple[str, ...]] = {
    "economic": ("increased revenues", "reduced marketing and administrative costs",
                 "regular revenue stream"),
    "customer behaviour": ("strong word-of-mouth endorsements", "customer voluntary performance",
                           "social benefits to other customers", "mentors to other customers"),
    "human resource management": ("easier jobs for employees", "social benefits for employees",
                                  "employee retention"),
}
#: Seed S3 l.14-18 (and S0 l.19): not every customer is a good relationship customer.
RELATIONSHIP_CHALLENGES: tuple[str, ...] = (
    "the customer is not always right",
    "wrong segment",
    "not profitable in the long term",
    "difficult customers",
)
#: Seed S3 l.19-26: defection management, "zero defectors" rather than "zero defects".
DEFECTION_STEPS: tuple[str, ...] = (
    "develop a zero-defections culture",
    "communicate the goal to employees",
    "train employees in defection management",
    "tie incentives to defection rates",
    "develop switching barriers",
)
#: Textbook 7.3 (l.2960-2965), Lovelock & Wirtz (2007): six relationship-building elements.
LOYALTY_ELEMENTS: tuple[str, ...] = (
    "managing service encounters",
    "providing customer incentives",
    "providing special service options",
    "pricing to encourage long-term use",
    "maintaining a customer database",
    "communicating with customers directly",
)
#: Textbook 2.1 (l.906): the three components of customer loyalty.
LOYALTY_COMPONENTS: tuple[str, ...] = ("emotional commitment", "attitude", "behaviour")


# --------------------------------------------------------------------------------------------
# Markov chain of relationship stages
# --------------------------------------------------------------------------------------------

def transition_matrix(matrix, states: Sequence[str] | None = None, *,
                      atol: float = 1e-9) -> pd.DataFrame:
    """Validate a stage transition matrix ``P[i, j] = P(stage j next | stage i now)``.

    Rows must be non-negative and sum to 1. A DataFrame keeps its labels; an array needs
    ``states``.

    >>> float(transition_matrix([[0.9, 0.1], [0.2, 0.8]], ["a", "b"]).loc["b", "a"])
    0.2
    >>> transition_matrix([[0.9, 0.2], [0.2, 0.8]], ["a", "b"])
    Traceback (most recent call last):
    ...
    ValueError: matrix rows must sum to 1; row 'a' sums to 1.1
    """
    if isinstance(matrix, pd.DataFrame):
        if states is None:
            states = list(matrix.index)
        if list(matrix.columns) != list(matrix.index):
            raise ValueError("matrix must have the same stage labels on rows and columns")
        values = matrix.to_numpy()
    else:
        values = matrix
    arr = as_float_array(values, "matrix")
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] < 2:
        raise ValueError(f"matrix must be square with at least 2 stages; got shape {arr.shape}")
    if states is None:
        raise TypeError("states must be given when matrix is not a DataFrame")
    states = [str(s) for s in states]
    if len(states) != arr.shape[0] or len(set(states)) != len(states):
        raise ValueError(f"states must be {arr.shape[0]} unique labels; got {states}")
    if np.any(arr < 0):
        raise ValueError("matrix entries must be >= 0 (they are probabilities)")
    sums = arr.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - 1) > atol)
    if bad.size:
        raise ValueError(
            f"matrix rows must sum to 1; row {states[bad[0]]!r} sums to {sums[bad[0]]:.4g}")
    return pd.DataFrame(arr, index=states, columns=states)


def example_chain() -> pd.DataFrame:
    """The illustrative strangers -> partners chain (assumed numbers, not from the textbook).

    >>> example_chain().sum(axis=1).tolist()
    [1.0, 1.0, 1.0, 1.0]
    """
    return transition_matrix(EXAMPLE_MATRIX.copy())


def stage_chain(acquire: float = 0.30, befriend: float = 0.25, partner: float = 0.15,
                lose_acquaintance: float = 0.25, lose_friend: float = 0.10,
                lose_partner: float = 0.05) -> pd.DataFrame:
    """Four-stage chain from six probabilities: moving up one stage, or being lost.

    A lost customer becomes a stranger again; the rest of each row is "stay". The defaults
    give :data:`EXAMPLE_MATRIX`.

    >>> stage_chain().equals(example_chain())
    True
    """
    a = check_probability(acquire, "acquire")
    b = check_probability(befriend, "befriend")
    p = check_probability(partner, "partner")
    la = check_probability(lose_acquaintance, "lose_acquaintance")
    lf = check_probability(lose_friend, "lose_friend")
    lp = check_probability(lose_partner, "lose_partner")
    for name, total in (("befriend + lose_acquaintance", b + la),
                        ("partner + lose_friend", p + lf)):
        if total > 1 + 1e-12:
            raise ValueError(f"{name} must be <= 1; got {total:.4g}")
    rows = [[1 - a, a, 0, 0], [la, 1 - b - la, b, 0], [lf, 0, 1 - p - lf, p],
            [lp, 0, 0, 1 - lp]]
    return transition_matrix(np.round(rows, 12), list(EVOLUTION_STAGES))


@dataclass(frozen=True)
class ChainSummary:
    """Time to partnership, steady-state mix and value per stage of one chain."""

    matrix: pd.DataFrame
    time_to_partnership: pd.Series
    steady_state: pd.Series
    value: pd.Series

    def __repr__(self) -> str:
        return (f"ChainSummary(time to partnership from strangers = "
                f"{self.time_to_partnership.iloc[0]:.2f} periods, partners in the long run = "
                f"{self.steady_state.iloc[-1]:.1%})")


def summarise_chain(matrix, margin=(0.0, 10.0, 30.0, 60.0),
                    discount_rate: float = 0.10) -> ChainSummary:
    """All the chain results at once (used by the explorer). Margins per stage are assumed.

    >>> summarise_chain(example_chain()).steady_state.round(2).tolist()
    [0.25, 0.15, 0.15, 0.45]
    """
    P = transition_matrix(matrix)
    return ChainSummary(P, expected_time_to(P, P.index[-1]), steady_state(P),
                        value_per_stage(P, margin, discount_rate))


def stage_distribution(matrix, initial, periods: int) -> pd.DataFrame:
    """Share of customers in each stage over time, ``pi_{t+1} = pi_t P``.

    >>> stage_distribution(example_chain(), [1, 0, 0, 0], 1).iloc[1].round(2).tolist()
    [0.7, 0.3, 0.0, 0.0]
    """
    P = transition_matrix(matrix)
    periods = check_integer(periods, "periods", low=0)
    pi = np.atleast_1d(check_probability(initial, "initial"))
    if pi.shape != (len(P),) or abs(pi.sum() - 1) > 1e-9:
        raise ValueError(f"initial must be {len(P)} shares summing to 1; got {list(pi)}")
    rows = [pi]
    for _ in range(periods):
        rows.append(rows[-1] @ P.to_numpy())
    out = pd.DataFrame(rows, columns=P.columns)
    out.index.name = "period"
    return out


@dataclass(frozen=True)
class AbsorbingResult:
    """Fundamental-matrix results: expected periods before absorption and where chains end."""

    expected_periods: pd.Series
    absorption_probabilities: pd.DataFrame
    fundamental_matrix: pd.DataFrame

    def __repr__(self) -> str:
        times = ", ".join(f"{k}: {v:.2f}" for k, v in self.expected_periods.items())
        return f"AbsorbingResult(expected periods from {{{times}}})"


def absorbing_analysis(matrix, absorbing: Sequence[str]) -> AbsorbingResult:
    """Treat ``absorbing`` stages as end points and apply the fundamental matrix.

    With ``Q`` the transitions among the other (transient) stages and ``R`` those into the
    absorbing stages: ``N = (I - Q)^{-1}``, expected periods ``t = N 1`` and absorption
    probabilities ``B = N R`` (Kemeny & Snell 1976; not from the textbook).

    >>> P = transition_matrix([[0.5, 0.5], [0.0, 1.0]], ["trying", "partner"])
    >>> float(absorbing_analysis(P, ["partner"]).expected_periods["trying"])
    2.0
    """
    P = transition_matrix(matrix)
    absorbing = [str(a) for a in (absorbing if not isinstance(absorbing, str) else [absorbing])]
    for a in absorbing:
        check_choice(a, "absorbing", list(P.index))
    transient = [s for s in P.index if s not in absorbing]
    if not transient:
        raise ValueError("absorbing must leave at least one transient stage")
    Q = P.loc[transient, transient].to_numpy()
    R = P.loc[transient, absorbing].to_numpy()
    I_Q = np.eye(len(transient)) - Q
    if np.linalg.matrix_rank(I_Q) < len(transient):
        raise ValueError(
            f"absorbing stages {absorbing} cannot be reached from every other stage; "
            "the expected time is infinite")
    N = np.linalg.inv(I_Q)
    return AbsorbingResult(
        expected_periods=pd.Series(N.sum(axis=1), index=transient, name="expected_periods"),
        absorption_probabilities=pd.DataFrame(N @ R, index=transient, columns=absorbing),
        fundamental_matrix=pd.DataFrame(N, index=transient, columns=transient),
    )


def expected_time_to(matrix, target: str = "partners") -> pd.Series:
    """Expected number of periods until a customer first reaches ``target``, from each stage.

    ``t = (I - Q)^{-1} 1`` with ``target`` made absorbing.

    >>> expected_time_to(example_chain()).round(2).tolist()
    [24.44, 21.11, 13.78]
    """
    return absorbing_analysis(matrix, [target]).expected_periods


def steady_state(matrix) -> pd.Series:
    """Long-run stage mix ``pi`` solving ``pi P = pi``, ``sum(pi) = 1``.

    Raises ``ValueError`` if the chain has more than one steady state (it is reducible).

    >>> steady_state(transition_matrix([[0.9, 0.1], [0.2, 0.8]], ["a", "b"])).round(4).tolist()
    [0.6667, 0.3333]
    """
    P = transition_matrix(matrix)
    n = len(P)
    A = P.to_numpy().T - np.eye(n)
    if np.linalg.matrix_rank(A) < n - 1:
        raise ValueError("matrix has more than one steady state (the chain is reducible)")
    lhs = np.vstack([A, np.ones(n)])
    rhs = np.r_[np.zeros(n), 1.0]
    pi = np.linalg.lstsq(lhs, rhs, rcond=None)[0]
    pi = np.clip(pi, 0, None)
    return pd.Series(pi / pi.sum(), index=P.index, name="steady_state")


def value_per_stage(matrix, margin, discount_rate: float = 0.10,
                    periods: int | None = None) -> pd.Series:
    """Expected discounted value of a customer who starts in each stage.

    ``v = sum_{t=0}^{T-1} (delta P)^t m`` with ``delta = 1/(1+d)``; with ``periods=None`` the
    horizon is infinite and ``v = (I - delta P)^{-1} m``. The margin of a stage is earned at the
    start of each period spent in it (Pfeifer & Carraway 2000; not from the textbook).

    >>> P = transition_matrix([[1.0, 0.0], [0.0, 1.0]], ["a", "b"])
    >>> value_per_stage(P, [10, 0], discount_rate=0.0, periods=3).tolist()
    [30.0, 0.0]
    """
    P = transition_matrix(matrix)
    m = np.atleast_1d(check_number(margin, "margin"))
    if m.shape != (len(P),):
        raise ValueError(f"margin must have one value per stage ({len(P)}); got {m.size}")
    d = check_number(discount_rate, "discount_rate", low=0.0)
    delta_P = P.to_numpy() / (1 + d)
    if periods is None:
        if d == 0:
            raise ValueError("discount_rate must be > 0 for an infinite horizon (periods=None)")
        v = np.linalg.solve(np.eye(len(P)) - delta_P, m)
    else:
        periods = check_integer(periods, "periods", low=1)
        v, term = np.zeros(len(P)), m.astype(float)
        for _ in range(periods):
            v, term = v + term, delta_P @ term
    return pd.Series(v, index=P.index, name="value")


def estimate_transition_matrix(panel: pd.DataFrame, states: Sequence[str] | None = None, *,
                               customer: str = "customer_id", period: str = "period",
                               stage: str = "stage") -> pd.DataFrame:
    """Maximum-likelihood transition matrix from a panel: ``P_ij = n_ij / sum_j n_ij``.

    >>> panel = pd.DataFrame({"customer_id": [1, 1, 1, 2, 2], "period": [0, 1, 2, 0, 1],
    ...                       "stage": ["a", "a", "b", "b", "b"]})
    >>> estimate_transition_matrix(panel).loc["a"].tolist()
    [0.5, 0.5]
    """
    check_columns(panel, "panel", [customer, period, stage])
    frame = panel.sort_values([customer, period])
    nxt = frame.groupby(customer)[stage].shift(-1)
    gap = frame.groupby(customer)[period].shift(-1) - frame[period]
    ok = nxt.notna() & (gap == 1)
    states = list(states) if states is not None else sorted(frame[stage].astype(str).unique())
    counts = pd.crosstab(frame.loc[ok, stage].astype(str), nxt[ok].astype(str))
    counts = counts.reindex(index=states, columns=states, fill_value=0)
    empty = counts.index[counts.sum(axis=1) == 0].tolist()
    if empty:
        raise ValueError(f"panel has no transitions out of stage(s) {empty}")
    return transition_matrix(counts.div(counts.sum(axis=1), axis=0))


# --------------------------------------------------------------------------------------------
# The leaky bucket (seed S0 l.13)
# --------------------------------------------------------------------------------------------

def leaky_bucket(periods: int, initial: float, acquired: float, retention: float,
                 seed: int | None = None) -> pd.DataFrame:
    """Customers in through the front door, out through the back: ``N_{t+1} = r N_t + a``.

    With ``seed=None`` the expected (deterministic) path; with a seed, losses are binomial draws.

    >>> leaky_bucket(2, initial=100, acquired=20, retention=0.8)["end"].tolist()
    [100.0, 100.0, 100.0]
    """
    periods = check_integer(periods, "periods", low=1)
    n0 = check_nonnegative(initial, "initial")
    a = check_nonnegative(acquired, "acquired")
    r = check_probability(retention, "retention")
    rng = None if seed is None else np.random.default_rng(check_integer(seed, "seed", low=0))
    if rng is not None:
        n0, a = float(round(n0)), float(round(a))
    rows = [(0, 0.0, 0.0, 0.0, n0)]
    n = n0
    for t in range(1, periods + 1):
        kept = r * n if rng is None else float(rng.binomial(int(n), r))
        lost = n - kept
        rows.append((t, n, a, lost, kept + a))
        n = kept + a
    return pd.DataFrame(rows, columns=["period", "start", "acquired", "lost", "end"])


def leaky_bucket_steady_state(acquired: float, retention: float) -> float:
    """Long-run customer base ``N* = a / (1 - r)`` (acquisitions times expected lifetime).

    >>> leaky_bucket_steady_state(20, 0.8)
    100.0
    """
    a = check_nonnegative(acquired, "acquired")
    r = check_probability(retention, "retention", open_high=True)
    return float(a / (1 - r))


# --------------------------------------------------------------------------------------------
# Bonds and retention economics
# --------------------------------------------------------------------------------------------

def bond_retention(levels: Sequence[int], base_retention: float = 0.70,
                   defection_cut=(0.10, 0.20, 0.30, 0.40)) -> float:
    """Retention after adding relationship bonds of the given levels (1-4).

    Each bond of level ``l`` removes a share ``c_l`` of the remaining defection:
    ``r = 1 - (1 - r_0) prod_l (1 - c_l)``. The rising default cuts encode the idea that
    higher-level bonds are harder to copy (Berry & Parasuraman 1991, *Marketing Services*);
    the numbers are **assumptions, not from the textbook**.

    >>> round(bond_retention([1, 4], base_retention=0.7), 3)
    0.838
    """
    r0 = check_probability(base_retention, "base_retention")
    cuts = np.atleast_1d(check_probability(defection_cut, "defection_cut"))
    if cuts.shape != (4,):
        raise ValueError("defection_cut must hold 4 shares, one per bond level")
    lv = np.asarray([check_integer(v, "levels", low=1, high=4) for v in levels], dtype=int)
    if len(set(lv.tolist())) != lv.size:
        raise ValueError(f"levels must not repeat a level; got {list(levels)}")
    return float(1 - (1 - r0) * np.prod(1 - cuts[lv - 1]))


def expected_lifetime(retention) -> float | np.ndarray:
    """Expected number of periods a customer stays, ``1 / (1 - r)`` = 1 / defection rate.

    >>> expected_lifetime([0.90, 0.95])
    array([10., 20.])
    """
    r = check_probability(retention, "retention", open_high=True)
    return 1 / (1 - r)


def retention_clv(margin, retention, discount_rate: float = 0.10,
                  margin_growth: float = 0.0) -> float | np.ndarray:
    """Customer value with a margin that grows with tenure (Reichheld & Sasser 1990).

    ``CLV = sum_{t>=0} m (1+g)^t r^t / (1+d)^t = m (1+d) / (1 + d - r (1+g))`` (margin earned
    at the start of each period; needs ``r(1+g) < 1+d``). Not from the textbook: Reichheld, F. F.
    & Sasser, W. E. (1990), "Zero defections: quality comes to services", *HBR* 68(5), 105-111.

    >>> round(retention_clv(100, 0.8, 0.10), 2)
    366.67
    """
    m = check_number(margin, "margin")
    r = check_probability(retention, "retention")
    d = check_number(discount_rate, "discount_rate", low=0.0)
    g = check_number(margin_growth, "margin_growth", low=-1.0, low_open=True)
    growth = np.asarray(r) * (1 + g)
    if np.any(growth >= 1 + d):
        raise ValueError("retention * (1 + margin_growth) must be < 1 + discount_rate "
                         "(otherwise the value is infinite)")
    out = m * (1 + d) / (1 + d - growth)
    return float(out) if np.ndim(out) == 0 else out


def retention_profit_uplift(defection: float, cut: float = 0.05, fixed_cost_share: float = 0.8,
                            years: int = 1):
    """Relative profit gain from cutting the defection rate by ``cut`` (e.g. 5 points).

    A firm starts at its steady customer base ``N_0 = a / d`` and keeps acquiring ``a`` a year.
    Profit in year ``t`` is ``N_t m - F`` with fixed costs ``F = phi N_0 m`` (``phi`` =
    ``fixed_cost_share`` of the starting contribution). Over ``years`` years the gain is
    ``sum_t (N_t' - N_t) m / sum_t (N_t m - F)``. For one year this is ``cut / (1 - phi)``:
    the gain is large only when fixed costs eat most of the contribution, which is when the
    textbook's "25-100 %, depending on fixed costs" (l.918) holds. Not from the textbook.

    >>> round(retention_profit_uplift(0.10, 0.05, fixed_cost_share=0.8), 4)
    0.25
    >>> round(retention_profit_uplift(0.10, 0.05, fixed_cost_share=0.95), 4)
    1.0
    """
    d = check_probability(defection, "defection", open_low=True)
    c = check_probability(cut, "cut")
    if c > d:
        raise ValueError(f"cut must be <= defection ({d:g}); got {c:g}")
    phi = check_number(fixed_cost_share, "fixed_cost_share", low=0.0, high=1.0, high_open=True)
    years = check_integer(years, "years", low=1)
    t = np.arange(1, years + 1)
    r1 = 1 - d + c
    # Base normalised to N_0 = 1 with a = d; then N_t = N* + (1 - N*) r^t, N* = d / (1 - r).
    base = np.ones(years)
    if r1 >= 1:
        new = 1 + d * t
    else:
        star1 = d / (1 - r1)
        new = star1 + (1 - star1) * r1 ** t
    gain = float(np.sum(new - base))
    profit = float(np.sum(base) - years * phi)
    return gain / profit


def fixed_cost_share_for_uplift(target_uplift: float, defection: float, cut: float = 0.05,
                                years: int = 1) -> float:
    """The fixed-cost share ``phi`` at which :func:`retention_profit_uplift` equals a target.

    Profit is linear in ``phi``, so ``phi = 1 - gain / (H u)`` where ``gain`` is the extra
    customer-years. Returns a value < 0 when no fixed-cost level can give so small a gain.

    >>> round(fixed_cost_share_for_uplift(0.25, defection=0.10), 4)
    0.8
    """
    u = check_number(target_uplift, "target_uplift", low=0.0, low_open=True)
    years = check_integer(years, "years", low=1)
    gain = retention_profit_uplift(defection, cut, fixed_cost_share=0.0, years=years) * years
    return float(1 - gain / (years * u))


@dataclass(frozen=True)
class RetentionComparison:
    """Before/after figures for a cut in the defection rate."""

    table: pd.DataFrame

    def __repr__(self) -> str:
        return "RetentionComparison\n" + self.table.round(3).to_string()


def compare_defection_cut(defection: float, cut: float = 0.05, margin: float = 100.0,
                          discount_rate: float = 0.10, margin_growth: float = 0.0,
                          fixed_cost_share: float = 0.8) -> RetentionComparison:
    """Expected lifetime, customer value and one-year profit before and after a defection cut.

    >>> res = compare_defection_cut(0.10, 0.05, margin=100, discount_rate=0.10)
    >>> res.table.loc["expected lifetime (periods)"].tolist()
    [10.0, 20.0, 1.0]
    """
    d = check_probability(defection, "defection", open_low=True)
    c = check_probability(cut, "cut")
    if c >= d:
        raise ValueError(f"cut must be < defection ({d:g}); got {c:g}")
    r = np.array([1 - d, 1 - d + c])
    life = expected_lifetime(r)
    clv = retention_clv(margin, r, discount_rate, margin_growth)
    uplift = retention_profit_uplift(d, c, fixed_cost_share, years=1)
    table = pd.DataFrame(
        {"before": [d, life[0], clv[0], 1.0], "after": [d - c, life[1], clv[1], 1 + uplift]},
        index=["defection rate", "expected lifetime (periods)", "customer value",
               "one-year profit (index)"])
    table["change"] = table["after"] / table["before"] - 1
    return RetentionComparison(table)


# --------------------------------------------------------------------------------------------
# Relationship selling (textbook 7.4)
# --------------------------------------------------------------------------------------------

def simple_lifetime_value(purchase_value, gross_margin, n_purchases) -> float | np.ndarray:
    """Textbook 7.4 (l.3028-3038): ``dollar value x gross profit % x number of purchases``.

    The same formula as :func:`coursekit.models.clv.simple_clv` (module 04), which it calls.

    >>> simple_lifetime_value(75, 0.30, 1), simple_lifetime_value(75, 0.30, 5)
    (22.5, 112.5)
    """
    from coursekit.models.clv import simple_clv

    return simple_clv(purchase_value, gross_margin, n_purchases)


def little_things_contacts(notes_per_day: int = 3, days_per_week: int = 5,
                           weeks_per_year: int = 50) -> tuple[int, int]:
    """Textbook 7.4 (l.3080): three notes a day -> 15 contacts a week -> 750 a year.

    The text gives only 3, 15 and 750; 5 working days and 50 working weeks are the values
    that reproduce them (inferred, not stated).

    >>> little_things_contacts()
    (15, 750)
    """
    n = check_integer(notes_per_day, "notes_per_day", low=0)
    d = check_integer(days_per_week, "days_per_week", low=1, high=7)
    w = check_integer(weeks_per_year, "weeks_per_year", low=1, high=53)
    return n * d, n * d * w


def delivery_disconfirmation(promised, actual) -> np.ndarray:
    """Under-promise and over-deliver (l.3108): early = delighted, on time = met, late = disappointed.

    ``promised`` and ``actual`` are day numbers (e.g. Monday = 1, Tuesday = 2).

    >>> delivery_disconfirmation(2, [1, 2, 3]).tolist()
    ['delighted', 'met', 'disappointed']
    """
    p = as_float_array(promised, "promised")
    a = as_float_array(actual, "actual")
    diff = np.sign(np.broadcast_to(a, np.broadcast_shapes(p.shape, a.shape)) - p)
    return np.select([diff < 0, diff == 0], ["delighted", "met"], "disappointed")
