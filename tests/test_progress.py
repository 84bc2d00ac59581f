"""The progress store: every attempt kept, concurrent writers, unreadable stores moved aside,
the old JSON file migrated, recording that never raises and can be turned off."""
import json
import multiprocessing
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from coursekit.exercises.core import answer_key
from coursekit import exercises as ex
from coursekit.exercises import progress as pg

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "store" / "progress.sqlite3"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for var in ("COURSEKIT_STUDENT", "COURSEKIT_NO_PROGRESS"):
        monkeypatch.delenv(var, raising=False)
    ex.set_student(None)
    pg._WARNED.clear()
    pg._CHECKED.clear()
    yield
    ex.set_student(None)


def _store() -> Path:
    return pg.progress_file()


def _backups(label: str) -> list[Path]:
    return sorted(_store().parent.glob(f"{_store().name}.{label}-*"))


def test_each_attempt_is_one_row_with_misconception_student_and_seed():
    ex.check("01.3", 280 / 6)  # the "beds" misconception, shared data
    ex.check("01.3", ...)  # a placeholder is not an attempt
    ex.set_student("ann")
    ex.check("01.5", answer_key("01.5"))
    rows = pg.read_attempts()
    assert list(rows.columns) == list(pg.COLUMNS)
    assert rows["question_id"].tolist() == ["01.3", "01.5"]
    assert rows["misconception"].tolist() == ["beds", None]
    assert rows["correct"].tolist() == [False, True]
    assert rows["status"].tolist() == ["incorrect", "correct"]
    assert rows["student"].tolist() == [None, "ann"]
    assert rows["data_seed"].iloc[0] is None  # 01.3 has no per-student data
    assert int(rows["data_seed"].iloc[1]) == ex.core._seed(ex.get_question("01.5"), "ann")
    assert rows["source"].eq("check").all() and str(rows["recorded_at"].dt.tz) == "UTC"
    with sqlite3.connect(_store()) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == pg.SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_progress_report_has_titles_a_total_and_counts_solved_questions_once():
    for answer in (5, 0, 0):
        ex.check("01.1", answer)
    ex.check("01.3", 40)
    ex.check("04.1", -1)
    from coursekit.course import progress_report

    table = pg.progress(["01", "04"], titles={"01": "The value equation"})
    assert table["title"].tolist() == ["The value equation", ""]
    report = progress_report(["01", "04"])
    assert report.index.tolist() == ["01 The value equation", "04 Customer lifetime value",
                                     "total"]
    assert report.loc["01 The value equation", "correct"] == 2
    assert report.loc["01 The value equation", "attempts"] == 4
    assert report.loc["total"].tolist() == [len(ex.list_questions("01")) +
                                            len(ex.list_questions("04")), 2, 5]


def _checks(n: int) -> None:
    for i in range(n):
        ex.check("01.3", 40 if i % 2 else 41)


def test_eight_processes_checking_at_once_keep_all_400_attempts():
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_checks, args=(50,)) for _ in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * 8
    rows = pg.read_attempts()
    assert len(rows) == 400 and rows["correct"].sum() == 200
    assert not _backups("unreadable")


LEGACY = {"01.1": {"correct": True, "attempts": 3, "last": "2026-01-05T10:00:00+00:00"},
          "04.2": {"correct": False, "attempts": 2, "last": "2026-01-06T11:00:00+00:00"}}


def _assert_legacy_migrated(rows, original: Path, text: str):
    old = rows[rows["source"] == "progress.json"]
    assert old["question_id"].tolist() == ["01.1"] * 3 + ["04.2"] * 2
    assert old["correct"].tolist() == [False, False, True, False, False]
    assert original.read_text(encoding="utf-8") == text  # the old file is kept as it was


def test_the_old_default_json_file_is_migrated_once(monkeypatch, tmp_path):
    monkeypatch.delenv("COURSEKIT_PROGRESS")
    legacy = tmp_path / "home" / ".coursekit" / "progress.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text(json.dumps(LEGACY), encoding="utf-8")
    assert _store() == tmp_path / "home" / ".coursekit" / "progress.sqlite3"
    ex.check("01.3", 40)
    ex.check("01.3", 40)
    rows = pg.read_attempts()
    assert len(rows) == 7 and not legacy.exists()
    [kept] = legacy.parent.glob("progress.json.migrated-*")
    _assert_legacy_migrated(rows, kept, json.dumps(LEGACY))
    assert pg.progress_report(["01"]).loc["total", "correct"] == 2
    assert pg.progress_report(["01"]).index.tolist() == ["01", "total"]  # without titles


@pytest.mark.parametrize("prefix", ["", "\ufeff"], ids=["plain", "byte-order-mark"])
def test_a_json_file_named_by_the_variable_is_migrated_in_place(prefix):
    _store().parent.mkdir(parents=True)
    text = prefix + json.dumps(LEGACY, indent=1)
    _store().write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a readable old file is migrated without a warning
        ex.check("04.1", -1)
    rows = pg.read_attempts()
    assert len(rows) == 6 and rows["question_id"].iloc[-1] == "04.1"
    [kept] = _backups("migrated")
    _assert_legacy_migrated(rows, kept, text)


UNREADABLE = {
    "trailing byte": json.dumps(LEGACY) + "x",
    "truncated": json.dumps(LEGACY)[:-7],
    "a list": "[]",
    "an entry is a string": '{"01.3": "x"}',
    "attempts missing": '{"01.3": {"correct": true}}',
    "not a question id": '{"hello": {"correct": true, "attempts": 1}}',
}


@pytest.mark.parametrize("content", list(UNREADABLE.values()), ids=list(UNREADABLE))
def test_an_unreadable_json_store_is_kept_aside_with_one_warning(content):
    _store().parent.mkdir(parents=True)
    _store().write_text(content, encoding="utf-8")
    with pytest.warns(pg.ProgressWarning, match="could not read the progress store") as caught:
        ex.check("01.3", 40)
        ex.check("01.3", 41)
        table = pg.progress(["01"])
    assert len([w for w in caught if issubclass(w.category, pg.ProgressWarning)]) == 1
    [kept] = _backups("unreadable")
    assert kept.read_text(encoding="utf-8") == content
    assert pg.read_attempts()["correct"].tolist() == [True, False]
    assert table["correct"].tolist() == [1]


def _filled_sqlite(path: Path, n: int = 3000) -> bytes:
    ex.check("01.3", 40)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executemany("INSERT INTO attempts (question_id, module, correct, status, "
                     "recorded_at) VALUES ('01.1', '01', 0, 'incorrect', '2026')", [()] * n)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert not path.with_name(path.name + "-wal").exists() or \
        path.with_name(path.name + "-wal").stat().st_size == 0
    pg._CHECKED.clear()  # as a new kernel would
    return path.read_bytes()


@pytest.mark.parametrize("damage", ["truncated", "overwritten page", "garbage"])
def test_a_damaged_sqlite_store_is_kept_aside_and_recording_continues(damage):
    _store().parent.mkdir(parents=True)
    good = _filled_sqlite(_store())
    bad = {"truncated": good[: len(good) // 2],
           "overwritten page": good[:8192] + b"\x07" * 4096 + good[12288:],
           "garbage": b"SQLite format 3\x00" + b"\xff" * 200}[damage]
    _store().write_bytes(bad)
    with pytest.warns(pg.ProgressWarning, match="damaged"):
        assert ex.check("01.3", 40).correct
    [kept] = _backups("unreadable")
    assert kept.read_bytes() == bad
    assert pg.read_attempts()["question_id"].tolist() == ["01.3"]


def test_a_store_that_cannot_be_opened_is_moved_aside(monkeypatch):
    _store().parent.mkdir(parents=True)
    _store().write_bytes(b"secret")
    real = pg._kind

    def no_permission(path):
        if Path(path).exists() and Path(path).read_bytes() == b"secret":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(pg, "_kind", no_permission)
    with pytest.warns(pg.ProgressWarning, match="Permission denied"):
        ex.check("01.3", 40)
    assert [p.read_bytes() for p in _backups("unreadable")] == [b"secret"]
    assert len(pg.read_attempts()) == 1


def test_recording_never_raises_into_the_notebook(monkeypatch, tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(blocker / "progress.sqlite3"))
    with pytest.warns(pg.ProgressWarning, match="could not record this attempt"):
        assert ex.check("01.3", 40).correct
        assert not ex.check("01.3", 41).correct  # the same warning is not repeated
    with pytest.warns(pg.ProgressWarning, match="could not read the progress store"):
        assert pg.progress(["01"])["attempts"].tolist() == [0]


@pytest.mark.parametrize("value,disabled", [("1", True), ("yes", True), ("0", False),
                                            ("", False)])
def test_coursekit_no_progress_turns_recording_off(monkeypatch, value, disabled):
    monkeypatch.setenv("COURSEKIT_NO_PROGRESS", value)
    assert ex.check("01.3", 40).correct
    assert pg.recording_disabled() is disabled
    assert len(pg.read_attempts()) == (0 if disabled else 1)


def test_cli_progress_reads_the_store(tmp_path):
    ex.check("01.3", 40)
    env = {"COURSEKIT_PROGRESS": str(_store()), "HOME": str(tmp_path / "home"),
           "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "coursekit.cli", "progress"], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert str(_store()) in out
    line = next(ln for ln in out.splitlines() if ln.startswith("01 The value equation"))
    assert line.split()[-3:] == [str(len(ex.list_questions("01"))), "1", "1"]
    assert out.splitlines()[-1].split()[0] == "total"


def test_read_attempts_reads_a_collected_store_read_only(tmp_path):
    ex.check("01.3", 40)
    collected = tmp_path / "ann.sqlite3"
    with sqlite3.connect(_store()) as src, sqlite3.connect(collected) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    before = collected.read_bytes()
    rows = pg.read_attempts(collected)
    assert rows["question_id"].tolist() == ["01.3"] and collected.read_bytes() == before
    (tmp_path / "notes.txt").write_text("not a store")
    with pytest.raises(ValueError, match="not a readable progress store"):
        pg.read_attempts(tmp_path / "notes.txt")
    with pytest.raises(ValueError, match="path must be"):
        pg.read_attempts(tmp_path / "missing.sqlite3")
