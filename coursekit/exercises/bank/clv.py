"""Questions of module 04, customer lifetime value (TB 4.2, 7.4).

Misconceptions with feedback: churn used as retention, undiscounted value, wrong timing
convention (Fader & Hardie 2012), days vs weeks, forgotten costs and finite horizons, and the
BG/NBD's "one-off buyers are certainly alive" artefact (MBG/NBD, Batislam et al. 2007).
"""
from __future__ import annotations

import numpy as np

from coursekit.exercises.core import Misconception, Question, register
from coursekit.models import clv
from coursekit.models.btyd import BGNBD, ModifiedBGNBD

M = Misconception

# the HBS exercise of TB 4.2 (l.1435-1442)
HBS = {"spend": 250.0, "purchases": 4.0, "cost": 30.0, "gross_margin": 0.20, "d": 0.10}
HBS_M = 170.0


def _hbs(r: float, timing: str = "start", d: float = HBS["d"], **kw) -> float:
    return clv.retention_clv(HBS_M, r, d, timing=timing, **kw)


def _churn(rng: np.random.Generator) -> dict:
    return {"churn": float(rng.choice([0.10, 0.15, 0.20, 0.25, 0.40]))}


# the BG/NBD of Fader, Hardie & Lee (2005) on CDNOW, time unit weeks
CDNOW_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
_HISTORIES = ((2, 30.43, 38.86), (1, 10.0, 38.86), (4, 35.0, 38.86), (3, 8.0, 38.86),
              (6, 37.0, 38.86))


def _weekly(rng: np.random.Generator) -> dict:
    x, t_x, big_t = _HISTORIES[int(rng.integers(len(_HISTORIES)))]
    return {"frequency": x, "recency": t_x, "T": big_t, **CDNOW_BGNBD}


def _bg_purchases(d: dict, horizon: float) -> float:
    bg = BGNBD.from_params(r=d["r"], alpha=d["alpha"], a=d["a"], b=d["b"])
    return float(bg.conditional_expected_purchases(horizon, [d["frequency"]], [d["recency"]],
                                                   [d["T"]])[0])


def _segments(rng: np.random.Generator) -> dict:
    return {"loyal_margin": float(rng.integers(20, 40) * 10),
            "loyal_retention": float(rng.choice([0.75, 0.80, 0.85])),
            "loyal_share": 0.15,
            "other_margin": float(rng.integers(6, 12) * 10),
            "other_retention": float(rng.choice([0.30, 0.40, 0.50])),
            "discount_rate": 0.10}


# MBG/NBD fitted on the CDNOW calibration weeks 1-39 (lesson 04, section 9)
MBG = {"r": 0.525, "alpha": 6.183, "a": 0.891, "b": 1.614}


def _silent_weeks(rng: np.random.Generator) -> dict:
    return {"T": float(rng.choice([13.0, 26.0, 39.0, 52.0]))}


def _one_off_alive(d: dict, ratio_inverted: bool = False, exponent: bool = True) -> float:
    ratio = (MBG["alpha"] + d["T"]) / MBG["alpha"]
    ratio = 1 / ratio if ratio_inverted else ratio
    return 1 / (1 + MBG["a"] / MBG["b"] * (ratio ** MBG["r"] if exponent else 1.0))


def _loyal_value_share(d: dict, timing: str = "start", discount: bool = True) -> float:
    dr = d["discount_rate"] if discount else 0.0
    loyal = d["loyal_share"] * clv.retention_clv(d["loyal_margin"], d["loyal_retention"], dr,
                                                 timing=timing)
    other = (1 - d["loyal_share"]) * clv.retention_clv(d["other_margin"],
                                                       d["other_retention"], dr, timing=timing)
    return loyal / (loyal + other)


register(
    Question(
        "04.1", "TB 7.4: a customer makes five purchases of $75 at a gross profit of 30%. What "
                "is her lifetime value with the textbook's simple formula (dollars)?",
        unit="dollars",
        answer=lambda d: clv.simple_clv(75, 0.30, 5),
        misconceptions=(
            M("one-purchase", lambda d: clv.simple_clv(75, 0.30, 1),
              "That is the value of one purchase; the lifetime value counts all five."),
            M("revenue", lambda d: 75 * 5.0,
              "That is revenue. Lifetime value counts the gross profit: multiply by 30%."),
        ),
        hints=("value of purchase x gross profit percent x number of purchases",),
        explanation="$75 x 30% x 5 = $112.50 (TB 7.4).",
    ),
    Question(
        "04.2", "HBS exercise (TB 4.2): $250 per purchase, 4 purchases per period, 20% gross "
                "margin, $30 direct marketing cost per period. What net margin m does a "
                "customer leave per period (dollars)?",
        unit="dollars per period",
        answer=lambda d: clv.period_margin(250, 4, 0.20, 30),
        misconceptions=(
            M("no-cost", lambda d: clv.period_margin(250, 4, 0.20),
              "You forgot the $30 marketing cost per period: m = revenue x margin - cost."),
            M("cost-per-purchase", lambda d: 4 * (250 * 0.20 - 30),
              "The $30 is per period, not per purchase: subtract it once."),
            M("revenue", lambda d: 250 * 4 - 30.0,
              "You used revenue; only the 20% gross margin is profit."),
        ),
        hints=("Revenue per period = 250 x 4.", "Margin = revenue x 20%, then subtract $30."),
    ),
    Question(
        "04.3", "With m = $170, retention 80% and a 10% discount rate, what is the CLV under "
                "the answer-key convention timing='start', m(1+d)/(1+d-r) (dollars)?",
        unit="dollars",
        answer=lambda d: _hbs(0.80),
        misconceptions=(
            M("timing-end", lambda d: _hbs(0.80, "end"),
              "That is m/(1+d-r), the end-of-period convention: it books the first margin a "
              "period later. The answer key counts the first margin now, m(1+d)/(1+d-r)."),
            M("timing-retained", lambda d: _hbs(0.80, "retained"),
              "That is m r/(1+d-r), the Gupta-Lehmann convention: it only counts margins after "
              "the customer is retained. The answer key counts the first margin now."),
            M("churn-as-retention", lambda d: _hbs(0.20),
              "You used 20% (the churn rate) as retention. Retention = 1 - churn = 80%."),
            M("undiscounted", lambda d: _hbs(0.80, d=0.0),
              "You did not discount: m x expected lifetime = 170 x 5 ignores the time value "
              "of money (TB 4.2: net present value)."),
        ),
        hints=("Plug m = 170, r = 0.8, d = 0.1 into m(1+d)/(1+d-r).",),
    ),
    Question(
        "04.4", "In the HBS exercise (timing='start'), by what factor does raising retention "
                "from 25% to 90% multiply the value of a customer?",
        unit="a factor (times as much)",
        answer=lambda d: _hbs(0.90) / _hbs(0.25),
        misconceptions=(
            M("timing-retained", lambda d: _hbs(0.90, "retained") / _hbs(0.25, "retained"),
              "That ratio uses the 'retained' convention m r/(1+d-r). With the answer key "
              "m(1+d)/(1+d-r) the first margin is counted at every retention rate."),
            M("undiscounted", lambda d: clv.expected_lifetime(0.9) / clv.expected_lifetime(0.25),
              "That is the ratio of expected lifetimes (no discounting); discounting shrinks "
              "the far-future margins that high retention adds."),
            M("difference", lambda d: _hbs(0.90) - _hbs(0.25),
              "That is the difference in dollars; the question asks for the ratio."),
        ),
        hints=("Compute CLV at r = 0.25 and at r = 0.90, then divide.",),
        explanation="Retention is the strongest lever on customer value.",
    ),
    Question(
        "04.5", "A subscription loses `churn` of its customers each year. How many years does "
                "a new customer stay on average, counting the first year?",
        unit="years",
        answer=lambda d: clv.expected_lifetime(1 - d["churn"]), data=_churn,
        misconceptions=(
            M("churn-as-retention", lambda d: clv.expected_lifetime(d["churn"]),
              "You used the churn rate as the retention rate. Retention = 1 - churn."),
            M("minus-one", lambda d: clv.expected_lifetime(1 - d["churn"]) - 1,
              "You counted only the years after the first: E[T] = 1/(1-r) includes year one."),
        ),
        hints=("Expected lifetime = 1 / (1 - retention).", "Retention = 1 - churn."),
    ),
    Question(
        "04.6", "A BG/NBD model fitted on CDNOW in weeks (time_unit='W'; parameters r, "
                "alpha, a, b in the data) describes a customer with `frequency` repeat "
                "purchases, the last at week `recency`, observed for `T` weeks. How many "
                "purchases should you forecast for the next year (52 weeks)?",
        unit="purchases",
        answer=lambda d: _bg_purchases(d, 52), data=_weekly,
        misconceptions=(
            M("rate-times-52", lambda d: 52 * _bg_purchases(d, 1),
              "You scaled next week's expected purchases by 52. That ignores the dropout the "
              "BG/NBD models: a customer may leave during the year, so use "
              "conditional_expected_purchases(52, ...) directly."),
            M("days", lambda d: _bg_purchases(d, 365),
              "You asked for 365 time units, but the model's time unit is weeks (the "
              "days-vs-weeks pitfall): a year is 52 of them."),
            M("months", lambda d: _bg_purchases(d, 12),
              "You asked for 12 time units (months?), but the model's time unit is weeks."),
        ),
        hints=("Keep the time unit of the fitted model: weeks.",
               "BGNBD.from_params(...).conditional_expected_purchases(52, frequency, recency, T)"),
    ),
    Question(
        "04.7", "Winning a customer costs $600 (acquisition cost). With m = $170, d = 10% and "
                "the answer-key convention timing='start', what is the lowest retention rate "
                "at which the customer pays back the acquisition cost?",
        unit="a retention rate as a proportion (0-1)",
        answer=lambda d: clv.breakeven_retention(170, 600, 0.10, timing="start"),
        misconceptions=(
            M("timing-end", lambda d: clv.breakeven_retention(170, 600, 0.10, timing="end"),
              "That is the break-even under the end-of-period convention m/(1+d-r)."),
            M("timing-retained",
              lambda d: clv.breakeven_retention(170, 600, 0.10, timing="retained"),
              "That is the break-even under the 'retained' convention m r/(1+d-r)."),
            M("undiscounted", lambda d: 1 - 170 / 600,
              "Without discounting, 170/(1-r) = 600 gives r = 0.717; with d = 10% you need "
              "more retention."),
        ),
        hints=("Set m(1+d)/(1+d-r) = AC and solve for r.", "r = (1+d)(1 - m/AC)"),
    ),
    Question(
        "04.8", "Finite horizon: with m = $170, retention 70% and d = 10%, what is the value of "
                "the first 5 years only, under the end-of-period convention m/(1+d-r) "
                "(timing='end', periods=5)?",
        unit="dollars",
        answer=lambda d: _hbs(0.70, "end", periods=5),
        misconceptions=(
            M("infinite", lambda d: _hbs(0.70, "end"),
              "That is the infinite-horizon value; the question stops after 5 periods."),
            M("timing-start", lambda d: _hbs(0.70, "start", periods=5),
              "That uses timing='start' (first margin now); the question asks for 'end'."),
            M("undiscounted", lambda d: 170 * (1 - 0.7**5) / (1 - 0.7),
              "You summed 5 retained margins without discounting them."),
        ),
        hints=("clv.retention_clv(170, 0.7, 0.1, timing='end', periods=5)",),
    ),
    Question(
        "04.9", "Segment CLV (TB 4.2: 'not all customers are the same'). `loyal_share` of the "
                "customers are loyal (margin `loyal_margin`, retention `loyal_retention`); the "
                "rest have margin `other_margin` and retention `other_retention`. With discount "
                "rate `discount_rate` and timing='start', what share of the total customer "
                "value do the loyal customers hold?",
        unit="a proportion (0-1)",
        answer=_loyal_value_share, data=_segments,
        misconceptions=(
            M("customer-share", lambda d: d["loyal_share"],
              "That is their share of customers, not of value."),
            M("undiscounted", lambda d: _loyal_value_share(d, discount=False),
              "You did not discount the margins (d = 0)."),
            M("margin-share", lambda d: d["loyal_share"] * d["loyal_margin"] / (
                d["loyal_share"] * d["loyal_margin"]
                + (1 - d["loyal_share"]) * d["other_margin"]),
              "That is the share of one period's margin; CLV also counts how long each "
              "segment stays (retention)."),
        ),
        hints=("Compute the CLV of each segment with clv.retention_clv.",
               "Weight each CLV by the segment's share of customers, then take the loyal part."),
    ),
    Question(
        "04.10", "Contractual cohorts (Fader & Hardie 2007, regular segment): 1000 customers at "
                 "year 0, 631 at year 1 and 468 at year 2. What is the retention rate from year "
                 "1 to year 2?",
        unit="a proportion (0-1)",
        answer=lambda d: 468 / 631,
        misconceptions=(
            M("survival", lambda d: 468 / 1000,
              "That is the survival rate since year 0 (468 of 1000); retention compares "
              "with the customers still there a year before (631)."),
            M("churn", lambda d: 1 - 468 / 631,
              "That is the churn rate; retention = 1 - churn."),
        ),
        hints=("Retention in year t = active(t) / active(t-1).",),
        explanation="Retention rises with tenure in these cohorts: the sBG explains why "
                    "(customers differ, and the loyal ones remain).",
    ),
    Question(
        "04.11", "MBG/NBD (Batislam et al. 2007) with the CDNOW estimates r = 0.525, "
                 "alpha = 6.183, a = 0.891, b = 1.614: a customer bought once and never again "
                 "in the `T` weeks since. What is the probability that she is still alive?",
        unit="a probability (0-1)",
        answer=lambda d: float(ModifiedBGNBD.from_params(**MBG).prob_alive(0, 0, d["T"])[0]),
        data=_silent_weeks,
        misconceptions=(
            M("bgnbd-artefact", lambda d: 1.0,
              "That is the BG/NBD's answer: there a customer can only drop out after a repeat "
              "purchase, so a one-off buyer is 'certainly alive'. The MBG/NBD lets her drop out "
              "right after the first purchase."),
            M("ratio-inverted", lambda d: _one_off_alive(d, ratio_inverted=True),
              "You inverted the ratio: it is ((alpha + T) / alpha)^r, which grows with T - the "
              "longer she is silent, the less likely she is alive."),
            M("no-exponent", lambda d: _one_off_alive(d, exponent=False),
              "You left out the power r: ((alpha + T) / alpha)^r."),
        ),
        hints=("P(alive) = 1 / (1 + a/(b + x) ((alpha + T)/(alpha + t_x))^(r + x)) with x = 0 "
               "and t_x = 0.",
               "ModifiedBGNBD.from_params(...).prob_alive(0, 0, T)"),
    ),
)


# --- customer equity (Berger & Nasr 1998; Rust, Lemon & Zeithaml 2004; Blattberg & Deighton
# 1996; not from the textbook) -------------------------------------------------------------

def _bn(rng: np.random.Generator) -> dict:
    return {"gc": float(rng.integers(20, 41) * 10), "m": float(rng.integers(4, 9) * 10),
            "r": float(rng.choice([0.6, 0.65, 0.7, 0.75, 0.8])), "d": 0.15, "years": 8}


def _bn_sum(d: dict, cost_shift: float = 0.5, first: int = 0) -> float:
    i = np.arange(first, d["years"] + 1)
    j = np.arange(1, d["years"] + 1)
    return float(d["gc"] * np.sum(d["r"] ** i / (1 + d["d"]) ** i)
                 - d["m"] * np.sum(d["r"] ** (j - 1) / (1 + d["d"]) ** (j - cost_shift)))


def _cohorts(rng: np.random.Generator) -> dict:
    return {"current": int(rng.integers(8, 16)) * 100, "clv_current": 250.0,
            "prospects": int(rng.integers(10, 31)) * 100, "rate": 0.05, "clv_new": 200.0,
            "cost": float(rng.choice([2.0, 4.0, 6.0])), "d": 0.10, "years": 3}


def _equity(d: dict) -> float:
    return clv.customer_equity(np.full(d["current"], d["clv_current"]),
                               prospects_per_year=d["prospects"], acquisition_rate=d["rate"],
                               new_customer_clv=d["clv_new"],
                               acquisition_cost_per_prospect=d["cost"], discount_rate=d["d"],
                               years=d["years"]).total


def _curve(rng: np.random.Generator) -> dict:
    return {"ceiling": float(rng.choice([0.3, 0.4, 0.5])), "spend": float(rng.choice([40, 50, 60])),
            "rate_share": float(rng.choice([0.4, 0.6, 0.7]))}  # 0.5 x 2 would hit the ceiling


def _rate_at_double(d: dict) -> float:
    rate = d["ceiling"] * d["rate_share"]
    k = clv.response_steepness(d["ceiling"], d["spend"], rate)
    return clv.response_rate(2 * d["spend"], d["ceiling"], k)


register(
    Question(
        "04.12", "Berger & Nasr's case 1: a customer brings gross contribution `gc` at the start "
                 "of each year and costs `m` in promotion half-way through each year while "
                 "active; retention `r`, discount rate `d`, horizon `years` (the customer is "
                 "acquired now, year 0). What is the CLV?",
        unit="dollars",
        answer=lambda d: clv.berger_nasr_clv(d["gc"], d["m"], d["r"], d["d"], d["years"]),
        data=_bn,
        misconceptions=(
            M("year-end-costs", lambda d: _bn_sum(d, cost_shift=0.0),
              "The promotion cost is spent in the middle of each year: discount it by "
              "(1+d)^(i-0.5), not (1+d)^i."),
            M("no-first-year", lambda d: _bn_sum(d, first=1),
              "Count the contribution of year 0 too: the customer pays at the start of the "
              "first year, undiscounted."),
            M("no-costs", lambda d: clv.berger_nasr_clv(d["gc"], 0, d["r"], d["d"], d["years"]),
              "Subtract the promotion costs of the customers still active."),),
        hints=("GC sum_{i=0}^{n} r^i/(1+d)^i - M sum_{i=1}^{n} r^(i-1)/(1+d)^(i-0.5)",
               "clv.berger_nasr_clv(gc, m, r, d, years)"),
    ),
    Question(
        "04.13", "A firm has `current` customers worth `clv_current` each. Each year it targets "
                 "`prospects` prospects, wins a share `rate` at a cost of `cost` per prospect, "
                 "and each new customer is worth `clv_new`. With discount rate `d` and the "
                 "cohorts of the next `years` years (discounted from the end of each year), what "
                 "is the customer equity?",
        unit="dollars",
        answer=_equity, data=_cohorts,
        misconceptions=(
            M("current-only", lambda d: d["current"] * d["clv_current"],
              "Customer equity also counts the customers still to be acquired (net of what "
              "acquiring them costs)."),
            M("undiscounted", lambda d: d["current"] * d["clv_current"] + d["years"]
              * d["prospects"] * (d["rate"] * d["clv_new"] - d["cost"]),
              "Discount each future cohort by (1+d)^t."),
            M("no-acquisition-cost", lambda d: d["current"] * d["clv_current"] + sum(
                d["prospects"] * d["rate"] * d["clv_new"] / (1 + d["d"]) ** t
                for t in range(1, d["years"] + 1)),
              "Subtract the acquisition spending: `cost` for every prospect targeted."),),
        hints=("CE = current x clv_current + sum_t prospects (rate clv_new - cost) / (1+d)^t",),
    ),
    Question(
        "04.14", "Blattberg & Deighton: the acquisition rate approaches a ceiling `ceiling` as "
                 "spending rises, rate = ceiling (1 - exp(-k spend)). A manager judges that "
                 "`spend` dollars per prospect win `rate_share` x ceiling. What rate do twice "
                 "that many dollars win?",
        unit="a proportion (0-1)",
        answer=_rate_at_double, data=_curve,
        misconceptions=(
            M("linear", lambda d: min(2 * d["ceiling"] * d["rate_share"], 1.0),
              "Response flattens towards the ceiling: doubling the spend does not double the "
              "rate. Calibrate k = -ln(1 - rate/ceiling) / spend first."),
            M("ceiling", lambda d: d["ceiling"],
              "The ceiling is reached only with unlimited spending."),),
        hints=("k = -ln(1 - rate / ceiling) / spend", "clv.response_rate(2 * spend, ceiling, k)"),
    ),
)
