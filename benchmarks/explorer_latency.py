"""End-to-end latency of the explorers: key press in the browser -> the new figure on the page.

Real JupyterLab (a throw-away server on a copy of ``notebooks/``, as the browser tests start
it) and real Chromium (Playwright, the system browser). For every ready lesson: open it,
Run All Cells, then for every explorer on the page press an arrow key on its main control
(arrow keys on the first slider's handle; the next option of the first drop-down when it
has no slider, timed from its ``change`` event) ``--presses``
times, each after the previous figure has come, alternating right and left so the value
stays in range (a press at the end of the range, which changes nothing, is not counted).

The time is measured inside the page: from the ``keydown`` event's time stamp to the moment
the new ``<img>`` of the explorer's output is decoded and the next frame is painted
(``img.decode()`` + ``requestAnimationFrame``). It includes the widget message to the
kernel, the recompute, the redraw and PNG encoding, the messages back and the browser's
decoding and layout: what a student waits for.

Prints median and 95th percentile per explorer and over all presses, with the machine's load
(``os.getloadavg``) before and after: the target is p95 <= 150 ms on an idle 2-core machine.

    .venv/bin/python benchmarks/explorer_latency.py                 # every ready lesson
    .venv/bin/python benchmarks/explorer_latency.py 04 12 --presses 20
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_helpers import (CHROMIUM, CHROMIUM_ARGS, LabServer, browser_missing,  # noqa: E402
                             open_notebook, run_all_cells)

# Installs, once per page, a recorder: the time of every keydown, and for each explorer
# output the time its newest image was decoded and painted.
_RECORDER = """() => {
  if (window.__latency) return;
  const state = window.__latency = {keys: [], shown: new Map()};
  document.addEventListener('keydown', e => state.keys.push(e.timeStamp), true);
  // a drop-down is picked, not keyed (arrow keys on a closed <select> do not reach it in
  // headless Chromium): its 'change' event is the start
  document.addEventListener('change', e => {
    if (e.target.tagName === 'SELECT') state.keys.push(e.timeStamp);
  }, true);
  new MutationObserver(records => {
    for (const r of records) for (const n of r.addedNodes) {
      const imgs = n.nodeType !== 1 ? []
        : n.tagName === 'IMG' ? [n] : [...n.querySelectorAll('img')];
      for (const img of imgs) {
        const out = img.closest('.widget-output');
        if (!out) continue;
        img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
          const list = state.shown.get(out) || [];
          list.push(performance.now());
          state.shown.set(out, list);
        }));
      }
    }
  }).observe(document.body, {childList: true, subtree: true});
}"""

_SHOWN_COUNT = "out => (window.__latency.shown.get(out) || []).length"
_LAST_LATENCY = """out => {
  const s = window.__latency; const shown = s.shown.get(out);
  return shown[shown.length - 1] - s.keys[s.keys.length - 1];
}"""


def _main_control(box):
    """(locator, the two moves to alternate) for an explorer box: arrow keys on the first
    slider's handle, or the next / previous option of the first drop-down."""
    handle = box.locator(".widget-hslider .noUi-handle")
    if handle.count():
        return handle.first, ("ArrowRight", "ArrowLeft")
    select = box.locator(".widget-dropdown select")
    if select.count():
        return select.first, (+1, -1)
    return None, ()


def _move(page, target, move) -> None:
    if isinstance(move, str):
        target.focus()
        page.keyboard.press(move)
        return
    options = target.evaluate("s => [...s.options].map(o => o.value)")
    current = options.index(target.input_value())
    target.select_option(options[(current + move) % len(options)])


def measure_lesson(page, lab, notebook: str, presses: int) -> dict[str, list[float]]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    open_notebook(page, lab.notebook_url(notebook))
    state = run_all_cells(page, timeout=300)
    if state["errors"]:
        raise RuntimeError(f"{notebook}: a cell failed:\n{state['errors'][0][:1500]}")
    page.evaluate(_RECORDER)
    results: dict[str, list[float]] = {}
    boxes = page.locator(".coursekit-explorer")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        title = box.locator("h4").first.inner_text()
        target, keys = _main_control(box)
        output = box.locator(".widget-output").first
        if target is None or not output.locator("img").count():
            continue
        box.scroll_into_view_if_needed()
        out = output.element_handle()
        warm = False
        times: list[float] = []
        direction, misses = 0, 0
        while len(times) < presses and misses < 4:
            before = page.evaluate(_SHOWN_COUNT, out)
            _move(page, target, keys[direction])
            try:
                page.wait_for_function(f"out => (window.__latency.shown.get(out) || [])"
                                       f".length > {before}", arg=out, timeout=10_000)
            except PlaywrightTimeout:  # at the end of its range: the value did not change
                direction, misses = 1 - direction, misses + 1
                continue
            latency = page.evaluate(_LAST_LATENCY, out)
            if warm:
                times.append(latency)
            warm = True  # the first redraw of each explorer warms up (not counted)
            direction = 1 - direction
            page.wait_for_timeout(150)  # let the last output messages of this redraw land
        print(f"  {notebook[:2]} {title[:60]}: {len(times)} presses", file=sys.stderr)
        if times:
            results[f"{notebook[:2]} {title}"] = times
    return results


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 \
        else values[0]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="module ids (default: every ready lesson)")
    parser.add_argument("--presses", type=int, default=12, help="key presses per explorer")
    args = parser.parse_args(argv)
    why = browser_missing()
    if why:
        print(f"cannot run: {why}")
        return 1
    from playwright.sync_api import sync_playwright

    from coursekit.course import resolve_modules

    modules = [m for m in resolve_modules(None, ready_only=True)
               if not args.modules or m.id in args.modules]
    load_before = os.getloadavg()
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp, LabServer(ROOT, Path(tmp)) as lab, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                    headless=True)
        for module in modules:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            try:
                results.update(measure_lesson(page, lab, module.notebook, args.presses))
            finally:
                page.close()
                lab.shutdown_kernels()
        browser.close()
    load_after = os.getloadavg()
    print(f"key press -> new figure shown, {args.presses} presses per explorer "
          f"(load average before {load_before[0]:.2f}, after {load_after[0]:.2f}; "
          f"{os.cpu_count()} CPUs)")
    print(f"{'explorer':<78} {'median ms':>10} {'p95 ms':>8}")
    everything = []
    for name, times in results.items():
        everything += times
        print(f"{name[:78]:<78} {statistics.median(times):>10.0f} {_p95(times):>8.0f}")
    if everything:
        print(f"{'all explorers':<78} {statistics.median(everything):>10.0f} "
              f"{_p95(everything):>8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
