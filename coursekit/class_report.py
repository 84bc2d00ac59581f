"""What the class gets wrong: a misconception report for instructors.

Graders give each student a score; a teacher also wants to know *which misunderstanding* the
class holds. Every checked or graded answer records the misconception it matched (churn used
as retention, ``E - P`` instead of ``P - E``, days for weeks, ...), so a class's attempts say:

* per question: the share of students right at the first attempt and eventually, the attempts
  a student needed, and the share of the class the question *lost* (not right at the first
  attempt), by which the questions are ranked;
* per misconception: how often it explains a wrong answer, with the message students saw.

Two sources are read: an nbgrader course folder (its ``autograded/`` submissions, whose graded
cells carry ``metadata["coursekit"]`` from :mod:`coursekit.autograde`) or a folder of
students' progress stores (the SQLite files of :mod:`coursekit.exercises.progress`). A
submission that cannot be read is listed with the reason, never skipped silently.

>>> import pandas as pd
>>> attempts = pd.DataFrame({"student": ["a", "a", "b"], "question_id": ["01.3"] * 3,
...                          "correct": [False, True, True], "misconception": ["beds", None, None]})
>>> summarise(attempts).questions.loc["01.3", ["first_correct", "eventually_correct", "lost"]].tolist()
[0.5, 1.0, 0.5]
"""
from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

__all__ = ["ClassReport", "read_progress_stores", "read_nbgrader", "read_source", "summarise",
           "pseudonymise", "write_report", "build_class_report"]

_COLUMNS = ["student", "question_id", "module", "attempt", "correct", "status", "misconception",
            "data_seed", "source"]


@dataclass(frozen=True)
class ClassReport:
    """The tables of a class report (see the module docstring)."""

    attempts: pd.DataFrame        #: one row per attempt, oldest first per student
    submissions: pd.DataFrame     #: one row per file read: source, student, attempts, problem
    questions: pd.DataFrame       #: per question, ranked by ``lost`` (largest first)
    misconceptions: pd.DataFrame  #: per question x misconception: count, share of wrong answers
    modules: pd.DataFrame         #: per module


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=_COLUMNS)
    frame["correct"] = frame["correct"].astype(bool)
    return frame


def read_progress_stores(folder: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Attempts and the list of files read from a folder of collected progress stores.

    Every file directly in ``folder`` is read (hidden files and ``-wal``/``-shm`` companions
    aside). A store's student is the id its rows carry, else the file name without suffix.
    """
    from coursekit.exercises.progress import read_attempts

    folder = _existing_folder(folder, "SOURCE")
    rows, seen = [], []
    for path in sorted(p for p in folder.iterdir() if p.is_file()
                       and not p.name.startswith(".") and not p.name.endswith(("-wal", "-shm"))):
        try:
            found = read_attempts(path).to_dict("records")  # opened read-only
        except (OSError, ValueError) as exc:
            seen.append({"source": path.name, "student": None, "attempts": 0,
                         "problem": str(exc) or type(exc).__name__})
            continue
        attempts = [{k: r[k] for k in ("question_id", "correct", "status", "misconception",
                                       "student", "data_seed")}
                    for r in found if r["status"] in ("correct", "incorrect")]
        for row in attempts:
            row["student"] = row["student"] or path.stem
            row["source"] = path.name
        seen.append({"source": path.name, "student": attempts[0]["student"] if attempts
                     else path.stem, "attempts": len(attempts), "problem": None})
        rows += attempts
    return _numbered(_frame(rows)), pd.DataFrame(seen, columns=["source", "student", "attempts",
                                                               "problem"])


def read_nbgrader(course: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Attempts and files read from an nbgrader course folder (or its ``autograded/``).

    Each graded coursekit cell of ``autograded/<student>/<assignment>/*.ipynb`` is one attempt.
    """
    import nbformat

    course = _existing_folder(course, "SOURCE")
    graded = course if course.name == "autograded" else course / "autograded"
    if not graded.is_dir():
        raise ValueError(f"SOURCE {course} has no autograded/ folder: run `nbgrader autograde`")
    rows, seen = [], []
    for path in sorted(graded.glob("*/*/*.ipynb")):
        student = path.parent.parent.name
        source = path.relative_to(graded).as_posix()
        try:
            nb = nbformat.read(path, as_version=4)
            found = [c.metadata["coursekit"] for c in nb.cells
                     if isinstance(c.get("metadata", {}).get("coursekit"), dict)]
        except Exception as exc:  # noqa: BLE001 - a damaged submission is reported, not fatal
            seen.append({"source": source, "student": student, "attempts": 0,
                         "problem": f"{type(exc).__name__}: {exc}"[:200]})
            continue
        problem = None if found else "no cell graded by coursekit (was it autograded with " \
                                     "coursekit's nbgrader_config.py?)"
        seen.append({"source": source, "student": student, "attempts": len(found),
                     "problem": problem})
        rows += [{"student": student, "question_id": r.get("question_id"),
                  "correct": bool(r.get("correct")), "status": r.get("status"),
                  "misconception": r.get("misconception"), "data_seed": r.get("data_seed"),
                  "source": source} for r in found]
    return _numbered(_frame(rows)), pd.DataFrame(seen, columns=["source", "student", "attempts",
                                                               "problem"])


def read_source(source: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read an nbgrader course folder or a folder of progress stores, whichever ``source`` is."""
    source = _existing_folder(source, "SOURCE")
    if source.name == "autograded" or (source / "autograded").is_dir():
        return read_nbgrader(source)
    return read_progress_stores(source)


def _existing_folder(path: str | Path, name: str) -> Path:
    if not isinstance(path, (str, Path)):
        raise TypeError(f"{name} must be a folder path; got {type(path).__name__}")
    path = Path(path)
    if not path.is_dir():
        raise ValueError(f"{name} {path} is not a folder")
    return path


def _numbered(attempts: pd.DataFrame) -> pd.DataFrame:
    attempts = attempts[attempts["question_id"].notna()].copy()
    attempts["module"] = attempts["question_id"].str.split(".").str[0]
    attempts["attempt"] = attempts.groupby(["student", "question_id"]).cumcount() + 1
    return attempts.reset_index(drop=True)


def _messages(pairs) -> list[str]:
    """The feedback message students saw for each (question id, misconception name)."""
    from coursekit.exercises.core import get_question
    from coursekit.exercises.marking import misconception_message

    return [misconception_message(get_question(qid), name) for qid, name in pairs]


def summarise(attempts: pd.DataFrame, submissions: pd.DataFrame | None = None) -> ClassReport:
    """The report's tables from a table of attempts (columns ``student``, ``question_id``,
    ``correct`` and ``misconception``; in the order they were made per student)."""
    missing = {"student", "question_id", "correct", "misconception"} - set(attempts.columns)
    if missing:
        raise ValueError(f"attempts is missing the columns {sorted(missing)}")
    if "attempt" not in attempts or "module" not in attempts:
        attempts = _numbered(attempts)
    by = attempts.groupby(["question_id", "student"], sort=True)
    right = attempts[attempts["correct"]].groupby(["question_id", "student"])["attempt"]
    per_student = pd.DataFrame({
        "first": by["correct"].first(),
        "ever": by["correct"].any(),
        # attempts up to and including the first right one (NaN if never right)
        "to_success": right.min().astype(float),
    }).reset_index()
    q = per_student.groupby("question_id")
    questions = pd.DataFrame({
        "module": q["question_id"].first().str.split(".").str[0],
        "students": q["student"].nunique(),
        "first_correct": q["first"].mean(),
        "eventually_correct": q["ever"].mean(),
        "attempts_to_success": q["to_success"].mean(),
    })
    questions["lost"] = 1.0 - questions["first_correct"]
    wrong = attempts[~attempts["correct"]]
    wrong_counts = wrong.groupby("question_id").size()
    questions["wrong_answers"] = wrong_counts.reindex(questions.index, fill_value=0).astype(int)
    questions = questions.sort_values(["lost", "question_id"], ascending=[False, True])
    named = wrong.assign(misconception=wrong["misconception"].fillna("(unexplained)"))
    table = named.groupby(["question_id", "misconception"]).size().rename("count").reset_index()
    table["share_of_wrong"] = table["count"] / table["question_id"].map(wrong_counts)
    table["students"] = named.groupby(["question_id", "misconception"])["student"].nunique() \
        .reindex(pd.MultiIndex.from_frame(table[["question_id", "misconception"]])).to_numpy()
    table["message"] = _messages(zip(table["question_id"], table["misconception"]))
    table = table.sort_values(["count", "question_id"], ascending=[False, True],
                              ignore_index=True)
    modules = questions.groupby("module").agg(
        questions=("students", "size"), students=("students", "max"),
        first_correct=("first_correct", "mean"), eventually_correct=("eventually_correct", "mean"))
    if submissions is None:
        submissions = pd.DataFrame(columns=["source", "student", "attempts", "problem"])
    return ClassReport(attempts, submissions, questions, table, modules)


def pseudonymise(report: ClassReport, key: bytes | None = None) -> ClassReport:
    """The same report with every student id replaced by ``student-<8 hex digits>``.

    A keyed hash (BLAKE2b) with a random key by default, so nobody can recompute a pseudonym
    from a known id; pass ``key`` to get the same pseudonyms in two reports.
    """
    key = secrets.token_bytes(16) if key is None else key
    if not isinstance(key, bytes) or not key:
        raise TypeError("key must be non-empty bytes")

    def alias(sid):
        if sid is None or (isinstance(sid, float) and pd.isna(sid)):
            return sid
        return "student-" + hashlib.blake2b(str(sid).encode(), key=key, digest_size=4).hexdigest()

    attempts = report.attempts.assign(student=report.attempts["student"].map(alias),
                                      source=None)
    submissions = report.submissions.assign(student=report.submissions["student"].map(alias),
                                            source=[f"submission {k + 1}" for k in
                                                    range(len(report.submissions))])
    return replace(report, attempts=attempts, submissions=submissions)


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return buffer.getvalue()


def _figures(report: ClassReport) -> dict[str, tuple[bytes, str]]:
    """The heat map (question x first-attempt outcome) and the misconception bar chart."""
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.use("Agg", force=False)
    first = report.attempts[report.attempts["attempt"] == 1]
    outcome = first["misconception"].where(~first["correct"], "correct").fillna("(unexplained)")
    share = pd.crosstab(first["question_id"], outcome, normalize="index")
    cols = ["correct"] + sorted(c for c in share.columns if c != "correct")
    share = share.reindex(columns=[c for c in cols if c in share.columns])
    fig = Figure(figsize=(max(5, 0.7 * share.shape[1] + 3), max(3, 0.35 * len(share) + 1.5)),
                 layout="constrained")
    ax = fig.subplots()
    image = ax.imshow(share.to_numpy(), cmap="viridis", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(share.shape[1]), share.columns, rotation=40, ha="right")
    ax.set_yticks(range(len(share)), share.index)
    ax.set(title="First attempts: share of students by outcome", xlabel="outcome",
           ylabel="question")
    fig.colorbar(image, ax=ax, label="share of students (0-1)")
    heat = _png(fig)
    top = report.misconceptions[report.misconceptions["misconception"] != "(unexplained)"].head(12)
    fig = Figure(figsize=(7, max(2.5, 0.4 * len(top) + 1.2)), layout="constrained")
    ax = fig.subplots()
    labels = [f"{q}: {m}" for q, m in zip(top["question_id"], top["misconception"])]
    ax.barh(labels[::-1], top["count"].to_numpy()[::-1], color="#0072B2")
    ax.set(title="Most frequent misconceptions", xlabel="wrong answers (count)",
           ylabel="question: misconception")
    bars = _png(fig)
    return {"outcomes.png": (heat, "Heat map of the share of students per question and "
                                   "first-attempt outcome"),
            "misconceptions.png": (bars, "Bar chart of the most frequent misconceptions by "
                                         "number of wrong answers")}


def _table_html(frame: pd.DataFrame, caption: str) -> str:
    return frame.to_html(float_format=lambda x: f"{x:.3f}", na_rep="-", border=0,
                         escape=True).replace("<table", f"<table aria-label='{html.escape(caption)}'",
                                              1)


def write_report(report: ClassReport, out: str | Path, *, force: bool = False,
                 root: str | Path | None = None, title: str = "Class report") -> Path:
    """Write ``index.html`` (self-contained: tables and figures inline) and the tables as CSV
    into ``out`` (an output folder by coursekit's rules: see :mod:`coursekit.output`)."""
    from coursekit.output import output_folder

    figures = _figures(report) if len(report.attempts) else {}
    read = report.submissions["problem"].isna().sum()
    failed = report.submissions[report.submissions["problem"].notna()]
    with output_folder(out, command="class-report", force=force, root=root) as tmp:
        for name, frame in (("questions", report.questions), ("modules", report.modules),
                            ("misconceptions", report.misconceptions),
                            ("submissions", report.submissions), ("attempts", report.attempts)):
            frame.to_csv(tmp / f"{name}.csv", index=name in ("questions", "modules"))
        parts = [f"<h1>{html.escape(title)}</h1>",
                 f"<p>Read {read} submission(s) with {len(report.attempts)} attempt(s) by "
                 f"{report.attempts['student'].nunique()} student(s); could not read "
                 f"{len(failed)}.</p>"]
        if len(failed):
            parts.append(_table_html(failed, "submissions that could not be read"))
        parts += ["<h2>Questions, ranked by the share of the class they lost</h2>",
                  "<p><em>lost</em>: share of students not right at their first attempt.</p>",
                  _table_html(report.questions, "questions"),
                  "<h2>Misconceptions</h2>", _table_html(report.misconceptions, "misconceptions"),
                  "<h2>Modules</h2>", _table_html(report.modules, "modules")]
        for name, (png, alt) in figures.items():
            (tmp / name).write_bytes(png)
            data = base64.b64encode(png).decode()
            parts.append(f"<figure><img src='data:image/png;base64,{data}' alt='{alt}'>"
                         f"<figcaption>{alt}</figcaption></figure>")
        page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;"
                "max-width:70rem;margin:auto}} table{border-collapse:collapse} td,th{padding:"
                "2px 8px;border-bottom:1px solid #ddd} img{max-width:100%}</style></head><body>"
                + "\n".join(parts) + "</body></html>")
        (tmp / "index.html").write_text(page, encoding="utf-8")
        (tmp / "report.json").write_text(json.dumps({
            "submissions_read": int(read), "submissions_failed": int(len(failed)),
            "attempts": int(len(report.attempts))}), encoding="utf-8")
    return Path(out)


def build_class_report(source: str | Path, out: str | Path, *, pseudonymous: bool = False,
                       force: bool = False) -> ClassReport:
    """Read ``source``, summarise it, optionally pseudonymise, and write the report to ``out``."""
    attempts, submissions = read_source(source)
    report = summarise(attempts, submissions)
    if pseudonymous:
        report = pseudonymise(report)
    write_report(report, out, force=force)
    return report
