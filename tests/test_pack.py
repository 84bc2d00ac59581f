"""`coursekit pack`: contents, no leaked solutions, data integrity, execution and CLI errors.

One pack (modules 01 and 12) is built through the CLI with full verification, which executes its
four notebooks in fresh kernels; the other tests reuse it or copy it.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from coursekit import datasets
from coursekit.build import BEGIN, END
from coursekit.cli import main
from coursekit.course import get_module
from coursekit.datasets import DatasetError
from coursekit.output import MARKER
from coursekit.pack import verify_pack
from notebook_runner import ROOT

MODULES = ("01", "12")
NOTEBOOKS = ("01_value_equation.ipynb", "12_service_recovery.ipynb")
EXERCISES = tuple(n.replace(".ipynb", "_exercises.ipynb") for n in NOTEBOOKS)
DATASETS = {"vacation_offers": "vacation_offers.csv",
            "recovery_experiment": "recovery_experiment.csv"}


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("pack") / "class"
    assert main(["pack", "--modules", ",".join(MODULES), "--out", str(out)]) == 0
    return out


def _solution_lines(name: str) -> set[str]:
    """Substantial code lines between the solution markers of solutions/<name>."""
    nb = nbformat.read(ROOT / "solutions" / name, as_version=4)
    blocks = re.findall(rf"{re.escape(BEGIN)}.*?\n(.*?){re.escape(END)}",
                        "\n".join(c.source for c in nb.cells if c.cell_type == "code"), re.S)
    return {ln.strip() for b in blocks for ln in b.splitlines() if len(ln.strip()) > 12}


def test_pack_holds_exactly_lessons_exercises_needed_data_and_readme(pack):
    files = {p.relative_to(pack).as_posix() for p in pack.rglob("*") if p.is_file()}
    expected = {"README.md", MARKER}
    expected |= {f"lessons/{nb}" for nb in NOTEBOOKS} | {f"exercises/{nb}" for nb in EXERCISES}
    expected |= {f"datasets/{f}" for f in DATASETS.values()}
    expected |= {f"datasets/{name}.toml" for name in DATASETS}
    assert files == expected


def test_readme_names_each_module_and_its_notebooks(pack):
    readme = (pack / "README.md").read_text(encoding="utf-8")
    for mid, nb, ex in zip(MODULES, NOTEBOOKS, EXERCISES):
        assert get_module(mid).title in readme
        assert f"lessons/{nb}" in readme and f"exercises/{ex}" in readme
    assert "COURSEKIT_DATA" in readme


def test_pack_notebooks_are_stored_without_outputs(pack):
    for path in pack.glob("*/*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), path


@pytest.mark.parametrize("name", EXERCISES)
def test_exercises_equal_the_generated_student_versions(pack, name):
    """Same cells as exercises/ (which `build-exercises --check` keeps in sync with solutions)."""
    packed = nbformat.read(pack / "exercises" / name, as_version=4)
    student = nbformat.read(ROOT / "exercises" / name, as_version=4)
    assert [c.source for c in packed.cells] == [c.source for c in student.cells]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_exercises_carry_no_solution_markers_or_solution_code(pack, name):
    solution = _solution_lines(name)
    assert solution, "the solutions notebook should have solution blocks"
    nb = nbformat.read(pack / "exercises" / name.replace(".ipynb", "_exercises.ipynb"),
                       as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert BEGIN not in text and END not in text
    code = {ln.strip() for c in nb.cells if c.cell_type == "code" for ln in c.source.splitlines()}
    assert not (code & solution), sorted(code & solution)[:3]


def test_every_pack_dataset_loads_with_its_checksum(pack, monkeypatch):
    monkeypatch.setenv("COURSEKIT_DATA", str(pack / "datasets"))
    assert datasets.list_datasets() == sorted(DATASETS)
    for name, file in DATASETS.items():
        assert datasets.sha256_of(pack / "datasets" / file) == \
            datasets.sha256_of(ROOT / "datasets" / file)
        frame = datasets.load_dataset(name)
        assert len(frame) == datasets.dataset_info(name).rows


# --- tampering is caught ------------------------------------------------------------------------

@pytest.fixture
def copy(pack, tmp_path):
    target = tmp_path / "copy"
    shutil.copytree(pack, target)
    return target


def _verify(folder: Path, execute: bool = False) -> None:
    verify_pack(folder, modules=[get_module(m) for m in MODULES], root=ROOT, execute=execute)


def test_the_untouched_copy_verifies(copy):
    _verify(copy)


def test_verify_catches_a_solution_line_pasted_into_an_exercise(copy):
    path = copy / "exercises" / EXERCISES[0]
    nb = nbformat.read(path, as_version=4)
    line = sorted(_solution_lines(NOTEBOOKS[0]))[0]
    cell = next(c for c in nb.cells if c.cell_type == "code" and "..." in c.source)
    cell.source += "\n" + line
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match="solution code"):
        _verify(copy)


def test_verify_catches_solution_markers(copy):
    path = copy / "lessons" / NOTEBOOKS[1]
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(f"{BEGIN}\nx = 1\n{END}"))
    nbformat.write(nb, path)
    with pytest.raises(ValueError, match="solution markers"):
        _verify(copy)


def test_verify_catches_a_modified_data_file(copy):
    with open(copy / "datasets" / DATASETS["recovery_experiment"], "a") as fh:
        fh.write("\n")
    with pytest.raises(DatasetError, match="sha256"):
        _verify(copy)


def test_verify_catches_a_notebook_that_fails(copy):
    path = copy / "lessons" / NOTEBOOKS[0]
    nb = nbformat.read(path, as_version=4)
    nb.cells = nb.cells[:1] + [nbformat.v4.new_code_cell("raise RuntimeError('broken pack')")]
    nbformat.write(nb, path)
    for other in (copy / "lessons" / NOTEBOOKS[1], *copy.glob("exercises/*.ipynb")):
        other.unlink()  # keep the run short: only the broken notebook executes
    with pytest.raises(CellExecutionError, match="broken pack"):
        _verify(copy, execute=True)


# --- CLI errors ---------------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["--modules", "99"], "unknown module '99'"),
    (["--modules", "01", "--all"], "--modules"),
    ([], "--modules"),
])
def test_cli_rejects_bad_module_choices(tmp_path, capsys, args, message):
    out = tmp_path / "pack"
    assert main(["pack", *args, "--out", str(out), "--no-verify"]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_refuses_a_non_empty_output_folder_and_force_replaces_only_its_own(tmp_path, capsys):
    out = tmp_path / "pack"
    out.mkdir()
    (out / "notes.txt").write_text("instructor's notes")
    for force in ([], ["--force"]):  # not coursekit's: refused, with --force too
        assert main(["pack", "--modules", "01", "--out", str(out), "--no-execute", *force]) == 2
        assert "not written by coursekit" in capsys.readouterr().err
        assert (out / "notes.txt").read_text() == "instructor's notes"

    out = tmp_path / "mine"
    assert main(["pack", "--modules", "12", "--out", str(out), "--no-execute"]) == 0
    assert main(["pack", "--modules", "01", "--out", str(out), "--no-execute"]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["pack", "--modules", "01", "--out", str(out), "--no-execute", "--force"]) == 0
    assert not (out / "lessons" / NOTEBOOKS[1]).exists()
    assert (out / "exercises" / EXERCISES[0]).exists() and (out / MARKER).is_file()
    assert sorted(p.name for p in (out / "datasets").iterdir()) == \
        ["vacation_offers.csv", "vacation_offers.toml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "pack"]  # no leftovers


def test_cli_accepts_an_empty_existing_folder(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    assert main(["pack", "--modules", "value_equation", "--out", str(out), "--no-execute"]) == 0
    assert (out / "lessons" / NOTEBOOKS[0]).exists()


def test_repeated_module_is_packed_once(tmp_path, capsys):
    out = tmp_path / "p"
    assert main(["pack", "--modules", "01,01,value_equation", "--out", str(out),
                 "--no-execute"]) == 0
    assert "modules 01;" in capsys.readouterr().out
    assert "README.md" in {p.name for p in out.iterdir()}
    assert (out / "README.md").read_text().count(f"`lessons/{NOTEBOOKS[0]}`") == 1


def test_pack_all_verifies_and_executes(tmp_path):
    """The whole course, the most common pack, fully verified: each exercise notebook is
    compared with its own solutions only, every packed dataset loads with its checksum, and
    every notebook executes once against the pack's own datasets (the slowest test here)."""
    from coursekit.course import resolve_modules

    out = tmp_path / "all"
    assert main(["pack", "--all", "--out", str(out)]) == 0
    ready = resolve_modules(None, ready_only=True)
    assert sorted(p.name for p in (out / "exercises").iterdir()) == \
        sorted(m.exercise_notebook for m in ready)


def test_verify_catches_a_broken_card(copy):
    card = copy / "datasets" / "vacation_offers.toml"
    card.write_text(card.read_text().replace('file = "vacation_offers.csv"', 'file = "/etc/x"'))
    try:
        with pytest.raises(DatasetError, match="vacation_offers.toml: file must be a bare"):
            _verify(copy)
    finally:
        datasets._read_cards.cache_clear()
