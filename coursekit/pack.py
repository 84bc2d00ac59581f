"""Course packs: a self-contained folder of chosen modules for a class.

A pack holds the lesson notebooks, the student exercise notebooks (built from ``solutions/``),
exactly the datasets those notebooks load (data files + cards) and a README. :func:`verify_pack`
proves it: no solution code or markers, every dataset loads and matches its checksum, and every
notebook executes with ``COURSEKIT_DATA`` pointing at the pack's own datasets.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat

from coursekit.build import (BEGIN, END, execute_notebook, exercise_name, has_solution_markers,
                             prepare_output, student_notebook, write_notebook)
from coursekit.course import Module

__all__ = ["PackReport", "datasets_needed", "build_pack", "verify_pack"]

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
    from coursekit.datasets import list_datasets

    names = {d for m in modules for d in m.datasets}
    for path in _sources(modules, root):
        cells = nbformat.read(path, as_version=4).cells
        names |= set(_LOAD.findall("\n".join(c.source for c in cells)))
    known = set(list_datasets())
    return sorted(names & known)


def build_pack(modules: list[Module], out: str | Path, *, root: str | Path,
               force: bool = False, verify: bool = True) -> PackReport:
    """Write the pack for ``modules`` into ``out`` (which must not exist unless ``force``)."""
    from coursekit.datasets import data_dir, dataset_info

    root, out = Path(root), Path(out)
    if not modules:
        raise ValueError("modules must name at least one module")
    prepare_output(out, force=force)
    sources = _sources(modules, root)
    names = datasets_needed(modules, root)
    notebooks = []
    for src in sources:
        # lessons too go through student_notebook: outputs cleared
        nb = student_notebook(nbformat.read(src, as_version=4))
        target = (out / "exercises" / exercise_name(src.name) if src.parent.name == "solutions"
                  else out / "lessons" / src.name)
        write_notebook(nb, target)
        notebooks.append(str(target.relative_to(out)))
    (out / "datasets").mkdir(parents=True, exist_ok=True)
    for name in names:
        card = dataset_info(name)
        shutil.copy2(data_dir() / card.file, out / "datasets" / card.file)
        shutil.copy2(data_dir() / f"{name}.toml", out / "datasets" / f"{name}.toml")
    lines = ["# Course pack", "", "Modules:", ""]
    lines += [f"- {m.id} {m.title} (textbook {m.chapter}): `lessons/{m.notebook}`, "
              f"`exercises/{m.exercise_notebook}`" for m in modules]
    lines += ["", "Open a lesson, run it, then do the exercises: write your answer in place of "
              "`...` and run the `check(...)` cell below it.", "",
              "Requires the `coursekit` package (`pip install coursekit` or the course's "
              "environment). To use this pack's own data files, set "
              "`COURSEKIT_DATA=<this folder>/datasets`.", ""]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")
    if verify:
        verify_pack(out, modules=modules, root=root)
    return PackReport(out, tuple(m.id for m in modules), tuple(notebooks), tuple(names),
                      bool(verify))


def _solution_blocks(modules: list[Module], root: Path) -> list[str]:
    blocks = []
    for m in modules:
        nb = nbformat.read(root / "solutions" / m.notebook, as_version=4)
        for cell in nb.cells:
            for block in _SOLUTION.findall(cell.source):
                lines = [ln.strip() for ln in block.splitlines() if len(ln.strip()) > 12]
                blocks += lines
    return blocks


def verify_pack(out: str | Path, *, modules: list[Module], root: str | Path,
                execute: bool = True, timeout: int = 180) -> None:
    """Raise ``ValueError`` if the pack leaks solutions, has bad data or a failing notebook."""
    from coursekit import datasets

    out, root = Path(out), Path(root)
    notebooks = {path: nbformat.read(path, as_version=4) for path in sorted(out.glob("*/*.ipynb"))}
    solution_lines = set(_solution_blocks(modules, root))
    for path, nb in notebooks.items():
        for cell in nb.cells:
            if has_solution_markers(cell.source):
                raise ValueError(f"{path} contains solution markers")
            if path.parent.name == "exercises" and cell.cell_type == "code":
                leaked = [ln for ln in cell.source.splitlines()
                          if ln.strip() in solution_lines and "= ..." not in ln]
                if leaked:
                    raise ValueError(f"{path} contains solution code: {leaked[0]!r}")
    previous = os.environ.get("COURSEKIT_DATA")
    os.environ["COURSEKIT_DATA"] = str((out / "datasets").resolve())
    try:
        for name in datasets.list_datasets():
            datasets.load_dataset(name)  # checksum + schema
        if execute:
            for path, nb in notebooks.items():
                execute_notebook(nb, path.parent, timeout=timeout)
    finally:
        if previous is None:
            os.environ.pop("COURSEKIT_DATA", None)
        else:
            os.environ["COURSEKIT_DATA"] = previous
