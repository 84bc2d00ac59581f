"""Pure computation: one package per course topic, in the order of the course.

==================  ====  ==========================================================================
package             unit  what it computes
==================  ====  ==========================================================================
``value``           01    value = benefit - full cost, offers, value propositions
``buying``          02    need recognition, the buying funnel, choice rules, buying behaviour, B2B
``problems``        03    responsibility matrix, escalating problems early, the ethics survey
``clv``             04    simple and retention-based customer lifetime value, the HBS exercise
``btyd``            04    BG/NBD, Pareto/NBD, gamma-gamma, sBG, BG/BB on customer-base data
``rfm``             05    RFM scores, the customer value matrix, sales concentration
``qfd``             06    the house of quality (relationships, planning matrix, roof) and Kano
``servqual``        07    the gaps model: SERVQUAL scores, zone of tolerance, reliability, audits
``laddering``       08    ladders, implication matrix, hierarchical value map, customer value
``negotiation``     09    BATNA, ZOPA, the patio deal, TKI conflict styles
``segments``        10    context statements, segment economics, competition levels, pricing
``relationships``   11    relationship stages, leaky bucket, retention economics, word of mouth
``recovery``        12    the service-recovery paradox, justice, complaints, guarantees
``design``          13    customer roles, customer mix, idea screening, positioning, SITOC
==================  ====  ==========================================================================

Models never plot, print or touch widgets; they validate their inputs and return numbers,
pandas objects or frozen dataclasses. Each package's ``__all__`` lists what it offers, e.g.
``from coursekit.models.servqual import gap_scores``. Packages load on first use, so
``import coursekit.models`` stays light.
"""
from __future__ import annotations

import importlib
from types import ModuleType

TOPICS: tuple[str, ...] = (
    "value", "buying", "problems", "clv", "btyd", "rfm", "qfd", "servqual", "laddering",
    "negotiation", "segments", "relationships", "recovery", "design",
)
__all__ = list(TOPICS)


def __getattr__(name: str) -> ModuleType:
    if name in TOPICS:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}; topics: {', '.join(TOPICS)}")


def __dir__() -> list[str]:
    return list(TOPICS)
