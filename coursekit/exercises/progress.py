"""Where check() remembers how a student is doing (a small JSON file, one entry per question).

The file is ``$COURSEKIT_PROGRESS`` if set, else ``~/.coursekit/progress.json``. Recording never
raises: feedback to the student matters more than bookkeeping.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["progress_file", "record", "load", "progress"]


def progress_file() -> Path:
    env = os.environ.get("COURSEKIT_PROGRESS")
    return Path(env) if env else Path.home() / ".coursekit" / "progress.json"


def load() -> dict:
    try:
        return json.loads(progress_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def record(feedback) -> None:
    if feedback.status == "unanswered" or os.environ.get("COURSEKIT_NO_PROGRESS"):
        return
    try:
        data = load()
        entry = data.get(feedback.question_id, {"correct": False, "attempts": 0})
        entry["attempts"] += 1
        entry["correct"] = entry["correct"] or feedback.correct
        entry["last"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        data[feedback.question_id] = entry
        path = progress_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def progress(module_ids=None):
    """Per module: questions, answered correctly so far, attempts (a DataFrame)."""
    import pandas as pd

    from .core import list_questions

    data = load()
    rows = []
    ids = list_questions()
    modules = sorted({q.split(".")[0] for q in ids}) if module_ids is None else list(module_ids)
    for mod in modules:
        qs = [q for q in ids if q.startswith(f"{mod}.")]
        rows.append({"module": mod, "questions": len(qs),
                     "correct": sum(bool(data.get(q, {}).get("correct")) for q in qs),
                     "attempts": sum(data.get(q, {}).get("attempts", 0) for q in qs)})
    return pd.DataFrame(rows, columns=["module", "questions", "correct", "attempts"])
