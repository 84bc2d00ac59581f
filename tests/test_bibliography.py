"""One bibliography for the whole course: ``references.bib``.

Every lesson's "References" section is rendered from ``references.bib``: the cell holds an HTML
comment listing the keys (one per line, optionally ``key | note``) followed by the rendered list.
Dataset cards' BibTeX entries use the same keys and titles. Zeithaml, Bitner & Gremler are cited
in one edition (7th, 2018) everywhere.

Rewrite the rendered lists after editing ``references.bib`` or a key list with
``PYTHONPATH=. python tests/test_bibliography.py --write``.
"""
from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIB = ROOT / "references.bib"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
HEADING = "## References"
_COMMENT = re.compile(r"<!-- references\n(.*?)\n-->", re.S)


def parse_bib(text: str) -> dict[str, dict[str, str]]:
    """``{key: {"type": ..., field: value}}`` for the plain BibTeX this project writes."""
    entries: dict[str, dict[str, str]] = {}
    for match in re.finditer(r"@(\w+)\{([^,\s]+),\n(.*?)\n\}", text, re.S):
        kind, key, body = match.groups()
        if key in entries:
            raise ValueError(f"references.bib: key {key!r} appears twice")
        fields = {"type": kind.lower()}
        for name, value in re.findall(r"^\s*(\w+)\s*=\s*\{(.*)\},?\s*$", body, re.M):
            fields[name.lower()] = value
        entries[key] = fields
    return entries


def _plain(text: str) -> str:
    text = text.replace("``", '"').replace("''", '"').replace("\\&", "&").replace("--", "-")
    return text.replace("{", "").replace("}", "")


def _authors(field: str) -> str:
    names = [_plain(n.strip()) for n in field.split(" and ")]
    if names[-1] == "others":
        return ", ".join(names[:-1]) + " et al."
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " & " + names[-1]


def _end(text: str) -> str:
    return text if text.endswith(("?", "!", ".")) else text + "."


def render(entry: dict[str, str], note: str = "") -> str:
    """One reference in the course's style (APA-like), with an optional note."""
    head = f"{_authors(entry['author'])} ({entry['year']})."
    title = _plain(entry["title"])
    kind = entry["type"]
    if kind == "article":
        where = f"*{_plain(entry['journal'])}*"
        if "volume" in entry:
            where += f", {entry['volume']}"
            if "number" in entry:
                where += f"({entry['number']})"
        if "pages" in entry:
            where += f", {_plain(entry['pages'])}"
        text = f"{head} {_end(title)} {where}."
    elif kind == "book":
        edition = f" ({entry['edition']} ed.)" if "edition" in entry else ""
        text = f"{head} *{title}*{edition}. {_plain(entry['publisher'])}."
    elif kind == "techreport":
        text = f"{head} {_end(title)} {entry['institution']} {entry['number']}."
    else:
        text = f"{head} {_end(title)}" + (f" {entry['url']}" if "url" in entry else "")
    return text + (f" {_end(note)}" if note else "")


def _keys(comment: str) -> list[tuple[str, str]]:
    out = []
    for line in comment.splitlines():
        if line.strip():
            key, _, note = line.partition("|")
            out.append((key.strip(), note.strip()))
    return out


def rendered_section(source: str, bib: dict) -> str:
    """The References section of a cell's ``source`` as it should read."""
    part = source[source.index(HEADING):]
    match = _COMMENT.search(part)
    if match is None:
        raise ValueError("the References section has no <!-- references ... --> key list")
    lines = [HEADING, match.group(0)]
    lines += [f"- {render(bib[key], note)}" for key, note in _keys(match.group(1))]
    return "\n".join(lines)


def _reference_cells():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown" and HEADING in cell.source:
                yield path, nb, cell


def write() -> None:
    bib = parse_bib(BIB.read_text(encoding="utf-8"))
    for path, nb, cell in _reference_cells():
        start = cell.source.index(HEADING)
        cell.source = cell.source[:start] + rendered_section(cell.source, bib)
        path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def bib() -> dict:
    return parse_bib(BIB.read_text(encoding="utf-8"))


def test_render_oracle():
    entry = parse_bib("@article{k,\n  author  = {Tan, K. C. and Shen, X. X.},\n  title   = {T},\n"
                      "  journal = {J},\n  volume  = {11},\n  number  = {8},\n"
                      "  pages   = {1141--1151},\n  year    = {2000}\n}")["k"]
    assert render(entry) == "Tan, K. C. & Shen, X. X. (2000). T. *J*, 11(8), 1141-1151."
    assert render(entry, "Cited for the formula") == (
        "Tan, K. C. & Shen, X. X. (2000). T. *J*, 11(8), 1141-1151. Cited for the formula.")


def test_every_lesson_renders_its_references_from_the_bibliography(bib):
    seen = set()
    for path, _, cell in _reference_cells():
        seen.add(path.name)
        part = cell.source[cell.source.index(HEADING):]
        match = _COMMENT.search(part)
        assert match, f"{path.name}: References has no <!-- references ... --> key list"
        unknown = [k for k, _ in _keys(match.group(1)) if k not in bib]
        assert not unknown, f"{path.name}: keys not in references.bib: {unknown}"
        assert part == rendered_section(cell.source, bib), (
            f"{path.name}: References differ from references.bib; run "
            "`PYTHONPATH=. python tests/test_bibliography.py --write`")
    assert seen == {p.name for p in NOTEBOOKS if p.name != "00_welcome.ipynb"}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", _plain(text).lower()).strip()


def test_dataset_cards_cite_the_same_entries(bib):
    for card in sorted((ROOT / "datasets").glob("*.toml")):
        for key, fields in parse_bib(tomllib.loads(card.read_text(encoding="utf-8"))
                                     .get("bibtex", "")).items():
            if key.startswith("coursekit_"):
                continue   # the synthetic datasets cite themselves
            assert key in bib, f"{card.name}: BibTeX key {key!r} is not in references.bib"
            assert _norm(fields["title"]) == _norm(bib[key]["title"]), (card.name, key)
            assert fields["year"] == bib[key]["year"], (card.name, key)


def test_zeithaml_bitner_gremler_is_one_edition_everywhere():
    pattern = re.compile(r"Zeithaml, (?:V\. A\., )?Bitner,? (?:M\. J\. )?& Gremler.{0,60}", re.S)
    wrong = []
    for path in [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("solutions/*.ipynb"),
                 *ROOT.glob("coursekit/**/*.py"), *ROOT.glob("docs/*.md"),
                 *ROOT.glob("datasets/*.toml")]:
        for hit in pattern.findall(path.read_text(encoding="utf-8")):
            if "2018" not in hit:
                wrong.append((path.name, hit))
    assert not wrong, f"cite Zeithaml, Bitner & Gremler (2018), 7th ed.: {wrong}"


if __name__ == "__main__":
    if "--write" in sys.argv:
        write()
