"""Execute a notebook in a fresh kernel and read back chosen variables (for key-number tests)."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat

from coursekit.build import execute_notebook

ROOT = Path(__file__).resolve().parent.parent
MARK = "__COURSEKIT_VALUES__"

_DUMP = '''
import json as _json, numbers as _numbers
def _plain(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, _numbers.Number):
        return float(v)
    if hasattr(v, "tolist"):
        return v.tolist()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return repr(v)
print("%s" + _json.dumps({_n: _plain(eval(_n)) for _n in %r}))
'''


def run_notebook(path: str | Path, expressions: list[str] = (), timeout: int = 120) -> dict:
    """Run ``path`` top to bottom; return ``{expression: value}`` evaluated in its namespace.

    Raises ``nbclient.exceptions.CellExecutionError`` if any cell fails.
    """
    path = ROOT / path
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_DUMP % (MARK, list(expressions))))
    execute_notebook(nb, path.parent, timeout=timeout)
    for out in nb.cells[-1].outputs:
        text = out.get("text", "")
        if MARK in text:
            return json.loads(text.split(MARK, 1)[1])
    raise AssertionError(f"{path.name}: the values {expressions} were not reported")


def cell_outputs_text(nb) -> list[str]:
    """All text/plain and stream outputs of an executed notebook, cell by cell."""
    texts = []
    for cell in nb.cells:
        parts = []
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append(out["text"])
            elif "data" in out and "text/plain" in out["data"]:
                parts.append(out["data"]["text/plain"])
        texts.append("".join(parts))
    return texts


def execute(path: str | Path, timeout: int = 120):
    """Execute a notebook and return the executed NotebookNode."""
    path = ROOT / path
    return execute_notebook(nbformat.read(path, as_version=4), path.parent, timeout=timeout)
