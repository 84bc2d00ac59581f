"""The curriculum map as data: every seed concept and end-of-section exercise, and where it is taught.

One :class:`Item` per model or framework of the curriculum map's table 3a (items 1-59) and per
end-of-section exercise of table 3c (ids ``"E<section>"``), plus a few concepts of the map's
chapter notes that table 3a does not list (ids ``"C<section>"``) and tools from the services-
marketing literature beyond the seeds (ids ``"X-<name>"``). Each names the module that teaches
it and one or more *anchors*: phrases that must occur (case-insensitive) in that module's
lesson notebook (``notebooks/NN_*.ipynb``) or solutions notebook (``solutions/NN_*.ipynb``).
``tests/test_curriculum.py`` checks the anchors, so a concept cannot silently drop out of the
course; :func:`coverage_markdown` renders ``docs/curriculum_coverage.md``.

Sources use the map's abbreviations: TB = the textbook (Perry & Benbow 2021) with file line
numbers, S0, S2, S3, S4 = the supplementary seeds.

This module is data only and imports nothing but the standard library.

>>> len([i for i in CURRICULUM if isinstance(i.number, int)])
59
>>> item(21).module
'10'
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

__all__ = ["Item", "CURRICULUM", "item", "items_for_module", "coverage_markdown"]


@dataclass(frozen=True)
class Item:
    """One curriculum-map entry: what it is, where it comes from, and which module teaches it."""

    number: int | str
    name: str
    sources: str
    module: str
    anchors: tuple[str, ...]


_I = Item

CURRICULUM: tuple[Item, ...] = (
    # --- table 3a: models, frameworks and scoring schemes ---------------------------------------
    _I(1, "Value = benefit - cost ($5 swap, bus ticket, hotel vs Airbnb)", "TB 216-250", "01",
       ("benefit - cost", "seven friends", "bus-ticket")),
    _I(2, "Value ratio (benefits / costs)", "TB 2430", "01", ("value ratio",)),
    _I(3, "Value proposition: who/what/why; clear/compelling/differentiating; screening questions",
       "TB 272-284, 999-1004", "01", ("who, what and why", "screen")),
    _I(4, "Marketing orientations (4)", "TB 184-202", "01", ("Company orientation",)),
    _I(5, "Consumer buying process (5 stages; 'six' claimed)", "TB 364-400, 771-782", "02",
       ("five stages", "Joanne", "six-stage")),
    _I(6, "Need recognition = discrepancy x importance", "TB 374", "02",
       ("Need recognition: gap x importance",)),
    _I(7, "Multi-attribute choice: vacuum cleaner, importance-weighted model, rank reversal", "TB 386, 2440", "02",
       ("vacuum", "rank reversal")),
    _I(8, "Four groups of influencing factors", "TB 355-358, 759-767, 1877-1885", "02",
       ("situational",)),
    _I(9, "Buying centre (7 roles); B2B buying process (7 steps)", "TB 788-806", "02",
       ("buying cent", "Business buyers")),
    _I(10, "Relationship stages: 3 (TB) and 4 (S2) as a Markov chain", "TB 441-462; S2 136-146",
       "11", ("Markov chain", "strangers")),
    _I(11, "Value -> loyalty -> cash flow (three threads); WOM 20-50 %, tell five",
       "TB 536-543", "11", ("three threads", "tell five", "20-50 percent")),
    _I(12, "Loyalty components and benefits; retention +25-100 % profit", "TB 906-918", "02",
       ("emotional commitment", "25-100 %")),
    _I(13, "Responsibility / decision matrix", "TB 1076-1088", "03", ("responsibility matrix",)),
    _I(14, "Disclosure delay vs client trust (deal with issues early)", "TB 1104-1114", "03",
       ("Deal with difficult issues early",)),
    _I(15, "Marketing-ethics survey (Chonko & Hunt), sum 87 %", "TB 1195-1212", "03",
       ("bribery", "ethics")),
    _I(16, "CLV: HBS net-present-value exercise", "TB 1310-1312, 1435-1442", "04", ("HBS",)),
    _I(17, "Simple CLV ($22.50 / $112.50)", "TB 3028-3038", "04", ("simple CLV",)),
    _I(18, "RFM customer value matrix", "TB 1318", "05", ("customer value matrix", "recency")),
    _I(19, "Customer concentration: the 15 % loyal to a single retailer give 55-70 % of sales "
           "(not testable with one store's log)", "TB 1316", "05",
       ("55-70%", "loyalty to a single retailer")),
    _I(20, "QFD house of quality (6 parts)", "TB 1352-1375", "06",
       ("house of quality", "roof", "basement")),
    _I(21, "Pricing: willingness to pay vs worth; mark-up chain; sticker shock; channels",
       "TB 1459-1493", "10", ("willingness to pay", "mark-up", "sticker shock",
                              "links in the chain")),
    _I(22, "Customer profile (5 Ws); internal vs external customers", "TB 1700-1722", "13",
       ("5 Ws", "internal customers", "external customers")),
    _I(23, "Customer-service definitions; basic vs luxury; standardized vs personalized",
       "TB 1660-1819; S3 44-49", "13",
       ("cost-service mix", "basic or luxury", "Standardized or personalized", "86 %")),
    _I(24, "Involvement x brand-difference matrix; 3 involvement levels", "TB 1895-1926", "02",
       ("Involvement and types of buying behaviour",)),
    _I(25, "Digital surveys: advantages and disadvantages; survey-mode bias", "TB 1964-1976",
       "07", ("digital survey", "respondent_mean")),
    _I(26, "Feedback questions (8) and collection methods (5); MTTR", "TB 2002-2043", "07",
       ("FEEDBACK_QUESTIONS", "FEEDBACK_METHODS", "mean time to repair")),
    _I(27, "The five-gap model", "TB 2064-2265", "07", ("five gaps",)),
    _I(28, "Gap-factor audit (45 items)", "S2 5-134", "07", ("Auditing the provider gaps",)),
    _I(29, "SMART service standards", "TB 2127-2149", "07", ("SMART", "standard_compliance")),
    _I(30, "Adequate / desired service levels (S0); zone of tolerance (PZB term)", "S0 9-11", "07", ("zone of tolerance",)),
    _I(31, "Research programme: objectives, criteria, 8 research types", "S0 1-7", "07",
       ("listening programme", "mystery shopping")),
    _I(32, "CRM: four functions; facets (operational / analytical / collaborative)",
       "TB 2336-2345, 2930-2938", "05", ("four functions", "capture", "collaborative")),
    _I(33, "3-Circle: executive estimates vs customer reports; L/M/H; relative satisfaction",
       "TB 2407-2460", "08", ("executives estimate", "discrimination")),
    _I(34, "Laddering / means-end: implication matrix, hierarchical value map",
       "TB 2462-2497", "08", ("laddering", "implication matrix")),
    _I(35, "Negotiation: five phases, BATNA, patio-furniture case", "TB 2510-2571", "09",
       ("five phases", "BATNA", "patio")),
    _I(36, "Distributive vs integrative negotiation", "TB 2581-2587, 2733", "09",
       ("integrative", "distributive")),
    _I(37, "TKI five conflict styles", "TB 2741-2752", "09", ("Thomas-Kilmann",)),
    _I(38, "ADR: mediation, arbitration, arbitration-mediation", "TB 2648-2675", "09",
       ("mediation", "arbitration")),
    _I(39, "Salary negotiation", "TB 2592-2616", "09", ("salary",)),
    _I(40, "Project context statement", "TB 2788-2824", "10", ("context statement",)),
    _I(41, "Bottled-water segmentation economics ($75 -> $115)", "TB 2828-2835", "10",
       ("bottled water",)),
    _I(42, "Service-station L/M/H importance table", "TB 2860-2869", "10", ("service station",)),
    _I(43, "Levels of competition (4)", "TB 2886-2895", "10", ("levels of competition",)),
    _I(44, "Harley-Davidson and Pampers segments", "TB 2875, 2901", "10", ("Harley", "Pampers")),
    _I(45, "Lovelock & Wirtz: six relationship elements", "TB 2960-2965", "11", ("Lovelock",)),
    _I(46, "Consultative selling, trust, under-promise/over-deliver, networking",
       "TB 2994-3204", "11", ("Consultative selling", "750", "over-deliver")),
    _I(47, "Relationship bonds L1-L4", "S2 168-200", "11", ("bond",)),
    _I(48, "Defection management (zero defectors)", "S3 19-26", "11", ("Defection management",)),
    _I(49, "Recovery paradox and its conditions", "S0 23-27; S3 29-30; TB 912", "12",
       ("paradox",)),
    _I(50, "Complaint types (4)", "S3 31-35", "12", ("instrumental", "ostensive", "reflexive")),
    _I(51, "Recovery strategies (8)", "S2 202-218", "12", ("eight recovery strategies",)),
    _I(52, "Service guarantees: characteristics and economics", "S0 27-29", "12",
       ("guarantee",)),
    _I(53, "Drop vs go errors", "S3 36-39", "13", ("drop and go",)),
    _I(54, "Service design goals and cost/quality/customization trade-offs", "S3 40-49", "13",
       ("goals and trade-offs",)),
    _I(55, "Scoping, FAST, SITOC", "S3 50-56", "13", ("Scoping", "FAST", "SITOC")),
    _I(56, "Customer roles; make-vs-buy criteria; SSTs; participation; compatibility",
       "S4 all", "13", ("roles customers play", "self-service", "customer mix")),
    _I(57, "Relationship benefits (customer / firm) and challenges",
       "S0 17-19; S2 146-166; S3 4-18", "11", ("benefits and challenges",)),
    _I(58, "Leaky bucket (front door / exit)", "S0 13", "11", ("leaky bucket",)),
    _I(59, "Conquest marketing", "S3 59-60", "11", ("conquest marketing",)),
    # --- table 3c: end-of-section exercises and embedded activities ----------------------------
    _I("E1.3", "Exercise 1: choose a CRM package for a sales force of ten", "TB 577", "05",
       ("sales force of ten", "weighted decision matrix")),
    _I("E2.1-1", "Exercise 1: touch points of a visit to a small business", "TB 968", "02",
       ("exercise 1 of TB 2.1",)),
    _I("E2.1-2", "Exercise 2: a small business you are loyal to", "TB 969", "02",
       ("TB 2.1, exercise 2",)),
    _I("E3.2", "Exercises 1-6 (fill-ins: matrix, early, conceptual) and the involvement threshold",
       "TB 1156-1165", "03", ("TB 3.2 exercise", "threshold for client involvement")),
    _I("E4.2-1", "Exercise 1: HBS CLV over retention 25-90 %", "TB 1435-1442", "04",
       ("HBS exercise",)),
    _I("E4.2-2", "Exercise 2: QFD for a downtown boutique clothing store", "TB 1443", "06",
       ("boutique",)),
    _I("E4.2-3", "Exercise 3: VOC programme for a children's clothing store", "TB 1445", "06",
       ("children's clothing store",)),
    _I("E5.1.18", "Discussion parts 1-2 and the 10-point rubric", "TB 2289-2313", "07",
       ("discussion_score",)),
    _I("E6.1", "Embedded: executives estimate reasons for choice; interview 5-10 customers",
       "TB 2413-2451", "08", ("executives estimate", "interview 5 to 10 customers")),
    _I("E6.2", "Exercises 1-3: phases, is a BATNA important, third-party options",
       "TB 2686-2688", "09", ("Is a BATNA important",)),
    _I("E7.1", "Embedded: why station A over B?", "TB 2847", "10", ("station A",)),
    _I("E7.4", "Exercise 7.4.1 items 1-5 (relationship selling reflection, networking)",
       "TB 3220-3224", "11", ("Exercise 7.4.1",)),
    # --- concepts of the map's chapter notes that table 3a does not list ---------------------
    _I("C1.3-DW", "Disaster Watch: New Coke, Arch Deluxe, HMO, dry cleaning (CR50 = 40 %)",
       "TB 579-595", "01", ("Disaster Watch", "New Coke", "35,000")),
    _I("C1.3-CRM", "CRM for small firms: four uses, selection questions, cloud / SaaS",
       "TB 547-566", "11", ("cloud computing",)),
    _I("C4.1", "Customer-service skills self-assessment", "TB 1246-1258", "03",
       ("Customer-service skills", "not blaming the user")),
    _I("C4.2-VOC", "Voice of the customer: the ten listening questions", "TB 1271-1306", "06",
       ("voice of the customer", "Do I know why customers have left")),
    _I("C4.2-gut", "Gut instinct vs research: pet rock, Wallwalker, Apple", "TB 1338-1348", "06",
       ("Gut instinct or research", "Wallwalker")),
    _I("C5.1.10", "Instant feedback by SMS (National Express)", "TB 2023", "07",
       ("National Express",)),
    # --- beyond the seeds: tools a services-marketing course is expected to teach (X...) ------
    _I("X-blueprint", "Service blueprint: lanes, three lines, fail points, customer waits",
       "Shostack 1984; Bitner, Ostrom & Morgan 2008", "13",
       ("service blueprint", "line of visibility", "fail point", "customer_waits")),
    _I("X-queues", "Demand and capacity: M/M/c waiting lines (Erlang C), staffing for a target "
       "wait; Maister's psychology of waiting", "Erlang 1917; Maister 1985; S2 (gap-3 factor)",
       "13", ("Erlang C", "mmc_queue", "staffing_plan", "first law of service")),
    _I("X-servicescape", "Servicescape: framework, typology and where it enters the gaps model",
       "Bitner 1992; S2 (gap-2 and gap-4 factors)", "13",
       ("servicescape", "servicescape_gaps", "overpromising through physical evidence")),
    _I("X-incidents", "Critical incident technique: BBT groups, shares by outcome, Cohen's kappa",
       "Bitner, Booms & Tetreault 1990; S0 (critical service encounters)", "07",
       ("critical incident technique", "Cohen's kappa", "coder_agreement")),
    _I("X-nps", "Net Promoter Score with a bootstrap interval, by segment; gaps of promoters and "
       "detractors; penalty-reward contrast analysis", "Reichheld 2003; Anderson & Mittal 2000",
       "07", ("Net Promoter Score", "nps_interval", "gaps_by_nps_class", "penalty_reward")),
    _I("X-equity", "Customer equity of current and future customers; acquisition vs retention "
       "spending; CLV with mid-period costs", "Rust, Lemon & Zeithaml 2004; Blattberg & "
       "Deighton 1996; Berger & Nasr 1998", "04",
       ("customer equity", "optimal_spend", "berger_nasr_clv")),
    # --- beyond the seeds: research checks and research findings (issue 19 items 6, 8-13) ----
    _I("X-profit-chain", "Service-profit chain as a chain of regressions on a panel with a known "
       "truth; effects multiply along the chain", "Heskett et al. 1994; Loveman 1998", "11",
       ("service-profit chain", "profit_chain", "chain_effect", "generating truth")),
    _I("X-servqual-checks", "SERVQUAL psychometrics: five-factor structure (by construction in "
       "the synthetic data), difference scores, Teas, E-S-QUAL",
       "Carman 1990; Babakus & Boller 1992; Peter, Churchill & Brown 1993; Teas 1993; "
       "Parasuraman, Zeithaml & Malhotra 2005", "07",
       ("factor_structure", "by construction", "difference score", "Teas (1993)", "E-S-QUAL")),
    _I("X-kano-checks", "Kano: Fong's significance test, self-stated importance, the life cycle "
       "of a quality attribute", "Fong 1996; Berger et al. 1993; Kano 2001", "06",
       ("fong_test", "self-stated importance", "life cycle")),
    _I("X-qfd-scales", "QFD: sensitivity of the priorities to the relationship scale (9-3-1, "
       "5-3-1, 4-2-1, 3-2-1), Kendall's tau, the ordinal-scale critique",
       "Franceschini & Rupil 1999; Franceschini 2002", "06",
       ("scale_sensitivity", "rank_slope_chart", "ordinal")),
    _I("X-rfm-mailing", "RFM for direct mail: response rate per cell, break-even response rate, "
       "rollout profit; RFM vs the BG/NBD forecast on the CDNOW holdout",
       "Hughes 1994; Bult & Wansbeek 1995; Fader, Hardie & Lee 2005", "05",
       ("break-even response rate", "mailing_plan", "compare_rfm_with_bgnbd")),
    _I("X-recovery-research", "Recovery research: complaint handling and justice, paradox or "
       "peril, no paradox; informational justice as the route of explanations",
       "Tax, Brown & Chandrashekaran 1998; Smith & Bolton 1998; McCollough, Berry & Yadav "
       "2000; Colquitt 2001", "12",
       ("Tax, Brown & Chandrashekaran", "paradox or peril", "informational justice",
        "justice_profile")),
    _I("X-switching", "Why customers switch: Keaveney's eight categories and their shares",
       "Keaveney 1995", "11", ("Keaveney", "switching_causes", "eight categories")),
    _I("X-co-creation", "Co-creation: customer roles in service-dominant logic; the "
       "self-serving bias of participating customers",
       "Vargo & Lusch 2004, 2008; Bendapudi & Leone 2003", "13",
       ("service-dominant", "value propositions", "self-serving bias")),
)


def item(number: int | str) -> Item:
    """The curriculum item with this number (an int for table 3a, a string for exercises)."""
    for it in CURRICULUM:
        if it.number == number:
            return it
    raise KeyError(f"no curriculum item {number!r}")


def items_for_module(module_id: str) -> tuple[Item, ...]:
    """All items taught in one module, in curriculum order.

    >>> [i.number for i in items_for_module("12")]
    [49, 50, 51, 52, 'X-recovery-research']
    """
    return tuple(it for it in CURRICULUM if it.module == module_id)


def coverage_markdown() -> str:
    """The coverage table as Markdown (written to ``docs/curriculum_coverage.md``)."""
    from coursekit.course import MODULES  # light: the registry imports only the stdlib

    titles = {m.id: m.title for m in MODULES}
    counts = Counter(it.module for it in CURRICULUM)
    lines = [
        "# Curriculum coverage",
        "",
        "Generated by `coursekit.curriculum.coverage_markdown()` from `coursekit/curriculum.py`;",
        "do not edit by hand. Every item of the curriculum map (table 3a, items 1-59, and the",
        "end-of-section exercises of table 3c, plus chapter-note concepts `C...` and tools beyond "
        "the seeds `X-...`) names the module that teaches it and the anchor",
        "phrases that `tests/test_curriculum.py` finds in that module's lesson or solutions",
        "notebook.",
        "",
        "## Items per module",
        "",
        "| module | items |",
        "|---|---|",
    ]
    lines += [f"| {mid} {titles.get(mid, '?')} | {counts.get(mid, 0)} |" for mid in sorted(titles)]
    lines += ["", "## Items", "", "| # | concept | seed source | module | anchors |",
              "|---|---|---|---|---|"]
    for it in CURRICULUM:
        anchors = ", ".join(f"`{a}`" for a in it.anchors)
        name = it.name.replace("|", "/")
        lines.append(f"| {it.number} | {name} | {it.sources} | {it.module} | {anchors} |")
    return "\n".join(lines) + "\n"
