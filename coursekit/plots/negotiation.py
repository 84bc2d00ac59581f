"""Figures of module 09 (negotiation): ZOPA, patio-furniture outcomes, TKI style map, ADR."""
from __future__ import annotations

import numpy as np

from coursekit.models import negotiation as ng
from coursekit.plots._style import HIGHLIGHT, MUTED, PALETTE, finish, new_axes

__all__ = ["zopa_line", "patio_outcomes", "tki_map", "adr_bars"]


def zopa_line(buyer_reservation: float, seller_reservation: float, price: float | None = None,
              ax=None):
    """The two reservation values on a price line; the ZOPA shaded if it exists."""
    z = ng.zopa(buyer_reservation, seller_reservation)
    ax = new_axes(ax, figsize=(6.4, 2.4))
    lo, hi = min(z.buyer_reservation, z.seller_reservation), max(z.buyer_reservation,
                                                                   z.seller_reservation)
    pad = 0.25 * max(hi - lo, abs(hi) * 0.05, 1e-9)
    if z.exists:
        ax.axvspan(z.low, z.high, color=PALETTE[2], alpha=0.3, label=f"ZOPA (width {z.width:g})")
    ax.axvline(z.seller_reservation, color=PALETTE[0], lw=2, label="seller's reservation")
    ax.axvline(z.buyer_reservation, color=PALETTE[1], lw=2, label="buyer's reservation")
    if price is not None:
        ax.axvline(price, color=HIGHLIGHT, ls="--", label=f"price {price:g}")
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_yticks([])
    ax.legend(frameon=False, fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    title = "Zone of possible agreement" if z.exists else "No zone of possible agreement"
    return finish(ax, title=title, xlabel="price (currency units)", ylabel="(none)")


def patio_outcomes(case: ng.PatioCase, ax=None):
    """Buyer's cost and manufacturer's net in the three patio-furniture scenarios ($M)."""
    if not isinstance(case, ng.PatioCase):
        raise TypeError("case must come from coursekit.models.negotiation.patio_case")
    t = case.table
    ax = new_axes(ax)
    x = np.arange(len(t))
    ax.bar(x - 0.2, t["buyer_cost"], width=0.4, color=PALETTE[1],
           label="retailer's cost (price + lost sales + shipping)")
    ax.bar(x + 0.2, t["manufacturer_net"], width=0.4, color=PALETTE[0],
           label="manufacturer's net (price - shipping)")
    for xi, (b, m) in enumerate(zip(t["buyer_cost"], t["manufacturer_net"])):
        ax.annotate(f"{b:.2f}", (xi - 0.2, b), ha="center", va="bottom", fontsize=8)
        ax.annotate(f"{m:.2f}", (xi + 0.2, m), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [s.replace(" (", "\n(") for s in t.index], fontsize=8)
    ax.set_ylim(0, 1.25 * float(t[["buyer_cost", "manufacturer_net"]].to_numpy().max()))
    ax.legend(frameon=False, fontsize=7, loc="upper right")
    return finish(ax, title=f"Patio furniture: joint gain of the integrative deal "
                            f"{case.joint_gain:+.2f}M",
                  xlabel="scenario", ylabel="US$ million")


def tki_map(points=None, labels=None, ax=None):
    """The five styles on concern for self x concern for the other, with optional points."""
    ax = new_axes(ax, figsize=(5.2, 5.0))
    g = np.linspace(0, 1, 201)
    xx, yy = np.meshgrid(g, g)
    styles = ng.tki_style(xx.ravel(), yy.ravel()).reshape(xx.shape)
    names = list(ng.TKI_STYLES.index)
    codes = np.vectorize(names.index)(styles)
    from matplotlib.colors import ListedColormap

    ax.pcolormesh(xx, yy, codes, cmap=ListedColormap(PALETTE[:5]), alpha=0.25, shading="auto")
    for name, r in ng.TKI_STYLES.iterrows():
        ax.annotate(name, (r.concern_self, r.concern_other), ha="center", va="center",
                    fontweight="bold", xytext=(-np.sign(r.concern_self - 0.5) * 30,
                                               -np.sign(r.concern_other - 0.5) * 12),
                    textcoords="offset points")
    if points is not None:
        p = np.asarray(points, dtype=float).reshape(-1, 2)
        ax.scatter(p[:, 0], p[:, 1], color="black", zorder=3)
        for (px, py), lab in zip(p, labels or [""] * len(p)):
            ax.annotate(lab, (px, py), xytext=(4, 4), textcoords="offset points", fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    return finish(ax, title="Negotiation styles (TB 6.3)", xlabel="concern for self (0-1)",
                  ylabel="concern for the other party (0-1)")


def adr_bars(ax=None):
    """The mediation and arbitration figures reported in TB 6.2."""
    t = ng.ADR_OPTIONS.dropna(subset=["value"])
    labels = [f"{o}: {m}" for o, m in zip(t["option"], t["measure"])]
    ax = new_axes(ax)
    colours = [PALETTE[0], PALETTE[0], PALETTE[2], MUTED]
    ax.barh(labels, t["value"], color=colours[: len(t)])
    for y, v in enumerate(t["value"]):
        ax.annotate(f"{v:.0%}", (v, y), xytext=(4, 0), textcoords="offset points", va="center")
    ax.set_xlim(0, 1.1)
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize=7)
    return finish(ax, title="Third-party negotiation: what the studies found",
                  xlabel="share", ylabel="option and measure")
