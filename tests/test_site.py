"""`coursekit site`: the offline course website, built once and read in a real browser.

The site (every ready lesson executed, plus the exercise pages) is built once for the module
through :func:`coursekit.site.build_site`, reusing lessons executed before (build/site-cache/,
keyed by the notebook, the coursekit sources and the datasets). Every page is then opened from
``file://`` in Debian's Chromium through Playwright with every request outside the site folder
blocked and recorded, and checked for what a student sees: formulas drawn as MathML and no TeX
source, previous/next/index links, the table of contents, alt text, heading order; the search
box finds lesson terms; a lesson prints without navigation. Screenshots and a printed lesson go
to test-artifacts/site/, with the build time and size in build.txt.
"""
from __future__ import annotations

import re
import time
import warnings
from html.parser import HTMLParser

import pytest

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, browser_missing
from coursekit.build import BEGIN, END
from coursekit.cli import main
from coursekit.course import resolve_modules
from coursekit.export_html import external_resources
from notebook_runner import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "site"
READY = resolve_modules(None, ready_only=True)
LESSONS = [f"notebooks/{m.name}.html" for m in READY]
EXERCISES = [f"exercises/{m.name}.html" for m in READY]
PAGES = ["index.html", *LESSONS, *EXERCISES]  # the order of the sidebar and of prev/next


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from coursekit.site import SITE_EXTRA_HINT, build_site

    for package in ("sphinx", "myst_nb", "sphinx_book_theme", "latex2mathml"):
        try:
            __import__(package)
        except ImportError:
            pytest.fail(f"{package} missing: {SITE_EXTRA_HINT} (make test installs it)")
    out = tmp_path_factory.mktemp("site") / "site"
    start = time.perf_counter()
    report = build_site(out, root=ROOT, exercises=True)
    seconds = time.perf_counter() - start
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "build.txt").write_text(
        f"{report}\ntotal {seconds:.1f} s for {len(READY)} lessons\n", encoding="utf-8")
    return report


@pytest.fixture(scope="module")
def site(built):
    return built.out


# --- the files -----------------------------------------------------------------------------

def test_every_page_is_written_and_the_build_is_clean(built):
    assert list(built.pages) == PAGES
    for page in PAGES:
        assert (built.out / page).is_file(), page
    assert (built.out / "searchindex.js").is_file()
    assert len(built.executed) + len(built.cached) == len(READY)
    assert built.warnings == (), "\n".join(built.warnings)
    assert built.size_bytes == sum(p.stat().st_size for p in built.out.rglob("*") if p.is_file())


def test_no_page_refers_to_another_host(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert external_resources(text) == [], path
        scripts = " ".join(re.findall(r"<script[^>]*>", text)).lower()
        assert "mathjax" not in scripts and "require" not in scripts, path


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def _page_text(path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


_SOLUTION = re.compile(rf"{re.escape(BEGIN)}[^\n]*\n(.*?){re.escape(END)}", re.S)


@pytest.mark.parametrize("module", READY, ids=lambda m: m.id)
def test_exercise_pages_show_no_solution(site, module):
    import nbformat

    solution = nbformat.read(ROOT / "solutions" / module.notebook, as_version=4)
    student = "\n".join(c.source for c in nbformat.read(
        ROOT / "exercises" / module.exercise_notebook, as_version=4).cells)
    answers = {" ".join(line.split()) for c in solution.cells if c.cell_type == "code"
               for block in _SOLUTION.findall(c.source) for line in block.splitlines()}
    answers = {a for a in answers if len(a) >= 10 and a not in " ".join(student.split())}
    assert answers, f"{module.name}: no solution line to look for"
    text = _page_text(site / "exercises" / f"{module.name}.html")
    assert "YOUR ANSWER HERE" in text
    leaked = [a for a in answers if a in text]
    assert not leaked, f"{module.name}: solution lines on the exercise page: {leaked[:3]}"


def test_landing_page_is_the_module_table(site):
    text = _page_text(site / "index.html")
    for m in READY:
        assert m.title in text and m.objectives[0].split(" (")[0] in text, m.id
    assert "execution time" not in text


def test_cli_reuses_the_executed_lessons(tmp_path, capsys, built):
    assert main(["site", "--out", str(tmp_path / "one"), "--modules", "01",
                 "--root", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "lessons executed: 0" in out and "from the cache: 1" in out, out
    assert (tmp_path / "one" / "notebooks" / "01_value_equation.html").is_file()


def test_site_rejects_bad_arguments(tmp_path):
    from coursekit.site import build_site

    (tmp_path / "keep.txt").write_text("x")
    for force in (False, True):  # not coursekit's output: refused even with force
        with pytest.raises(ValueError, match="not written by coursekit"):
            build_site(tmp_path, modules="01", root=ROOT, force=force)
    assert (tmp_path / "keep.txt").read_text() == "x"
    with pytest.raises(ValueError, match="module"):
        build_site(tmp_path / "new", modules="99", root=ROOT)
    with pytest.raises(ValueError, match="jobs"):
        build_site(tmp_path / "new", modules="01", root=ROOT, jobs=0)
    with pytest.raises(FileNotFoundError, match="root"):
        build_site(tmp_path / "new", modules="01", root=tmp_path)


# --- the pieces, without a build ----------------------------------------------------------

def test_output_headings_continue_the_lesson_outline():
    import nbformat

    from coursekit.site import shift_output_headings, shift_output_headings_html

    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[
        v4.new_markdown_cell("# Lesson\n## Section"),
        v4.new_code_cell("x", outputs=[v4.new_output(
            "display_data", data={"text/html": "<h4>Explorer</h4><h5 id='a'>part</h5>"})]),
        v4.new_markdown_cell("### Sub"),
        v4.new_code_cell("y", outputs=[v4.new_output(
            "display_data", data={"text/html": "<h2>Deep</h2>", "text/plain": "Deep"})])])
    shift_output_headings(nb)
    assert nb.cells[1].outputs[0].data["text/html"] == "<h3>Explorer</h3><h4 id='a'>part</h4>"
    assert nb.cells[3].outputs[0].data["text/html"] == "<h4>Deep</h4>"
    assert shift_output_headings_html("<p>no heading</p>", level=2) == "<p>no heading</p>"
    with pytest.raises(ValueError, match="level"):
        shift_output_headings_html("<h4>x</h4>", level=0)


def test_landing_page_lists_the_modules_in_course_order():
    from coursekit.site import landing_page

    page = landing_page(READY, exercises=True)
    toc = re.findall(r"^(notebooks|exercises)/(\w+)$", page, re.M)
    assert toc == [("notebooks", m.name) for m in READY] + [("exercises", m.name) for m in READY]
    assert all(f"[exercises {m.id}](exercises/{m.notebook})" in page for m in READY)
    assert "exercises/" not in landing_page(READY, exercises=False)


def test_cache_key_follows_the_notebook_and_the_sources(tmp_path):
    from coursekit.site import lesson_cache_key

    nb = tmp_path / "a.ipynb"
    nb.write_text("{}")
    key = lesson_cache_key(nb, "digest-1")
    assert key == lesson_cache_key(nb, "digest-1") != lesson_cache_key(nb, "digest-2")
    nb.write_text("{ }")
    assert lesson_cache_key(nb, "digest-1") != key


def test_figure_alt_is_found_by_the_hash_myst_nb_names_the_file_after():
    import base64
    import hashlib

    import nbformat

    from coursekit._site_sphinx import figure_alt_by_hash

    png = b"\x89PNG fake bytes"
    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[v4.new_code_cell("f", outputs=[
        v4.new_output("display_data", data={"image/png": base64.b64encode(png).decode()},
                      metadata={"image/png": {"alt": "Figure: Value (x: offer)"}}),
        v4.new_output("display_data", data={"image/png": base64.b64encode(b"other").decode()})])])
    assert figure_alt_by_hash(nb) == {hashlib.sha256(png).hexdigest(): "Figure: Value (x: offer)"}


# --- the browser ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser(site):
    why = browser_missing()
    if why:  # loud: a warning is listed in every pytest summary, a skip reason is not
        warnings.warn(f"SKIPPING the site browser tests: {why}", UserWarning, stacklevel=1)
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Reader:
    """A browser context that opens site pages from ``file://``: every request that is not a
    file of the site is blocked (network) and every request is recorded (``outside``)."""

    def __init__(self, browser, site):
        self.base = site.resolve().as_uri() + "/"
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000})
        self.requests: list[str] = []
        self.context.route("**/*", lambda route: route.continue_()
                           if route.request.url.startswith(self.base) else route.abort())
        self.context.on("request", lambda r: self.requests.append(r.url))

    def open(self, rel: str):
        page = self.context.new_page()
        page.goto(self.base + rel)
        page.wait_for_load_state("load")
        return page

    @property
    def outside(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.base, "data:"))]


@pytest.fixture(scope="module")
def reader(browser, site):
    r = Reader(browser, site)
    yield r
    r.context.close()
    assert r.outside == [], f"requests outside the site folder: {r.outside[:5]}"


# Visible text (outside code, formulas and scripts) of the page's article, per text node.
_VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('article') || document.body,
                                           NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const n = walker.currentNode, el = n.parentElement;
    if (!n.textContent.trim() || el.closest('pre, code, math, script, style')) continue;
    if (!el.checkVisibility()) continue;
    out.push(n.textContent);
  }
  return out;
}"""
# What TeX source looks like in a text node: a command (\frac, \sum), $$, a one-letter formula
# ($m$) or a formula with a sub/superscript or braces and no space ($SP_i$, $e^{rt}$). Prices
# such as "($)" or "$5 and $10" are not TeX.
_TEX = re.compile(r"\\[A-Za-z]{2,}|\$\$|\$[A-Za-z]\$|\$[^$\s]*[_^{}][^$\s]*\$")

_MATH = """() => [...document.querySelectorAll('article math')].map(m => {
  const r = m.getBoundingClientRect();
  return {display: getComputedStyle(m).display, w: r.width, h: r.height,
          text: m.textContent};
})"""

_HEADINGS = """() => [...document.querySelectorAll(
  ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map(h => 'article ' + h).join(', '))]
  .map(h => [Number(h.tagName[1]), h.textContent.trim()])"""

_IMAGES = """() => [...document.querySelectorAll('article img')].map(i => [i.alt,
  i.naturalWidth, i.getAttribute('src')])"""


def _formulas_in(rel: str) -> int:
    """Number of $...$ / $$...$$ formulas in the markdown of the page's notebook."""
    import nbformat

    if rel == "index.html":
        return 0
    folder, name = rel.split("/")
    source = ROOT / ("solutions" if folder == "exercises" else "notebooks") / \
        name.replace(".html", ".ipynb")
    nb = nbformat.read(source, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return len(re.findall(r"\$\$.+?\$\$|(?<![\\$])\$[^$\n]+?\$", text, re.S))


@pytest.mark.parametrize("rel", PAGES)
def test_page_reads_like_a_textbook(reader, rel):
    page = reader.open(rel)
    try:
        texts = page.evaluate(_VISIBLE_TEXT)
        assert texts, f"{rel}: no visible text"
        tex = [t for t in texts if _TEX.search(t)]
        assert not tex, f"{rel}: TeX source visible: {tex[:5]}"

        maths = page.evaluate(_MATH)
        assert len(maths) >= _formulas_in(rel), f"{rel}: {len(maths)} math elements"
        for m in maths:  # drawn by the browser's MathML layout, with a size
            assert m["display"] in ("inline math", "block math"), m
            assert m["w"] > 0 and m["h"] > 0, m

        i = PAGES.index(rel)
        links = page.evaluate("""() => ({
            prev: [...document.querySelectorAll('a.left-prev')].map(a => a.href),
            next: [...document.querySelectorAll('a.right-next')].map(a => a.href),
            all: [...document.querySelectorAll('a[href]')].map(a => a.href.split('#')[0])})""")
        if i > 0:
            assert links["prev"] == [reader.base + PAGES[i - 1]], (rel, links["prev"])
        if i + 1 < len(PAGES):
            assert links["next"] == [reader.base + PAGES[i + 1]], (rel, links["next"])
        assert reader.base + "index.html" in links["all"], f"{rel}: no link to the index"
        missing = [p for p in LESSONS if reader.base + p not in links["all"]]
        assert not missing, f"{rel}: the sidebar lacks {missing}"

        assert page.evaluate("document.documentElement.lang") == "en", rel
        headings = page.evaluate(_HEADINGS)
        levels = [h[0] for h in headings]
        assert levels[0] == 1 and levels.count(1) == 1, (rel, headings)
        for (a, _), (b, title) in zip(headings, headings[1:]):
            assert b <= a + 1, f"{rel}: heading {title!r} jumps from level {a} to {b}"

        for alt, width, src in page.evaluate(_IMAGES):
            assert width > 0, f"{rel}: image {src} not loaded"
            assert alt.startswith("Figure: ") and len(alt) > len("Figure: ") + 3, \
                f"{rel}: image {src} has no descriptive alt text: {alt!r}"
    finally:
        page.close()


@pytest.mark.parametrize("rel", LESSONS)
def test_lesson_shows_objectives_references_and_static_explorers(reader, rel):
    page = reader.open(rel)
    try:
        toc = page.locator(".bd-sidebar-secondary nav a").all_inner_texts()
        assert "Learning objectives" in toc and "References" in toc, (rel, toc)
        for name in ("learning-objectives", "references"):
            assert page.locator(f"section#{name}").is_visible(), f"{rel}: #{name} hidden"
        notes = page.locator("div.cell", has_text="Static view of the explorer")
        assert notes.count() >= 1, f"{rel}: no static explorer"
        for k in range(notes.count()):
            cell = notes.nth(k)
            assert cell.locator("img[alt^='Figure: '], table").count() >= 1, \
                f"{rel}: explorer {k} shows neither a figure nor a table"
            assert "run the notebook in JupyterLab" in cell.inner_text()
    finally:
        page.close()


@pytest.mark.parametrize("term, lesson", [("SERVQUAL", "07_gap_model"),
                                          ("house of quality", "06_qfd_kano")])
def test_search_box_finds_a_lesson_term(reader, term, lesson):
    page = reader.open("index.html")
    try:
        page.keyboard.press("Control+k")
        box = page.locator('input[name="q"]:visible').first
        box.fill(term)
        box.press("Enter")
        page.wait_for_selector("ul.search li a", timeout=20_000)
        found = page.locator("ul.search li a").evaluate_all("a => a.map(e => e.href)")
        assert page.url.startswith(reader.base + "search.html?q=")
        assert any(h.split("#")[0] == f"{reader.base}notebooks/{lesson}.html" for h in found), \
            found
    finally:
        page.close()


def test_a_lesson_prints_without_navigation_and_keeps_its_figures(reader):
    page = reader.open("notebooks/07_gap_model.html")
    try:
        page.emulate_media(media="print")
        for nav in (".bd-sidebar-primary", ".bd-sidebar-secondary", ".bd-header",
                    ".prev-next-area"):
            assert not page.locator(nav).first.is_visible(), f"{nav} printed"
        width = page.evaluate("document.querySelector('article').getBoundingClientRect().width")
        figures = page.evaluate("""() => [...document.querySelectorAll('article img')]
            .map(i => { const r = i.getBoundingClientRect();
                        return [getComputedStyle(i).display, r.width]; })""")
        assert figures and all(d != "none" and 0 < w <= width + 1 for d, w in figures), figures
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pdf = ARTIFACTS / "07_gap_model.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        assert pdf.stat().st_size > 100_000
    finally:
        page.close()


@pytest.mark.parametrize("rel, name", [("index.html", "index"),
                                       ("notebooks/06_qfd_kano.html", "06_qfd_kano")])
def test_screenshots(reader, rel, name):
    page = reader.open(rel)
    try:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if rel != "index.html":  # the section with the technical-importance formula
            page.locator("div.math").first.scroll_into_view_if_needed()
            page.evaluate("window.scrollBy(0, -250)")
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000
    finally:
        page.close()


def test_no_request_left_the_site_folder(reader):
    """Runs last: every page above was opened through ``reader``."""
    assert len(reader.requests) > len(PAGES)
    assert reader.outside == [], reader.outside[:5]


@pytest.mark.parametrize("text, is_tex", [
    (r"the margin $m\frac{1+d}{1+d-r}$", True), ("$$TI_j = w_i r_{ij}$$", True),
    ("inline $m$ and", True), ("score $SP_i$ per", True),
    ("Benefit of a kitchen ($): ", False), ("costs $5 and $10", False),
    ("in $M). How much better off than ($", False), ("problem_cost", False)])
def test_the_tex_detector(text, is_tex):
    """The check above finds what export-html showed (issue 20) and leaves prices alone."""
    assert bool(_TEX.search(text)) is is_tex
