"""Research reuse and hosting contracts: CITATION.cff, BibTeX in every data card, the
replication record of `coursekit versions`, and what of the Binder set-up can be checked offline.

Binder itself (building the image from environment.yml on mybinder.org) needs the network and
cannot run here; docs/teaching.md says so. These tests check the parts it relies on.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from coursekit import datasets
from coursekit.cli import main
from notebook_runner import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
CARDS = sorted((ROOT / "datasets").glob("*.toml"))


# --- a small BibTeX reader (enough to prove each entry is well formed) -------------------------

_HEAD = re.compile(r"@([A-Za-z]+)\s*\{\s*([^,\s{}]+)\s*,")
_FIELD = re.compile(r"\s*([A-Za-z][\w-]*)\s*=\s*")


def _braced(text: str, start: int) -> int:
    """Index just past the brace group opening at ``text[start] == "{"``."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{" and text[i - 1] != "\\":
            depth += 1
        elif text[i] == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError(f"unbalanced braces after position {start}")


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """Entries of ``text`` as ``(type, key, {field: value})``; ValueError if malformed."""
    entries, pos, text = [], 0, text.strip()
    while pos < len(text):
        head = _HEAD.match(text, pos)
        if not head:
            raise ValueError(f"expected '@type{{key,' at: {text[pos:pos + 40]!r}")
        end = _braced(text, text.index("{", head.start()))
        body, fields, i = text[head.end():end - 1], {}, 0
        while body[i:].strip():
            m = _FIELD.match(body, i)
            if not m:
                raise ValueError(f"entry {head.group(2)}: expected 'field = ' at "
                                 f"{body[i:i + 40]!r}")
            i = m.end()
            if body[i] == "{":
                j = _braced(body, i)
                value = body[i + 1:j - 1]
            elif body[i] == '"':
                j = body.index('"', i + 1) + 1
                value = body[i + 1:j - 1]
            else:
                value = re.match(r"[\w]+", body[i:]).group(0)
                j = i + len(value)
            name = m.group(1).lower()
            if name in fields:
                raise ValueError(f"entry {head.group(2)}: field {name} given twice")
            fields[name] = value.strip()
            rest = re.match(r"\s*(,|$)", body[j:])
            if not rest:
                raise ValueError(f"entry {head.group(2)}: missing comma after field {name}")
            i = j + rest.end()
        entries.append((head.group(1).lower(), head.group(2), fields))
        pos = end
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return entries


def test_bibtex_reader_rejects_what_latex_would_choke_on():
    good = parse_bibtex("@book{k1,\n author = {A, B},\n title = {{T} x},\n year = 2021\n}")
    assert good == [("book", "k1", {"author": "A, B", "title": "{T} x", "year": "2021"})]
    for bad in ("@book{k1, author = {A}, title = {T}", "book{k1, title = {T}}",
                "@book{k1, title = {T} year = {1}}", "@book{k1 title = {T}}",
                "@book{k1, title = {T}, title = {U}}"):
        with pytest.raises(ValueError):
            parse_bibtex(bad)


# --- dataset cards ------------------------------------------------------------------------------

def _raw_card(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CARDS, ids=[p.stem for p in CARDS])
def test_every_card_has_a_well_formed_bibtex_entry(path):
    bib = _raw_card(path).get("bibtex", "")
    assert bib.strip(), f"{path.name} has no bibtex"
    entries = parse_bibtex(bib)
    assert entries, f"{path.name}: no BibTeX entry"
    keys = [key for _, key, _ in entries]
    assert len(set(keys)) == len(keys), f"{path.name}: duplicate keys {keys}"
    for kind, key, fields in entries:
        missing = {"author", "title", "year"} - {k for k, v in fields.items() if v}
        assert not missing, f"{path.name}: entry {key} lacks {sorted(missing)}"
        assert re.fullmatch(r"(19|20)\d\d", fields["year"]), f"{path.name}: {key} year"
        for name in ("title", "note", "author"):
            # an unescaped _ or & stops LaTeX; braces count as escaping only with a backslash
            raw = re.sub(r"\\[_&%$#]", "", fields.get(name, ""))
            assert not re.search(r"[_&%#]", raw), \
                f"{path.name}: entry {key} field {name} has an unescaped LaTeX special character"


@pytest.mark.parametrize("path", CARDS, ids=[p.stem for p in CARDS])
def test_cite_returns_the_card_entry(path):
    raw = _raw_card(path)
    assert datasets.cite(raw["name"], style="bibtex") == raw["bibtex"].strip()
    assert datasets.cite(raw["name"]) == raw["citation"].strip()


def test_textbook_entries_name_its_real_authors():
    """The textbook's title page: Dr. Charles L. Perry and Professor Daphne Benbow (2021)."""
    textbook = [(p.name, fields) for p in CARDS for _, _, fields in
                parse_bibtex(_raw_card(p)["bibtex"]) if "BMT 1650" in fields["title"]]
    assert textbook, "no card cites the textbook"
    for name, fields in textbook:
        assert fields["author"] == "Perry, Charles L. and Benbow, Daphne", name
        assert fields["year"] == "2021", name


def test_versions_lists_every_dataset_with_its_checksum(capsys):
    assert main(["versions"]) == 0
    out = capsys.readouterr().out
    listed = dict(re.findall(r"^\s+(\w+)\s+([0-9a-f]{64})\s+ok$", out, re.M))
    assert listed == {_raw_card(p)["name"]: _raw_card(p)["sha256"] for p in CARDS}
    for pkg in ("numpy", "pandas", "scipy"):
        assert re.search(rf"^\s+{pkg} \d", out, re.M), pkg


# --- CITATION.cff -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cff() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def _person_ok(person: dict) -> bool:
    return bool(person.get("family-names") or person.get("name"))


def test_citation_cff_has_the_required_keys(cff):
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):
        assert isinstance(cff.get(key), (str, list)) and cff[key], key
    assert cff["type"] == "software"
    assert all(_person_ok(a) for a in cff["authors"])


def test_citation_cff_agrees_with_pyproject(cff):
    assert str(cff["version"]) == PYPROJECT["version"]
    assert cff["license"] == PYPROJECT["license"]["text"]


def test_citation_cff_references_the_textbook(cff):
    book = next(r for r in cff["references"] if "BMT 1650" in r["title"])
    assert book["type"] == "book" and book["year"] == 2021
    assert [a["family-names"] for a in book["authors"]] == ["Perry", "Benbow"]
    assert all(isinstance(r["authors"], list) and r["authors"] for r in cff["references"])


# --- Binder (what can be checked without the network) ------------------------------------------

@pytest.fixture(scope="module")
def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_binder_environment_installs_the_project_itself(environment):
    """Binder runs ``pip install`` on the pip section after conda; ``-e .`` installs coursekit
    and its console script, so no postBuild step is needed."""
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert [p for p in pip if p.replace(" ", "") in ("-e.", ".")], pip
    assert "pip" in environment["dependencies"]
    assert not (ROOT / "postBuild").exists() and not (ROOT / "binder").exists(), \
        "a postBuild or binder/ folder changes what Binder builds: update docs/teaching.md"


def test_binder_python_bound_matches_pyproject(environment):
    python = [d for d in environment["dependencies"]
              if isinstance(d, str) and re.match(r"python\b", d)]
    assert [p.replace(" ", "") for p in python] == \
        ["python" + PYPROJECT["requires-python"].replace(" ", "")]


def test_readme_binder_badge_opens_the_welcome_notebook_in_lab():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    badge = re.search(r"\(https://mybinder\.org/v2/gh/([^/]+/[^/]+)/(\w+)\?([^)\s]+)\)", readme)
    assert badge, "README has no Binder launch link"
    assert badge.group(3) == "urlpath=lab/tree/notebooks/00_welcome.ipynb"
    assert (ROOT / "notebooks" / "00_welcome.ipynb").exists()
    assert readme.index("mybinder.org") < readme.index("## Modules")
