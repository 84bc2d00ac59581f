"""The offline course website: every ready lesson executed and rendered as one book-like site.

``coursekit site --out DIR`` (or :func:`build_site`) writes a static site that opens from the
file system (``DIR/index.html``) with no network. It is built with Sphinx, MyST-NB and the
Sphinx Book Theme (the optional extra ``pip install -e ".[site]"``):

* the landing page is the module table (lesson, textbook sections, learning objectives);
* each lesson is a page with the sidebar of modules, previous/next links and a table of
  contents; its own "Learning objectives" and "References" sections are in that contents;
* Sphinx's search (``searchindex.js``, loaded by a ``<script>`` tag, so it works from
  ``file://``);
* formulas as MathML made at build time by ``latex2mathml`` (see :mod:`coursekit._site_sphinx`);
* explorers as the figure of their default state with alt text and a one-line note that the
  live version runs in JupyterLab: lessons are executed exactly as ``export-html`` does it
  (:func:`coursekit.export_html` static explorers and figure alt text);
* optionally (``exercises=True``) the exercise notebooks as pages, made from ``solutions/``
  with every solution removed (:func:`coursekit.build.student_notebook`), not executed;
* print styles: a lesson prints without the sidebars and keeps its figures.

Executed lessons are kept in a cache (``build/site-cache/`` in the checkout) keyed by the
notebook, the coursekit sources, the datasets and the versions of the numeric stack, so a second
build only re-renders.

>>> shift_output_headings_html("<h4>Explorer</h4><p>x</p>", level=3)
'<h3>Explorer</h3><p>x</p>'
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from coursekit.course import Module, project_root, resolve_modules

__all__ = ["SiteReport", "build_site", "landing_page", "lesson_cache_key",
           "shift_output_headings", "shift_output_headings_html", "SITE_EXTRA_HINT"]

SITE_EXTRA_HINT = 'the site needs the optional extra: pip install -e ".[site]"'
_RECIPE = "site-1"  # part of the cache key: change it when lessons are executed differently
_STACK = ("numpy", "pandas", "scipy", "matplotlib", "seaborn", "statsmodels", "networkx",
          "ipython", "ipykernel", "matplotlib-inline")
_CSS = Path(__file__).with_name("_site.css")


@dataclass(frozen=True)
class SiteReport:
    """What :func:`build_site` wrote and what it cost."""

    out: Path
    pages: tuple[str, ...]
    executed: tuple[str, ...]
    cached: tuple[str, ...]
    execute_seconds: float
    sphinx_seconds: float
    size_bytes: int
    warnings: tuple[str, ...]

    def __str__(self) -> str:
        lines = [f"wrote {self.out / 'index.html'} ({len(self.pages)} pages, "
                 f"{self.size_bytes / 1e6:.1f} MB)",
                 f"  lessons executed: {len(self.executed)} in {self.execute_seconds:.1f} s; "
                 f"from the cache: {len(self.cached)}",
                 f"  Sphinx build: {self.sphinx_seconds:.1f} s"]
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


# --- lessons: executed as export-html does, headings of outputs fitted into the outline -------

_TAG = re.compile(r"<(/?)h([1-6])\b", re.I)


def shift_output_headings_html(text: str, *, level: int) -> str:
    """Move the headings of an HTML output so that its highest one has ``level`` (1-6).

    An explorer's static view is titled ``<h4>``; under a ``##`` section of the lesson it must
    be an ``<h3>`` for the page's outline to skip no level. Deeper headings move with it.
    """
    if not isinstance(level, int) or not 1 <= level <= 6:
        raise ValueError(f"level must be an integer from 1 to 6; got {level!r}")
    found = [int(m.group(2)) for m in _TAG.finditer(text)]
    if not found:
        return text
    shift = level - min(found)
    return _TAG.sub(lambda m: f"<{m.group(1)}h{min(6, max(1, int(m.group(2)) + shift))}", text)


def shift_output_headings(nb) -> None:
    """In place: every heading in an HTML output sits one level below the last markdown heading
    above its cell (see :func:`shift_output_headings_html`)."""
    level = 1
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            marks = re.findall(r"^(#{1,6})\s", cell.source, re.M)
            level = len(marks[-1]) if marks else level
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                data["text/html"] = shift_output_headings_html(
                    "".join(data["text/html"]), level=min(6, level + 1))


def _sources_digest(root: Path) -> str:
    """Digest of what a lesson's outputs depend on besides the notebook itself."""
    from importlib import metadata

    digest = hashlib.sha256(f"{_RECIPE}|{sys.version}".encode())
    for pkg in _STACK:
        try:
            digest.update(f"|{pkg}={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"|{pkg}=none".encode())
    package = Path(__file__).resolve().parent
    files = [(p, p.relative_to(package.parent)) for p in sorted(package.rglob("*.py"))]
    files += [(p, p.relative_to(root)) for p in sorted((root / "datasets").rglob("*"))
              if p.is_file()]
    for path, name in files:
        digest.update(f"|{name.as_posix()}|".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def lesson_cache_key(notebook: Path, sources_digest: str) -> str:
    """Cache key of an executed lesson: the notebook's bytes and the digest of everything else
    it depends on (coursekit sources, datasets, package versions)."""
    return hashlib.sha256(Path(notebook).read_bytes() + sources_digest.encode()).hexdigest()[:24]


def _executed_lesson(module: Module, root: Path, cache: Path | None, digest: str,
                     timeout: int):
    """(executed notebook, seconds spent executing or None if it came from the cache)."""
    import nbformat

    from coursekit.build import write_notebook
    from coursekit.export_html import _execute

    path = root / "notebooks" / module.notebook
    cached = None
    if cache is not None:
        cached = cache / f"{module.name}.{lesson_cache_key(path, digest)}.ipynb"
        if cached.is_file():
            return nbformat.read(cached, as_version=4), None
    start = time.perf_counter()
    nb = _execute(path, timeout)
    seconds = time.perf_counter() - start
    if cached is not None:
        for old in cache.glob(f"{module.name}.*.ipynb"):
            old.unlink()
        write_notebook(nb, cached)
    return nb, seconds


# --- the Sphinx project --------------------------------------------------------------------

def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def landing_page(modules: list[Module], *, exercises: bool = False) -> str:
    """The MyST text of the landing page: the module table and the (hidden) tables of contents
    that make the sidebar, in course order.

    >>> from coursekit.course import resolve_modules
    >>> page = landing_page(resolve_modules("01"))
    >>> "[The value equation](notebooks/01_value_equation.ipynb)" in page
    True
    """
    head = "| id | lesson | textbook | learning objectives |" + (" exercises |" if exercises
                                                                 else "")
    rows = [head, "|---" * (5 if exercises else 4) + "|"]
    for m in modules:
        row = (f"| {m.id} | [{_cell(m.title)}](notebooks/{m.notebook}) | {_cell(m.chapter)} | "
               f"{_cell('; '.join(m.objectives))} |")
        rows.append(row + (f" [exercises {m.id}](exercises/{m.notebook}) |" if exercises
                           else ""))
    lessons = "\n".join(f"notebooks/{m.name}" for m in modules)
    parts = [
        "# Services marketing and customer service",
        "",
        "The lessons of the coursekit workbook, executed and rendered for reading offline. "
        "Each lesson starts with its learning objectives and ends with its references. "
        "Explorers are shown as a figure of their default settings; open the notebooks in "
        "JupyterLab (`make lab` in the project folder) to move the controls and to do the "
        "exercises" + (" (the exercise pages here show the questions without answers)."
                       if exercises else "."),
        "",
        "## Modules",
        "",
        *rows,
        "",
        "```{toctree}\n:hidden:\n:caption: Lessons\n:maxdepth: 1\n\n" + lessons + "\n```",
    ]
    if exercises:
        tasks = "\n".join(f"exercises/{m.name}" for m in modules)
        parts += ["", "```{toctree}\n:hidden:\n:caption: Exercises\n:maxdepth: 1\n\n"
                  + tasks + "\n```"]
    return "\n".join(parts) + "\n"


_CONF = '''\
# Written by coursekit.site.build_site; rebuilt on every `coursekit site`.
project = "coursekit"
html_title = "Services marketing and customer service"
extensions = ["myst_nb", "coursekit._site_sphinx"]
myst_enable_extensions = ["dollarmath", "amsmath"]
html_math_renderer = "mathml"      # MathML at build time: no MathJax from a CDN
nb_execution_mode = "off"          # the lessons arrive executed (static explorers, alt text)
nb_ipywidgets_js = {}              # no widget manager from a CDN
nb_merge_streams = True
html_theme = "sphinx_book_theme"
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
}
html_static_path = ["_static"]
html_css_files = ["coursekit.css"]
html_copy_source = False
html_show_sourcelink = False
html_show_search_summary = False   # the summary is fetched, which file:// pages may not do
html_last_updated_fmt = None
html_permalinks = False
exclude_patterns = ["_build"]
'''


def _write_sources(src: Path, lessons: dict[Module, object], exercises: dict[Module, object],
                   modules: list[Module]) -> None:
    from coursekit.build import write_notebook

    (src / "_static").mkdir(parents=True)
    (src / "conf.py").write_text(_CONF, encoding="utf-8")
    shutil.copyfile(_CSS, src / "_static" / "coursekit.css")
    (src / "index.md").write_text(landing_page(modules, exercises=bool(exercises)),
                                  encoding="utf-8")
    for m, nb in lessons.items():
        write_notebook(nb, src / "notebooks" / m.notebook)
    for m, nb in exercises.items():
        write_notebook(nb, src / "exercises" / m.notebook)


def _exercise_page(module: Module, root: Path):
    """The exercise notebook made from ``solutions/`` with every solution removed."""
    import nbformat

    from coursekit.build import has_solution_markers, student_notebook

    path = root / "solutions" / module.notebook
    if not path.is_file():
        raise FileNotFoundError(f"exercises need {path}; root must hold solutions/")
    nb = student_notebook(nbformat.read(path, as_version=4))
    leaked = [c.source for c in nb.cells if has_solution_markers(c.source)]
    if leaked:  # student_notebook strips code cells only; a marker elsewhere is a leak
        raise ValueError(f"{path}: solution markers outside code cells: {leaked[0][:200]}")
    return nb


def _run_sphinx(src: Path, out: Path, work: Path, jobs: int) -> tuple[str, ...]:
    import coursekit

    warnings = work / "warnings.txt"
    env = dict(os.environ)
    here = str(Path(coursekit.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-q", "-j", str(jobs),
           "-d", str(work / "doctrees"), "-w", str(warnings), str(src), str(out)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"sphinx-build failed ({done.returncode}):\n{done.stderr[-4000:]}")
    text = warnings.read_text(encoding="utf-8") if warnings.exists() else ""
    return tuple(line for line in text.splitlines() if line.strip())


def _prune_theme_files(out: Path) -> None:
    """Drop what the theme copies but no page loads: source maps (read only by a browser's
    developer tools, about 3.4 MB) and the theme's translation catalogues (used at build time)."""
    for path in (out / "_static").rglob("*.map"):
        path.unlink()
    shutil.rmtree(out / "_static" / "locales", ignore_errors=True)


def build_site(out: str | Path, *, modules: str | list[str] | None = None,
               root: str | Path | None = None, force: bool = False, exercises: bool = False,
               cache: bool = True, cache_dir: str | Path | None = None,
               jobs: int | None = None, timeout: int = 180) -> SiteReport:
    """Execute every ready lesson (or the ready ones among ``modules``) and build the site.

    ``out`` must not exist or be empty (``force=True`` replaces a folder coursekit wrote; see
    :mod:`coursekit.output`). ``exercises=True`` adds
    the exercise pages (questions, never solutions). ``cache`` reuses lessons executed before
    (kept in ``cache_dir``, default ``<root>/build/site-cache``); ``jobs`` lessons run at once
    (default: up to 2). A lesson that raises stops the build with its error.
    """
    root = Path(root) if root is not None else project_root()
    if root is None or not (root / "notebooks").is_dir():
        raise FileNotFoundError("root must be the project folder holding notebooks/; "
                                "run inside the checkout or pass --root")
    jobs = min(2, os.cpu_count() or 1) if jobs is None else jobs
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer; got {jobs!r}")
    if not isinstance(timeout, int) or isinstance(timeout, bool) or timeout < 1:
        raise ValueError(f"timeout must be a positive number of seconds; got {timeout!r}")
    chosen = resolve_modules(modules, ready_only=True)
    if not chosen:
        raise ValueError(f"modules must name at least one ready module; got {modules!r}")
    for package in ("sphinx", "myst_nb", "sphinx_book_theme", "latex2mathml"):
        try:
            __import__(package)
        except ImportError as exc:
            raise ModuleNotFoundError(f"{package} is missing; {SITE_EXTRA_HINT}") from exc
    from coursekit.output import check_output_folder, output_folder

    check_output_folder(out, force=force, root=root)  # refuse before executing anything
    cache_path = None
    if cache:
        cache_path = Path(cache_dir) if cache_dir is not None else root / "build" / "site-cache"
        cache_path.mkdir(parents=True, exist_ok=True)
    digest = _sources_digest(root)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        runs = list(pool.map(lambda m: _executed_lesson(m, root, cache_path, digest, timeout),
                             chosen))
    execute_seconds = time.perf_counter() - start
    lessons = {}
    for m, (nb, _) in zip(chosen, runs):
        shift_output_headings(nb)
        lessons[m] = nb
    tasks = {m: _exercise_page(m, root) for m in chosen} if exercises else {}

    start = time.perf_counter()
    # built in a temporary sibling with coursekit's marker, swapped in at the end
    with output_folder(out, command="site", force=force, root=root) as built, \
            tempfile.TemporaryDirectory(prefix="coursekit-site-") as tmp:
        work = Path(tmp)
        _write_sources(work / "src", lessons, tasks, chosen)
        warnings = _run_sphinx(work / "src", built, work, jobs)
        _prune_theme_files(built)
    sphinx_seconds = time.perf_counter() - start
    out = Path(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    pages = ["index.html", *(f"notebooks/{m.name}.html" for m in chosen),
             *(f"exercises/{m.name}.html" for m in tasks)]
    return SiteReport(out=out, pages=tuple(pages),
                      executed=tuple(m.name for m, (_, s) in zip(chosen, runs) if s is not None),
                      cached=tuple(m.name for m, (_, s) in zip(chosen, runs) if s is None),
                      execute_seconds=execute_seconds, sphinx_seconds=sphinx_seconds,
                      size_bytes=size, warnings=warnings)
