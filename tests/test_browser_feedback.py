"""Feedback with dollar amounts reads exactly as written in JupyterLab + Chromium (issue 15.4),
and a stored notebook opened untouched stays unmodified (issue 15.7).

JupyterLab typesets HTML outputs with MathJax, so "$75 x 30% x 5 = $112.50" came out as maths.
One notebook in one kernel displays every bank message and hint that contains a ``$`` - each
misconception's feedback, each explanation (shown after "correct!") and each hint - and the test
compares the text the page shows with the text written in the bank, and looks for typeset maths.

Skipped, loudly, where Chromium or Playwright is missing (see tests/browser_helpers.py).
"""
from __future__ import annotations

import warnings

import nbformat
import pytest

from browser_helpers import (CHROMIUM, CHROMIUM_ARGS, LabServer, browser_missing,
                             open_notebook, run_all_cells)
from coursekit import exercises as ex
from notebook_runner import ROOT

# Runs in the kernel and in this process: the same list, in the same order.
DOLLAR_OUTPUTS = '''
def dollar_outputs():
    from coursekit import exercises as ex
    shown = []
    for qid in ex.list_questions():
        q = ex.get_question(qid)
        texts = [ex.Feedback(qid, "incorrect", f"not quite. {m.message}", m.name)
                 for m in q.misconceptions]
        if q.explanation:
            texts.append(ex.Feedback(qid, "correct", f"correct! {q.explanation}"))
        texts += [ex.Hint(qid, i + 1, len(q.hints), h) for i, h in enumerate(q.hints)]
        shown += [t for t in texts if "$" in repr(t)]
    return shown
'''
namespace: dict = {}
exec(DOLLAR_OUTPUTS, namespace)
dollar_outputs = namespace["dollar_outputs"]


def _written(output) -> str:
    """The message as the bank writes it (the text of the HTML's message element)."""
    return output.message if isinstance(output, ex.Feedback) else repr(output)


def test_the_issue_examples_are_among_the_dollar_messages():
    ids = {o.question_id for o in dollar_outputs()}
    assert {"01.1", "01.4", "04.1", "09.3", "09.12", "10.1", "10.3"} <= ids
    assert len(dollar_outputs()) >= 10


def test_feedback_html_never_shows_mathjax_a_dollar_and_plain_text_stays_exact():
    for output in dollar_outputs():
        page = output._repr_html_()
        assert "$" not in page and "&#36;" in page and "tex2jax_ignore" in page
        assert "$" in repr(output)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    why = browser_missing()
    if why:
        warnings.warn(f"SKIPPING the real-browser tests: {why}", UserWarning, stacklevel=1)
        pytest.skip(why)
    with LabServer(ROOT, tmp_path_factory.mktemp("lab")) as server:
        yield server


def test_every_dollar_message_renders_exactly_as_written_in_jupyterlab(lab):
    from playwright.sync_api import sync_playwright

    expected = [_written(o) for o in dollar_outputs()]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        DOLLAR_OUTPUTS + "\nfrom IPython.display import display\n"
        "for output in dollar_outputs():\n    display(output)")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, lab.workdir / "content" / "notebooks" / "dollar_feedback.ipynb")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                    headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            open_notebook(page, lab.notebook_url("dollar_feedback.ipynb"))
            state = run_all_cells(page)
            assert not state["errors"], state["errors"][0][:2000]
            selector = ".jp-OutputArea-output .coursekit-message"
            page.wait_for_function(f"() => document.querySelectorAll('{selector}').length "
                                   f">= {len(expected)}", timeout=30_000)
            page.wait_for_timeout(1500)  # give MathJax its chance to typeset
            shown = page.eval_on_selector_all(selector, "els => els.map(e => e.textContent)")
            maths = page.eval_on_selector_all(".jp-OutputArea-output mjx-container, "
                                              ".jp-OutputArea-output .MathJax", "els => els.length")
        finally:
            browser.close()
            lab.shutdown_kernels()
    assert maths == 0, f"{maths} outputs were typeset as maths"
    assert len(shown) == len(expected)
    for got, want in zip(shown, expected):
        assert got == want


def test_an_untouched_notebook_stays_unmodified_in_jupyterlab(lab):
    """JupyterLab writes the kernel's language_info on connect and marks the notebook dirty
    unless the stored metadata (notebook_metadata(), which the build writes) is the same."""
    from playwright.sync_api import sync_playwright

    from coursekit.build import notebook_metadata

    nb = nbformat.read(ROOT / "exercises" / "01_value_equation_exercises.ipynb", as_version=4)
    # the stored version is that of the environment that wrote it: this machine's for the test
    nb.metadata["language_info"]["version"] = notebook_metadata()["language_info"]["version"]
    nbformat.write(nb, lab.workdir / "content" / "notebooks" / "untouched.ipynb")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                    headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            open_notebook(page, lab.notebook_url("untouched.ipynb"))
            page.wait_for_timeout(2000)  # metadata updates arrive after the kernel is idle
            dirty = page.evaluate("() => !!document.querySelector("
                                  "'.lm-TabBar-tab.jp-mod-dirty, .jp-NotebookPanel.jp-mod-dirty')")
        finally:
            browser.close()
            lab.shutdown_kernels()
    assert not dirty, "JupyterLab marks the untouched notebook as modified"
