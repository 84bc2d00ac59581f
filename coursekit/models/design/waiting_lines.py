"""Demand, capacity and waiting lines: the M/M/c queue (Erlang C), staffing and a simulation.

Seed S2 lists "failure to match supply and demand" among the factors of provider gap 3 (service
performance). When customers arrive at random, a counter staffed for the *average* demand still
makes them wait; the M/M/c queue says how long. Not from the textbook: Erlang, A. K. (1917),
"Solution of some problems in the theory of probabilities of significance in automatic telephone
exchanges", *Elektroteknikeren* 13; the formulas as in Gross, D., Shortle, J. F., Thompson, J. M. &
Harris, C. M. (2008), *Fundamentals of Queueing Theory* (4th ed.), Wiley, section 2.3.

Assumptions of the model (state them when you use it): arrivals form a Poisson process with rate
``lambda`` per minute, service times are exponential with mean ``1 / mu`` minutes, ``c``
identical servers take one first-come-first-served queue, nobody balks or reneges, and the queue
has settled into its steady state (it needs ``lambda < c mu``).
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
import pandas as pd

from coursekit._validate import check_integer, check_number, check_positive, check_probability

__all__ = ["erlang_b", "erlang_c", "QueueResult", "mmc_queue", "servers_needed",
           "compare_servers", "simulate_queue", "staffing_plan"]


def _servers(servers) -> int:
    return check_integer(servers, "servers", low=1)


def erlang_b(servers: int, offered_load):
    """Erlang B: the share of arrivals that find all ``servers`` busy when nobody queues.

    B(0, a) = 1;  B(k, a) = a B(k-1, a) / (k + a B(k-1, a)),  with a = lambda / mu the offered
    load in erlangs. The recursion never forms a^c or c!, so it stays exact for hundreds of
    servers (the textbook formula overflows).

    >>> round(erlang_b(2, 1.0), 4)   # a^2/2 / (1 + a + a^2/2) = 0.5 / 2.5
    0.2
    >>> erlang_b(500, 450.0) > 0
    True
    """
    c = _servers(servers)
    a = check_positive(offered_load, "offered_load")
    b = np.ones_like(np.asarray(a, dtype=float))
    for k in range(1, c + 1):
        b = a * b / (k + a * b)
    return float(b) if np.ndim(b) == 0 else b


def erlang_c(servers: int, offered_load):
    """Erlang C: the probability that an arrival has to wait (all servers busy).

    C(c, a) = c B(c, a) / (c - a (1 - B(c, a))),   valid for a < c (utilisation rho = a/c < 1).

    >>> round(erlang_c(1, 0.8), 6)   # one server: P(wait) = rho
    0.8
    >>> round(erlang_c(2, 1.0), 4)   # 2 * 0.2 / (2 - 1 * 0.8)
    0.3333
    """
    c = _servers(servers)
    a = np.asarray(check_positive(offered_load, "offered_load"), dtype=float)
    if np.any(a >= c):
        raise ValueError(f"offered_load must be below servers ({c}): with a load of "
                         f"{a.max():g} erlangs the queue grows without end (utilisation >= 1)")
    b = np.asarray(erlang_b(c, a))
    out = c * b / (c - a * (1 - b))
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class QueueResult:
    """Steady-state figures of an M/M/c queue (times in the unit of the rates, e.g. minutes)."""

    arrival_rate: float
    mean_service_time: float
    servers: int
    offered_load: float      # a = lambda / mu (erlangs)
    utilisation: float       # rho = a / c
    p_wait: float            # C(c, a)
    mean_wait: float         # Wq = C / (c mu - lambda)
    mean_time_in_system: float  # W = Wq + 1 / mu
    mean_queue_length: float    # Lq = lambda Wq (Little's law)

    def p_wait_longer(self, t):
        """P(wait > t) = C exp(-(c mu - lambda) t) for t >= 0.

        >>> q = mmc_queue(1.0, 1.5, 2)   # c mu - lambda = 2/1.5 - 1 = 1/3 per minute
        >>> round(float(q.p_wait_longer(3.0)), 4)   # 0.6429 * exp(-1)
        0.2365
        """
        t = check_number(t, "t", low=0)
        mu = 1 / self.mean_service_time
        return self.p_wait * np.exp(-(self.servers * mu - self.arrival_rate) * t)

    def __repr__(self) -> str:
        return (f"QueueResult(c={self.servers}, load={self.offered_load:.3g} erlangs, "
                f"utilisation={self.utilisation:.1%}, P(wait)={self.p_wait:.3f}, "
                f"mean wait={self.mean_wait:.3g}, mean time in system="
                f"{self.mean_time_in_system:.3g}, mean queue={self.mean_queue_length:.3g})")


def mmc_queue(arrival_rate: float, mean_service_time: float, servers: int) -> QueueResult:
    """The M/M/c queue: probability of waiting, mean wait, utilisation (Erlang C).

    rho = lambda / (c mu);  P(wait) = C(c, lambda/mu);  Wq = P(wait) / (c mu - lambda);
    W = Wq + 1/mu;  Lq = lambda Wq.  ``arrival_rate`` per time unit, ``mean_service_time`` = 1/mu
    in the same unit.

    >>> q = mmc_queue(arrival_rate=1.0, mean_service_time=1.5, servers=2)  # 1 per minute, 1.5 min
    >>> round(q.utilisation, 3), round(q.p_wait, 4), round(q.mean_wait, 4)
    (0.75, 0.6429, 1.9286)
    """
    lam = float(check_positive(arrival_rate, "arrival_rate", scalar=True))
    s = float(check_positive(mean_service_time, "mean_service_time", scalar=True))
    c = _servers(servers)
    a = lam * s
    if a >= c:
        raise ValueError(f"servers must exceed the offered load lambda * service time = {a:.3g}:"
                         f" with {c} server(s) the utilisation is {a / c:.0%} and the queue "
                         "grows without end")
    p = erlang_c(c, a)
    wq = p / (c / s - lam)
    return QueueResult(lam, s, c, a, a / c, p, wq, wq + s, lam * wq)


def servers_needed(arrival_rate: float, mean_service_time: float, *,
                   max_mean_wait: float | None = None, within: float | None = None,
                   share: float | None = None, max_servers: int = 10_000) -> int:
    """The fewest servers that meet a waiting-time target.

    Either a mean wait ``Wq <= max_mean_wait`` or a service level ``P(wait <= within) >= share``
    (e.g. 80 % served within 1 minute). Both fall as servers are added, so the search walks up
    from the smallest stable number, ceil(a + tiny).

    >>> servers_needed(1.0, 1.5, max_mean_wait=0.5)
    3
    >>> servers_needed(1.0, 1.5, within=1.0, share=0.8)
    3
    """
    lam = float(check_positive(arrival_rate, "arrival_rate", scalar=True))
    s = float(check_positive(mean_service_time, "mean_service_time", scalar=True))
    limit = check_integer(max_servers, "max_servers", low=1)
    if (max_mean_wait is None) == (within is None and share is None):
        raise ValueError("give either max_mean_wait, or within and share (a service level)")
    if max_mean_wait is not None:
        target = float(check_number(max_mean_wait, "max_mean_wait", low=0))
    elif within is None or share is None:
        raise ValueError("a service level needs both within (time) and share (0-1)")
    else:
        t = float(check_number(within, "within", low=0))
        level = float(check_probability(share, "share"))
    c = int(np.floor(lam * s)) + 1
    while c <= limit:
        q = mmc_queue(lam, s, c)
        if (q.mean_wait <= target if max_mean_wait is not None
                else 1 - q.p_wait_longer(t) >= level):
            return c
        c += 1
    raise ValueError(f"max_servers ({limit}) is too few to meet the target")


def compare_servers(arrival_rate: float, mean_service_time: float, extra: int = 4) -> pd.DataFrame:
    """The queue with every number of servers from the smallest stable one to ``extra`` more.

    One row per ``servers``: ``utilisation``, ``p_wait``, ``mean_wait``, ``mean_queue_length``.
    The first server beyond the load buys by far the most: waits fall steeply, then flatten.

    >>> compare_servers(1.0, 1.5, extra=2)["servers"].tolist()
    [2, 3, 4]
    """
    lam = float(check_positive(arrival_rate, "arrival_rate", scalar=True))
    s = float(check_positive(mean_service_time, "mean_service_time", scalar=True))
    more = check_integer(extra, "extra", low=0)
    first = int(np.floor(lam * s)) + 1
    rows = [mmc_queue(lam, s, c) for c in range(first, first + more + 1)]
    return pd.DataFrame({"servers": [q.servers for q in rows],
                         "utilisation": [q.utilisation for q in rows],
                         "p_wait": [q.p_wait for q in rows],
                         "mean_wait": [q.mean_wait for q in rows],
                         "mean_queue_length": [q.mean_queue_length for q in rows]})


def simulate_queue(arrival_rate: float, mean_service_time: float, servers: int,
                   n_customers: int = 10_000, *, seed: int = 0,
                   service: str = "exponential") -> pd.DataFrame:
    """A discrete-event simulation of a first-come-first-served queue with ``servers`` servers.

    Arrivals: Poisson (exponential gaps, mean 1/lambda). Service: exponential with the given mean,
    or ``service="constant"`` (every service takes exactly the mean: an M/D/c queue, which waits
    less). Each arrival goes to the server that frees first; wait = max(0, free - arrival).
    Returns one row per customer: ``arrival``, ``start``, ``end``, ``wait``, ``server``.

    >>> sim = simulate_queue(1.0, 1.5, 2, 2000, seed=1)
    >>> list(sim.columns), bool((sim["wait"] >= 0).all())
    (['arrival', 'start', 'end', 'wait', 'server'], True)
    """
    lam = float(check_positive(arrival_rate, "arrival_rate", scalar=True))
    s = float(check_positive(mean_service_time, "mean_service_time", scalar=True))
    c = _servers(servers)
    n = check_integer(n_customers, "n_customers", low=1)
    kind = service if service in ("exponential", "constant") else None
    if kind is None:
        raise ValueError(f"service must be 'exponential' or 'constant'; got {service!r}")
    rng = np.random.default_rng(check_integer(seed, "seed", low=0))
    arrival = np.cumsum(rng.exponential(1 / lam, n))
    duration = rng.exponential(s, n) if kind == "exponential" else np.full(n, s)
    free = [(0.0, k) for k in range(c)]  # (time the server frees, server id)
    start = np.empty(n)
    server = np.empty(n, dtype=int)
    for i in range(n):
        t_free, k = heapq.heappop(free)
        start[i] = max(t_free, arrival[i])
        server[i] = k
        heapq.heappush(free, (start[i] + duration[i], k))
    return pd.DataFrame({"arrival": arrival, "start": start, "end": start + duration,
                         "wait": start - arrival, "server": server})


def staffing_plan(arrivals_per_hour, mean_service_minutes: float,
                  max_mean_wait_minutes: float) -> pd.DataFrame:
    """Servers needed hour by hour when demand varies over the day (matching capacity to demand).

    Each hour is treated as its own steady state (the usual 'stationary independent period by
    period' approximation; it understates waits when demand jumps). ``arrivals_per_hour`` is a
    Series indexed by hour.

    >>> plan = staffing_plan(pd.Series([30, 90], index=[8, 9]), 1.5, 1.0)
    >>> plan["servers"].tolist()   # 3 servers would make the 9 o'clock crowd wait 1.14 min
    [2, 4]
    """
    if not isinstance(arrivals_per_hour, pd.Series):
        raise TypeError("arrivals_per_hour must be a pandas Series indexed by hour")
    rates = check_positive(arrivals_per_hour.to_numpy(dtype=float), "arrivals_per_hour")
    rows = []
    for hour, per_hour in zip(arrivals_per_hour.index, np.atleast_1d(rates)):
        c = servers_needed(per_hour / 60, mean_service_minutes,
                           max_mean_wait=max_mean_wait_minutes)
        q = mmc_queue(per_hour / 60, mean_service_minutes, c)
        rows.append({"hour": hour, "arrivals_per_hour": per_hour, "servers": c,
                     "utilisation": q.utilisation, "p_wait": q.p_wait,
                     "mean_wait_minutes": q.mean_wait})
    return pd.DataFrame(rows).set_index("hour")
