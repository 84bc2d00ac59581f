"""JupyterLab in a real browser: a throw-away Lab server and what a student does in it.

The server runs from this project's environment on 127.0.0.1 (free port, no token, no news or
update checks, user settings in a temporary folder) on a temporary copy of ``notebooks/``.
The browser is the system Chromium driven by Playwright; nothing is downloaded.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = Path(os.environ.get("COURSEKIT_CHROMIUM", "/usr/bin/chromium"))
INSTALL_HINT = ("real-browser tests need Chromium and Playwright: `apt-get install -y chromium` "
                "(Debian) and `pip install playwright`; no browser is downloaded")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# User settings of the throw-away Lab: every cell in the DOM (no virtual scrolling), no news.
_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}

_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def browser_missing() -> str | None:
    """Why the browser tests cannot run here (None if they can)."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found. {INSTALL_HINT}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return f"the playwright package is not installed. {INSTALL_HINT}"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """``with LabServer(root, workdir) as lab:`` - JupyterLab serving a copy of notebooks/."""

    def __init__(self, root: Path, workdir: Path, *, timeout: float = 90):
        self.root, self.workdir, self.timeout = Path(root), Path(workdir), timeout
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "LabServer":
        content = self.workdir / "content"
        shutil.copytree(self.root / "notebooks", content / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        settings = self.workdir / "settings"
        for rel, value in _SETTINGS.items():
            path = settings / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("COURSEKIT_STATIC_WIDGETS",
                                                                 "MPLBACKEND")}
        env.update(JUPYTERLAB_SETTINGS_DIR=str(settings),
                   JUPYTERLAB_WORKSPACES_DIR=str(self.workdir / "workspaces"),
                   COURSEKIT_PROGRESS=str(self.workdir / "progress.json"),
                   JUPYTER_RUNTIME_DIR=str(self.workdir / "runtime"))
        lab = Path(sys.executable).with_name("jupyter-lab")
        self.log = open(self.workdir / "lab.log", "w")
        self.process = subprocess.Popen(
            [str(lab), "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={self.port}",
             "--port-retries=0", "--IdentityProvider.token=", "--ServerApp.password=",
             "--ServerApp.disable_check_xsrf=True",
             f"--ServerApp.root_dir={content}", "--LabApp.news_url=None",
             "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
            env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited; see {self.workdir / 'lab.log'}")
            try:
                urllib.request.urlopen(f"{self.url}/api/status", timeout=2)
                return self
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        raise RuntimeError(f"jupyter lab did not start within {self.timeout} s")

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/notebooks/{name}"

    def shutdown_kernels(self) -> None:
        """Stop every kernel of the server (after a lesson, to keep memory and CPU free)."""
        with urllib.request.urlopen(f"{self.url}/api/kernels", timeout=10) as r:
            kernels = json.load(r)
        for k in kernels:
            req = urllib.request.Request(f"{self.url}/api/kernels/{k['id']}", method="DELETE")
            urllib.request.urlopen(req, timeout=30).close()


# --- what a student does -----------------------------------------------------------------

def open_notebook(page, url: str, timeout: float = 90_000) -> None:
    """Open a notebook alone (``?reset``: no tabs restored) and wait for its idle kernel."""
    page.goto(url + "?reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=timeout)
    page.wait_for_function(
        "() => /Python 3[^|\\n]*(\\||\\n)\\s*Idle/.test("
        "document.querySelector('#jp-main-statusbar')?.innerText || '')", timeout=timeout)


_STATE = """() => {
  const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) '
                                                + '.jp-CodeCell .jp-InputPrompt')]
                  .map(e => e.textContent.trim());
  const errors = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) '
      + '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
      .map(e => e.textContent).filter(t => /Traceback|^-{20,}/m.test(t));
  return {prompts, errors};
}"""


def run_all_cells(page, timeout: float = 120) -> dict:
    """Run > Run All Cells; wait until every code cell ran or one failed.

    Returns ``{"prompts": [...], "errors": [...]}`` (error texts shown in the notebook).
    """
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click("li[data-command='runmenu:run-all']")
    deadline = time.monotonic() + timeout
    while True:
        state = page.evaluate(_STATE)
        busy = any(p == "[*]:" for p in state["prompts"])
        done = all(re.fullmatch(r"\[\d+\]:", p) for p in state["prompts"])
        if not busy and (done or state["errors"]):
            return state
        if time.monotonic() >= deadline:
            raise AssertionError(f"cells still running after {timeout} s: {state['prompts']}")
        page.wait_for_timeout(250)


def explorer_box(page, title: str):
    """The explorer whose heading is ``title`` (the VBox the Explorer displays)."""
    box = page.locator(".widget-vbox", has=page.locator(f"h4:text-is({json.dumps(title)})"))
    box.first.wait_for(timeout=30_000)
    return box.first


def control(box, label: str):
    """The slider or dropdown whose visible label is ``label``."""
    label_tag = box.page.locator(f"label.widget-label:text-is({json.dumps(label)})")
    return box.locator(".widget-inline-hbox", has=label_tag).first


def set_control(box, label: str, value) -> None:
    """Set a control as a student does: type into a slider's readout, or pick a dropdown item."""
    c = control(box, label)
    select = c.locator("select")
    if select.count():
        select.select_option(label=str(value))
        return
    readout = c.locator(".widget-readout")
    readout.click()
    readout.press("Control+a")
    readout.type(str(value))
    readout.press("Enter")


def output_text(box) -> str:
    """Text of the explorer's output area (what the render step displayed)."""
    return box.locator(".widget-output").first.inner_text()


def wait_for_output(box, timeout: float = 30_000) -> str:
    """Wait until the explorer's output area shows something; return its text."""
    box.page.wait_for_function(
        "b => b.querySelector('.widget-output').innerText.trim() !== ''",
        arg=box.element_handle(), timeout=timeout)
    return output_text(box)


def wait_until_shows(box, value: float, tol: float, timeout: float = 30_000) -> str:
    """Wait until the explorer's output shows ``value`` (as :func:`shows` reads numbers, within
    ``tol``); return its text."""
    box.page.wait_for_function(
        "([b, pattern, v, tol]) => (b.querySelector('.widget-output').innerText"
        "  .match(new RegExp(pattern, 'g')) || [])"
        "  .some(s => Math.abs(parseFloat(s.replace(/,/g, '')) - v) <= tol)",
        arg=[box.element_handle(), _NUMBER.pattern, value, tol], timeout=timeout)
    return output_text(box)


def numbers(text: str) -> list[float]:
    """Every number in ``text`` ("$1,234.50" -> 1234.5, "72.7%" -> 72.7)."""
    return [float(m.replace(",", "")) for m in _NUMBER.findall(text)]


def shows(text: str, value: float, tol: float) -> bool:
    return any(abs(n - value) <= tol for n in numbers(text))


# --- what the page shows: controls and figures ---------------------------------------------

_SLIDER_TRACKS = """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) '
                                                    + '.widget-hslider')].map(s => ({
  explorer: s.closest('.coursekit-explorer')?.querySelector('h4')?.textContent || '',
  label: s.querySelector('.widget-label')?.textContent || '',
  track: s.querySelector('.slider-container').getBoundingClientRect().width}))"""

_DROPDOWNS = """() => {
  const ctx = document.createElement('canvas').getContext('2d');
  return [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) '
                                       + '.widget-dropdown select')].map(sel => {
    const cs = getComputedStyle(sel);
    ctx.font = cs.font;
    const need = Math.max(0, ...[...sel.options].map(o => ctx.measureText(o.text).width));
    // padding-right holds the arrow: the text area is the content box
    const inner = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return {explorer: sel.closest('.coursekit-explorer')?.querySelector('h4')?.textContent || '',
            label: sel.parentElement.querySelector('.widget-label')?.textContent || '',
            need, inner};
  });
}"""


def slider_tracks(page) -> list[dict]:
    """Every slider of the open notebook: ``{"explorer", "label", "track"}`` (track width in
    CSS pixels: the part of the row the handle moves along)."""
    return page.evaluate(_SLIDER_TRACKS)


def truncated_dropdowns(page) -> list[dict]:
    """Drop-downs of the open notebook whose text area is narrower than their longest option
    (measured with the select's own font)."""
    return [d for d in page.evaluate(_DROPDOWNS) if d["inner"] + 0.5 < d["need"]]


_IMAGES = """b => [...b.querySelectorAll('.widget-output img')].map(i => i.getAttribute('src'))"""


def displayed_images(box) -> list[str]:
    """The ``src`` of every image in the explorer's output area (``data:image/png;base64,...``
    as JupyterLab shows a kernel's PNG)."""
    return box.evaluate(_IMAGES)


def png_of(src: str) -> bytes:
    import base64

    head, _, data = src.partition(",")
    if not head.startswith("data:image/png;base64"):
        raise ValueError(f"not an inline PNG: {head[:40]!r}")
    return base64.b64decode(data)


def ink_share(png: bytes) -> tuple[tuple[int, int], float]:
    """(width, height) of a PNG and its share of pixels that are not (near) white: a blank or
    half-drawn figure has much less ink than a complete one of the same state."""
    import io

    import numpy as np
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = np.asarray(image)
    return image.size, float((pixels.min(axis=2) < 245).mean())


def images_outside_explorers(box) -> int:
    """Images in the explorer's cell output that are not inside an explorer's output area
    (a figure the inline backend showed on its own, e.g. half drawn)."""
    return box.evaluate(
        "b => { const cell = b.closest('.jp-CodeCell');"
        " return [...cell.querySelectorAll('.jp-OutputArea-output img')]"
        ".filter(i => !i.closest('.widget-output')).length; }")


def rerun_cell_of(box) -> None:
    """Run the cell that displays ``box`` again (click into its code, Ctrl+Enter), without
    waiting for it to finish."""
    page = box.page
    cell = box.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' jp-CodeCell ')]")
    cell.first.locator(".jp-InputArea-editor .cm-content").first.click()
    page.keyboard.press("Control+Enter")
