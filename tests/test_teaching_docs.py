"""Instructor documentation agrees with the code: install instructions never name the unrelated
`coursekit` distribution of the public index, and the question counts come from the banks."""
from __future__ import annotations

import re
import sys
import zipfile

import nbformat
import pytest

from coursekit.course import get_module
from coursekit.grading import questions_table_markdown
from notebook_runner import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TAKEN = "coursekit"  # on the public package index: an unrelated project
_INSTALL = re.compile(r"pip3?\s+(?:install|download|wheel)\b([^`\n]*)")


def taken_name_install_targets(text: str) -> list[str]:
    """Every ``pip install/download`` argument in ``text`` that names the taken distribution."""
    found = []
    for match in _INSTALL.finditer(text):
        for token in match.group(1).split():
            token = token.strip("\"'")
            if re.match(rf"{TAKEN}(\[|==|>=|<=|~=|!=|@|$)", token, re.I):
                found.append(match.group(0).strip())
    return found


@pytest.mark.parametrize("text, hits", [
    ("Requires `pip install coursekit` or the environment", 1),
    ('plus `pip install "coursekit[test]"` and', 1),
    ('`sudo -E pip install "coursekit[test] @ git+https://github.com/x/y"`', 1),
    ('`python -m pip install "coursekit-services-marketing[test] @ git+https://x"`', 0),
    ('`python -m pip install -e ".[test]"`', 0),
])
def test_the_scanner_finds_the_taken_name(text, hits):
    assert len(taken_name_install_targets(text)) == hits


def _documents() -> dict[str, str]:
    docs = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8")
            for pattern in ("*.md", "docs/*.md", "jupyter-config/*.md", "CITATION.cff")
            for p in ROOT.glob(pattern)}
    for folder in ("notebooks", "solutions", "exercises"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            docs[str(path.relative_to(ROOT))] = "\n".join(c.source for c in nb.cells)
    return docs


def test_no_document_installs_the_taken_name():
    hits = {name: found for name, text in _documents().items()
            if (found := taken_name_install_targets(text))}
    assert not hits, hits


def test_the_distribution_name_is_not_the_taken_one():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "coursekit-services-marketing"
    assert project["scripts"] == {"coursekit": "coursekit.cli:main"}


def test_pack_readme_and_wheel_install_the_right_package(tmp_path):
    from coursekit.pack import build_pack

    out = tmp_path / "pack"
    build_pack([get_module("01")], out, root=ROOT, verify=False, wheel=True)
    (wheel,) = (out / "wheels").glob("*.whl")
    assert wheel.name.startswith("coursekit_services_marketing-")
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    assert "coursekit/__init__.py" in names and "coursekit/_datasets/vacation_offers.csv" in names
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert f"wheels/{wheel.name}" in readme and "coursekit-services-marketing @ git+" in readme
    assert not taken_name_install_targets(readme)


def test_question_table_in_teaching_guide_is_generated_from_the_banks():
    text = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
    table = re.search(r"<!-- questions:start -->\n(.*?)\n<!-- questions:end -->", text, re.S)
    assert table, "docs/teaching.md lost its questions:start/end markers"
    assert table.group(1) == questions_table_markdown(), \
        "regenerate with coursekit.grading.questions_table_markdown()"


def test_question_table_counts_module_07_from_its_bank():
    row = next(ln for ln in questions_table_markdown().splitlines() if ln.startswith("| 07 "))
    assert "| 24 | 24 | 07.1-07.5, 07.14, 07.15, 07.17, 07.20, 07.21, 07.23 |" in row
