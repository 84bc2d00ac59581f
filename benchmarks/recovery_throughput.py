"""Throughput of the recovery-paradox simulation (module 12).

Compares ``coursekit.models.recovery.simulate_encounters`` (numpy-vectorised) with a naive
per-customer Python loop that implements the same model with the standard library, in the same
process, and checks that both give the same paradox share and mean satisfaction path.

Run: ``.venv/bin/python benchmarks/recovery_throughput.py``
"""
from __future__ import annotations

import math
import random
import time

from coursekit.models.recovery import (
    DEFAULT_PARAMETERS,
    RECOVERY_PRESETS,
    paradox_share,
    restoration_factor,
    simulate_encounters,
)

SEVERITY, RECOVERY = 0.5, "full"
N_FAST, N_LOOP = 1_000_000, 100_000


def naive_loop(n: int, seed: int = 0) -> dict[str, float]:
    """The same model, one customer at a time (the way it is often first written)."""
    p = DEFAULT_PARAMETERS
    rnd = random.Random(seed)
    gain = restoration_factor() * RECOVERY_PRESETS[RECOVERY].justice(p)

    def v(x: float) -> float:
        return x ** p.gain_curvature if x >= 0 else -p.loss_aversion * (-x) ** p.loss_curvature

    totals = {"sat_no_failure": 0.0, "sat_failure": 0.0, "sat_recovery": 0.0, "paradox": 0.0,
              "repurchase": 0.0, "complained": 0.0}
    ss, sr = p.severity_dispersion, p.recovery_dispersion
    for _ in range(n):
        expectation = p.expectation_mean + p.expectation_sd * rnd.gauss(0, 1)
        sat0 = expectation + v(p.disconfirmation_sd * rnd.gauss(0, 1))
        felt_sev = SEVERITY * math.exp(ss * rnd.gauss(0, 1) - ss * ss / 2)
        felt_rec = gain * math.exp(sr * rnd.gauss(0, 1) - sr * sr / 2)
        sat_fail = sat0 + v(-felt_sev)
        complained = rnd.random() < 1 - (1 - p.complaint_rate) ** felt_sev
        sat_rec = sat_fail + v(felt_rec)
        fear = p.recurrence_base
        repurchase = 1 / (1 + math.exp(-(p.repurchase_intercept
                                          + p.satisfaction_slope * (sat_rec - expectation) - fear)))
        totals["sat_no_failure"] += sat0
        totals["sat_failure"] += sat_fail
        totals["sat_recovery"] += sat_rec
        totals["paradox"] += sat_rec > sat0
        totals["repurchase"] += repurchase
        totals["complained"] += complained
    return {k: t / n for k, t in totals.items()}


def main() -> None:
    simulate_encounters(1_000, severity=SEVERITY, recovery=RECOVERY, seed=0)  # warm up
    fast_times = []
    for rep in range(3):
        t0 = time.perf_counter()
        df = simulate_encounters(N_FAST, severity=SEVERITY, recovery=RECOVERY, seed=rep)
        fast_times.append(time.perf_counter() - t0)
    fast = min(fast_times)
    t0 = time.perf_counter()
    loop = naive_loop(N_LOOP)
    slow = time.perf_counter() - t0

    fast_rate, slow_rate = N_FAST / fast, N_LOOP / slow
    exact = paradox_share(severity=SEVERITY, recovery=RECOVERY)
    print(f"recovery simulation, severity={SEVERITY}, recovery={RECOVERY!r}")
    print(f"  coursekit (numpy)   {N_FAST:>9,} customers in {fast:7.3f} s  "
          f"-> {fast_rate:13,.0f} customers/s")
    print(f"  naive Python loop   {N_LOOP:>9,} customers in {slow:7.3f} s  "
          f"-> {slow_rate:13,.0f} customers/s")
    print(f"  speed-up: {fast_rate / slow_rate:,.0f}x")
    print(f"  paradox share: exact {exact:.4f}, numpy {df.paradox.mean():.4f}, "
          f"loop {loop['paradox']:.4f}")
    print(f"  mean satisfaction after recovery: numpy {df.sat_recovery.mean():.3f}, "
          f"loop {loop['sat_recovery']:.3f}")
    if abs(loop["paradox"] - exact) > 0.01 or abs(df.paradox.mean() - exact) > 0.005:
        raise SystemExit("the two implementations disagree with the exact paradox share")


if __name__ == "__main__":
    main()
