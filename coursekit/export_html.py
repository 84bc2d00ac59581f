"""Offline HTML of the lessons: every ready lesson executed and rendered, plus an index page.

``coursekit export-html --out DIR`` writes ``DIR/index.html`` and one ``NN_<slug>.html`` per
ready lesson. The pages need no kernel and no network:

* explorers are displayed in static mode (``COURSEKIT_STATIC_WIDGETS=1``): the title, the
  control settings and the figure/table of the default state instead of live controls;
* the HTML template drops every script the stock ``lab`` template loads from a CDN (RequireJS,
  the Jupyter widget manager, MathJax, Mermaid); formulas are shown as their TeX source;
* figures carry alt text built from their titles and axis labels.

>>> from coursekit.export_html import external_resources
>>> external_resources('<img src="https://cdn.example.org/x.png"><a href="https://doi.org/1">')
['https://cdn.example.org/x.png']
"""
from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from coursekit.course import Module, project_root, resolve_modules
from coursekit.plots._style import figure_alt_text

__all__ = ["ExportReport", "export_html", "external_resources"]

_TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block data_png scoped -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
 alt="{{ output.metadata.get('image/png', {}).get('alt', 'Figure (no description)')
         | escape_html }}">
</div>
{%- endblock data_png -%}
"""

# First cell run before each lesson (removed from the page): figures get alt text.
_SETUP = ("import matplotlib.pyplot as _ck_plt\n"
          "from coursekit.export_html import install_alt_text as _ck_alt\n"
          "_ck_alt()")
_SETUP_TAG = "coursekit-export-setup"
_WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@dataclass(frozen=True)
class ExportReport:
    """Where the pages went and how long each lesson took to execute (seconds)."""

    out: Path
    pages: tuple[str, ...]
    seconds: tuple[float, ...]

    def __str__(self) -> str:
        lines = [f"wrote {self.out / 'index.html'}"]
        lines += [f"  {p:<44}{s:6.1f} s" for p, s in zip(self.pages, self.seconds)]
        return "\n".join(lines)


def install_alt_text() -> None:
    """In a running IPython kernel, attach :func:`figure_alt_text` to every PNG of a figure."""
    from IPython import get_ipython
    from matplotlib.figure import Figure

    shell = get_ipython()
    if shell is None:
        return
    import matplotlib.pyplot as plt

    plt.close(plt.figure())  # resolves the (inline) backend, which registers the PNG formatter
    png = shell.display_formatter.formatters["image/png"]
    try:
        draw = png.lookup_by_type(Figure)
    except KeyError:
        return

    def with_alt(fig):
        data = draw(fig)
        return (data, {"alt": figure_alt_text(fig)}) if data is not None else None

    png.for_type(Figure, with_alt)


class _Resources(HTMLParser):
    """Collects the URLs a browser fetches to display the page (not plain hyperlinks)."""

    _FETCHED = {("script", "src"), ("img", "src"), ("iframe", "src"), ("embed", "src"),
                ("source", "src"), ("audio", "src"), ("video", "src"), ("object", "data"),
                ("input", "src")}
    _LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for t, attr in self._FETCHED:
            if tag == t and a.get(attr):
                self.urls.append(a[attr])
        rel = set((a.get("rel") or "").lower().split())
        if tag == "link" and a.get("href") and rel & self._LINK_RELS:
            self.urls.append(a["href"])


_CSS_URL = re.compile(r"""(?:@import\s+|url\()\s*['"]?(https?:)?//[^'")\s]+""", re.I)
_JS_IMPORT = re.compile(r"""(?:import\s*(?:\(|[\w{}*\s,]+from\s*)|require\(\[?)\s*['"]"""
                        r"""(?:https?:)?//[^'"]+""")


def external_resources(page: str) -> list[str]:
    """URLs on other hosts that a browser would load to display ``page`` (HTML text).

    Looks at tags that fetch something (``script``, ``img``, stylesheet ``link``, ...), CSS
    ``@import``/``url()`` and JavaScript imports. Plain hyperlinks (``<a href>``, e.g. a citation)
    are not resources and are ignored; ``data:`` URLs and relative paths are local.
    """
    parser = _Resources()
    parser.feed(page)
    found = [u for u in parser.urls if re.match(r"^\s*(https?:)?//", u, re.I)]
    for rx in (_CSS_URL, _JS_IMPORT):
        found += [m.group(0) for m in rx.finditer(page)]
    return found


# The kernel's environment: static explorers, inline figures (even if the caller uses
# ``MPLBACKEND=Agg``), and no progress recorded by the lessons' checks.
_KERNEL_ENV = {"COURSEKIT_STATIC_WIDGETS": "1", "COURSEKIT_NO_PROGRESS": "1",
               "MPLBACKEND": "module://matplotlib_inline.backend_inline"}


def _execute(path: Path, timeout: int):
    import nbformat

    from coursekit.build import execute_notebook

    nb = nbformat.read(path, as_version=4)
    setup = nbformat.v4.new_code_cell(_SETUP, metadata={"tags": [_SETUP_TAG]})
    nb.cells.insert(0, setup)
    execute_notebook(nb, path.parent, timeout=timeout, env=_KERNEL_ENV,
                     store_widget_state=False)
    nb.cells = [c for c in nb.cells if _SETUP_TAG not in c.metadata.get("tags", [])]
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if _WIDGET_MIME in data:  # a live widget shown outside an explorer: keep its text
                del data[_WIDGET_MIME]
    return nb


def _exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="lab", template_file="coursekit_offline.html.j2",
                        extra_loaders=[DictLoader({"coursekit_offline.html.j2": _TEMPLATE})])


def _link_pages(page: str, names: set[str]) -> str:
    """Point links between exported lessons at the HTML pages instead of the notebooks."""
    return re.sub(r'href="([^"/]*/)?(\w+)\.ipynb"',
                  lambda m: f'href="{m.group(2)}.html"' if m.group(2) in names and
                  m.group(1) in (None, "./", "../notebooks/") else m.group(0), page)


def _index(modules: list[Module]) -> str:
    rows = "\n".join(
        f"<tr><td>{m.id}</td><td><a href=\"{m.name}.html\">{html.escape(m.title)}</a></td>"
        f"<td>{html.escape(m.chapter)}</td></tr>"
        for m in modules)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>coursekit lessons (offline)</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #1a1a1a; }}
table {{ border-collapse: collapse; }} th, td {{ padding: .3rem .8rem; text-align: left; }}
tr:nth-child(even) {{ background: #f2f2f2; }} a {{ color: #0072B2; }}
</style></head>
<body>
<h1>coursekit: services marketing and customer service</h1>
<p>The lessons, executed and rendered for reading offline. Explorers are shown as a static
figure of their default settings; open the notebooks in JupyterLab (<code>make lab</code>) to
move the controls and to do the exercises.</p>
<h2>Lessons</h2>
<table>
<thead><tr><th scope="col">id</th><th scope="col">lesson</th><th scope="col">textbook</th>
</tr></thead>
<tbody>
{rows}
</tbody></table>
</body></html>
"""


def export_html(out: str | Path, *, modules: str | list[str] | None = None,
                root: str | Path | None = None, force: bool = False,
                timeout: int = 180) -> ExportReport:
    """Execute every ready lesson (or the ready ones among ``modules``) and write static HTML.

    ``out`` must not exist or be empty (``force=True`` replaces a folder that coursekit wrote;
    see :mod:`coursekit.output`). Returns an
    :class:`ExportReport`; a lesson that raises stops the export with the error.
    """
    root = Path(root) if root is not None else project_root()
    if root is None or not (root / "notebooks").is_dir():
        raise FileNotFoundError("root must be the project folder holding notebooks/; "
                                "run inside the checkout or pass --root")
    chosen = list({m.id: m for m in resolve_modules(modules, ready_only=True)}.values())
    if not chosen:
        raise ValueError(f"modules must name at least one ready module; got {modules!r}")
    from coursekit.output import output_folder

    exporter = _exporter()
    names = {m.name for m in chosen}
    pages, seconds = [], []
    with output_folder(out, command="export-html", force=force, root=root) as tmp:
        for m in chosen:
            path = root / "notebooks" / m.notebook
            start = time.perf_counter()
            nb = _execute(path, timeout)
            seconds.append(time.perf_counter() - start)
            body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": m.title}})
            (tmp / f"{m.name}.html").write_text(_link_pages(body, names), encoding="utf-8")
            pages.append(f"{m.name}.html")
        (tmp / "index.html").write_text(_index(chosen), encoding="utf-8")
    out = Path(out)
    return ExportReport(out=out, pages=tuple(pages), seconds=tuple(seconds))
