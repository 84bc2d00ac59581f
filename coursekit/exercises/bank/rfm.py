"""Questions of module 05, RFM and the customer value matrix (TB 4.2, l.1316-1318).

Each student gets a small transaction log with only customer id, date and amount (the data the
textbook says the customer value matrix needs). Misconceptions with feedback: reversed recency
scores, total instead of average purchase, days vs weeks, customer share instead of sales share.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from coursekit.exercises.bank._shared import rounded_weights
from coursekit.exercises.core import Misconception, Question, register
from coursekit.models.buying import choice
from coursekit.models import rfm

M = Misconception
AS_OF = "2024-03-31"


def _log(rng: np.random.Generator) -> dict:
    """Ten customers A-J, 1-6 purchases each in the first quarter of 2024."""
    rows, repeat_buyers = [], []
    start = pd.Timestamp("2024-01-01")
    for name in "ABCDEFGHIJ":
        n = int(rng.integers(1, 7))
        if n >= 2:
            repeat_buyers.append(name)
        typical = float(rng.choice([15, 25, 40, 80]))
        days = np.sort(rng.choice(90, size=n, replace=False))
        for day in days:
            rows.append({"customer_id": name,
                         "date": str((start + pd.Timedelta(days=int(day))).date()),
                         "amount": round(float(typical * rng.uniform(0.7, 1.3)), 2)})
    # the customer asked about bought at least twice (with one purchase, first = last purchase
    # and total = average), preferably one whose value-matrix cell depends on using the
    # average rather than the total (so that mix-up shows); exercise_data rejects the rest
    totals = {c: sum(r["amount"] for r in rows if r["customer_id"] == c) for c in "ABCDEFGHIJ"}
    counts = {c: sum(r["customer_id"] == c for r in rows) for c in "ABCDEFGHIJ"}
    averages = {c: totals[c] / counts[c] for c in totals}
    telling = [c for c in repeat_buyers
               if (averages[c] > np.median(list(averages.values())))
               != (totals[c] > np.median(list(totals.values())))]
    return {"log": rows, "as_of": AS_OF,
            "customer": str(rng.choice(telling or repeat_buyers or list("ABCDEFGHIJ")))}


def _table(d: dict, **kw) -> pd.DataFrame:
    """The RFM table of the log (a copy; cached, as every question of the module reads it)."""
    rows = tuple((r["customer_id"], r["date"], r["amount"]) for r in d["log"])
    return _cached_table(rows, d["as_of"], tuple(sorted(kw.items()))).copy()


@lru_cache(maxsize=256)
def _cached_table(rows: tuple, as_of: str, kw: tuple) -> pd.DataFrame:
    log = pd.DataFrame(list(rows), columns=["customer_id", "date", "amount"])
    return rfm.rfm_table(log, as_of=as_of, **dict(kw))


def _row(d: dict) -> pd.Series:
    return _table(d).loc[d["customer"]]


def _cell(d: dict, average: str = "average_purchase") -> str:
    t = _table(d)
    t = t.assign(average_purchase=t[average])
    return str(rfm.value_matrix(t).loc[d["customer"], "cell"])


def _top(d: dict, share: float, bottom: bool = False) -> float:
    sales = _table(d)["monetary"].to_numpy()
    if bottom:
        return 1.0 - rfm.top_share(sales, 1.0 - share)
    return rfm.top_share(sales, share)


register(
    Question(
        "05.1", "In the transaction log `log`, how many days before `as_of` did customer "
                "`customer` last buy (recency in days)?",
        unit="days",
        answer=lambda d: float(_row(d)["recency"]), data=_log,
        misconceptions=(
            M("first-purchase", lambda d: float(
                (pd.Timestamp(d["as_of"]) - _row(d)["first_purchase"]).days),
              "You counted from the first purchase; recency counts from the last one."),
            M("weeks", lambda d: float(_table(d, time_unit="W").loc[d["customer"], "recency"]),
              "That is the recency in weeks; the question asks for days."),
        ),
        hints=("Find the customer's latest purchase date.", "Subtract it from as_of."),
    ),
    Question(
        "05.2", "For customer `customer`, give [frequency, average purchase amount] "
                "(number of purchases, dollars per purchase).",
        kind="numbers", data=_log,
        unit="[purchases, dollars per purchase]",
        answer=lambda d: [float(_row(d)["frequency"]), float(_row(d)["average_purchase"])],
        misconceptions=(
            M("total", lambda d: [float(_row(d)["frequency"]), float(_row(d)["monetary"])],
              "The second number is the total spent; the value matrix uses the average "
              "purchase amount = total / number of purchases (TB 4.2)."),
        ),
        hints=("Count the customer's rows, and divide their total by that count.",),
    ),
    Question(
        "05.3", "Score recency in quintiles across the ten customers (5 = the most recent 20%,"
                " ties share the lowest score: rfm.rfm_scores). What is the R score of "
                "customer `customer`?",
        unit="a score from 1 to 5",
        answer=lambda d: int(rfm.rfm_scores(_table(d)).loc[d["customer"], "R"]), data=_log,
        misconceptions=(
            M("reversed", lambda d: int(rfm.quantile_scores(
                _table(d)["recency"], 5, higher_is_better=True)[
                    list(_table(d).index).index(d["customer"])]),
              "You gave the highest score to the largest recency. A small recency (a recent "
              "purchase) is good, so it gets the high score."),
        ),
        hints=("Rank customers from the longest to the shortest time since the last purchase.",
               "score = 1 + floor(5 (rank - 1) / N)"),
    ),
    Question(
        "05.4", "Place customer `customer` in the customer value matrix with median cut points "
                "(high = above the median): which cell?",
        kind="choice", options=("Best", "Frequent", "Spenders", "Uncertain"), data=_log,
        answer=_cell,
        misconceptions=(
            M("total", lambda d: _cell(d, average="monetary"),
              "You split on total spend. The matrix uses the average purchase amount "
              "(Marcus 1998; TB 4.2)."),
        ),
        hints=("Compare the customer's frequency and average purchase with the medians.",
               "High frequency + high average = Best; high frequency only = Frequent; high "
               "average only = Spenders; neither = Uncertain."),
    ),
    Question(
        "05.5", "What share of the total sales in `log` comes from the top 20% of customers "
                "(the 2 biggest spenders of 10)?",
        unit="a proportion (0-1)",
        answer=lambda d: _top(d, 0.20), data=_log,
        misconceptions=(
            M("customer-share", lambda d: 0.20,
              "0.20 is the share of customers; the question asks for their share of sales."),
            M("bottom", lambda d: _top(d, 0.20, bottom=True),
              "That is the share of the 2 smallest spenders; sort from the biggest down."),
        ),
        hints=("Total each customer's spend and sort from largest to smallest.",
               "Divide the top two totals by the grand total."),
    ),
    Question(
        "05.6", "A customer buys often but spends little each time. Which cell of the customer "
                "value matrix is that?",
        kind="choice", options=("Best", "Frequent", "Spenders", "Uncertain"),
        answer=lambda d: "Frequent",
        misconceptions=(
            M("axes-swapped", lambda d: "Spenders",
              "Spenders buy rarely but spend a lot per purchase: you swapped the axes."),
            M("best", lambda d: "Best",
              "Best customers are high on both frequency and average purchase."),
        ),
        hints=("The two axes are frequency and average purchase amount.",),
    ),
    Question(
        "05.7", "How many of the ten customers in `log` are in the 'Best' cell with median "
                "cut points?",
        data=_log,
        unit="customers (a count)",
        answer=lambda d: int((rfm.value_matrix(_table(d))["cell"] == "Best").sum()),
        misconceptions=(
            M("total", lambda d: int((rfm.value_matrix(
                _table(d).assign(average_purchase=lambda t: t["monetary"]))["cell"]
                == "Best").sum()),
              "You used total spend; the matrix uses the average purchase amount."),
        ),
        hints=("rfm.value_matrix(rfm.rfm_table(log, as_of=as_of))",),
    ),
    Question(
        "05.8", "The textbook says \"only 15 percent of American customers have loyalty to a "
                "single retailer, yet these customers generate between 55 percent and 70 "
                "percent of retail sales\" (TB 4.2). As a benchmark: if every customer spent "
                "the same, what share of sales would any 15% of customers give?",
        unit="a proportion (0-1)",
        answer=lambda d: rfm.top_share(np.ones(100), 0.15),
        misconceptions=(
            M("textbook", lambda d: 0.55,
              "0.55 is the lower end of the textbook's range for the customers loyal to one "
              "retailer; with equal spending every 15% of customers gives exactly 15% of sales "
              "(the diagonal)."),
        ),
        hints=("The concentration curve of equal spenders is the diagonal.",),
    ),
)


# --- TB 5.2 and 1.3: CRM systems -----------------------------------------------------------------

def _crm_weights(rng: np.random.Generator) -> dict:
    return {"weights": rounded_weights(rng, ["contact management", "ease of use",
                                             "cost for 10 users"]),
            "ratings": {"package A": [5, 2, 2], "package B": [3, 4, 3], "package C": [2, 3, 5]}}


def _crm_winner(d: dict, weighted: bool = True) -> str:
    table = pd.DataFrame(d["ratings"], index=list(d["weights"])).T
    weights = d["weights"] if weighted else dict.fromkeys(d["weights"], 1.0)
    u = choice.compensatory_scores(table, weights)
    return str(u.sort_values(ascending=False, kind="stable").index[0])


register(
    Question(
        "05.9", "A CRM system captures, gives access to, analyses and delivers (TB 5.2). Which "
                "of the four functions does an RFM table belong to?",
        kind="choice", options=("capture", "access", "analyse", "deliver"),
        answer=lambda d: "analyse",
        misconceptions=(M("capture", lambda d: "capture", "Capturing stores the transactions; "
                          "scoring them into R, F and M is analysis."),
                        M("deliver", lambda d: "deliver", "Delivering a tailored marketing mix "
                          "comes after the analysis has found the segments.")),
        hints=("Which function turns data into insight about segments?",),
    ),
    Question(
        "05.10", "A firm with a sales force of ten rates three CRM packages 1-5 on contact "
                 "management, ease of use and cost for 10 users (`ratings`, in that order) and "
                 "weights the criteria by `weights`. Which package wins the weighted decision "
                 "matrix (TB 1.3, exercise 1)?",
        kind="choice", options=("package A", "package B", "package C"), data=_crm_weights,
        answer=_crm_winner,
        misconceptions=(M("unweighted", lambda d: _crm_winner(d, weighted=False),
                          "That is the winner on unweighted totals; multiply each rating by its "
                          "criterion's weight first."),),
        hints=("Score each package: sum of weight x rating.", "The highest score wins."),
    ),
)


# --- what RFM is for: a test mailing and the break-even rule (issue 19 item 11) -------------
def _mailing(rng: np.random.Generator) -> dict:
    """A test mailing per R score (cost, order value, margin rate) with profitable and
    unprofitable cells on both sides of the break-even rate."""
    while True:
        cost = round(float(rng.choice([0.4, 0.5, 0.6, 0.75, 0.8, 1.0])), 2)
        order_value = float(rng.choice([20, 25, 30, 40]))
        margin_rate = float(rng.choice([0.3, 0.4, 0.5]))
        mailed = [int(x) for x in rng.integers(180, 221, 5)]
        base = np.sort(rng.uniform(0.005, 0.16, 5))  # R = 1 .. 5
        responders = [int(round(m * r)) for m, r in zip(mailed, base)]
        d = {"cost_per_piece": cost, "order_value": order_value, "margin_rate": margin_rate,
             "R": [1, 2, 3, 4, 5], "mailed": mailed, "responders": responders}
        rates = np.array(responders) / np.array(mailed)
        breakeven = cost / (order_value * margin_rate)
        above = rates > breakeven
        if 1 <= above.sum() <= 3 and np.all(np.abs(rates - breakeven) > 0.002):
            return d


def _breakeven(d: dict, *, margin: bool = True, inverted: bool = False) -> float:
    m = d["order_value"] * (d["margin_rate"] if margin else 1.0)
    return m / d["cost_per_piece"] if inverted else d["cost_per_piece"] / m


def _plan_profit(d: dict, *, everyone: bool = False, no_cost: bool = False) -> float:
    rates = pd.DataFrame({"mailed": d["mailed"], "responders": d["responders"]}, index=d["R"])
    rates["response_rate"] = rates["responders"] / rates["mailed"]
    margin = d["order_value"] * d["margin_rate"]
    cost = 0.0 if no_cost else d["cost_per_piece"]
    if everyone:
        return float((rates["mailed"] * (rates["response_rate"] * margin - cost)).sum())
    plan = rfm.mailing_plan(rates, cost_per_piece=d["cost_per_piece"],
                            margin_per_response=margin)
    mail = plan["mail"]
    return float((rates["mailed"][mail] * (rates["response_rate"][mail] * margin - cost)).sum())


register(
    Question(
        "05.21", "A coupon mailing costs `cost_per_piece` per customer; a response is an order "
                 "worth `order_value` with a gross margin of `margin_rate` (in "
                 "`exercise_data('05.21')`). What is the break-even response rate (a proportion "
                 "0-1)?",
        data=_mailing, answer=_breakeven,
        misconceptions=(
            M("revenue-not-margin", lambda d: _breakeven(d, margin=False),
              "You divided by the order value. A response pays only its margin (order value x "
              "margin rate), so r* = cost per piece / margin per response."),
            M("inverted", lambda d: _breakeven(d, inverted=True),
              "That is margin / cost, how many pieces one response pays for. The break-even "
              "rate is the other way round: cost per piece / margin per response."),
        ),
        hints=("Mailing one customer costs c and earns r x m on average, m = margin per "
               "response.", "Set r m - c = 0 and solve for r."),
        explanation="r* = c / (order value x margin rate): mail a cell only if its response "
                    "rate is higher (Hughes 1994; Bult & Wansbeek 1995).",
    ),
    Question(
        "05.22", "The same test mailing went to every R score (`R`, `mailed`, `responders`). "
                 "If you mail again only the R cells whose test response rate beats the "
                 "break-even rate, to as many customers per cell as in the test, what profit do "
                 "you expect (margin of the responses minus the cost of the pieces)?",
        data=_mailing, answer=_plan_profit,
        misconceptions=(
            M("mail-everyone", lambda d: _plan_profit(d, everyone=True),
              "That is the profit of mailing every cell. The cells below the break-even rate "
              "lose money on every piece: leave them out."),
            M("forgot-cost", lambda d: _plan_profit(d, no_cost=True),
              "You counted the margin of the responses but not the cost of the pieces: "
              "profit = n (r m - c) per mailed cell."),
        ),
        hints=("Response rate per cell = responders / mailed; compare it with r* from 05.21.",
               "rfm.mailing_plan(rates, cost_per_piece=..., margin_per_response=...) does it; "
               "sum its expected_profit."),
    ),
)
