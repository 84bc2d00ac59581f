"""Where ``check()`` remembers how a student is doing: one row per attempt in a SQLite file.

The store is the file ``$COURSEKIT_PROGRESS`` if that variable is set, else
``~/.coursekit/progress.sqlite3``. Setting ``COURSEKIT_NO_PROGRESS=1`` turns recording off (the
autograder, the HTML export and instructors' test runs use it); ``check()`` still gives its
feedback. Recording never raises into the student's notebook: feedback matters more than
bookkeeping, so a failure to record becomes one warning.

Schema (version 1, ``PRAGMA user_version = 1``), table ``attempts``, one row per checked answer
(a placeholder ``...`` is not an attempt):

============== ======= =================================================================
column         type    meaning
============== ======= =================================================================
id             INTEGER row number, increasing in the order the attempts were stored
question_id    TEXT    the question, e.g. ``"04.2"``
module         TEXT    its module, e.g. ``"04"``
correct        INTEGER 1 if the answer was right, else 0
status         TEXT    ``"correct"``, ``"incorrect"`` or ``"invalid"`` (could not be read)
misconception  TEXT    name of the known mistake the answer matched (``"percent"``, ...), or NULL
student        TEXT    the student id in effect (``set_student`` / ``COURSEKIT_STUDENT``), or NULL
data_seed      TEXT    seed of the question's data as a decimal string (a 64-bit unsigned
                       number), NULL for a question without per-student data
recorded_at    TEXT    UTC time, ISO 8601 with seconds (``2026-03-01T10:15:00+00:00``)
source         TEXT    ``"check"``, or ``"progress.json"`` for rows migrated from the old file
============== ======= =================================================================

:func:`read_attempts` returns these rows as a DataFrame; :func:`progress` and
:func:`progress_report` summarise them per module.

Why it cannot lose an attempt: every attempt is one ``INSERT`` in its own transaction (WAL
journal, a 30 s busy timeout), so any number of processes may record at once. A store that
cannot be read - not a SQLite file, a damaged one, a table of another shape - is never written
over: it is renamed to ``<name>.unreadable-<UTC time>`` with one warning, and recording goes on
in a fresh store. A JSON progress file of the old format (``~/.coursekit/progress.json``, or the
file ``$COURSEKIT_PROGRESS`` names) is migrated: each of its attempts becomes one row (the last
one correct if the question was solved, stamped with its ``last`` time) and the old file is kept
as ``<name>.migrated-<UTC time>``.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import time
import warnings
from collections.abc import Callable
from contextlib import closing, contextmanager
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["ProgressWarning", "progress_file", "recording_disabled", "record", "read_attempts",
           "progress", "progress_report", "COLUMNS", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1
COLUMNS = ("question_id", "module", "correct", "status", "misconception", "student",
           "data_seed", "recorded_at", "source")
_SCHEMA = """CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    question_id TEXT NOT NULL,
    module TEXT NOT NULL,
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    status TEXT NOT NULL,
    misconception TEXT,
    student TEXT,
    data_seed TEXT,
    recorded_at TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'check')"""
_SQLITE_MAGIC = b"SQLite format 3\x00"
_BUSY_TIMEOUT_MS = 30_000
_QUESTION_ID = re.compile(r"^\d{2}\.\d+$")
_CHECKED: set[tuple[str, int]] = set()  # stores this process has already verified
_WARNED: set[str] = set()


class ProgressWarning(UserWarning):
    """Progress could not be recorded or a store had to be moved aside (never an error)."""


class _Unreadable(Exception):
    """The store exists but cannot be used as it is: it must be moved aside, not overwritten."""


def progress_file() -> Path:
    """The store: ``$COURSEKIT_PROGRESS`` if set, else ``~/.coursekit/progress.sqlite3``."""
    env = os.environ.get("COURSEKIT_PROGRESS")
    return Path(env).expanduser() if env else Path.home() / ".coursekit" / "progress.sqlite3"


def _legacy_file() -> Path | None:
    """The old default JSON file, migrated into the default store (None for a custom store)."""
    return None if os.environ.get("COURSEKIT_PROGRESS") else \
        Path.home() / ".coursekit" / "progress.json"


def recording_disabled() -> bool:
    """True when ``COURSEKIT_NO_PROGRESS`` is set to anything but ``""``, ``0``, ``false``
    or ``no``: then ``check()`` records nothing."""
    return os.environ.get("COURSEKIT_NO_PROGRESS", "").strip().lower() not in \
        ("", "0", "false", "no")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")


def _warn(message: str) -> None:
    if message not in _WARNED:
        _WARNED.add(message)
        warnings.warn(message, ProgressWarning, stacklevel=4)


# --- locking and moving a store aside ---------------------------------------------------------

@contextmanager
def _lock(path: Path, timeout: float = 20.0, stale: float = 60.0):
    """A cross-process lock (a directory ``<store>.lock``) around migration and quarantine."""
    lock = path.with_name(path.name + ".lock")
    deadline = time.monotonic() + timeout
    while True:
        try:
            lock.mkdir()
            break
        except FileExistsError:
            try:
                if time.time() - lock.stat().st_mtime > stale:  # its owner died
                    lock.rmdir()
                    continue
            except OSError:
                continue
            if time.monotonic() > deadline:
                raise TimeoutError(f"{lock} is held by another process") from None
            time.sleep(0.01)
    try:
        yield
    finally:
        try:
            lock.rmdir()
        except OSError:
            pass


def _move_aside(path: Path, label: str) -> Path:
    """Rename the store (and its WAL files) to ``<name>.<label>-<UTC time>``; return the name."""
    target = path.with_name(f"{path.name}.{label}-{_stamp()}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    _CHECKED.clear()
    return target


def _quarantine(path: Path, reason: str) -> None:
    """Move an unusable store aside (after checking again under the lock) and warn once."""
    with _lock(path):
        if _problem(path) is None:  # another process has already replaced it
            return
        backup = _move_aside(path, "unreadable")
    _warn(f"coursekit could not read the progress store {path} ({reason}). It was kept as "
          f"{backup} and progress is recorded in a new store from now on.")


# --- reading and checking a store -------------------------------------------------------------

def _kind(path: Path) -> str:
    """``"missing"``, ``"sqlite"`` (or empty) or ``"other"`` (e.g. the old JSON format)."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(_SQLITE_MAGIC))
    except FileNotFoundError:
        return "missing"
    return "sqlite" if head in (b"", _SQLITE_MAGIC) else "other"


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
    return conn


def _problem(path: Path) -> str | None:
    """Why the store at ``path`` cannot be used as it is, or None if it can (or is missing)."""
    try:
        kind = _kind(path)
    except OSError as exc:
        return f"it cannot be opened: {exc.strerror or exc}"
    if kind == "missing":
        return None
    if kind == "other":
        return "it is neither a SQLite store nor a progress file of the old JSON format" \
            if _read_legacy(path) is None else None
    try:
        with closing(_connect(path)) as conn:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                return f"the SQLite file is damaged: {check}"
            cols = [r[1] for r in conn.execute("PRAGMA table_info(attempts)")]
    except sqlite3.OperationalError:
        raise  # locked or no permission: not a property of the file's content
    except sqlite3.DatabaseError as exc:
        return f"the SQLite file is damaged: {exc}"
    if cols and tuple(cols) != ("id", *COLUMNS):
        return f"its 'attempts' table has other columns ({', '.join(cols)})"
    return None


def _read_legacy(path: Path) -> list[tuple] | None:
    """The rows of an old-format JSON progress file, or None if it is not one.

    The old format is ``{question_id: {"correct": bool, "attempts": int, "last": time}}``. A
    byte-order mark is tolerated; anything else that does not fit (trailing bytes, a truncated
    file, a list, a wrong field) makes the file unreadable as a whole.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    rows = []
    for qid, entry in data.items():
        if not (isinstance(qid, str) and _QUESTION_ID.match(qid) and isinstance(entry, dict)):
            return None
        n, correct, last = entry.get("attempts"), entry.get("correct"), entry.get("last", "")
        if type(n) is not int or n < 0 or type(correct) is not bool or not isinstance(last, str):
            return None
        if correct and n == 0:
            return None
        for i in range(n):
            ok = correct and i == n - 1
            rows.append((qid, qid.split(".")[0], int(ok), "correct" if ok else "incorrect",
                         None, None, None, last or _now(), "progress.json"))
    return rows


def _insert(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(f"INSERT INTO attempts ({', '.join(COLUMNS)}) VALUES "
                         f"({', '.join('?' * len(COLUMNS))})", rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _prepare(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")  # persistent; one writer, readers never blocked
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(_SCHEMA)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _migrate(path: Path, legacy: Path) -> None:
    """Import an old JSON file into the store at ``path`` (they may be the same file)."""
    with _lock(path):
        if _kind(legacy) != "other":  # already migrated (or replaced) by another process
            return
        rows = _read_legacy(legacy)
        if rows is None:
            backup = _move_aside(legacy, "unreadable")
            _warn(f"coursekit could not read the old progress file {legacy} (it is not valid "
                  f"progress JSON). It was kept as {backup} and progress is recorded in "
                  f"{path} from now on.")
            return
        backup = _move_aside(legacy, "migrated")
        with closing(_connect(path)) as conn:
            _prepare(conn)
            _insert(conn, rows)


def _open(path: Path) -> sqlite3.Connection:
    """A connection to a usable store at ``path``: migrated, repaired or created as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    legacy = _legacy_file()
    if legacy is not None and legacy != path and legacy.exists() and _kind(path) == "missing":
        _migrate(path, legacy)
    try:
        kind = _kind(path)
    except OSError as exc:
        raise _Unreadable(f"it cannot be opened: {exc.strerror or exc}") from None
    if kind == "other":
        if _read_legacy(path) is None:
            raise _Unreadable("it is neither a SQLite store nor a progress file of the old "
                              "JSON format")
        _migrate(path, path)
    try:
        key = (str(path), path.stat().st_ino)
    except FileNotFoundError:
        key = None
    if key in _CHECKED:
        return _connect(path)
    if key is not None:
        reason = _problem(path)
        if reason is not None:
            raise _Unreadable(reason)
    conn = _connect(path)
    try:
        _prepare(conn)
    except BaseException:
        conn.close()
        raise
    _CHECKED.add((str(path), path.stat().st_ino))
    return conn


def _with_store(action: Callable[[sqlite3.Connection], object]):
    """Run ``action`` on the store; an unusable store is moved aside and a new one used."""
    path = progress_file()
    for _ in range(3):
        try:
            with closing(_open(path)) as conn:
                return action(conn)
        except _Unreadable as exc:
            _quarantine(path, str(exc))
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:  # damaged in a way only a query revealed
            _CHECKED.clear()
            _quarantine(path, f"the SQLite file is damaged: {exc}")
    raise RuntimeError(f"the progress store {path} could not be used after moving it aside")


# --- the public functions ---------------------------------------------------------------------

def record(feedback, *, student: str | None = None, data_seed: int | None = None) -> None:
    """Store one attempt (``feedback`` from ``check``); never raises, warns once on failure."""
    if feedback.status == "unanswered" or recording_disabled():
        return
    try:
        row = (feedback.question_id, feedback.question_id.split(".")[0], int(feedback.correct),
               feedback.status, feedback.misconception, student,
               None if data_seed is None else str(int(data_seed)), _now(), "check")
        _with_store(lambda conn: _insert(conn, [row]))
    except Exception as exc:  # noqa: BLE001 - bookkeeping must never break the feedback
        _warn(f"coursekit could not record this attempt in {progress_file()}: {exc}. Your "
              f"answers are still checked; set COURSEKIT_PROGRESS to a writable file to keep "
              f"your progress.")


def read_attempts(path: str | Path | None = None):
    """Every stored attempt, oldest first, as a DataFrame with the columns of the schema.

    ``correct`` is boolean and ``recorded_at`` a UTC timestamp. Without ``path``: this
    student's store (:func:`progress_file`); an empty store, or one that cannot be read (after
    moving it aside), gives an empty frame with the same columns. With ``path``: that store
    file (e.g. one collected from a student), opened read-only; a file that is not a readable
    store raises ``ValueError``.
    """
    import pandas as pd

    def fetch(conn):
        return conn.execute(f"SELECT {', '.join(COLUMNS)} FROM attempts ORDER BY id").fetchall()

    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise ValueError(f"path must be an existing progress store; {path} is not a file")
        try:
            with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as c:
                rows = fetch(c)
        except sqlite3.DatabaseError as exc:
            raise ValueError(f"{path} is not a readable progress store: {exc}") from None
    else:
        try:
            rows = _with_store(fetch)
        except Exception as exc:  # noqa: BLE001
            _warn(f"coursekit could not read the progress store {progress_file()}: {exc}")
            rows = []
    frame = pd.DataFrame(rows, columns=list(COLUMNS), dtype=object)  # text: None if missing
    frame["correct"] = frame["correct"].astype(bool)
    frame["recorded_at"] = pd.to_datetime(frame["recorded_at"], utc=True, format="ISO8601")
    return frame


def progress(module_ids=None, titles=None):
    """Per module: id, title (from ``titles``, a mapping id -> title), questions, questions
    answered correctly so far, attempts (a DataFrame)."""
    import pandas as pd

    from .core import list_questions

    titles = dict(titles or {})
    attempts = read_attempts()
    solved = set(attempts.loc[attempts["correct"], "question_id"])
    tries = attempts["question_id"].value_counts()
    ids = list_questions()
    modules = sorted({q.split(".")[0] for q in ids}) if module_ids is None else list(module_ids)
    rows = []
    for mod in modules:
        qs = [q for q in ids if q.startswith(f"{mod}.")]
        rows.append({"module": mod, "title": titles.get(mod, ""), "questions": len(qs),
                     "correct": sum(q in solved for q in qs),
                     "attempts": int(sum(tries.get(q, 0) for q in qs))})
    return pd.DataFrame(rows, columns=["module", "title", "questions", "correct", "attempts"])


def progress_report(module_ids=None, titles=None):
    """:func:`progress` for reading: indexed by "01 The value equation", with a total row.

    ``coursekit.course.progress_report()`` passes the course's module titles.
    """
    table = progress(module_ids, titles)
    table.index = [f"{m} {t}".strip() for m, t in zip(table["module"], table["title"])]
    table = table.drop(columns=["module", "title"])
    table.loc["total"] = table.sum()
    table.index.name = "module"
    return table
