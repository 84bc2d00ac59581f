"""`coursekit export-html`: offline pages with static explorers and no external resources."""
from __future__ import annotations

import re

import pytest

from coursekit.cli import main
from coursekit.course import MODULES
from coursekit.export_html import external_resources
from coursekit.plots._style import figure_alt_text
from coursekit.widgets._base import STATIC_ENV, static_widgets
from notebook_runner import ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Module 01 exported once through the command line (the reference lesson, ~4 s)."""
    out = tmp_path_factory.mktemp("site")
    assert main(["export-html", "--out", str(out), "--modules", "01", "--force",
                 "--root", str(ROOT)]) == 0
    return out


def test_index_links_the_lesson_page(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="01_value_equation.html"' in index
    assert (site / "01_value_equation.html").is_file()
    assert external_resources(index) == []


def test_index_shows_no_internal_timing_and_the_folder_is_marked(site):
    from coursekit.output import MARKER

    index = (site / "index.html").read_text(encoding="utf-8")
    assert "execution time" not in index and "<th" in index
    assert index.count("<th ") == 3  # id, lesson, textbook
    assert (site / MARKER).is_file()


def test_lesson_page_needs_no_external_host(site):
    page = (site / "01_value_equation.html").read_text(encoding="utf-8")
    assert external_resources(page) == []
    assert "cdn" not in " ".join(re.findall(r"<script[^>]*>", page)).lower()
    assert "MathJax" not in page and "require.min.js" not in page


def test_explorer_is_a_static_figure_of_its_default_state(site):
    page = (site / "01_value_equation.html").read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-view+json" not in page
    assert "application/vnd.jupyter.widget-state+json" not in page
    page = re.sub(r"base64,[A-Za-z0-9+/=]+", "base64,", page)  # drop the image bytes
    start = page.index("Seattle trip: which lodging gives the most value?")
    static = page[start:start + 5_000]
    assert "Static view of the explorer" in static
    assert "People in the group: <b>7</b>" in static
    assert "data:image/png;base64," in static  # the figure of the default state
    assert "Marriott (shared)" in static  # the table of the default state


def test_every_image_has_descriptive_alt_text(site):
    page = (site / "01_value_equation.html").read_text(encoding="utf-8")
    imgs = re.findall(r"<img\b[^>]*>", page)
    assert imgs
    for img in imgs:
        alt = re.search(r'alt="([^"]*)"', img)
        assert alt and alt.group(1).startswith("Figure: "), img[:120]


def test_no_cell_error_in_the_page(site):
    page = (site / "01_value_equation.html").read_text(encoding="utf-8")
    assert "Traceback" not in page and 'data-mime-type="application/vnd.jupyter.stderr"' \
        not in page


@pytest.mark.parametrize("page, expected", [
    ('<script src="https://cdn.jsdelivr.net/x.js"></script>', 1),
    ('<link rel="stylesheet" href="//fonts.googleapis.com/css">', 1),
    ("<style>@import url('https://fonts.example/css');</style>", 1),
    ('<script type="module">import m from "https://cdn.example/m.mjs";</script>', 1),
    ('<img src="data:image/png;base64,AAAA" alt="x">', 0),
    ('<a href="https://doi.org/10.1287/mksc.1040.0098">citation</a>', 0),
    ('<script src="local.js"></script><link rel="stylesheet" href="site.css">', 0),
])
def test_external_resources_tells_resources_from_links(page, expected):
    assert len(external_resources(page)) == expected


def test_figure_alt_text_reads_title_and_labels():
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2)
    axes[0].set(title="A", xlabel="weeks", ylabel="customers (count)")
    axes[1].set(title="B")
    try:
        assert figure_alt_text(fig) == "Figure: A (x: weeks; y: customers (count)) | B"
    finally:
        plt.close(fig)


@pytest.mark.parametrize("value, on", [("1", True), ("true", True), ("0", False), ("", False)])
def test_static_mode_follows_the_environment(monkeypatch, value, on):
    monkeypatch.setenv(STATIC_ENV, value)
    assert static_widgets() is on


def test_static_mode_keeps_the_result_and_skips_the_live_drawing(monkeypatch):
    from coursekit.widgets.value import ValueExplorer, lodging_update

    monkeypatch.setenv(STATIC_ENV, "1")
    drawn = []
    explorer = ValueExplorer()
    explorer._render = lambda result, output: drawn.append(result)
    explorer.controls["group_size"].value = 4
    assert drawn == []  # nothing drawn into the hidden output widget
    assert explorer.result.table.equals(lodging_update(**explorer.values()).table)


def test_export_rejects_a_non_empty_folder_and_unknown_modules(tmp_path):
    from coursekit.export_html import export_html

    (tmp_path / "keep.txt").write_text("x")
    for force in (False, True):  # not coursekit's output: refused even with force
        with pytest.raises(ValueError, match="not written by coursekit"):
            export_html(tmp_path, modules="01", root=ROOT, force=force)
    assert (tmp_path / "keep.txt").read_text() == "x"
    with pytest.raises(ValueError, match="module"):
        export_html(tmp_path / "new", modules="99", root=ROOT)
    planned = [m.id for m in MODULES if m.status != "ready"]
    if planned:
        with pytest.raises(ValueError, match="modules"):
            export_html(tmp_path / "new", modules=planned[0], root=ROOT)
    with pytest.raises(FileNotFoundError, match="root"):
        export_html(tmp_path / "new", modules="01", root=tmp_path)
