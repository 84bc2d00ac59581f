"""The module registry: the single list of course modules.

The CLI, the README's module table, the welcome notebook and the tests all read this list, so a
module is added or re-labelled here and nowhere else.

>>> from coursekit.course import get_module
>>> get_module("01").title
'The value equation'
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Module", "MODULES", "get_module", "resolve_modules", "modules_table_markdown",
           "welcome_markdown", "sync_readme", "project_root", "progress_report"]

STATUSES = ("ready", "planned")


@dataclass(frozen=True)
class Module:
    """One course module: a lesson notebook and an exercise notebook on one chapter model."""

    id: str
    slug: str
    title: str
    chapter: str
    objectives: tuple[str, ...]
    datasets: tuple[str, ...] = ()
    status: str = "planned"
    sources: str = ""

    @property
    def notebook(self) -> str:
        """File name of the lesson (``notebooks/``) and of the solutions (``solutions/``)."""
        return f"{self.id}_{self.slug}.ipynb"

    @property
    def exercise_notebook(self) -> str:
        """File name of the student exercises (``exercises/``): a name of their own, so a lesson
        and its exercises open in two tabs that can be told apart."""
        return f"{self.id}_{self.slug}_exercises.ipynb"

    @property
    def question_bank(self) -> str | None:
        """The module of this course module's question bank (see ``coursekit.exercises.bank``)."""
        from coursekit.exercises.bank import BANKS

        return f"coursekit.exercises.bank.{BANKS[self.id]}" if self.id in BANKS else None

    @property
    def name(self) -> str:
        return f"{self.id}_{self.slug}"


MODULES: tuple[Module, ...] = (
    Module(
        "01", "value_equation", "The value equation", "TB 1.1, 1.3, 3.1",
        (
            "Compute value as benefit minus cost, counting non-money costs (TB 1.1)",
            "Explain why value is more than price and can depend on the moment (TB 1.1)",
            "Compare competing and substitute offers with a multi-attribute value model (TB 1.1)",
            "Judge a value proposition: who/what/why, clear/compelling/differentiating (TB 1.1, 3.1)",
        ),
        status="ready", sources="TB l.216-284, 999-1004",
    ),
    Module(
        "02", "buying_behaviour", "Buying behaviour", "TB 1.1, 2.1, 5.1.8",
        ("Model need recognition, the buying process and compensatory choice",
         "Classify buying behaviour by involvement and brand difference",
         "Describe the B2B buying centre and process"),
        datasets=("vacuum_models", "purchase_journeys"),
        status="ready", sources="TB l.353-400, 713-973",
    ),
    Module(
        "03", "problems_and_ethics", "Problems and ethics", "TB 3.1-3.3",
        ("Identify customers and segmentation variables",
         "Use a responsibility matrix and escalate problems early",
         "Read the marketing-ethics survey"),
        datasets=("ethics_survey",),
        status="ready", sources="TB l.987-1232",
    ),
    Module(
        "04", "customer_lifetime_value", "Customer lifetime value", "TB 4.2, 7.4",
        ("Compute simple and retention-based CLV with an explicit timing convention",
         "Show what retention does to customer value",
         "Forecast real customers with BG/NBD, Pareto/NBD, gamma-gamma and sBG"),
        datasets=("cdnow_summary", "cdnow_transactions", "retention_cohorts"),
        status="ready", sources="TB l.1308-1318, 1435-1445, 3028-3038",
    ),
    Module(
        "05", "rfm_value_matrix", "RFM and the customer value matrix", "TB 4.2",
        ("Score customers on recency, frequency and monetary value",
         "Build the customer value matrix and check sales concentration"),
        datasets=("cdnow_transactions", "cafe_transactions", "cafe_mailing"),
        status="ready", sources="TB l.1318",
    ),
    Module(
        "06", "qfd_kano", "Quality function deployment and Kano", "TB 4.2",
        ("Build a house of quality and read technical priorities",
         "Classify service features with the Kano model"),
        datasets=("qfd_restaurant", "qfd_boutique", "kano_survey"),
        status="ready", sources="TB l.1340-1375",
    ),
    Module(
        "07", "gap_model", "The gap model and SERVQUAL", "TB 5.1",
        ("Explain the five gaps and their remedies",
         "Measure the customer gap with SERVQUAL and the zone of tolerance",
         "Audit the provider gaps"),
        datasets=("servqual_survey", "servqual_management", "critical_incidents"),
        status="ready", sources="TB 5.1.7-5.1.17; S0; S2",
    ),
    Module(
        "08", "customer_value_laddering", "Customer value and laddering", "TB 6.1",
        ("Compare executive estimates with customer reports",
         "Build an implication matrix and a hierarchical value map from ladders"),
        datasets=("bank_ladders", "bank_executive_estimates"),
        status="ready", sources="TB l.2400-2500",
    ),
    Module(
        "09", "negotiation", "Negotiation", "TB 6.2, 6.3",
        ("Find BATNA, reservation values and the zone of agreement",
         "Compare distributive and integrative outcomes",
         "Place conflict styles on concern for self x others"),
        status="ready", sources="TB l.2510-2760",
    ),
    Module(
        "10", "segmentation_competition", "Segmentation and competition", "TB 7.1",
        ("Write a project context statement",
         "Compute segment economics (bottled water)",
         "Name the levels of competition"),
        datasets=("service_station_segments",),
        status="ready", sources="TB l.2780-2910",
    ),
    Module(
        "11", "relationships_loyalty", "Relationships and loyalty", "TB 1.2, 7.2-7.4",
        ("Model relationship stages as a Markov chain",
         "Quantify retention economics and defection management",
         "Classify relationship bonds"),
        datasets=("relationship_stage_panel",),
        status="ready", sources="TB 1.2, 7.2-7.4; S0; S2; S3",
    ),
    Module(
        "12", "service_recovery", "Service failure and recovery", "Ch. 8 (S0, S2, S3)",
        ("Simulate the recovery paradox and its conditions",
         "Analyse a recovery experiment",
         "Price a service guarantee"),
        datasets=("recovery_experiment",),
        status="ready", sources="S0 l.23-29; S2 l.202-218; S3 l.27-35",
    ),
    Module(
        "13", "customer_roles_design", "Customer roles and service design", "Ch. 8 (S3, S4)",
        ("Decide make-or-buy for customer participation",
         "Manage customer-mix compatibility",
         "Trade off drop and go errors in service design"),
        datasets=("idea_screening", "service_blueprints", "coffee_shop_arrivals"),
        status="ready", sources="S3 l.36-56; S4",
    ),
)


def get_module(key: str) -> Module:
    """Look a module up by id (``"01"`` or ``"1"``), slug or full name."""
    if not isinstance(key, str):
        raise TypeError(f"module must be a string such as '01'; got {key!r}")
    key = key.strip()
    for m in MODULES:
        if key in (m.id, m.slug, m.name) or (key.isdigit() and int(key) == int(m.id)):
            return m
    valid = ", ".join(f"{m.id} ({m.slug})" for m in MODULES)
    raise ValueError(f"unknown module {key!r}; valid modules are: {valid}")


def resolve_modules(keys: str | list[str] | None, *, ready_only: bool = False) -> list[Module]:
    """Modules named by a comma-separated string or list (``None`` = all)."""
    if keys is None:
        chosen = list(MODULES)
    else:
        if isinstance(keys, str):
            keys = [k for k in keys.split(",") if k.strip()]
        chosen = [get_module(k) for k in keys]
    if ready_only:
        chosen = [m for m in chosen if m.status == "ready"]
    return chosen


def modules_table_markdown() -> str:
    """The README's module table, generated from the registry."""
    lines = ["| id | module | textbook | lesson | exercises | status |",
             "|---|---|---|---|---|---|"]
    for m in MODULES:
        ready = m.status == "ready"
        lesson = f"[{m.notebook}](notebooks/{m.notebook})" if ready else "-"
        exercises = f"[{m.exercise_notebook}](exercises/{m.exercise_notebook})" if ready else "-"
        lines.append(f"| {m.id} | {m.title} | {m.chapter} | {lesson} | {exercises} | "
                     f"{m.status} |")
    return "\n".join(lines)


def sync_readme(path: str | Path) -> bool:
    """Rewrite the module table of the README at ``path``; True if it changed."""
    import re

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"(<!-- modules:start -->\n).*?(\n<!-- modules:end -->)",
                 lambda m: m.group(1) + modules_table_markdown() + m.group(2), text, flags=re.S)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def welcome_markdown() -> str:
    """The module list of the welcome notebook, with links to every lesson and exercise."""
    lines = ["| module | lesson | exercises | textbook |", "|---|---|---|---|"]
    for m in MODULES:
        lines.append(f"| {m.id} {m.title} | [lesson]({m.notebook}) | "
                     f"[exercises](../exercises/{m.exercise_notebook}) | {m.chapter} |")
    return "\n".join(lines)


def project_root() -> Path | None:
    """The source checkout holding notebooks/ and solutions/, or None for a bare install."""
    here = Path(__file__).resolve().parent.parent
    return here if (here / "solutions").is_dir() and (here / "pyproject.toml").exists() else None


def progress_report(module_ids=None):
    """The student's progress per module with the course's titles and a total row (what the
    welcome notebook and ``coursekit progress`` show; see ``coursekit.exercises.progress``)."""
    from coursekit.exercises.progress import progress_report as report

    return report(module_ids, titles={m.id: m.title for m in MODULES})
