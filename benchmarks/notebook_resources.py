"""Resources each course notebook needs: wall time, kernel CPU time and peak kernel memory.

Executes every notebook in ``notebooks/`` and ``solutions/`` top to bottom in its own fresh
kernel (nbclient, as nbval and nbgrader do), one after the other, and reports per notebook:

- ``wall s``: wall-clock time to run all cells (kernel start-up excluded, reported apart);
- ``kernel CPU s``: user + system CPU time of the kernel process since it started (its own
  start-up included; all its threads, so BLAS threads count) and of any child processes it
  waited for;
- ``peak RSS MiB``: the kernel process's peak resident memory (its high-water mark).

Each notebook runs ``--repeat`` times (default 3); the table has the median times and the
largest peak.

CPU time and peak memory are read inside the kernel after the last cell with
``resource.getrusage`` (``ru_utime + ru_stime`` and ``ru_maxrss``), i.e. from the operating
system's own accounting rather than by sampling, so a short spike is not missed. An "empty
kernel" row (a kernel that runs no cell) is the baseline every notebook includes.
The Jupyter server and browser tab of each student come on top (not measured here).

Linux only (``ru_maxrss`` is in KiB on Linux, bytes on macOS; the script refuses other
platforms rather than print wrong units). Run on an otherwise idle machine:

    .venv/bin/python benchmarks/notebook_resources.py            # all notebooks
    .venv/bin/python benchmarks/notebook_resources.py 04 07      # modules 04 and 07 only

It prints a Markdown table and writes it to ``benchmarks/results/notebook_resources.md``.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "notebook_resources.md"
MARK = "__COURSEKIT_RUSAGE__"
PROBE = (
    "import json as _json, resource as _resource\n"
    "_self = _resource.getrusage(_resource.RUSAGE_SELF)\n"
    "_kids = _resource.getrusage(_resource.RUSAGE_CHILDREN)\n"
    f"print('{MARK}' + _json.dumps({{'cpu': _self.ru_utime + _self.ru_stime + _kids.ru_utime"
    " + _kids.ru_stime, 'maxrss_kib': max(_self.ru_maxrss, _kids.ru_maxrss)}))"
)


@dataclass(frozen=True)
class Usage:
    """Resources one notebook used in its own kernel."""

    notebook: str
    startup_s: float
    wall_s: float
    cpu_s: float
    peak_mib: float


def measure_median(path: Path | None, repeat: int, timeout: int) -> Usage:
    """Median start-up, wall and CPU time and the largest peak of ``repeat`` fresh runs.

    The median keeps a rare stall of the kernel messaging (seen under load: a cell whose reply
    arrives only at the timeout) out of the table.
    """
    runs = [measure(path, timeout) for _ in range(repeat)]
    mid = lambda xs: float(statistics.median(xs))  # noqa: E731
    return Usage(runs[0].notebook, mid([u.startup_s for u in runs]),
                 mid([u.wall_s for u in runs]), mid([u.cpu_s for u in runs]),
                 max(u.peak_mib for u in runs))


def measure(path: Path | None, timeout: int = 60) -> Usage:
    """Run notebook ``path`` (``None``: an empty notebook) in a fresh kernel and measure it."""
    nb = nbformat.read(path, as_version=4) if path else nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    cwd = str(path.parent) if path else str(ROOT)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": cwd}})
    t0 = time.perf_counter()
    with client.setup_kernel():
        t1 = time.perf_counter()
        for index, cell in enumerate(nb.cells[:-1]):
            client.execute_cell(cell, index)
        t2 = time.perf_counter()
        client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    if MARK not in text:
        raise RuntimeError(f"{path}: the resource probe printed nothing: {nb.cells[-1].outputs}")
    usage = json.loads(text.split(MARK, 1)[1])
    name = f"{path.parent.name}/{path.name}" if path else "(empty kernel)"
    return Usage(name, t1 - t0, t2 - t1, usage["cpu"], usage["maxrss_kib"] / 1024)


def notebooks(modules: list[str]) -> list[Path]:
    paths = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
        (ROOT / "solutions").glob("*.ipynb"))
    if modules:
        paths = [p for p in paths if p.name[:2] in modules]
    return paths


def table(rows: list[Usage]) -> str:
    lines = ["| notebook | kernel start s | wall s | kernel CPU s | peak RSS MiB |",
             "|---|---:|---:|---:|---:|"]
    lines += [f"| {u.notebook} | {u.startup_s:.1f} | {u.wall_s:.1f} | {u.cpu_s:.1f} | "
              f"{u.peak_mib:.0f} |" for u in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="module ids (default: every notebook)")
    parser.add_argument("--timeout", type=int, default=60, help="seconds allowed per cell")
    parser.add_argument("--repeat", type=int, default=3, help="runs per notebook (median)")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        raise SystemExit("this benchmark reads ru_maxrss in KiB, which holds on Linux only")
    paths = notebooks(args.modules)
    if not paths:
        raise SystemExit(f"no notebooks for modules {args.modules}")
    # Keep the runs from touching the user's own exercise progress; draw figures off-screen.
    os.environ["COURSEKIT_PROGRESS"] = str(Path(tempfile.mkdtemp()) / "progress.json")
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.pop("COURSEKIT_STUDENT", None)

    rows, failed = [measure_median(None, args.repeat, args.timeout)], []
    for path in paths:
        try:
            rows.append(measure_median(path, args.repeat, args.timeout))
        except Exception as exc:  # report the others, then fail
            failed.append(f"{path.parent.name}/{path.name}: {type(exc).__name__}: "
                          f"{str(exc).strip().splitlines()[-1] if str(exc).strip() else ''}")
            print(f"  FAILED {failed[-1]}", file=sys.stderr, flush=True)
            continue
        print(f"  {rows[-1].notebook:<48} {rows[-1].wall_s:6.1f} s  {rows[-1].peak_mib:5.0f} MiB",
              file=sys.stderr, flush=True)
    if len(rows) == 1:
        raise SystemExit("every notebook failed:\n" + "\n".join(failed))
    import coursekit

    worst = max(rows[1:], key=lambda u: u.peak_mib)
    header = (f"Measured with `benchmarks/notebook_resources.py` on {platform.system()} "
              f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
              f"coursekit {coursekit.__version__}, {time.strftime('%Y-%m-%d')}. "
              f"Each notebook ran alone in a fresh kernel, {args.repeat} times: median times, "
              f"largest peak.")
    summary = (f"Largest peak: {worst.notebook} at {worst.peak_mib:.0f} MiB; "
               f"total kernel CPU for all {len(rows) - 1} notebooks: "
               f"{sum(u.cpu_s for u in rows[1:]):.0f} s.")
    text = f"{header}\n\n{table(rows)}\n\n{summary}\n"
    if failed:
        text += "\nNot measured (the notebook failed):\n" + "".join(f"- {f}\n" for f in failed)
    print(text)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    if failed:
        raise SystemExit(f"{len(failed)} notebook(s) failed")


if __name__ == "__main__":
    main()
