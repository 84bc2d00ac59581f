"""Project-level contracts: README table, environment.yml, light import, CLI."""
import re
import subprocess
import sys

import pytest

from coursekit.cli import main
from coursekit.course import MODULES, get_module, modules_table_markdown, resolve_modules
from notebook_runner import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _norm(req: str) -> tuple[str, str]:
    req = req.split(";")[0].strip()
    m = re.match(r"([A-Za-z0-9_.\-]+)\s*(.*)", req)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_readme_module_table_matches_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- modules:start -->\n(.*?)\n<!-- modules:end -->", readme, re.S)
    assert block, "README lacks the <!-- modules:start/end --> block"
    assert block.group(1).strip() == modules_table_markdown(), \
        "README module table is stale: paste coursekit.course.modules_table_markdown()"


def test_readme_starts_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:1500]
    assert "make lab" in head and "make test" in head


def test_environment_yml_matches_pyproject():
    import yaml

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_norm(r) for r in project["dependencies"]}
    for extra in ("test", "site"):  # what `make test` installs
        wanted |= {_norm(r) for r in project["optional-dependencies"][extra]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next((d["pip"] for d in env["dependencies"] if isinstance(d, dict)), [])
    listed = {_norm(d.replace("=", "==", 1) if re.match(r"^[\w\-]+=[^=]", d) else d)
              for d in conda if not d.startswith(("python", "pip"))}
    listed |= {_norm(d) for d in pip if not d.startswith(("-e", "."))}
    assert listed == wanted, f"only in environment.yml: {listed - wanted}; " \
                             f"only in pyproject: {wanted - listed}"
    python = next(d for d in conda if d.startswith("python"))
    assert python.replace(" ", "") == "python" + project["requires-python"].replace(" ", "")
    assert any(str(p).startswith(("-e .", ".")) for p in pip), "environment.yml must install ."


def test_import_is_light():
    """``import coursekit`` must not pull in the heavy stack (it would cost > 0.3 s)."""
    code = ("import sys, coursekit; heavy = [m for m in ('pandas', 'matplotlib', 'ipywidgets', "
            "'scipy', 'statsmodels', 'seaborn') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_registry_has_the_thirteen_modules_in_order():
    assert [m.id for m in MODULES] == [f"{i:02d}" for i in range(1, 14)]
    assert get_module("1").slug == "value_equation" == get_module("value_equation").slug
    assert [m.id for m in resolve_modules("04,07")] == ["04", "07"]
    with pytest.raises(ValueError, match="valid modules"):
        get_module("99")


def test_cli_modules_and_datasets(capsys):
    assert main(["modules"]) == 0
    assert "The value equation" in capsys.readouterr().out
    assert main(["datasets"]) == 0
    assert "vacation_offers" in capsys.readouterr().out
    assert main(["datasets", "vacation_offers"]) == 0
    assert "sha256" in capsys.readouterr().out


def test_cli_unknown_dataset_is_a_clear_error(capsys):
    assert main(["datasets", "nope"]) == 2
    assert "valid names" in capsys.readouterr().err


def test_cli_build_exercises_check_detects_a_stale_exercise(tmp_path, capsys):
    import shutil

    shutil.copytree(ROOT / "solutions", tmp_path / "solutions")
    assert main(["build-exercises", "--root", str(tmp_path)]) == 0
    assert main(["build-exercises", "--check", "--root", str(tmp_path)]) == 0
    stale = tmp_path / "exercises" / "01_value_equation_exercises.ipynb"
    stale.write_text(stale.read_text().replace("YOUR ANSWER HERE", "edited by hand"))
    assert main(["build-exercises", "--check", "--root", str(tmp_path)]) == 1
    assert "01_value_equation" in capsys.readouterr().out


def test_cli_versions_reports_checksums(capsys):
    assert main(["versions"]) == 0
    out = capsys.readouterr().out
    assert "coursekit" in out and "vacation_offers" in out and "MODIFIED" not in out


def test_ci_script_calls_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
