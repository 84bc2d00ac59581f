"""Build the student exercise notebooks from the solution notebooks.

``solutions/`` is the single source of exercises. In a student version every block between
``### BEGIN SOLUTION`` and ``### END SOLUTION`` is replaced by a visible placeholder that keeps
the answer variables defined (``q1 = ...``), so the notebook still runs top to bottom and each
``check`` cell reports "not answered yet" instead of crashing. Outputs are cleared.

>>> print(strip_solutions("x = 1\\n### BEGIN SOLUTION\\nq1 = 5 - 5\\n### END SOLUTION"))
x = 1
q1 = ...  # YOUR ANSWER HERE
"""
from __future__ import annotations

import ast
import os
import re
import textwrap
from pathlib import Path

import nbformat

__all__ = ["BEGIN", "END", "strip_solutions", "student_notebook", "build_exercises",
           "has_solution_markers", "execute_notebook", "notebook_text",
           "write_notebook", "exercise_name", "notebook_metadata", "with_notebook_metadata"]

KERNELSPEC = {"display_name": "Python 3 (coursekit)", "language": "python", "name": "python3"}

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
_BLOCK = re.compile(rf"^([ \t]*){re.escape(BEGIN)}[^\n]*\n(.*?)^[ \t]*{re.escape(END)}[^\n]*\n?",
                    re.S | re.M)


def _assigned_names(code: str) -> list[str]:
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for t in targets:
            for n in ast.walk(t):
                if isinstance(n, ast.Name) and n.id not in names:
                    names.append(n.id)
    return names


def _placeholder(match: re.Match) -> str:
    indent, body = match.group(1), match.group(2)
    names = _assigned_names(body)
    if not names:
        return f"{indent}# YOUR CODE HERE\n"
    return "".join(f"{indent}{n} = ...  # YOUR ANSWER HERE\n" for n in names)


def execute_notebook(nb: nbformat.NotebookNode, cwd: str | Path, *, timeout: int = 180,
                     env: dict[str, str] | None = None, **options) -> nbformat.NotebookNode:
    """Run ``nb`` top to bottom in a fresh ``python3`` kernel started in ``cwd``; return it.

    The outputs are written into ``nb`` itself. ``env`` adds (or replaces) environment variables
    of the kernel only, not of this process; ``options`` go to ``nbclient.NotebookClient``. A
    failing cell raises ``nbclient.exceptions.CellExecutionError``.
    """
    from nbclient import NotebookClient

    # the kernel's own log (e.g. "Kernel is running over TCP without encryption") is noise in
    # the user's terminal; its errors still show, and cell errors arrive as messages anyway
    options.setdefault("extra_arguments", ["--IPKernelApp.log_level=ERROR"])
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}, **options).execute(
        **({} if env is None else {"env": {**os.environ, **env}}))
    return nb


def notebook_text(nb: nbformat.NotebookNode) -> str:
    """The file text every notebook coursekit writes is stored as (a final newline, as git and
    editors expect)."""
    return nbformat.writes(nb) + "\n"


def write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write ``nb`` to ``path`` (creating its folder) as :func:`notebook_text`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notebook_text(nb), encoding="utf-8")


def exercise_name(solution_name: str) -> str:
    """The exercise notebook built from ``solutions/<name>``: ``07_gap_model.ipynb`` ->
    ``07_gap_model_exercises.ipynb`` (its own name: two tabs must not both read the lesson's).

    >>> exercise_name("07_gap_model.ipynb")
    '07_gap_model_exercises.ipynb'
    """
    stem = solution_name.removesuffix(".ipynb")
    return f"{stem}_exercises.ipynb"


def notebook_metadata() -> dict:
    """Kernel metadata as JupyterLab writes it for the course's ``python3`` kernel.

    Stored in every notebook, so that opening one untouched leaves it unmodified: JupyterLab
    replaces ``language_info`` by the kernel's on connect and marks the notebook dirty unless
    the two are equal, the Python version included (that of this environment).
    """
    import platform

    return {"kernelspec": dict(KERNELSPEC),
            "language_info": {"codemirror_mode": {"name": "ipython", "version": 3},
                              "file_extension": ".py", "mimetype": "text/x-python",
                              "name": "python", "nbconvert_exporter": "python",
                              "pygments_lexer": "ipython3",
                              "version": platform.python_version()}}


def with_notebook_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` with :func:`notebook_metadata` (in place; returned for chaining)."""
    nb.metadata.update(nbformat.from_dict(notebook_metadata()))
    return nb


def _without_python_version(text: str | None) -> str | None:
    """Notebook text with ``language_info.version`` dropped (a build on another Python version
    is not stale)."""
    if text is None:
        return None
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception:  # noqa: BLE001 - an unreadable exercise file is simply out of date
        return text
    nb.metadata.get("language_info", {}).pop("version", None)
    return nbformat.writes(nb)


def has_solution_markers(source: str) -> bool:
    return BEGIN in source or END in source


def strip_solutions(source: str) -> str:
    """Replace every solution block of a code cell's source by its placeholder."""
    if source.count(BEGIN) != source.count(END):
        raise ValueError(f"unbalanced solution markers in cell:\n{source}")
    out = _BLOCK.sub(_placeholder, source if source.endswith("\n") else source + "\n")
    return out.rstrip("\n")


def student_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of a solution notebook with solutions replaced and outputs cleared."""
    nb = nbformat.from_dict(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = strip_solutions(cell.source) if has_solution_markers(cell.source) \
                else cell.source
            cell.outputs = []
            cell.execution_count = None
        cell.get("metadata", {}).pop("execution", None)
    return with_notebook_metadata(nb)


def build_exercises(root: str | Path, *, check: bool = False) -> list[Path]:
    """Write ``exercises/X_exercises.ipynb`` for every ``solutions/X.ipynb`` under ``root``.

    Exercise notebooks that no solution produces any more (e.g. under an old name) are removed.
    With ``check=True`` nothing is written; the paths that are missing, out of date or left
    over are returned instead (an empty list means exercises/ is in sync). A notebook that
    differs only in the Python version of its ``language_info`` is in sync.
    """
    root = Path(root)
    src_dir, out_dir = root / "solutions", root / "exercises"
    if not src_dir.is_dir():
        raise FileNotFoundError(f"no solutions/ folder under {root}")
    stale: list[Path] = []
    expected = set()
    for src in sorted(src_dir.glob("*.ipynb")):
        target = out_dir / exercise_name(src.name)
        expected.add(target.name)
        text = notebook_text(student_notebook(nbformat.read(src, as_version=4)))
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if _without_python_version(current) != _without_python_version(text):
            stale.append(target)
            if not check:
                out_dir.mkdir(exist_ok=True)
                target.write_text(text, encoding="utf-8")
    left_over = [p for p in sorted(out_dir.glob("*.ipynb")) if p.name not in expected]
    stale += left_over
    if not check:
        for path in left_over:
            path.unlink()
    return stale
