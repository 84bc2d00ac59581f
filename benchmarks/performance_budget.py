"""Performance budget of the student experience (issue 11).

Budgets:
* each explorer's update (recompute + redraw) under 100 ms at the 95th percentile over a grid
  of control values (one control moved at a time from the defaults, up to ``--per-control``
  values each; the redraw renders every displayed figure to PNG as the inline backend does and
  every table to HTML);
* ``import coursekit`` under 0.3 s (median of fresh interpreters);
* each notebook executes in under 10 s (fresh kernel, start-up included).

Run: ``.venv/bin/python benchmarks/performance_budget.py`` (``--strict`` exits 1 when a budget
is missed; ``--skip-notebooks`` for the fast part only; ``--folders notebooks`` for the lessons).
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import pkgutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXPLORER_P95_MS, IMPORT_S, NOTEBOOK_S = 100.0, 0.3, 10.0


# --- explorers ------------------------------------------------------------------------------

def _explorer_classes() -> list[type]:
    import coursekit.widgets
    from coursekit.widgets._base import Explorer

    for m in pkgutil.iter_modules(coursekit.widgets.__path__):
        if not m.name.startswith("_"):
            importlib.import_module(f"coursekit.widgets.{m.name}")
    found, todo = set(), list(Explorer.__subclasses__())
    while todo:
        cls = todo.pop()
        found.add(cls)
        todo.extend(cls.__subclasses__())
    return sorted((c for c in found if c.__module__.startswith("coursekit.widgets.")),
                  key=lambda c: (c.__module__, c.__name__))


def _lesson_data(cls: type) -> tuple:
    """The data the lessons pass to the explorers that need some."""
    from coursekit.datasets import load_dataset

    if cls.__name__ == "CutPointExplorer":
        from coursekit.models import rfm

        tx = load_dataset("cdnow_transactions")[["customer_id", "date", "dollar_value"]]
        return (rfm.rfm_table(tx.rename(columns={"dollar_value": "amount"}),
                              as_of="1998-06-30"),)
    if cls.__name__ == "QFDExplorer":
        from coursekit.models.qfd import HouseOfQuality

        return (HouseOfQuality.from_dict(load_dataset("qfd_restaurant")),)
    return ()


def _grid(explorer, per_control: int) -> list[dict]:
    """Control settings: the defaults with one control moved to each of its grid values."""
    base = explorer.values()
    points = []
    for key, c in explorer.controls.items():
        if hasattr(c, "options") and not hasattr(c, "min"):
            values = [o[1] if isinstance(o, tuple) else o for o in c.options][:per_control]
        elif hasattr(c, "min"):
            raw = np.linspace(c.min, c.max, per_control)
            step = getattr(c, "step", None) or 1
            values = sorted({type(c.value)(c.min + round((v - c.min) / step) * step)
                             for v in raw})
        else:
            continue
        points += [{**base, key: v} for v in values if v != base[key]]
    return points


def _shell():
    """An IPython shell with the inline backend: display() formats figures to PNG and
    DataFrames to HTML exactly as in a kernel (the frontend's own drawing is not timed)."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats

    shell = InteractiveShell.instance()
    # what `%matplotlib inline` registers in a kernel (InlineBackend.print_figure_kwargs)
    select_figure_formats(shell, {"png"}, bbox_inches="tight")
    return shell


def time_explorer(cls: type, per_control: int) -> tuple[int, float, float, float, list[str]]:
    """(grid points, p95 ms of the update alone, median and p95 ms of update + redraw,
    rejected settings).

    The redraw is the explorer's own ``refresh()`` (recompute, then its render step with the
    figure-to-PNG path the explorers use in a kernel), with stdout swallowed.
    """
    import matplotlib.pyplot as plt

    _shell()
    with contextlib.redirect_stdout(io.StringIO()):
        explorer = cls(*_lesson_data(cls), draw=True)
    for control in explorer.controls.values():
        control.unobserve_all()  # we call refresh() ourselves, once per grid point
    rejected, update, total = [], [], []
    points = _grid(explorer, per_control)
    for values in [explorer.values(), *points]:
        for key, value in values.items():
            explorer.controls[key].value = value
        start = time.perf_counter()
        try:
            explorer._update(**values)
        except (ValueError, TypeError) as exc:  # the explorer shows the message instead
            rejected.append(f"{values}: {exc}")
            continue
        mid = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            explorer.refresh()
        end = time.perf_counter()
        update.append(1000 * (mid - start))
        total.append(1000 * (end - mid))
        plt.close("all")
    return (len(total), float(np.percentile(update, 95)), statistics.median(total),
            float(np.percentile(total, 95)), rejected)


# --- import and notebooks ------------------------------------------------------------------

def time_import(statement: str = "import coursekit", repeats: int = 7) -> float:
    """Median seconds of ``statement`` in fresh interpreters."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True, cwd=ROOT).stdout) for _ in range(repeats + 1)]
    return statistics.median(runs[1:])  # the first run warms the file cache


def time_notebook(path: Path) -> float:
    import nbformat

    from coursekit.build import execute_notebook

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    execute_notebook(nb, path.parent, timeout=300)
    return time.perf_counter() - start


def _status(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--per-control", type=int, default=4,
                   help="grid values per control (default 4)")
    p.add_argument("--folders", default="notebooks,solutions,exercises",
                   help="notebook folders to time (default: all three)")
    p.add_argument("--skip-notebooks", action="store_true")
    p.add_argument("--strict", action="store_true", help="exit 1 if a budget is missed")
    args = p.parse_args(argv)
    os.environ.setdefault("COURSEKIT_NO_PROGRESS", "1")
    missed = 0

    print(f"== explorers: update + redraw, budget p95 < {EXPLORER_P95_MS:.0f} ms")
    print(f"{'explorer':<22}{'points':>7}{'update p95':>11}{'total median':>13}"
          f"{'total p95':>10}  status (ms)")
    for cls in _explorer_classes():
        n, up95, med, p95, rejected = time_explorer(cls, args.per_control)
        missed += p95 >= EXPLORER_P95_MS
        note = f"  ({len(rejected)} settings rejected by the model)" if rejected else ""
        print(f"{cls.__name__:<22}{n:>7}{up95:>11.1f}{med:>13.1f}{p95:>10.1f}  "
              f"{_status(p95 < EXPLORER_P95_MS)}{note}")

    t = time_import()
    missed += t >= IMPORT_S
    print(f"\n== import coursekit: {t:.3f} s (budget {IMPORT_S} s)  {_status(t < IMPORT_S)}")
    lesson = time_import("from coursekit.widgets.value import value_explorer")
    print(f"   (for information: a lesson's first import, coursekit.widgets.value with "
          f"matplotlib, pandas and ipywidgets: {lesson:.3f} s)")

    if not args.skip_notebooks:
        print(f"\n== notebooks: execution in a fresh kernel, budget {NOTEBOOK_S:.0f} s")
        print(f"{'notebook':<52}{'seconds':>8}  status")
        for folder in args.folders.split(","):
            for path in sorted((ROOT / folder.strip()).glob("*.ipynb")):
                s = time_notebook(path)
                missed += s >= NOTEBOOK_S
                print(f"{path.relative_to(ROOT)!s:<52}{s:>8.1f}  {_status(s < NOTEBOOK_S)}")
    print(f"\n{missed} budget(s) missed on {os.cpu_count()} CPU(s)")
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
