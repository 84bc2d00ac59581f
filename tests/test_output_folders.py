"""Output folders of `pack`, `export-nbgrader` and `export-html`: never delete what coursekit did
not make, refuse dangerous targets, swap a finished build in, and report file-system errors as
one `error:` line (exit 2), never a traceback."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit import pack as pack_module
from coursekit.build import exercise_name
from coursekit.cli import main
from coursekit.output import MARKER
from notebook_runner import ROOT

NB = "01_value_equation.ipynb"


@pytest.fixture
def project(tmp_path):
    """A small project: module 01's notebooks, a .git folder and uncommitted notes."""
    root = tmp_path / "P"
    for folder in ("notebooks", "solutions", "exercises"):
        (root / folder).mkdir(parents=True)
        name = exercise_name(NB) if folder == "exercises" else NB
        shutil.copy(ROOT / folder / name, root / folder / name)
    (root / "datasets").mkdir()
    (root / "coursekit").mkdir()
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "notes.md").write_text("uncommitted notes")
    return root


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


@pytest.mark.parametrize("argv, target", [
    (["pack", "--modules", "01", "--force", "--no-execute"], "."),
    (["pack", "--modules", "01", "--force", "--no-execute"], "solutions"),
    (["pack", "--modules", "01", "--force", "--no-execute"], "exercises/new-pack"),
    (["export-nbgrader", "--modules", "01", "--force"], "."),
    (["export-nbgrader", "--modules", "01", "--force"], "datasets"),
    (["export-html", "--modules", "01", "--force"], "notebooks"),
    (["export-html", "--modules", "01", "--force"], "coursekit"),
])
def test_the_project_and_its_source_folders_are_always_refused(project, capsys, argv, target):
    before = _snapshot(project)
    code, err = _run(capsys, *argv, "--root", str(project), "--out", str(project / target))
    assert code == 2 and err.startswith("error: refusing to write to"), err
    assert _snapshot(project) == before
    assert sorted(p.name for p in project.parent.iterdir()) == ["P"]  # no temporary leftovers


def test_a_folder_holding_the_project_is_refused(project, capsys):
    before = _snapshot(project)
    code, err = _run(capsys, "pack", "--modules", "01", "--force", "--no-execute",
                     "--root", str(project), "--out", str(project.parent))
    assert code == 2 and "project folder" in err
    assert _snapshot(project) == before


def test_home_and_the_file_system_root_are_refused(tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.tex").write_text("years of work")
    monkeypatch.setenv("HOME", str(home))
    for out, what in ((home, "home folder"), (Path("/"), "file-system root")):
        code, err = _run(capsys, "pack", "--modules", "01", "--force", "--no-execute",
                         "--out", str(out))
        assert code == 2 and what in err, err
    assert (home / "thesis.tex").read_text() == "years of work"


def test_a_failing_build_leaves_the_previous_output_untouched(tmp_path, monkeypatch, capsys):
    out = tmp_path / "class"
    assert main(["pack", "--modules", "01", "--no-execute", "--out", str(out)]) == 0
    before = _snapshot(out)

    def broken(*args, **kwargs):
        raise ValueError("simulated failure while verifying")

    monkeypatch.setattr(pack_module, "verify_pack", broken)
    code, err = _run(capsys, "pack", "--modules", "12", "--force", "--out", str(out))
    assert code == 2 and "simulated failure" in err
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class"]


def test_nbgrader_work_is_never_replaced(tmp_path, capsys):
    out = tmp_path / "course"
    assert main(["export-nbgrader", "--modules", "01", "--out", str(out)]) == 0
    assert (out / MARKER).is_file() and (out / "nbgrader_config.py").is_file()
    assert main(["export-nbgrader", "--modules", "01", "--out", str(out), "--force"]) == 0
    (out / "gradebook.db").write_bytes(b"grades")
    code, err = _run(capsys, "export-nbgrader", "--modules", "01", "--out", str(out), "--force")
    assert code == 2 and "gradebook.db" in err
    assert (out / "gradebook.db").read_bytes() == b"grades"


def test_file_system_errors_are_one_line(tmp_path, capsys):
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    cases = [(a_file, "not a folder"), (link, "symbolic link"),
             (a_file / "sub", "is a file, not a folder"),  # a file where a parent folder should be
             (Path("/proc/self/coursekit-pack"), "")]  # not writable, even for root
    for out, message in cases:
        code, err = _run(capsys, "pack", "--modules", "01", "--no-execute", "--out", str(out))
        assert code == 2 and err.startswith("error: ") and message in err, (out, err)
        assert err.count("\n") == 1, err
    assert a_file.read_text() == "x" and not any((tmp_path / "elsewhere").iterdir())


def test_export_nbgrader_all_holds_every_ready_module(tmp_path, capsys):
    """The whole course, released by nbgrader's own `generate_assignment`."""
    pytest.importorskip("nbgrader")
    from coursekit.course import resolve_modules
    from coursekit.exercises import list_questions
    from coursekit.grading import assignment_name

    import nbformat

    out = tmp_path / "course"
    assert main(["export-nbgrader", "--all", "--out", str(out)]) == 0
    report = capsys.readouterr().out
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", "*", "--force"],
                   cwd=out, env=env, check=True, capture_output=True, text=True)
    for m in resolve_modules(None, ready_only=True):
        assert f"{assignment_name(m)} ({len(list_questions(m.id))} points)" in report
        released = nbformat.read(out / "release" / assignment_name(m) / m.notebook,
                                 as_version=4)
        text = "\n".join(c.source for c in released.cells)
        assert "BEGIN SOLUTION" not in text and "run the `check` cell" not in text, m.id
        tests = [c for c in released.cells if c.source.startswith("grade(")]
        assert len(tests) == len(list_questions(m.id)), m.id
        answers = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("solution")]
        assert all("# Your answer: assign it to `" in c.source for c in answers), m.id


def test_versions_into_a_closed_pipe_ends_quietly():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "coursekit.cli", "versions"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # like `| head` that has stopped reading
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert "BrokenPipeError" not in err and "Traceback" not in err, err


def test_versions_marks_a_missing_file_and_goes_on(tmp_path, monkeypatch, capsys):
    from coursekit import datasets

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "datasets", folder)
    (folder / "recovery_experiment.csv").unlink()
    monkeypatch.setenv("COURSEKIT_DATA", str(folder))
    try:
        assert main(["versions"]) == 1
    finally:
        datasets._read_cards.cache_clear()
    out = capsys.readouterr().out
    lines = {ln.split()[0]: ln for ln in out.splitlines() if ln.startswith("  ") and
             len(ln.split()) == 3}
    assert lines["recovery_experiment"].endswith("MISSING")
    assert lines["vacation_offers"].endswith("ok") and lines["vacuum_models"].endswith("ok")


def test_progress_with_a_folder_as_store_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path))
    code, err = _run(capsys, "progress")
    assert code == 2 and "is a folder" in err


@pytest.mark.parametrize("command", ["modules", "datasets", "build-exercises", "pack",
                                     "export-nbgrader", "export-html", "site", "progress",
                                     "versions"])
def test_every_command_has_a_description_and_an_example(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    assert f"example: coursekit {command}" in text or f"coursekit {command}" in text.split(
        "example:")[1]
    description = text.split("\n\n")[1]
    assert len(description.split()) >= 6 and "``" not in text


def test_top_level_help_reads_as_text(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "``" not in text and "example:" in text and "export-nbgrader" in text


def test_notebook_execution_keeps_kernel_log_noise_out(capfd):
    import nbformat

    from coursekit.build import execute_notebook

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    execute_notebook(nb, ROOT, timeout=60)
    assert nb.cells[0].outputs[0]["data"]["text/plain"] == "2"
    assert "IPKernelApp" not in capfd.readouterr().err


def test_relative_output_folders_are_swapped_in(tmp_path, monkeypatch):
    (tmp_path / "work" / "sub").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "work" / "sub")
    assert main(["pack", "--modules", "01", "--no-execute", "--out", "."]) == 0
    monkeypatch.chdir(tmp_path / "work")
    assert (tmp_path / "work" / "sub" / MARKER).is_file()
    assert main(["pack", "--modules", "12", "--no-execute", "--force", "--out", "sub/../sub"]) == 0
    assert sorted(p.name for p in (tmp_path / "work" / "sub" / "lessons").iterdir()) == \
        ["12_service_recovery.ipynb"]
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["sub"]
