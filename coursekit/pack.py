"""Course packs: a self-contained folder of chosen modules for a class.

A pack holds the lesson notebooks, the student exercise notebooks (built from ``solutions/``),
exactly the datasets those notebooks load (data files + cards) and a README. :func:`verify_pack`
proves it: no solution code or markers, every dataset loads and matches its checksum, and every
notebook executes with ``COURSEKIT_DATA`` pointing at the pack's own datasets.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from coursekit.build import (BEGIN, END, execute_notebook, exercise_name, has_solution_markers,
                             student_notebook, write_notebook)
from coursekit.course import Module
from coursekit.output import output_folder

__all__ = ["PackReport", "datasets_needed", "build_pack", "verify_pack"]

#: The distribution name on the package index (``coursekit`` there is an unrelated project) and
#: the repository to install from; the import package and the command stay ``coursekit``.
DISTRIBUTION = "coursekit-services-marketing"
REPOSITORY = "https://github.com/coursekit/coursekit"

_LOAD = re.compile(r"""load_dataset\(\s*["']([A-Za-z0-9_]+)["']""")
_SOLUTION = re.compile(rf"{re.escape(BEGIN)}[^\n]*\n(.*?){re.escape(END)}", re.S)


@dataclass(frozen=True)
class PackReport:
    folder: Path
    modules: tuple[str, ...]
    notebooks: tuple[str, ...]
    datasets: tuple[str, ...]
    executed: bool

    def __str__(self) -> str:
        return (f"pack {self.folder}: modules {', '.join(self.modules)}; "
                f"{len(self.notebooks)} notebooks, {len(self.datasets)} datasets "
                f"({', '.join(self.datasets) or 'none'}); "
                f"{'all notebooks executed' if self.executed else 'execution not checked'}")


def _sources(modules: list[Module], root: Path) -> list[Path]:
    paths = []
    for m in modules:
        for folder in ("notebooks", "solutions"):
            p = root / folder / m.notebook
            if not p.exists():
                raise FileNotFoundError(f"module {m.id} ({m.slug}) has no {folder}/{m.notebook} "
                                        f"yet (status: {m.status})")
            paths.append(p)
    return paths


def datasets_needed(modules: list[Module], root: Path) -> list[str]:
    """Datasets the modules' notebooks load, plus those the registry lists for them."""
    from coursekit.datasets import DatasetError, card_problems, list_datasets

    names = {d for m in modules for d in m.datasets}
    for path in _sources(modules, root):
        cells = nbformat.read(path, as_version=4).cells
        names |= set(_LOAD.findall("\n".join(c.source for c in cells)))
    broken = card_problems()
    for name in sorted(names & set(broken)):
        raise DatasetError(f"dataset {name!r} is needed but its card is broken: {broken[name]}")
    known = set(list_datasets())
    return sorted(names & known)


def _unique(modules: list[Module]) -> list[Module]:
    """``modules`` without repeats, in their first order (``--modules 01,01`` packs 01 once)."""
    return list({m.id: m for m in modules}.values())


def build_pack(modules: list[Module], out: str | Path, *, root: str | Path,
               force: bool = False, verify: bool = True, execute: bool | None = None,
               wheel: bool = False) -> PackReport:
    """Write the pack for ``modules`` into ``out`` (see :mod:`coursekit.output` for the rules).

    ``verify`` checks the pack (no solution code, every dataset and checksum) and, unless
    ``execute=False``, executes every notebook. ``wheel`` adds an installable wheel of this
    project under ``wheels/``. The pack is built in a temporary sibling folder and moved to
    ``out`` only if everything succeeded.
    """
    from coursekit.datasets import pack_dataset_files

    root = Path(root)
    modules = _unique(list(modules))
    if not modules:
        raise ValueError("modules must name at least one module")
    execute = verify if execute is None else execute
    sources = _sources(modules, root)
    names = datasets_needed(modules, root)
    with output_folder(out, command="pack", force=force, root=root) as tmp:
        notebooks = []
        for src in sources:
            # lessons too go through student_notebook: outputs cleared
            nb = student_notebook(nbformat.read(src, as_version=4))
            if src.parent.name == "solutions":
                target = f"exercises/{exercise_name(src.name)}"
            else:
                target = f"lessons/{src.name}"
            write_notebook(nb, tmp / target)
            notebooks.append(target)
        pack_dataset_files(names, tmp / "datasets")  # every checksum verified before copying
        wheel_name = _build_wheel(root, tmp / "wheels") if wheel else None
        (tmp / "README.md").write_text(_readme(modules, wheel_name), encoding="utf-8")
        if verify:
            verify_pack(tmp, modules=modules, root=root, execute=execute)
    return PackReport(Path(out), tuple(m.id for m in modules), tuple(notebooks), tuple(names),
                      bool(verify and execute))


def _readme(modules: list[Module], wheel_name: str | None) -> str:
    lines = ["# Course pack", "", "Modules:", ""]
    lines += [f"- {m.id} {m.title} (textbook {m.chapter}): `lessons/{m.notebook}`, "
              f"`exercises/{m.exercise_notebook}`" for m in modules]
    lines += ["", "Open a lesson, run it, then do the exercises: write your answer in place of "
              "`...` and run the `check(...)` cell below it.", "", "## Installing", ""]
    if wheel_name:
        lines += [f"Install the course package from the wheel in this pack: "
                  f"`python -m pip install \"wheels/{wheel_name}\"`.", ""]
    lines += [f"The package is not on the public package index under the name `coursekit` "
              f"(that name belongs to another project). Install it "
              f"{'otherwise ' if wheel_name else ''}from the course repository: "
              f"`python -m pip install \"{DISTRIBUTION} @ git+{REPOSITORY}\"`, or use the "
              f"course's environment.", "",
              "To use this pack's own data files, set `COURSEKIT_DATA=<this folder>/datasets`.",
              ""]
    return "\n".join(lines)


def _build_wheel(root: Path, folder: Path) -> str:
    """Build this project's wheel into ``folder`` (offline, with the installed hatchling)."""
    import subprocess
    import sys

    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                           "--no-build-isolation", "--wheel-dir", str(folder), str(root)],
                          capture_output=True, text=True)
    wheels = sorted(folder.glob("*.whl"))
    if done.returncode != 0 or len(wheels) != 1:
        raise RuntimeError(f"building the wheel of {root} failed:\n{done.stderr[-2000:]}")
    return wheels[0].name


def _solution_lines(solution: Path) -> set[str]:
    """Substantial code lines (over 12 characters) between the solution markers of a notebook."""
    nb = nbformat.read(solution, as_version=4)
    return {ln.strip() for cell in nb.cells if cell.cell_type == "code"
            for block in _SOLUTION.findall(cell.source) for ln in block.splitlines()
            if len(ln.strip()) > 12}


def verify_pack(out: str | Path, *, modules: list[Module], root: str | Path,
                execute: bool = True, timeout: int = 180) -> None:
    """Raise ``ValueError`` if the pack leaks solutions, has bad data or a failing notebook.

    Each exercise notebook is compared with its own solution notebook
    (``root/solutions/<same name>``): none of the code lines between that notebook's solution
    markers may appear in it.
    """
    from coursekit import datasets

    out, root = Path(out), Path(root)
    notebooks = {path: nbformat.read(path, as_version=4) for path in sorted(out.glob("*/*.ipynb"))}
    for path, nb in notebooks.items():
        solution_lines: set[str] = set()
        if path.parent.name == "exercises":
            # exercises/07_gap_model_exercises.ipynb is built from solutions/07_gap_model.ipynb
            name = path.name.removesuffix("_exercises.ipynb") + ".ipynb"
            source = root / "solutions" / name
            if not source.is_file():
                raise ValueError(f"{path} has no solution notebook solutions/{name} to "
                                 f"compare it with")
            solution_lines = _solution_lines(source)
        for cell in nb.cells:
            if has_solution_markers(cell.source):
                raise ValueError(f"{path} contains solution markers")
            if cell.cell_type == "code":
                leaked = [ln for ln in cell.source.splitlines()
                          if ln.strip() in solution_lines and "= ..." not in ln]
                if leaked:
                    raise ValueError(f"{path} contains solution code: {leaked[0]!r}")
    previous = os.environ.get("COURSEKIT_DATA")
    os.environ["COURSEKIT_DATA"] = str((out / "datasets").resolve())
    try:
        for problem in datasets.card_problems().values():
            raise datasets.DatasetError(f"the pack's {problem}")
        for name in datasets.list_datasets():
            datasets.load_dataset(name)  # checksum + schema
        if execute:
            for path, nb in notebooks.items():
                execute_notebook(nb, path.parent, timeout=timeout,
                                 env={"COURSEKIT_NO_PROGRESS": "1"})
    finally:
        if previous is None:
            os.environ.pop("COURSEKIT_DATA", None)
        else:
            os.environ["COURSEKIT_DATA"] = previous
