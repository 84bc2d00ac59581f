"""Where the texts of a drawn figure are: outside the canvas, or on top of each other.

Bounding boxes come from the renderer that drew the figure (``get_window_extent``), so they
are the pixels a student sees. Used by tests/test_figure_text.py for every explorer at its
extreme settings and for the static figures of the lessons.
"""
from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox
from matplotlib.text import Text

PAD = 0.5  # pixels a text may touch the edge or another text by (anti-aliasing)


def _drawn_tick_labels(axis) -> list[Text]:
    ticks = axis._update_ticks()  # the ticks the last draw showed (inside the view limits)
    return [label for tick in ticks for label in (tick.label1, tick.label2)
            if label.get_visible() and label.get_text().strip()]


def text_boxes(fig) -> list[tuple[str, object, object]]:
    """(description, artist, window extent) of every visible, non-empty text of a drawn
    figure: titles, axis labels, drawn tick labels, texts and annotations, figure texts, and
    each legend as one box."""
    renderer = fig.canvas.get_renderer()
    found = []

    def add(kind, artist):
        if artist is None or not artist.get_visible():
            return
        if isinstance(artist, Text) and not artist.get_text().strip():
            return
        box = artist.get_window_extent(renderer)
        if box.width > 0 and box.height > 0:
            text = artist.get_text() if isinstance(artist, Text) else ""
            found.append((f"{kind} {text!r}" if text else kind, artist, box))

    for text in fig.texts:
        add("figure text", text)
    if getattr(fig, "_suptitle", None) is not None:
        add("suptitle", fig._suptitle)
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for title in (ax.title, ax._left_title, ax._right_title):
            add("title", title)
        if ax.axison:
            add("x label", ax.xaxis.label)
            add("y label", ax.yaxis.label)
            for axis, name in ((ax.xaxis, "x tick"), (ax.yaxis, "y tick")):
                if not axis.get_visible():
                    continue
                for label in _drawn_tick_labels(axis):
                    add(name, label)
        for text in ax.texts:
            if text.get_clip_on() and not ax.bbox.overlaps(
                    text.get_window_extent(renderer)):
                continue  # clipped away entirely: not shown
            add("text", text)
        legend = ax.get_legend()
        if legend is not None:
            add("legend", legend)
    return found


def _overlap(a, b) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > PAD) and (min(a.y1, b.y1) - max(a.y0, b.y0) > PAD)


def _crosses_a_line(ax, box) -> bool:
    """Whether a drawn line of ``ax`` (not a dotted/dashed guide) passes through ``box``."""
    inner = box.expanded(1, 1).padded(-1)
    for line in ax.lines:
        if not line.get_visible() or line.get_linestyle() in ("None", "none", "", ":", "--"):
            continue
        xy = line.get_transform().transform(line.get_xydata())
        xy = xy[np.isfinite(xy).all(axis=1)]
        for (x0, y0), (x1, y1) in zip(xy[:-1], xy[1:]):
            n = int(max(abs(x1 - x0), abs(y1 - y0)) // 2) + 2
            t = np.linspace(0, 1, n)
            xs, ys = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
            if np.any((xs > inner.x0) & (xs < inner.x1) & (ys > inner.y0) & (ys < inner.y1)):
                return True
    return False


def text_problems(fig) -> list[str]:
    """Texts outside the canvas, distinct texts whose boxes overlap, annotations a solid data
    line runs through, and legends drawn over a filled area (bars, bands) of their axes.
    ``fig`` must have been drawn."""
    width, height = fig.bbox.width, fig.bbox.height
    boxes = text_boxes(fig)
    problems = []
    for what, _, box in boxes:
        if box.x0 < -PAD or box.y0 < -PAD or box.x1 > width + PAD or box.y1 > height + PAD:
            problems.append(f"outside the canvas: {what}")
    for i, (what_a, a, box_a) in enumerate(boxes):
        for what_b, b, box_b in boxes[i + 1:]:
            if _overlap(box_a, box_b):
                problems.append(f"overlap: {what_a} / {what_b}")
    renderer = fig.canvas.get_renderer()
    for what, artist, box in boxes:
        if what.startswith("text") and _crosses_a_line(artist.axes, box):
            problems.append(f"on a data line: {what}")
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is None or not legend.get_visible():
            continue
        legend_box = legend.get_window_extent(renderer)
        # rectangles (bars, bands): their box is their shape, so an overlap is a real one
        filled = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_visible()
                  and p.get_fill() and p.get_alpha() != 0 and p.get_width() and p.get_height()]
        for artist in filled:
            shown = Bbox.intersection(artist.get_window_extent(renderer), ax.bbox)
            if shown is not None and _overlap(legend_box, shown):
                problems.append(f"legend over a bar or band in {ax.get_title()!r}")
                break
    return sorted(set(problems))
