"""Textbook 4.2 Exercise 1 (the HBS CLV calculator), solved under every timing convention.

Not from the textbook: the timing conventions (Fader & Hardie 2012, "Reconciling and clarifying
CLV formulas"); the answer key follows the HBS Marketing Analysis Toolkit note (Steenburgh &
Avery 2011).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from coursekit._validate import check_choice
from coursekit.models.clv.formulas import TIMINGS, HBS_RETENTIONS, period_margin, retention_sweep

__all__ = [
    "HBSExercise", "hbs_exercise",
]


@dataclass(frozen=True, eq=False)
class HBSExercise:
    """TB 4.2 Exercise 1 (the HBS calculator), solved under every timing convention.

    ``table`` has one row per retention rate and one column per convention; ``answer_key``
    names the convention the course's answer key uses, and :attr:`answer` is that column.
    """

    spend_per_purchase: float
    purchases_per_period: float
    marketing_cost: float
    gross_margin: float
    discount_rate: float
    retentions: tuple[float, ...]
    margin: float
    periods: int | None
    table: pd.DataFrame = field(repr=False)
    answer_key: str = "start"
    note: str = field(default="", repr=False)

    @property
    def answer(self) -> pd.Series:
        """CLV per retention rate under the answer-key convention."""
        return self.table[self.answer_key].rename("clv")

    @property
    def uplift(self) -> pd.Series:
        """CLV at the highest retention divided by CLV at the lowest, per convention."""
        t = self.table[list(TIMINGS)]
        return (t.iloc[-1] / t.iloc[0]).rename("uplift")

    def __str__(self) -> str:  # a readable summary for notebooks
        return (f"HBS exercise: m = {self.margin:.2f} per period, d = {self.discount_rate:.0%}"
                f", answer key = {self.answer_key!r}\n{self.table.round(2).to_string()}")


def hbs_exercise(periods: int | None = None, *, answer_key: str = "start") -> HBSExercise:
    """Textbook 4.2 Exercise 1 (l.1435-1442) under all three timing conventions.

    Inputs (from the textbook): $250 per purchase, 4 purchases per period, $30 direct marketing
    cost per period, 20% gross margin, retention 25%, 35%, 50%, 70%, 80%, 90%, discount rate
    10%. So m = 250 x 4 x 0.20 - 30 = $170 per period. The textbook gives no acquisition
    cost, so none is subtracted.

    The course's answer key uses ``"start"`` = m(1+d)/(1+d-r), the formula of the HBS
    Marketing Analysis Toolkit note (Steenburgh & Avery 2011, as identified by Fader & Hardie
    2012); the original HBS calculator is no longer online. Not from the textbook: the timing
    conventions (Fader & Hardie 2012, "Reconciling and clarifying CLV formulas").

    >>> ex = hbs_exercise()
    >>> ex.margin
    170.0
    >>> ex.table.loc[0.25, ["start", "end", "retained"]].round(2).tolist()
    [220.0, 200.0, 50.0]
    >>> round(float(ex.uplift["end"]), 2)   # retention 25% -> 90% multiplies CLV by 4.25
    4.25
    """
    answer_key = check_choice(answer_key, "answer_key", TIMINGS)
    spend, n, cost, gm, d = 250.0, 4.0, 30.0, 0.20, 0.10
    m = float(period_margin(spend, n, gm, cost))
    table = retention_sweep(m, d, HBS_RETENTIONS, periods=periods)
    note = ("Answer key: timing='start', m(1+d)/(1+d-r), as in the HBS toolkit note "
            "(Steenburgh & Avery 2011). 'end' = m/(1+d-r); 'retained' = m r/(1+d-r).")
    return HBSExercise(spend_per_purchase=spend, purchases_per_period=n, marketing_cost=cost,
                       gross_margin=gm, discount_rate=d, retentions=HBS_RETENTIONS, margin=m,
                       periods=periods, table=table, answer_key=answer_key, note=note)
