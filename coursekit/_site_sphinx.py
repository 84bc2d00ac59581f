"""The Sphinx extension of ``coursekit site``: formulas as MathML, alt text for figures.

Loaded by the ``conf.py`` that :func:`coursekit.site.build_site` writes (``extensions =
["myst_nb", "coursekit._site_sphinx"]``). It adds two things to Sphinx + MyST-NB:

* a math renderer ``mathml``: every ``$...$`` and ``$$...$$`` formula is converted at build time
  by ``latex2mathml`` into MathML, which the browser draws itself; no script and no download
  (Sphinx's default renderer, MathJax, comes from a CDN);
* alt text for notebook figures: MyST-NB writes each PNG output to ``<sha256 of its bytes>.png``
  but does not carry the ``alt`` that ``coursekit.export_html.install_alt_text`` stores in the
  output's metadata; :func:`figure_alt_by_hash` recovers it from the notebook and the
  ``doctree-read`` hook puts it on the image.

>>> print(tex_to_mathml(r"\\frac{a}{b}", display=False))  # doctest: +ELLIPSIS
<math ... display="inline"><mrow><mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac></mrow></math>
"""
from __future__ import annotations

import hashlib
from base64 import b64decode
from pathlib import Path

__all__ = ["tex_to_mathml", "display_parts", "figure_alt_by_hash", "setup"]


def tex_to_mathml(tex: str, *, display: bool) -> str:
    """MathML of one TeX formula, as ``latex2mathml`` converts it.

    Raises ``ValueError`` naming the formula if ``latex2mathml`` cannot read it (a formula
    must never reach the page as TeX source).
    """
    from latex2mathml.converter import convert

    if not isinstance(tex, str) or not tex.strip():
        raise ValueError(f"tex must be a non-empty TeX formula; got {tex!r}")
    try:
        return convert(tex.strip(), display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises its own exception types
        raise ValueError(f"formula {tex!r} cannot be converted to MathML: {exc}") from exc


def display_parts(tex: str) -> list[str]:
    r"""The formulas of one display-math block: separated by blank lines (as Sphinx's MathJax
    renderer splits them); a formula with line breaks ``\\`` becomes an ``aligned`` block.

    >>> display_parts("a = b\n\nc = d \\\\ e = f")
    ['a = b', '\\begin{aligned}c = d \\\\ e = f\\end{aligned}']
    """
    parts = [p.strip() for p in tex.split("\n\n") if p.strip()]
    return [rf"\begin{{aligned}}{p}\end{{aligned}}" if r"\\" in p and r"\begin" not in p
            else p for p in parts]


def _visit_inline(self, node) -> None:
    from docutils import nodes

    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate"))
    self.body.append(tex_to_mathml(node.astext(), display=False) + "</span>")
    raise nodes.SkipNode


def _visit_block(self, node) -> None:
    from docutils import nodes
    from sphinx.util.math import get_node_equation_number

    self.body.append(self.starttag(node, "div", CLASS="math notranslate"))
    if node.get("number"):
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})</span>')
    self.body.extend(tex_to_mathml(p, display=True) for p in display_parts(node.astext()))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def figure_alt_by_hash(nb) -> dict[str, str]:
    """``{sha256 of the PNG bytes: alt text}`` for every PNG output of ``nb`` that has an alt.

    MyST-NB names the file of a PNG output after the same hash.
    """
    found = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            png = out.get("data", {}).get("image/png")
            alt = out.get("metadata", {}).get("image/png", {}).get("alt")
            if png and alt:
                found[hashlib.sha256(b64decode(png)).hexdigest()] = alt
    return found


def _add_alt_text(app, doctree) -> None:
    from docutils import nodes

    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix != ".ipynb":
        return
    import nbformat

    alts = figure_alt_by_hash(nbformat.read(source, as_version=4))
    for image in doctree.findall(nodes.image):
        alt = alts.get(Path(image["uri"]).stem)
        if alt and not image.get("alt"):
            image["alt"] = alt


def setup(app) -> dict:
    app.add_html_math_renderer("mathml", inline_renderers=(_visit_inline, None),
                               block_renderers=(_visit_block, None))
    app.connect("doctree-read", _add_alt_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
