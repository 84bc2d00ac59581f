"""Figures of module 08 (customer value and laddering).

- :func:`value_map` draws a hierarchical value map in levels: attributes at the bottom, values at
  the top, consequences in between (chains of consequences on rows of their own), line width
  proportional to the strength of each link.
- :func:`importance_gaps` compares the executives' L/M/H estimates with the customers' reports.
"""
from __future__ import annotations

import textwrap

from matplotlib.transforms import Bbox

import numpy as np
import pandas as pd

from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes

__all__ = ["map_positions", "value_map", "importance_gaps"]

_LEVEL_COLOURS = {"attribute": PALETTE[0], "consequence": PALETTE[1], "value": PALETTE[2]}


def _rows(graph) -> dict:
    """Row of each node: attributes 0, consequences 1..k by longest path, values k + 1."""
    import networkx as nx

    row = {}
    for node in nx.topological_sort(graph):
        level = graph.nodes[node]["level"]
        below = [row[p] for p in graph.predecessors(node)]
        if level == "attribute":
            row[node] = 0
        else:
            row[node] = max([1, *(r + 1 for r in below)])
    top = max([r for n, r in row.items() if graph.nodes[n]["level"] != "value"] + [0]) + 1
    for node in row:
        if graph.nodes[node]["level"] == "value":
            row[node] = top
    return row


def map_positions(graph, *, sweeps: int = 4) -> dict:
    """Node positions (x, y) for a value map: y = row (attributes 0 ... values on top), x spread
    evenly in each row. The order inside a row follows the barycentre heuristic (Sugiyama,
    Tagawa & Toda 1981): alternately sort each row by the mean x of the neighbours in the row
    below and in the row above, ``sweeps`` times, which removes most edge crossings.

    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_nodes_from([("a", {"level": "attribute"}), ("v", {"level": "value"})])
    >>> g.add_edge("a", "v", weight=1)
    >>> map_positions(g)
    {'a': (0.5, 0), 'v': (0.5, 1)}
    """
    rows = _rows(graph)
    levels = sorted(set(rows.values()))
    order = {r: sorted((n for n in graph if rows[n] == r), key=str) for r in levels}

    def x_of(r):
        return {n: (k + 0.5) / len(order[r]) for k, n in enumerate(order[r])}

    def resort(r, neighbours):
        x = {}
        for q in levels:
            x.update(x_of(q))
        current = x_of(r)

        def key(n):
            xs = [x[m] for m in neighbours(n)]
            return (float(np.mean(xs)) if xs else current[n], str(n))

        order[r] = sorted(order[r], key=key)

    for _ in range(sweeps):
        for r in levels[1:]:
            resort(r, graph.predecessors)
        for r in levels[-2::-1]:
            resort(r, graph.successors)
    pos: dict = {}
    for r in levels:
        pos.update({n: (float(x), r) for n, x in x_of(r).items()})
    return {n: pos[n] for n in graph}


def _covers(text, xy, boxes, renderer) -> bool:
    text.set_position(xy)
    extent = text.get_window_extent(renderer).padded(2)
    return any(extent.overlaps(other) for other in boxes)


def _link_weights(ax, ends, weights, nodes_xy, *, node_size: float) -> None:
    """Write each link's strength on the link, at the first of a few points along it (middle
    first) where it covers neither a node (its circle and label) nor an earlier number.

    The axes are laid out first, so the pixel positions compared are the drawn ones.
    """
    fig = ax.figure
    if fig.get_layout_engine() is not None:
        fig.get_layout_engine().execute(fig)
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    radius = np.sqrt(node_size) / 2 * fig.dpi / 72 + 1  # marker area in points^2 -> pixels
    circles = [Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)
               for x, y in to_px(nodes_xy)]
    numbers: list = []
    box = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"}
    for (x0, y0), (x1, y1), w in zip(ends[:, 0], ends[:, 1], weights):
        text = ax.text((x0 + x1) / 2, (y0 + y1) / 2, f"{w:g}", ha="center", va="center",
                       fontsize=7, color=HIGHLIGHT, bbox=box, zorder=3)
        spots = [(x0 + t * (x1 - x0), y0 + t * (y1 - y0))
                 for t in (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8)]
        # clear of nodes and numbers; else (a short link between close nodes) of numbers
        for avoid in (circles + numbers, numbers):
            free = [xy for xy in spots if not _covers(text, xy, avoid, renderer)]
            if free:
                text.set_position(free[0])
                break
        else:
            text.set_position(spots[0])
        numbers.append(text.get_window_extent(renderer).padded(2))


def value_map(graph, ax=None, *, label_width: int = 16, show_weights: bool = True):
    """Draw a hierarchical value map (from ``hierarchical_value_map``) in levels.

    Attributes at the bottom, values at the top; line width = link strength (count); node
    colour = level; ``show_weights`` writes each link's strength on it, otherwise the legend
    keys the weakest and the strongest line width. Every link goes up the levels (attribute
    -> consequence -> value), so the links are drawn as lines (one ``LineCollection``)
    without arrowheads, as in Reynolds & Gutman's (1988) maps. The title reports the cutoff
    and the share of relations represented.
    """
    import networkx as nx
    from matplotlib.collections import LineCollection
    from matplotlib.colors import to_rgb
    from matplotlib.lines import Line2D

    if not isinstance(graph, nx.DiGraph):
        raise TypeError("graph must be a networkx DiGraph from "
                        "coursekit.models.laddering.hierarchical_value_map")
    ax = new_axes(ax, figsize=(8.5, 5.5))
    if graph.number_of_edges() == 0:
        ax.text(0.5, 0.5, "no link reaches this cutoff: lower it", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
        return finish(ax, title="Hierarchical value map (empty)", xlabel="codes",
                      ylabel="level of abstraction")
    pos = map_positions(graph)
    edges = list(graph.edges(data="weight"))
    weights = np.array([w for _, _, w in edges], dtype=float)
    ends = np.array([[pos[u], pos[v]] for u, v, _ in edges], dtype=float)
    ax.add_collection(LineCollection(ends, linewidths=0.8 + 6.0 * weights / weights.max(),
                                     colors=MUTED, alpha=0.9, zorder=1))
    nodes = list(graph)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    # the level colour at 25 % on white, opaque so that the lines end at the node's edge
    tint = [0.75 + 0.25 * np.array(to_rgb(_LEVEL_COLOURS[graph.nodes[n]["level"]]))
            for n in nodes]
    ax.scatter(xy[:, 0], xy[:, 1], s=1800, c=tint, zorder=2)
    for n, (x, y) in zip(nodes, xy):
        ax.text(x, y, textwrap.fill(str(n), label_width), ha="center", va="center",
                fontsize=8, zorder=3)
    rows = sorted({y for _, y in pos.values()})
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(rows[0] - 0.5, rows[-1] + 0.5)
    if show_weights:
        _link_weights(ax, ends, weights, xy, node_size=1800)
    names = {rows[0]: "attributes", rows[-1]: "values"}
    ax.set_yticks(rows, [names.get(r, "consequences") for r in rows])
    ax.set_xticks([])
    if not show_weights:  # a key to the line widths instead of a number on every link
        # (the level of each row is its tick label, so the node colours need no key)
        handles = [Line2D([], [], color=MUTED, lw=0.8 + 6.0 * w / weights.max(),
                          label=f"link of strength {w:g}")
                   for w in sorted({weights.min(), weights.max()})]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1, 1), frameon=False,
                  fontsize=8)
    share = graph.graph.get("share_of_relations")
    title = "Hierarchical value map"
    if "cutoff" in graph.graph:
        title += f" (cutoff {graph.graph['cutoff']}"
        title += f", {share:.0%} of relations)" if share is not None else ")"
    return finish(ax, title=title, xlabel="line width = number of ladders with the link",
                  ylabel="level of abstraction")


def importance_gaps(table: pd.DataFrame, ax=None):
    """Executives' vs customers' importance (L/M/H) per attribute, surprises highlighted.

    ``table`` is the result of ``coursekit.models.laddering.customer_value.executive_vs_customer``.
    """
    from coursekit.models.laddering.customer_value import IMPORTANCE_SCORES

    if not isinstance(table, pd.DataFrame) or not {"executive", "customer", "finding"} <= set(
            table.columns):
        raise TypeError("table must be the result of "
                        "coursekit.models.laddering.customer_value.executive_vs_customer")
    ax = new_axes(ax, figsize=(8, 0.35 * len(table) + 1.5))
    y = np.arange(len(table))
    ex = table["executive"].map(IMPORTANCE_SCORES)
    cu = table["customer"].map(IMPORTANCE_SCORES)
    surprise = (table["finding"] != "as estimated").to_numpy()
    for yi, e, c, s in zip(y, ex, cu, surprise):
        if pd.notna(e) and pd.notna(c):
            ax.plot([e, c], [yi, yi], color=HIGHLIGHT if s else MUTED, lw=2, zorder=1)
    ax.scatter(ex, y - 0.12, s=60, color=PALETTE[0], label="executives' estimate", zorder=2)
    ax.scatter(cu, y + 0.12, s=60, color=PALETTE[1], marker="D", label="customers", zorder=3)
    labels = [f"{a}  [{f}]" if s else a for a, f, s in zip(table.index, table["finding"],
                                                            surprise)]
    ax.set_yticks(y, labels, fontsize=8)
    for tick, s in zip(ax.get_yticklabels(), surprise):
        if s:
            tick.set_color(HIGHLIGHT)
    ax.invert_yaxis()
    ax.set_xticks([1, 2, 3], ["L", "M", "H"])
    ax.set_xlim(0.5, 3.5)
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), frameon=False, fontsize=8)
    return finish(ax, title="Where the executives' estimates missed: growth opportunities",
                  xlabel="importance (L = low, M = medium, H = high)", ylabel="attribute")
