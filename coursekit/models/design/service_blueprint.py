"""The service blueprint: lanes, the three lines, fail points and the time a customer waits.

Not from the textbook: Shostack, G. L. (1984), "Designing services that deliver", *Harvard
Business Review* 62(1), 133-139 (the blueprint, fail points and the line of visibility);
Bitner, M. J., Ostrom, A. L. & Morgan, F. N. (2008), "Service blueprinting: a practical
technique for service innovation", *California Management Review* 50(3), 66-94 (the five
components and three lines drawn in today's textbooks).

A blueprint is a table of *steps*. Each step sits in one of five lanes, from top to bottom::

    physical evidence | customer actions || onstage contact | backstage contact | support processes
                       line of interaction   line of visibility   line of internal interaction

and in a *stage* (a column: the customer's step it belongs to). A step takes ``minutes`` and may
start only after the steps named in ``after`` have finished (the arrows of the drawing). The
customer does one thing at a time, so each customer action also waits for the previous one.
Scheduling every step as early as possible (a forward pass over the arrows, as in a critical-path
schedule) gives the minute each customer action can start; the gap between the end of the
customer's previous action and that start is the **wait** at that action (a *wait point* when
it is positive). Shostack's **fail points** are the steps flagged ``fail_point``; a failure
there delays every customer action downstream of it along the arrows.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from coursekit._validate import check_columns, check_number

__all__ = ["LANES", "LINES", "Blueprint", "blueprint", "schedule", "customer_waits",
           "fail_points", "delay_impact", "line_crossings"]

#: The five components of a blueprint, top to bottom (Bitner, Ostrom & Morgan 2008).
LANES: tuple[str, ...] = ("physical evidence", "customer actions", "onstage contact",
                          "backstage contact", "support processes")

#: The three lines; each is drawn just below the lane with this index in :data:`LANES`.
LINES: dict[str, int] = {"line of interaction": 1, "line of visibility": 2,
                         "line of internal interaction": 3}

_COLUMNS = ("step", "stage", "lane", "activity", "minutes", "after", "fail_point", "fail_mode")
_NONE = ("", "-")


def _split(after) -> tuple[str, ...]:
    if after is None or (isinstance(after, float) and np.isnan(after)) or after is pd.NA:
        return ()
    text = str(after).strip()
    return () if text in _NONE else tuple(s.strip() for s in text.split(";") if s.strip())


@dataclass(frozen=True)
class Blueprint:
    """A checked blueprint: ``steps`` is indexed by step id, in topological order of the arrows.

    Columns: ``stage`` (int), ``lane`` (one of :data:`LANES`), ``activity``, ``minutes``,
    ``after`` (tuple of step ids), ``fail_point`` (bool), ``fail_mode`` (text).
    """

    service: str
    steps: pd.DataFrame

    def lane(self, name: str) -> pd.DataFrame:
        """The steps of one lane, by stage."""
        if name not in LANES:
            raise ValueError(f"name must be one of {LANES}; got {name!r}")
        return self.steps[self.steps["lane"] == name].sort_values("stage")

    def __repr__(self) -> str:
        counts = self.steps["lane"].value_counts().reindex(LANES, fill_value=0)
        return (f"Blueprint({self.service!r}: {len(self.steps)} steps in "
                f"{self.steps['stage'].nunique()} stages; "
                + ", ".join(f"{k} {v}" for k, v in counts.items())
                + f"; {int(self.steps['fail_point'].sum())} fail points)")


def blueprint(frame: pd.DataFrame, service: str | None = None) -> Blueprint:
    """Check a table of steps and return a :class:`Blueprint`.

    ``frame`` needs the columns ``step, stage, lane, activity, minutes, after, fail_point`` (and
    optionally ``fail_mode`` and ``service``; with several services, name one). ``after`` lists
    predecessor step ids separated by ``;`` (``-`` or empty for none). Physical evidence takes no
    time and has no arrows; the arrows must form no cycle.

    >>> steps = pd.DataFrame({"step": ["a", "b", "c"], "stage": [1, 1, 2],
    ...     "lane": ["customer actions", "backstage contact", "customer actions"],
    ...     "activity": ["order", "cook", "eat"], "minutes": [2, 10, 15],
    ...     "after": ["-", "a", "a;b"], "fail_point": [False, True, False]})
    >>> blueprint(steps, "diner")
    Blueprint('diner': 3 steps in 2 stages; physical evidence 0, customer actions 2, onstage contact 0, backstage contact 1, support processes 0; 1 fail points)
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame must be a DataFrame of blueprint steps; got {type(frame).__name__}")
    check_columns(frame, "frame", [c for c in _COLUMNS if c != "fail_mode"])
    if "service" in frame:
        services = list(pd.unique(frame["service"]))
        if service is None and len(services) > 1:
            raise ValueError(f"service must name one of {services}: the frame holds several")
        if service is not None:
            if service not in services:
                raise ValueError(f"service must be one of {services}; got {service!r}")
            frame = frame[frame["service"] == service]
        service = service or str(services[0])
    if frame.empty:
        raise ValueError("frame must hold at least one step")
    steps = pd.DataFrame({
        "step": frame["step"].astype(str).to_numpy(),
        "stage": frame["stage"].to_numpy(),
        "lane": frame["lane"].astype(str).to_numpy(),
        "activity": frame["activity"].astype(str).to_numpy(),
        "minutes": check_number(frame["minutes"].to_numpy(), "minutes", low=0).astype(float),
        "after": [_split(a) for a in frame["after"]],
        "fail_point": frame["fail_point"].astype(bool).to_numpy(),
        "fail_mode": (frame["fail_mode"].astype(str).to_numpy() if "fail_mode" in frame
                      else ["-"] * len(frame)),
    })
    if steps["step"].duplicated().any():
        raise ValueError(f"step ids must be unique; repeated: "
                         f"{sorted(set(steps['step'][steps['step'].duplicated()]))}")
    bad = sorted(set(steps["lane"]) - set(LANES))
    if bad:
        raise ValueError(f"lane must be one of {LANES}; got {bad}")
    if not pd.api.types.is_integer_dtype(steps["stage"]) or (steps["stage"] < 1).any():
        raise ValueError("stage must hold whole numbers >= 1 (the column of each step)")
    known = set(steps["step"])
    unknown = sorted({a for afters in steps["after"] for a in afters} - known)
    if unknown:
        raise ValueError(f"after names steps that do not exist: {unknown}")
    evidence = steps["lane"] == "physical evidence"
    if (steps.loc[evidence, "minutes"] > 0).any() or steps.loc[evidence, "after"].map(len).any():
        raise ValueError("physical evidence must take 0 minutes and have no after: it is what "
                         "the customer sees, not an activity")
    if (steps["lane"] == "customer actions").sum() == 0:
        raise ValueError("frame must hold at least one step in the 'customer actions' lane")
    steps = steps.set_index("step")
    return Blueprint(str(service or "service"), steps.loc[_topological_order(steps)])


def _predecessors(steps: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The arrows plus the customer's own sequence (one customer action at a time)."""
    pred = {s: tuple(a) for s, a in steps["after"].items()}
    customer = steps[steps["lane"] == "customer actions"].sort_values("stage", kind="stable")
    ids = list(customer.index)
    for before, step in zip(ids, ids[1:]):
        if before not in pred[step]:
            pred[step] = (*pred[step], before)
    return pred


def _topological_order(steps: pd.DataFrame) -> list[str]:
    pred = _predecessors(steps)
    order, done, visiting = [], set(), set()

    def visit(step: str, path: tuple[str, ...]) -> None:
        if step in done:
            return
        if step in visiting:
            raise ValueError(f"after must not form a cycle: {' -> '.join((*path, step))}")
        visiting.add(step)
        for p in pred[step]:
            visit(p, (*path, step))
        visiting.discard(step)
        done.add(step)
        order.append(step)

    for step in steps.index:
        visit(step, ())
    return order


def _check(bp) -> Blueprint:
    if not isinstance(bp, Blueprint):
        raise TypeError(f"bp must be a Blueprint (from design.blueprint); got {type(bp).__name__}")
    return bp


def schedule(bp: Blueprint, extra_minutes: dict[str, float] | None = None) -> pd.DataFrame:
    """Earliest start and finish of every step (minutes from the customer's arrival).

    start(s) = max over predecessors p of finish(p) (0 without any), finish(s) = start(s) +
    minutes(s), where the predecessors are the arrows plus the customer's previous action.
    ``extra_minutes`` adds time to chosen steps (a failure that slows a step down).

    >>> steps = pd.DataFrame({"step": ["a", "b", "c"], "stage": [1, 1, 2],
    ...     "lane": ["customer actions", "backstage contact", "customer actions"],
    ...     "activity": ["order", "cook", "eat"], "minutes": [2, 10, 15],
    ...     "after": ["-", "a", "a;b"], "fail_point": [False, True, False]})
    >>> schedule(blueprint(steps))[["start", "finish"]].to_dict("list")
    {'start': [0.0, 2.0, 12.0], 'finish': [2.0, 12.0, 27.0]}
    """
    _check(bp)
    minutes = bp.steps["minutes"].copy()
    for step, extra in (extra_minutes or {}).items():
        if step not in minutes.index:
            raise ValueError(f"extra_minutes names an unknown step {step!r}; "
                             f"steps are {list(minutes.index)}")
        minutes[step] += float(check_number(extra, f"extra_minutes[{step!r}]", low=0))
    pred = _predecessors(bp.steps)
    start, finish = {}, {}
    for step in bp.steps.index:  # topological order
        start[step] = max((finish[p] for p in pred[step]), default=0.0)
        finish[step] = start[step] + minutes[step]
    out = bp.steps[["stage", "lane", "activity"]].copy()
    out["minutes"] = minutes
    out["start"] = pd.Series(start)
    out["finish"] = pd.Series(finish)
    return out


def customer_waits(bp: Blueprint, extra_minutes: dict[str, float] | None = None) -> pd.DataFrame:
    """The customer's actions with the minutes the customer waits before each.

    wait_k = start_k - finish_(k-1) (the end of the customer's previous action; 0 for the first).
    ``waiting_for`` names the provider step whose finish the customer waits for (``-`` if none):
    a positive wait marks a *wait point*.

    >>> steps = pd.DataFrame({"step": ["a", "b", "c"], "stage": [1, 1, 2],
    ...     "lane": ["customer actions", "backstage contact", "customer actions"],
    ...     "activity": ["order", "cook", "eat"], "minutes": [2, 10, 15],
    ...     "after": ["-", "a", "a;b"], "fail_point": [False, True, False]})
    >>> customer_waits(blueprint(steps))[["activity", "wait", "waiting_for"]].to_dict("list")
    {'activity': ['order', 'eat'], 'wait': [0.0, 10.0], 'waiting_for': ['-', 'b']}
    """
    sched = schedule(bp, extra_minutes)
    customer = sched[sched["lane"] == "customer actions"].sort_values(["stage", "start"])
    ready = np.r_[customer["start"].iloc[0], customer["finish"].to_numpy()[:-1]]
    out = customer[["stage", "activity", "start", "finish"]].copy()
    out.insert(2, "ready", ready)
    out["wait"] = np.round(out["start"].to_numpy() - ready, 10)
    binding = []
    for step, row in out.iterrows():
        waits_on = [p for p in bp.steps.at[step, "after"]
                    if bp.steps.at[p, "lane"] != "customer actions"
                    and np.isclose(sched.at[p, "finish"], row["start"])]
        binding.append(waits_on[0] if row["wait"] > 0 and waits_on else "-")
    out["waiting_for"] = binding
    return out


def fail_points(bp: Blueprint) -> pd.DataFrame:
    """The fail points, whether the customer can see them, and the customer actions they delay.

    ``visible`` is True for steps above the line of visibility (customer actions and onstage
    contact); ``delays`` lists the customer actions downstream of the step along the arrows.

    >>> steps = pd.DataFrame({"step": ["a", "b", "c"], "stage": [1, 1, 2],
    ...     "lane": ["customer actions", "backstage contact", "customer actions"],
    ...     "activity": ["order", "cook", "eat"], "minutes": [2, 10, 15],
    ...     "after": ["-", "a", "a;b"], "fail_point": [False, True, False]})
    >>> fail_points(blueprint(steps))[["activity", "visible", "delays"]].to_dict("list")
    {'activity': ['cook'], 'visible': [False], 'delays': [('c',)]}
    """
    _check(bp)
    pred = _predecessors(bp.steps)
    successors: dict[str, list[str]] = {s: [] for s in bp.steps.index}
    for step, ps in pred.items():
        for p in ps:
            successors[p].append(step)
    rows = []
    for step in bp.steps.index[bp.steps["fail_point"].to_numpy()]:
        seen, stack = set(), list(successors[step])
        while stack:
            s = stack.pop()
            if s not in seen:
                seen.add(s)
                stack += successors[s]
        lane = bp.steps.at[step, "lane"]
        delays = tuple(s for s in bp.steps.index if s in seen
                       and bp.steps.at[s, "lane"] == "customer actions")
        rows.append({"step": step, "stage": bp.steps.at[step, "stage"], "lane": lane,
                     "activity": bp.steps.at[step, "activity"],
                     "fail_mode": bp.steps.at[step, "fail_mode"],
                     "visible": LANES.index(lane) <= LINES["line of visibility"],
                     "delays": delays})
    return pd.DataFrame(rows, columns=["step", "stage", "lane", "activity", "fail_mode",
                                       "visible", "delays"]).set_index("step")


def delay_impact(bp: Blueprint, step: str, extra_minutes: float) -> dict[str, float]:
    """What ``extra_minutes`` more at ``step`` does to the customer: added wait and added time.

    added wait = sum of waits with the delay - sum of waits without; the customer notices a
    backstage delay only when it exceeds the *slack* of the step (the time it could slip without
    holding up a customer action).

    >>> steps = pd.DataFrame({"step": ["a", "b", "c", "d"], "stage": [1, 1, 1, 2],
    ...     "lane": ["customer actions", "backstage contact", "support processes",
    ...              "customer actions"], "activity": ["order", "cook", "bake", "eat"],
    ...     "minutes": [2, 10, 4, 15], "after": ["-", "a", "a", "a;b;c"],
    ...     "fail_point": [False, True, True, False]})
    >>> bp = blueprint(steps)
    >>> delay_impact(bp, "c", 5), delay_impact(bp, "b", 5)
    ({'added_wait': 0.0, 'added_time': 0.0}, {'added_wait': 5.0, 'added_time': 5.0})
    """
    _check(bp)
    if step not in bp.steps.index:
        raise ValueError(f"step must be one of {list(bp.steps.index)}; got {step!r}")
    before = customer_waits(bp)
    after = customer_waits(bp, {step: extra_minutes})
    return {"added_wait": float(after["wait"].sum() - before["wait"].sum()),
            "added_time": float(after["finish"].iloc[-1] - before["finish"].iloc[-1])}


def line_crossings(bp: Blueprint) -> pd.Series:
    """How many arrows cross each of the three lines (points of contact across it).

    An arrow from lane i to lane j crosses every line between them. Many arrows across the line
    of interaction mean many moments of truth; across the line of internal interaction, many
    hand-offs to support.

    >>> steps = pd.DataFrame({"step": ["a", "b", "c"], "stage": [1, 1, 2],
    ...     "lane": ["customer actions", "backstage contact", "customer actions"],
    ...     "activity": ["order", "cook", "eat"], "minutes": [2, 10, 15],
    ...     "after": ["-", "a", "a;b"], "fail_point": [False, True, False]})
    >>> line_crossings(blueprint(steps)).to_dict()
    {'line of interaction': 2, 'line of visibility': 2, 'line of internal interaction': 0}
    """
    _check(bp)
    level = bp.steps["lane"].map(LANES.index)
    pairs = np.array([(level[p], level[s]) for s, ps in bp.steps["after"].items() for p in ps],
                     dtype=int).reshape(-1, 2)
    low, high = pairs.min(axis=1), pairs.max(axis=1)
    return pd.Series({name: int(((low <= below) & (high > below)).sum())
                      for name, below in LINES.items()}, name="arrows crossing")
