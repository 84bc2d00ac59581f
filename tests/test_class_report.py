"""The instructors' misconception report, end to end on a synthetic class with planted rates.

120 students answer module 01 through the real ``check()`` into their own progress stores; a
subset of 8 is graded by real nbgrader (``generate_assignment``, ``autograde``). The report must
give back exactly the outcomes the class produced and recover the planted rates within sampling
error.
"""
from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from coursekit import class_report as cr
from coursekit.cli import main
from coursekit.course import get_module
from coursekit.exercises import check, set_student
from coursekit.grading import export_nbgrader, simulated_answer
from coursekit.synth.classroom import synthetic_class
from notebook_runner import ROOT

#: Planted shares of wrong answers per misconception (the rest: unexplained slips).
RATES = {"01.2": {"inverted": 0.5, "face-value": 0.3}, "01.3": {"beds": 0.7},
         "01.5": {"price-only": 0.6}, "01.7": {"unweighted": 0.8}}
P_FIRST = 0.55


@pytest.fixture(scope="module")
def plan():
    return synthetic_class(RATES, 120, p_first=P_FIRST, seed=7)


@pytest.fixture(scope="module")
def stores(plan, tmp_path_factory):
    """Every planned attempt answered through check() into the student's own store."""
    folder = tmp_path_factory.mktemp("stores")
    saved = {k: os.environ.get(k) for k in ("COURSEKIT_PROGRESS", "COURSEKIT_NO_PROGRESS")}
    os.environ.pop("COURSEKIT_NO_PROGRESS", None)
    try:
        for student, rows in plan.groupby("student", sort=True):
            os.environ["COURSEKIT_PROGRESS"] = str(folder / f"{student}.sqlite3")
            set_student(student)
            for qid, outcome in zip(rows["question_id"], rows["outcome"]):
                check(qid, simulated_answer(qid, outcome, student))
    finally:
        set_student(None)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    (folder / "broken.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    (folder / "notes.txt").write_text("not a store")
    return folder


def _outcome(frame: pd.DataFrame) -> pd.Series:
    return frame["misconception"].where(~frame["correct"], "correct").fillna("other")


def test_the_report_reads_every_store_and_names_the_broken_ones(stores):
    attempts, submissions = cr.read_progress_stores(stores)
    problems = submissions.set_index("source")["problem"]
    assert problems.notna().sum() == 2
    assert {"broken.sqlite3", "notes.txt"} == set(problems[problems.notna()].index)
    assert submissions["problem"].isna().sum() == 120
    assert attempts["student"].nunique() == 120


def test_the_report_gives_back_exactly_what_the_class_did(plan, stores):
    attempts, _ = cr.read_progress_stores(stores)
    got = attempts.assign(outcome=_outcome(attempts))[
        ["student", "question_id", "attempt", "outcome"]]
    want = plan.sort_values(["student", "question_id", "attempt"], ignore_index=True)
    got = got.sort_values(["student", "question_id", "attempt"], ignore_index=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_planted_rates_are_recovered_within_sampling_error(stores):
    report = cr.summarise(*cr.read_progress_stores(stores))
    table = report.misconceptions.set_index(["question_id", "misconception"])
    for qid, shares in RATES.items():
        n_wrong = report.questions.loc[qid, "wrong_answers"]
        assert n_wrong > 30
        for name, rate in shares.items():
            share = table.loc[(qid, name), "share_of_wrong"]
            se = math.sqrt(rate * (1 - rate) / n_wrong)
            assert abs(share - rate) < 4 * se, (qid, name, share, rate)
            assert table.loc[(qid, name), "message"]  # the message students saw
        first = report.questions.loc[qid, "first_correct"]
        assert abs(first - P_FIRST) < 4 * math.sqrt(P_FIRST * (1 - P_FIRST) / 120)
    assert report.questions["lost"].is_monotonic_decreasing
    assert (report.questions["eventually_correct"] >= report.questions["first_correct"]).all()


def test_cli_writes_html_and_csv_and_pseudonymises(stores, tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["class-report", str(stores), "--out", str(out), "--pseudonymise"]) == 0
    said = capsys.readouterr().out
    assert "120 submission(s) read, 2 could not be read" in said
    names = {p.name for p in out.iterdir()}
    assert {"index.html", "questions.csv", "misconceptions.csv", "submissions.csv",
            "attempts.csv", "outcomes.png", "misconceptions.png"} <= names
    page = (out / "index.html").read_text()
    assert "could not read 2" in page and "alt=" in page and "beds" in page
    for name in names - {"outcomes.png", "misconceptions.png"}:
        text = (out / name).read_text(errors="replace")
        assert not re.search(r"\bs\d{3}\b", text), f"{name} shows a student id"
    assert main(["class-report", str(stores), "--out", str(out)]) == 2  # exists: needs --force
    assert main(["class-report", str(tmp_path / "missing"), "--out", str(tmp_path / "r2")]) == 2


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="attempts is missing"):
        cr.summarise(pd.DataFrame({"student": ["a"]}))
    with pytest.raises(TypeError, match="SOURCE"):
        cr.read_source(42)
    with pytest.raises(ValueError, match="outcome must be"):
        simulated_answer("01.3", "no-such-mistake")


# ------------------------------------------------------------------ real nbgrader, a subset
ASSIGNMENT = "m01_value_equation"
NOTEBOOK = "01_value_equation.ipynb"
SUBSET = [f"s{k:03d}" for k in range(1, 9)]


def _nbgrader(course: Path, progress: Path, *args: str) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "COURSEKIT_PROGRESS": str(progress)}
    env.pop("COURSEKIT_STUDENT", None)
    subprocess.run([sys.executable, "-m", "nbgrader", *args, "--force"], cwd=course, env=env,
                   check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def graded(plan, tmp_path_factory):
    pytest.importorskip("nbgrader")
    course = tmp_path_factory.mktemp("course") / "course"
    progress = tmp_path_factory.mktemp("progress") / "progress.sqlite3"
    export_nbgrader([get_module("01")], course, root=ROOT)
    _nbgrader(course, progress, "generate_assignment", ASSIGNMENT)
    release = nbformat.read(course / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    variables = {}
    for cell in release.cells:
        m = re.match(r'^grade\("(\d+\.\d+)",\s*(\w+)\)', cell.source.strip())
        if m:
            variables[m.group(1)] = m.group(2)
    first = plan[(plan["attempt"] == 1) & plan["student"].isin(SUBSET)]
    for student in SUBSET:
        nb = nbformat.from_dict(release)
        outcomes = dict(zip(*first[first["student"] == student][["question_id", "outcome"]]
                            .to_numpy().T))
        for qid, variable in variables.items():
            answer = simulated_answer(qid, outcomes.get(qid, "correct"), student)
            for cell in nb.cells:
                if cell.metadata.get("coursekit_answer") == variable \
                        and "NotImplementedError" in cell.source:
                    cell.source = f"{variable} = {answer!r}"
        folder = course / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / NOTEBOOK)
    _nbgrader(course, progress, "autograde", ASSIGNMENT)
    return course, first


def test_nbgrader_round_trip_reports_each_students_first_attempt(graded, tmp_path):
    course, first = graded
    attempts, submissions = cr.read_source(course)
    assert submissions["problem"].isna().all() and len(submissions) == len(SUBSET)
    got = attempts.assign(outcome=_outcome(attempts)).set_index(["student", "question_id"])
    for student, qid, outcome in first[["student", "question_id", "outcome"]].to_numpy():
        assert got.loc[(student, qid), "outcome"] == outcome, (student, qid)
    assert got["data_seed"].notna().any()  # per-student questions carry their data seed
    report = cr.build_class_report(course, tmp_path / "r", pseudonymous=True)
    assert report.questions.loc["01.3", "students"] == len(SUBSET)
