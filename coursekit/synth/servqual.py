"""Synthetic SERVQUAL survey (module 07) generated from a stated latent model.

Six service units - three branches of a bank and three hotels of a chain - with a few hundred
respondents each. Every respondent rates the 22 SERVQUAL expectation (E) and perception (P)
items on the 1-7 scale, states an adequate and a desired level per dimension, allocates 100
importance points to the five dimensions and gives an overall quality rating (1-7) and a
likelihood to recommend (0-10). A second table holds managers' estimates of what customers
expect, so that gap 1 can be measured directly.

The latent model (all of it a coursekit assumption, not from the textbook):

- ``E*_ri = muE[sector, d] + shiftE[segment, d] + g_r + xi_rd + eps_ri`` and
  ``P*_ri = muP[branch, d] + shiftP[segment] + g_r + eta_rd + nu_ri`` for item ``i`` of
  dimension ``d``; ``xi_r`` and ``eta_r`` are five correlated dimension factors (multivariate
  normal, correlations :data:`FACTOR_CORRELATION`), ``g_r`` a response style common to E and P,
  ``eps``/``nu`` item noise. Responses are ``clip(round(latent), 1, 7)``.
- Because every latent is normal given the segment, the *true* expected response of every item
  is known exactly, ``E[x] = 1 + sum_{k=1..6} Pr(latent > k + 1/2)``, and so are the true gaps
  (:func:`true_gaps`) and the true gap 1 (:func:`true_knowledge_gaps`).
- Overall quality ``Q* = 4 + sum_d beta_d (P*_d - 4) + noise`` with the perception factor
  ``P*_d = muP + shiftP + g + eta_d`` and :data:`DRIVER_WEIGHTS`; recommend
  ``R* = 5 + 2 (Q* - 5) + noise`` clipped to 0-10. Quality therefore depends on perceptions,
  not on expectations (as SERVPERF assumes, Cronin & Taylor 1992). This is a choice of the
  generator, so any comparison of SERVPERF with SERVQUAL on the shipped survey is decided *by
  construction*: perceptions must explain quality better than gaps, and reliability (the largest
  of :data:`DRIVER_WEIGHTS`) must come out as the top driver. With
  ``servqual_survey(quality_driver="gaps")`` quality is generated from the gaps instead,
  ``Q* = 5 + sum_d beta_d (P*_d - E*_d) + noise`` (same seed, same draws), and the comparison
  reverses.

>>> df = servqual_survey()
>>> df.shape, int(df["branch"].nunique())
((1700, 69), 6)
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit.models.servqual.instrument import DIMENSIONS, ITEMS, item_columns

__all__ = ["BRANCHES", "DRIVER_WEIGHTS", "FACTOR_CORRELATION", "QUALITY_DRIVERS", "servqual_survey",
           "servqual_management", "true_gaps", "true_knowledge_gaps", "true_item_means",
           "INCIDENT_GROUP_SHARES", "CODER_ACCURACY", "critical_incidents"]

_DIMS = DIMENSIONS
_ITEM_DIM = np.array([DIMENSIONS.index(item.dimension) for item in ITEMS])  # 4, 5, 4, 4, 5 items
_SEED = 20240507

#: branch -> (firm, sector, respondents, P latent means per dimension)
BRANCHES: dict[str, tuple[str, str, int, tuple[float, ...]]] = {
    "Harbour Bank Old Town": ("Harbour Bank", "bank", 320, (5.4, 5.5, 5.0, 5.9, 5.3)),
    "Harbour Bank Riverside": ("Harbour Bank", "bank", 280, (5.8, 5.9, 5.6, 6.0, 5.6)),
    "Harbour Bank Airport Road": ("Harbour Bank", "bank", 250, (4.9, 5.1, 4.6, 5.5, 4.8)),
    "Seaview Hotel City Centre": ("Seaview Hotels", "hotel", 300, (5.9, 5.4, 5.0, 5.6, 5.1)),
    "Seaview Hotel Airport": ("Seaview Hotels", "hotel", 260, (5.3, 5.7, 5.6, 5.5, 4.8)),
    "Seaview Hotel Resort": ("Seaview Hotels", "hotel", 290, (6.3, 5.5, 5.2, 5.8, 5.9)),
}
_MU_E = {"bank": np.array([5.3, 6.3, 5.9, 6.1, 5.6]), "hotel": np.array([6.0, 6.2, 6.0, 5.9, 5.7])}
_P_REGULAR = {"bank": 0.6, "hotel": 0.35}     # share of regular (repeat) customers
_P_BUSINESS = {"bank": 0.3, "hotel": 0.4}     # share visiting on business
_E_REGULAR, _P_REGULAR_SHIFT = 0.15, 0.2      # regulars expect and perceive a little more
_E_BUSINESS = np.array([0.0, 0.2, 0.3, 0.0, 0.0])  # business customers expect more speed
#: Correlation of the five dimension factors (same for E and P factors).
FACTOR_CORRELATION = 0.55
_SD_STYLE, _SD_XI, _SD_ETA = 0.3, 0.5, 0.8
_SD_EPS = np.tile([0.55, 0.6, 0.65, 0.5, 0.6], 5)[:22]   # item noise, expectations
_SD_NU = np.tile([0.7, 0.65, 0.75, 0.6, 0.7], 5)[:22]    # item noise, perceptions
#: What overall quality is generated from: perceptions (SERVPERF's truth, the shipped data) or
#: gaps P - E (SERVQUAL's truth).
QUALITY_DRIVERS = ("perceptions", "gaps")
#: True weights of the perception (or gap) factors in the overall quality rating.
DRIVER_WEIGHTS = dict(zip(_DIMS, (0.12, 0.38, 0.22, 0.14, 0.10)))
_ZONE_WIDTH = np.array([1.4, 0.8, 1.1, 1.0, 1.3])  # desired - adequate; narrowest for reliability
_IMPORTANCE = {"bank": np.array([10, 32, 22, 20, 16.0]), "hotel": np.array([18, 28, 22, 16, 16.0])}
#: Management bias in estimating customers' expectations (branch -> per dimension).
_MGMT_BIAS = {
    "Harbour Bank Old Town": (0.1, -0.2, -0.3, 0.0, 0.0),
    "Harbour Bank Riverside": (0.0, 0.0, -0.1, 0.0, 0.1),
    "Harbour Bank Airport Road": (0.3, -0.6, -0.5, 0.0, -0.4),
    "Seaview Hotel City Centre": (0.4, -0.3, -0.8, 0.0, -0.2),
    "Seaview Hotel Airport": (0.2, -0.1, -0.3, 0.0, -0.3),
    "Seaview Hotel Resort": (0.3, -0.2, -0.6, 0.0, 0.0),
}
_ROLES = ("branch manager", "assistant manager", "supervisor", "supervisor", "supervisor",
          "supervisor")
_SD_MANAGER, _SD_MGMT_ITEM = 0.25, 0.5


def _ordinal_mean(mean: np.ndarray, sd: np.ndarray | float) -> np.ndarray:
    """E[clip(round(Z), 1, 7)] for Z ~ N(mean, sd^2): 1 + sum_k Pr(Z > k + 1/2)."""
    from scipy.stats import norm

    cuts = np.arange(1.5, 7.0, 1.0)
    mean = np.asarray(mean, dtype=float)[..., None]
    return 1 + norm.sf(cuts, loc=mean, scale=np.asarray(sd, dtype=float)[..., None]).sum(-1)


def _likert(latent: np.ndarray, low: int = 1, high: int = 7) -> np.ndarray:
    return np.clip(np.rint(latent), low, high).astype(np.int64)


def _factors(rng: np.random.Generator, n: int, sd: float) -> np.ndarray:
    corr = np.full((5, 5), FACTOR_CORRELATION)
    np.fill_diagonal(corr, 1.0)
    return rng.multivariate_normal(np.zeros(5), sd**2 * corr, size=n, method="cholesky")


def _allocate_100(shares: np.ndarray) -> np.ndarray:
    """Round rows of shares to integers summing to 100 (largest-remainder method)."""
    raw = shares * 100
    base = np.floor(raw).astype(np.int64)
    short = 100 - base.sum(axis=1)
    order = np.argsort(-(raw - base), axis=1, kind="stable")
    rank = np.argsort(order, axis=1)
    return base + (rank < short[:, None])


def servqual_survey(seed: int = _SEED, quality_driver: str = "perceptions") -> pd.DataFrame:
    """The survey: one row per respondent (see the module docstring for the latent model).

    ``quality_driver`` (one of :data:`QUALITY_DRIVERS`) says what overall quality is generated
    from: ``"perceptions"`` (the shipped ``servqual_survey`` data) or ``"gaps"``. Every other
    column is identical for the same ``seed``.

    >>> a, b = servqual_survey(), servqual_survey(quality_driver="gaps")
    >>> bool(a.drop(columns=["overall_quality", "recommend"]).equals(
    ...     b.drop(columns=["overall_quality", "recommend"])))
    True
    """
    if quality_driver not in QUALITY_DRIVERS:
        raise ValueError(f"quality_driver must be one of {QUALITY_DRIVERS}; got {quality_driver!r}")
    rng = np.random.default_rng(seed)
    parts = []
    for branch, (firm, sector, n, mu_p) in BRANCHES.items():
        regular = rng.random(n) < _P_REGULAR[sector]
        business = rng.random(n) < _P_BUSINESS[sector]
        age = rng.choice(["18-34", "35-54", "55+"], size=n, p=[0.3, 0.4, 0.3])
        p_online = np.select([age == "18-34", age == "35-54"], [0.8, 0.55], 0.3)
        mode = np.where(rng.random(n) < p_online, "online", "paper")
        style = rng.normal(0, _SD_STYLE, n)[:, None]
        e_dim = (_MU_E[sector] + _E_REGULAR * regular[:, None] + _E_BUSINESS * business[:, None]
                 + style + _factors(rng, n, _SD_XI))
        p_dim = np.asarray(mu_p) + _P_REGULAR_SHIFT * regular[:, None] + style \
            + _factors(rng, n, _SD_ETA)
        e_items = _likert(e_dim[:, _ITEM_DIM] + rng.normal(0, _SD_EPS, (n, 22)))
        p_items = _likert(p_dim[:, _ITEM_DIM] + rng.normal(0, _SD_NU, (n, 22)))
        desired = _likert(e_dim + 0.25 + rng.normal(0, 0.4, (n, 5)))
        adequate = np.minimum(_likert(e_dim + 0.25 - _ZONE_WIDTH + rng.normal(0, 0.4, (n, 5))),
                              desired)
        importance = _allocate_100(rng.dirichlet(_IMPORTANCE[sector] * 0.4, size=n))
        beta = np.array(list(DRIVER_WEIGHTS.values()))
        if quality_driver == "perceptions":
            q_star = 4 + (p_dim - 4) @ beta + rng.normal(0, 0.45, n)
        else:
            q_star = 5 + (p_dim - e_dim) @ beta + rng.normal(0, 0.45, n)
        recommend = _likert(5 + 2 * (q_star - 5) + rng.normal(0, 1.2, n), 0, 10)
        frame = pd.DataFrame({
            "firm": firm, "sector": sector, "branch": branch,
            "customer_type": np.where(regular, "regular", "new"),
            "purpose": np.where(business, "business", "private"),
            "age_group": age, "survey_mode": mode,
        })
        frame = pd.concat([
            frame,
            pd.DataFrame(e_items, columns=item_columns("e")),
            pd.DataFrame(p_items, columns=item_columns("p")),
            pd.DataFrame(adequate, columns=[f"adequate_{d}" for d in _DIMS]),
            pd.DataFrame(desired, columns=[f"desired_{d}" for d in _DIMS]),
            pd.DataFrame(importance, columns=[f"importance_{d}" for d in _DIMS]),
        ], axis=1)
        frame["overall_quality"] = _likert(q_star)
        frame["recommend"] = recommend
        parts.append(frame)
    out = pd.concat(parts, ignore_index=True)
    out.insert(0, "respondent", np.arange(1, len(out) + 1, dtype=np.int64))
    return out


def _segment_mixture(sector: str) -> list[tuple[float, np.ndarray, float]]:
    """(probability, E shift per dimension, P shift) of the four customer segments."""
    out = []
    for regular in (False, True):
        for business in (False, True):
            prob = ((_P_REGULAR[sector] if regular else 1 - _P_REGULAR[sector])
                    * (_P_BUSINESS[sector] if business else 1 - _P_BUSINESS[sector]))
            out.append((prob, _E_REGULAR * regular + _E_BUSINESS * business,
                        _P_REGULAR_SHIFT * regular))
    return out


def true_item_means() -> pd.DataFrame:
    """Exact expected E and P response of every item per branch (long: branch, item, e, p)."""
    rows = []
    for branch, (_, sector, _, mu_p) in BRANCHES.items():
        sd_e = np.sqrt(_SD_STYLE**2 + _SD_XI**2 + _SD_EPS**2)
        sd_p = np.sqrt(_SD_STYLE**2 + _SD_ETA**2 + _SD_NU**2)
        e = sum(w * _ordinal_mean((_MU_E[sector] + se)[_ITEM_DIM], sd_e)
                for w, se, _ in _segment_mixture(sector))
        p = sum(w * _ordinal_mean((np.asarray(mu_p) + sp)[_ITEM_DIM], sd_p)
                for w, _, sp in _segment_mixture(sector))
        rows.append(pd.DataFrame({"branch": branch, "item": np.arange(1, 23), "e": e, "p": p}))
    return pd.concat(rows, ignore_index=True)


def _by_dimension(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    frame = frame.assign(dimension=np.array(_DIMS)[_ITEM_DIM[frame["item"].to_numpy() - 1]])
    table = frame.pivot_table(index="branch", columns="dimension", values=column, sort=False)
    return table[list(_DIMS)].rename_axis(columns=None)


def true_gaps() -> pd.DataFrame:
    """True mean dimension gap ``P - E`` per branch on the observed 1-7 scale.

    >>> float(true_gaps().loc["Harbour Bank Airport Road", "responsiveness"].round(2))
    -1.32
    """
    means = true_item_means()
    return _by_dimension(means.assign(gap=means["p"] - means["e"]), "gap")


def true_knowledge_gaps() -> pd.DataFrame:
    """True gap 1 per branch and dimension: customers' expected E minus managers' expected estimate."""
    means = true_item_means()
    sd_m = np.sqrt(_SD_MANAGER**2 + _SD_MGMT_ITEM**2)
    est = []
    for branch, (_, sector, _, _) in BRANCHES.items():
        shift = sum(w * se for w, se, _ in _segment_mixture(sector))
        mu = (_MU_E[sector] + shift + np.asarray(_MGMT_BIAS[branch]))[_ITEM_DIM]
        est.append(_ordinal_mean(mu, sd_m))
    means["gap1"] = means["e"] - np.concatenate(est)
    return _by_dimension(means, "gap1")


def servqual_management(seed: int = _SEED + 1) -> pd.DataFrame:
    """Managers' estimates of customers' expectations: one row per manager, items m01-m22.

    Each manager's latent estimate is the customers' mean expectation (segment mix included)
    plus a branch-level bias per dimension, a manager effect and item noise.

    >>> m = servqual_management()
    >>> m.shape, m.groupby("branch").size().unique().tolist()
    ((36, 27), [6])
    """
    rng = np.random.default_rng(seed)
    parts = []
    for branch, (firm, sector, _, _) in BRANCHES.items():
        shift = sum(w * se for w, se, _ in _segment_mixture(sector))
        mu = (_MU_E[sector] + shift + np.asarray(_MGMT_BIAS[branch]))[_ITEM_DIM]
        n = len(_ROLES)
        latent = mu + rng.normal(0, _SD_MANAGER, (n, 1)) + rng.normal(0, _SD_MGMT_ITEM, (n, 22))
        frame = pd.DataFrame({"firm": firm, "sector": sector, "branch": branch,
                              "role": list(_ROLES)})
        parts.append(pd.concat([frame, pd.DataFrame(
            _likert(latent), columns=item_columns("m"))], axis=1))
    out = pd.concat(parts, ignore_index=True)
    out.insert(0, "manager", np.arange(1, len(out) + 1, dtype=np.int64))
    return out


# --- critical incidents (Bitner, Booms & Tetreault 1990): the generating truth --------------
#: P(group | outcome) of the synthetic incidents: assumptions of the coursekit authors, chosen
#: to show the pattern BBT (1990) report (system failures dominate the dissatisfying stories,
#: unprompted actions the satisfying ones). Not survey data.
INCIDENT_GROUP_SHARES = {"satisfying": (0.25, 0.30, 0.45), "dissatisfying": (0.45, 0.15, 0.40)}
#: P(a coder puts an incident into its true group); otherwise one of the two others, equally.
CODER_ACCURACY = {"coder_a": 0.90, "coder_b": 0.85}
_SETTINGS = {"airline": ("flight", "gate agent", "flight attendant"),
             "hotel": ("room", "desk clerk", "housekeeper"),
             "restaurant": ("table", "waiter", "chef")}
_STORIES = {  # (group, outcome) -> templates with {thing}, {staff}, {other}
    ("1 system failure", "satisfying"): (
        "Our {thing} was not available, but the {staff} found us a better one at no charge.",
        "Everything was running late; the {staff} kept us posted and made up for the delay.",
        "The {thing} had a fault; the {staff} apologised and fixed it within minutes."),
    ("1 system failure", "dissatisfying"): (
        "Our {thing} was not available and the {staff} just shrugged.",
        "We waited more than an hour and nobody explained anything.",
        "The {thing} had a fault and the {staff} said it was not their job."),
    ("2 customer request", "satisfying"): (
        "I asked for a special diet and the {other} arranged it without fuss.",
        "I had lost my ticket; the {staff} sorted it out kindly.",
        "A noisy group disturbed us and the {staff} moved us somewhere quiet."),
    ("2 customer request", "dissatisfying"): (
        "I asked to change my {thing} and the {staff} said it was against policy.",
        "My child needed help and the {staff} ignored the request.",
        "A drunk guest bothered us and the {staff} did nothing."),
    ("3 unprompted action", "satisfying"): (
        "The {staff} remembered my name from last year.",
        "It was my birthday and the {other} surprised me without being asked.",
        "Despite the chaos the {staff} stayed calm and friendly to everyone."),
    ("3 unprompted action", "dissatisfying"): (
        "The {staff} was rude and rolled their eyes at us.",
        "The {staff} kept chatting with a colleague while we stood there.",
        "The {other} made a joke about my accent."),
}


def critical_incidents(n_incidents: int = 240, seed: int = 1990) -> pd.DataFrame:
    """Synthetic critical incidents of airlines, hotels and restaurants, coded by two coders.

    Half the incidents are satisfying, half dissatisfying; the true group follows
    :data:`INCIDENT_GROUP_SHARES`; each story is a template of its group and outcome; coder A and
    coder B find the true group with the probabilities of :data:`CODER_ACCURACY`.

    >>> frame = critical_incidents()
    >>> frame.shape, sorted(frame["outcome"].unique())
    ((240, 7), ['dissatisfying', 'satisfying'])
    """
    rng = np.random.default_rng(seed)
    groups = ["1 system failure", "2 customer request", "3 unprompted action"]
    outcome = np.repeat(["satisfying", "dissatisfying"], [n_incidents // 2,
                                                          n_incidents - n_incidents // 2])
    setting = rng.choice(list(_SETTINGS), n_incidents)
    true = np.array([groups[rng.choice(3, p=INCIDENT_GROUP_SHARES[o])] for o in outcome])
    stories = []
    for g, o, s in zip(true, outcome, setting):
        thing, staff, other = _SETTINGS[s]
        template = _STORIES[(g, o)][rng.integers(3)]
        stories.append(template.format(thing=thing, staff=staff, other=other))
    codes = {}
    for coder, accuracy in CODER_ACCURACY.items():
        wrong = rng.random(n_incidents) >= accuracy
        shift = rng.integers(1, 3, n_incidents)  # one of the two other groups
        index = np.array([groups.index(g) for g in true])
        codes[coder] = np.array(groups)[np.where(wrong, (index + shift) % 3, index)]
    order = rng.permutation(n_incidents)
    frame = pd.DataFrame({"incident": np.arange(1, n_incidents + 1), "setting": setting[order],
                          "outcome": outcome[order], "story": np.array(stories)[order],
                          "coder_a": codes["coder_a"][order], "coder_b": codes["coder_b"][order],
                          "true_group": true[order]})
    return frame
