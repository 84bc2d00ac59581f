"""Relationship stages (strangers -> partners) as a Markov chain.

The stages are the textbook's (seed S2 l.136-146). Modelling them as a Markov chain, the
fundamental matrix and the value per stage are **not from the textbook**: they follow Kemeny &
Snell (1976), *Finite Markov Chains*, and Pfeifer & Carraway (2000), "Modeling customer
relationships as Markov chains", *Journal of Interactive Marketing* 14(2), 43-55. Every
transition probability in :data:`EXAMPLE_MATRIX` is an illustrative assumption.
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
    check_number,
    check_probability,
)
from coursekit.models.relationships.concepts import EVOLUTION_STAGES

__all__ = [
    "EXAMPLE_MATRIX", "transition_matrix", "example_chain", "stage_chain", "ChainSummary",
    "summarise_chain", "stage_distribution", "absorbing_analysis", "expected_time_to",
    "steady_state", "value_per_stage", "estimate_transition_matrix", "AbsorbingResult",
]

#: Illustrative four-stage chain (rows: this period, columns: next period). **Assumed numbers,
#: not from the textbook.** A lost customer goes back to being a stranger.
EXAMPLE_MATRIX = pd.DataFrame(
    [[0.70, 0.30, 0.00, 0.00],
     [0.25, 0.50, 0.25, 0.00],
     [0.10, 0.00, 0.75, 0.15],
     [0.05, 0.00, 0.00, 0.95]],
    index=list(EVOLUTION_STAGES), columns=list(EVOLUTION_STAGES),
)


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
