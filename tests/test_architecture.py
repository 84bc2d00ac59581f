"""The package layout and the layer rule of docs/architecture.md, checked against the code;
and a repository that carries no build artefacts."""
from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from notebook_runner import ROOT

PACKAGE = ROOT / "coursekit"
DOC = ROOT / "docs" / "architecture.md"


def _table(heading: str) -> list[list[str]]:
    """The rows of the first markdown table under ``## heading`` in docs/architecture.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[c.strip() for c in row.strip("|").split("|")] for row in rows[2:]]


def _names(cell: str) -> set[str]:
    return set(re.findall(r"`([\w.]+)`", cell))


def _layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "coursekit"


def _imports(path: Path) -> set[str]:
    """The coursekit modules ``path`` imports (absolute and relative, anywhere in the file)."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "coursekit"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target == "coursekit":  # `from coursekit import datasets` imports that layer
                found |= {f"coursekit.{a.name}" for a in node.names}
            elif target.split(".")[0] == "coursekit":
                found.add(target)
    return found


LAYERS = {row[0].strip("`"): _names(row[2]) for row in _table("Layers")}


def test_the_layer_table_names_every_layer_of_the_package():
    layers = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    layers |= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert set(LAYERS) == layers, "docs/architecture.md's layer table is out of date"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_import_follows_the_layer_rule(path):
    own = _layer_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
    if own == "coursekit":  # the top-level __init__ loads layers lazily by name only
        return
    for target in _imports(path):
        layer = _layer_of(target)
        assert layer == own or layer in LAYERS[own], (
            f"{path.relative_to(ROOT)} imports {target}: layer {own!r} may import only "
            f"{sorted(LAYERS[own]) or 'nothing'} (docs/architecture.md)")


def test_nothing_imports_the_cli_and_models_import_no_presentation_layer():
    for path in PACKAGE.rglob("*.py"):
        layers = {_layer_of(t) for t in _imports(path)}
        if _layer_of(".".join(path.relative_to(ROOT).with_suffix("").parts)) != "cli":
            assert "cli" not in layers, path
    for path in (PACKAGE / "models").rglob("*.py"):
        assert not {_layer_of(t) for t in _imports(path)} & {"plots", "widgets", "exercises"}, path


def test_the_topic_table_matches_the_model_packages():
    import coursekit.models as models

    listed = [row[0].strip("`") for row in _table("Topics")]
    assert listed == list(models.TOPICS)
    on_disk = {p.name for p in (PACKAGE / "models").iterdir() if (p / "__init__.py").exists()}
    assert on_disk == set(models.TOPICS)
    assert sorted(dir(models)) == sorted(models.TOPICS)
    for row in _table("Topics"):  # each topic's course module is a real one
        from coursekit.course import get_module

        get_module(row[1])


def test_the_other_layers_use_topic_names():
    import coursekit.models as models

    for layer in ("plots", "widgets", "synth", "exercises/bank"):
        files = {p.stem for p in (PACKAGE / layer).glob("*.py") if not p.stem.startswith("_")}
        allowed = set(models.TOPICS) | ({"classroom"} if layer == "synth" else set())
        assert files <= allowed, f"{layer}: {sorted(files - allowed)}"


@pytest.mark.parametrize("topic", importlib.import_module("coursekit.models").TOPICS)
def test_each_topic_package_states_its_topic_and_exports_its_api(topic):
    package = importlib.import_module(f"coursekit.models.{topic}")
    assert package.__doc__ and len(package.__doc__.strip()) > 40
    assert package.__all__ and all(hasattr(package, name) for name in package.__all__)
    submodules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    # a public name that is also a file would hide the file: `from pkg import name` is ambiguous
    assert not submodules & set(package.__all__)
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        sub = importlib.import_module(f"{package.__name__}.{info.name}")
        names = [n for n in vars(sub) if not n.startswith("_")]
        assert getattr(sub, "__all__", None), f"{sub.__name__} has no __all__"
        # a file defines what it exports: no module re-exports another's names
        for name in sub.__all__:
            obj = getattr(sub, name)
            home = getattr(obj, "__module__", sub.__name__)
            if callable(obj) and home.startswith("coursekit."):
                assert home == sub.__name__, f"{sub.__name__}.{name} is re-exported from {home}"
        assert names


def test_help_on_models_lists_one_line_per_topic():
    import pydoc

    import coursekit.models as models

    text = pydoc.render_doc(models, renderer=pydoc.plaintext)
    contents = text.split("PACKAGE CONTENTS", 1)[1].split("\n\n", 1)[0]
    assert [line.strip().removesuffix(" (package)") for line in contents.strip().splitlines()] \
        == sorted(models.TOPICS)


def test_importing_models_stays_light():
    code = ("import sys, time; t = time.perf_counter(); import coursekit, coursekit.models; "
            "dir(coursekit.models); print([m for m in ('pandas', 'numpy', 'matplotlib', "
            "'coursekit.models.servqual') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------- the repository itself
def _git(*args: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if out.returncode:
        pytest.skip("not a git checkout")
    return [line for line in out.stdout.splitlines() if line]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_no_tracked_file_is_ignored_or_a_build_artefact():
    tracked = _git("ls-files")
    ignored = _git("ls-files", "--cached", "--ignored", "--exclude-standard")
    assert not ignored, f"tracked files that .gitignore names: {ignored[:10]}"
    artefacts = [f for f in tracked if f.split("/")[0] in {".venv", "venv", "build", "dist"}
                 or "__pycache__" in f.split("/") or f.endswith((".pyc", ".egg-info"))]
    assert not artefacts, artefacts[:10]
