"""Questions of module 03, problems and ethics (TB 3.1-3.3)."""
from __future__ import annotations

import numpy as np

from coursekit.exercises.core import Misconception, Question, register
from coursekit.models.problems import ethics
from coursekit.models import problems as pr

M = Misconception


def _escalation(rng: np.random.Generator) -> dict:
    return {"problem_cost": float(rng.integers(5, 30)) * 10_000,
            "problem_growth": float(rng.integers(5, 21)) / 100,
            "weeks": int(rng.integers(3, 9))}


def _problem_at(d: dict) -> float:
    return float(pr.escalation_cost(d["weeks"], problem_cost=d["problem_cost"],
                                    problem_growth=d["problem_growth"])["problem_cost"].iloc[0])


register(
    Question(
        "03.1", "TB 3.2 exercise 1: \"A table that displays who should be included in making "
                "different types of decisions is a decision _____.\"",
        kind="choice", options=("matrix", "register", "tree", "log"), answer=lambda d: "matrix",
        misconceptions=(M("register", lambda d: "register",
                          "An action item register records issues and actions; the table of "
                          "people x types of decisions is the responsibility (decision) "
                          "matrix."),),
        hints=("Figure 4.5 is called the responsibility ...",),
    ),
    Question(
        "03.2", "TB 3.2 exercise 2: \"A client should be involved in decisions _____ in the "
                "process of dealing with a problem.\"",
        kind="choice", options=("early", "late", "only at the end"), answer=lambda d: "early",
        misconceptions=(M("late", lambda d: "late",
                          "Waiting until the problem is under control is the mistake of the "
                          "South-America case: the later the client learns, the greater the "
                          "frustration and mistrust."),),
        hints=("Involve the client before the problem gets worse.",),
    ),
    Question(
        "03.3", "TB 3.2 exercise 3: \"Information that is developed in the planning phase can "
                "require reconsidering decisions that were made in the _____ phase.\"",
        kind="choice", options=("conceptual", "design", "execution", "closing"),
        answer=lambda d: "conceptual",
        misconceptions=(M("design", lambda d: "design",
                          "The key takeaway reads: information developed during the design and "
                          "planning phase can require reconsidering decisions made during the "
                          "conceptual phase."),),
        hints=("Which phase comes before design and planning?",),
    ),
    Question(
        "03.4", "In the responsibility matrix (Figure 4.5), who is involved in budget "
                "decisions? (a list of titles)",
        kind="choices", options=pr.ROLES, answer=lambda d: pr.who_is_involved("Budget"),
        misconceptions=(M("finance-only", lambda d: ["Finance Team"],
                          "The finance team is not alone: the client representative and the "
                          "project manager are marked X for the budget too."),),
        hints=("Read down the Budget column.",),
    ),
    Question(
        "03.5", "How many of the six titles are involved in change management procedures?",
        unit="titles (a count)",
        answer=lambda d: float(pr.involvement_counts()["Change Management Procedures"]),
        misconceptions=(M("no-client", lambda d: float(
            pr.involvement_counts()["Change Management Procedures"] - 1),
            "You left out the client representative, who is marked in every column."),),
        hints=("Count the X marks in the column.",),
    ),
    Question(
        "03.6", "A problem costing `problem_cost` dollars grows by `problem_growth` a week "
                "(the workbook's assumption). What does it cost if the client is told after "
                "`weeks` weeks, compounding weekly?",
        unit="dollars",
        answer=_problem_at, data=_escalation,
        misconceptions=(M("simple-growth", lambda d: d["problem_cost"]
                          * (1 + d["problem_growth"] * d["weeks"]),
                          "You added the growth linearly. It compounds: P (1 + g)^weeks."),),
        hints=("problem(d) = P (1 + g)^d.",),
    ),
    Question(
        "03.7", "Add up the nine shares of the marketing-ethics survey (TB 3.3). What total "
                "do you get, as a proportion?",
        unit="a proportion (0-1)",
        answer=lambda d: ethics.survey_total(),
        misconceptions=(M("assumed-100", lambda d: 1.0,
                          "Shares of one question usually add to 100 %, but these do not: the "
                          "nine printed shares add to 87 %. Always check."),),
        hints=("15 + 14 + 12 + 12 + 11 + 10 + 5 + 4 + 4 percent.",),
    ),
    Question(
        "03.8", "Among the respondents who named one of the nine listed issues, what proportion "
                "named bribery?",
        unit="a proportion (0-1)",
        answer=lambda d: ethics.ETHICS_SHARES["bribery"] / ethics.survey_total(),
        misconceptions=(M("of-all", lambda d: 0.15,
                          "0.15 is bribery's share of *all* respondents. Among those who named "
                          "a listed issue (87 %), the share is 0.15 / 0.87."),),
        hints=("Divide by the 0.87 that the listed shares cover.",),
    ),
    Question(
        "03.9", "Which of these is a segmentation variable for organizations in TB 3.1?",
        kind="choice", options=("income", "function", "age", "interests"),
        answer=lambda d: "function",
        misconceptions=(M("income", lambda d: "income",
                          "Income is listed for individuals. Organizations are segmented by "
                          "industry, size, function, and level and type of individuals."),),
        hints=("Four variables are listed for organizations.",),
    ),
    Question(
        "03.10", "The client paid another $1 million to finish a month early (worth $1.5 "
                 "million to the client). Now, for reasons outside the project, the month will "
                 "not be saved. Should the decision be revisited (True/False)?",
        kind="bool",
        answer=lambda d: pr.revisit_decision(1_000_000, 1_500_000, 1, 0).revisit,
        misconceptions=(M("final", lambda d: False,
                          "Decisions are not final: the time saving that justified the cost is "
                          "gone - new information that flips the cost-benefit (TB 3.2)."),),
        hints=("Recompute the net benefit with zero months saved.",),
    ),
    Question(
        "03.11", "The project manager handed out the red 'emergency button' card on four "
                 "projects. On how many of them was it used at least once?",
        unit="projects (a count)",
        answer=lambda d: float((pr.RED_BUTTON_PROJECTS["card_use"] != "never").sum()),
        misconceptions=(M("once-only", lambda d: 1.0,
                          "One client used it once and another used it often: both count."),),
        hints=("Two projects never used the card.",),
    ),
    Question(
        "03.12", "Your team agreed to involve the client when a problem costs $50,000 or more "
                 "or delays the project 5 days or more. A problem costs $30,000 and delays the "
                 "project 6 days. Involve the client (True/False)?",
        kind="bool",
        answer=lambda d: bool(pr.needs_client_involvement(30_000, 6, cost_threshold=50_000,
                                                          schedule_threshold_days=5)[0]),
        misconceptions=(M("cost-only", lambda d: False,
                          "The cost is under the threshold, but the delay is not: either "
                          "crossing triggers client involvement."),),
        hints=("Check both thresholds.",),
    ),
)
