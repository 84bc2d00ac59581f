"""What a student sees: every ready lesson run and its explorer operated in JupyterLab + Chromium.

One Lab server (a temporary copy of notebooks/) and one browser serve the whole module. Per
ready lesson: open it, Run All Cells, assert that no cell shows an error, then set one control of
the main explorer through the page (typing into a slider's readout or picking a dropdown item)
and assert that the explorer's output changes from the default number to the number the
explorer's pure update function gives for the new setting. A screenshot per lesson goes to
test-artifacts/browser/.

Skipped, loudly, where Chromium or Playwright is missing (`apt-get install -y chromium`,
`pip install playwright`).
"""
from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from browser_helpers import (CHROMIUM, CHROMIUM_ARGS, LabServer, browser_missing,
                             displayed_images, explorer_box, images_outside_explorers,
                             ink_share, open_notebook, png_of, rerun_cell_of, run_all_cells,
                             set_control, shows, slider_tracks, truncated_dropdowns,
                             wait_for_output, wait_until_shows)
from coursekit.course import resolve_modules
from notebook_runner import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "browser"


@dataclass(frozen=True)
class Drive:
    """How to operate a lesson's main explorer and which displayed number to check.

    ``make(draw=False)`` builds the same explorer headless (as the lesson does; ``draw=True``
    with its render step), ``control`` is the key of the control to move to ``value`` (or
    ``value(explorer)``), and ``shown`` extracts from the explorer's result the number its
    output displays (within ``tol``, the display rounding).
    """

    make: Callable[[], Any]
    control: str
    value: Any
    shown: Callable[[Any], float]
    tol: float = 0.006

    def expected(self) -> tuple[Any, str, Any, float, float]:
        """(explorer, control label, new value, number shown at the defaults, number after the
        change), both numbers computed with the explorer's pure update function."""
        explorer = self.make(draw=False)
        value = self.value(explorer) if callable(self.value) else self.value
        values = explorer.values()
        before = float(self.shown(explorer._update(**values)))
        after = float(self.shown(explorer._update(**{**values, self.control: value})))
        return explorer, explorer.controls[self.control].description, value, before, after


def _rfm(draw: bool = False):
    from coursekit.datasets import load_dataset
    from coursekit.models import rfm
    from coursekit.widgets.rfm import CutPointExplorer

    tx = load_dataset("cdnow_transactions")[["customer_id", "date", "dollar_value"]]
    table = rfm.rfm_table(tx.rename(columns={"dollar_value": "amount"}), as_of="1998-06-30")
    return CutPointExplorer(table, draw=draw)


def _qfd(draw: bool = False):
    from coursekit.datasets import load_dataset
    from coursekit.models.qfd import HouseOfQuality
    from coursekit.widgets.qfd import QFDExplorer

    return QFDExplorer(HouseOfQuality.from_dict(load_dataset("qfd_restaurant")), draw=draw)


def _gap(draw: bool = False):
    from coursekit.datasets import load_dataset
    from coursekit.widgets.servqual import GapExplorer

    return GapExplorer(load_dataset("servqual_survey"), draw=draw)


def _default(module: str, cls: str):
    def make(draw: bool = False):
        import importlib

        return getattr(importlib.import_module(f"coursekit.widgets.{module}"), cls)(draw=draw)
    return make


DRIVES: dict[str, Drive] = {
    "01": Drive(_default("value", "ValueExplorer"), "group_size", 4,
                lambda r: r.table.loc["Airbnb apartment", "price"]),
    "02": Drive(_default("buying", "ChoiceExplorer"), "price", 0.5,
                lambda r: round(r.critical_weight, 3), tol=0.0006),
    "03": Drive(_default("problems", "EscalationExplorer"), "weeks", 20,
                lambda r: r["total"].iloc[-1]),
    "04": Drive(_default("btyd", "CustomerExplorer"), "frequency", 5, lambda r: r.clv),
    "05": Drive(_rfm, "frequency_cut", 3, lambda r: r.summary["customers"].iloc[0], tol=0.5),
    "06": Drive(_qfd, "w0", 1.0, lambda r: r.priorities["technical_importance"].iloc[0],
                tol=0.0006),
    "07": Drive(_gap, "branch", lambda e: e.controls["branch"].options[1],
                lambda r: r.servqual, tol=0.0006),
    "08": Drive(_default("laddering", "LadderingExplorer"), "cutoff", 3, lambda r: r.links,
                tol=0.5),
    "09": Drive(_default("negotiation", "ZopaExplorer"), "seller_share", 0.25,
                lambda r: r["price"], tol=0.5),
    "10": Drive(_default("segments", "SegmentExplorer"), "health_price", 2.0,
                lambda r: r.differentiated["contribution"].iloc[1]),
    "11": Drive(_default("relationships", "StageExplorer"), "acquire", 0.6,
                lambda r: r.time_to_partnership["strangers"]),
    "12": Drive(_default("recovery", "RecoveryExplorer"), "severity", 1.5,
                lambda r: 100 * r.paradox_share, tol=0.06),
    "13": Drive(_default("design", "ScreeningExplorer"), "threshold", 1.0,
                lambda r: r["expected_value"], tol=0.0006),
}

READY = resolve_modules(None, ready_only=True)


def test_every_ready_lesson_has_an_explorer_drive():
    missing = [m.id for m in READY if m.id not in DRIVES]
    assert not missing, f"add a Drive for module(s) {missing} to tests/test_browser.py"


@pytest.mark.parametrize("module_id", sorted(DRIVES))
def test_drive_moves_the_displayed_number(module_id):
    """Headless: the chosen control setting is allowed and changes the checked number."""
    drive = DRIVES[module_id]
    explorer, label, value, before, after = drive.expected()
    assert label, f"{module_id}: the control has no visible label"
    c = explorer.controls[drive.control]
    if hasattr(c, "options"):
        assert value in c.options
    else:
        assert c.min <= value <= c.max
    assert abs(after - before) > 2 * drive.tol, (before, after)


# --- the real browser --------------------------------------------------------------------

MIN_TRACK_PX = 200  # every slider's track at a 1280 px wide window
STRESSED = {"04", "06", "07", "12"}  # lessons whose main explorer is moved MOVES times
MOVES, RERUN_AT = 30, (10, 20)  # before these moves the explorer's cell is run again
INK_TOLERANCE = 0.15  # relative difference of non-white pixels allowed against headless


def _move_values(control) -> list:
    """Values to cycle the control through: its options, or 7 points of its range."""
    if hasattr(control, "options") and not hasattr(control, "min"):
        return [o[1] if isinstance(o, tuple) else o for o in control.options]
    raw = np.linspace(control.min, control.max, 7)
    grid = sorted({round(float(control.min + round((v - control.min) / control.step)
                                * control.step), 6) for v in raw})
    grid = [type(control.value)(v) for v in grid]
    return grid[::2] + grid[1::2]  # neighbours in the cycle are far apart


def _move_many_times(page, box, title: str, drive: Drive, name: str,
                     current) -> list[str]:
    """Move the main control (now at ``current``) ``MOVES`` times, running the explorer's cell
    again before the moves in ``RERUN_AT`` and moving at once when it shows; compare every
    displayed figure with a headless render of the same state. Returns what is broken."""
    from unittest import mock

    import coursekit.widgets._base as base
    from coursekit.plots._style import offscreen_figures

    drawn = drive.make(draw=True)
    label = drawn.controls[drive.control].description
    defaults = drawn.values()
    references: dict = {}

    def reference(value):
        if value not in references:
            result = drawn._update(**{**defaults, drive.control: value})
            shown: list = []
            with mock.patch.object(base, "display", shown.append), offscreen_figures():
                drawn._render(result, base._Inline())
            references[value] = (float(drive.shown(result)),
                                 [ink_share(f.png) for f in shown
                                  if isinstance(f, base.RenderedFigure)])
        return references[value]

    values = _move_values(drawn.controls[drive.control])
    broken: list[str] = []
    for move in range(MOVES):
        if move in RERUN_AT:
            old = box.element_handle()
            rerun_cell_of(box)
            page.wait_for_function("b => !b.isConnected", arg=old, timeout=60_000)
            box = explorer_box(page, title)
            page.wait_for_function("b => b.querySelector('.widget-output img') !== null",
                                   arg=box.element_handle(), timeout=60_000)
            current = defaults[drive.control]
        value = values[move % len(values)]
        if value == current:
            value = values[(move + 1) % len(values)]
        number, expected = reference(value)
        before = displayed_images(box)
        set_control(box, label, value)
        wait_until_shows(box, number, drive.tol)
        page.wait_for_function(
            "([b, before, n]) => { const s = [...b.querySelectorAll('.widget-output img')]"
            "  .map(i => i.getAttribute('src'));"
            "  return s.length === n && s.every(x => !before.includes(x)); }",
            arg=[box.element_handle(), before, len(expected)], timeout=30_000)
        current = value
        for i, (src, (size, ink)) in enumerate(zip(displayed_images(box), expected)):
            got_size, got_ink = ink_share(png_of(src))
            if got_size != size or abs(got_ink - ink) > INK_TOLERANCE * ink:
                path = ARTIFACTS / f"{name}_broken_{move}_{i}.png"
                path.write_bytes(png_of(src))
                broken.append(f"move {move} ({drive.control}={value!r}): figure {i} "
                              f"{got_size} ink {got_ink:.3f}, headless {size} ink {ink:.3f} "
                              f"-> {path.name}")
        if images_outside_explorers(box):
            broken.append(f"move {move}: a figure shown outside the explorer")
    return broken

@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    why = browser_missing()
    if why:  # loud: a warning is listed in every pytest summary, a skip reason is not
        warnings.warn(f"SKIPPING the real-browser tests: {why}", UserWarning, stacklevel=1)
        pytest.skip(why)
    with LabServer(ROOT, tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                              headless=True)
        yield b
        b.close()


@pytest.mark.parametrize("module", READY, ids=lambda m: m.name)
def test_student_runs_the_lesson_and_moves_the_explorer(module, lab, browser):
    drive = DRIVES.get(module.id)
    assert drive is not None, f"add a Drive for module {module.id}"
    explorer, label, value, before, after = drive.expected()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        open_notebook(page, lab.notebook_url(module.notebook))
        state = run_all_cells(page)
        assert not state["errors"], f"{module.notebook}: a cell shows an error:\n" + \
            state["errors"][0][:2000]

        box = explorer_box(page, explorer.title)
        box.scroll_into_view_if_needed()
        shown = wait_for_output(box)
        assert shows(shown, before, drive.tol), f"default {before} not shown in:\n{shown}"
        assert not shows(shown, after, drive.tol), "pick a value whose number is new"

        set_control(box, label, value)
        assert shows(wait_until_shows(box, after, drive.tol), after, drive.tol)
        box.screenshot(path=str(ARTIFACTS / f"{module.name}_explorer.png"))

        tracks = slider_tracks(page)
        assert tracks or not any(hasattr(c, "min") for c in explorer.controls.values())
        short = [t for t in tracks if t["track"] < MIN_TRACK_PX]
        assert not short, f"{module.notebook}: slider tracks under {MIN_TRACK_PX} px: {short}"
        cut = truncated_dropdowns(page)
        assert not cut, f"{module.notebook}: drop-downs narrower than their options: {cut}"
        if module.id in STRESSED:
            broken = _move_many_times(page, box, explorer.title, drive, module.name, value)
            assert not broken, f"{module.notebook}: broken figures:\n" + "\n".join(broken)
    finally:
        page.screenshot(path=str(ARTIFACTS / f"{module.name}.png"), full_page=False)
        page.close()
        lab.shutdown_kernels()
