"""Module 10, segmentation and competition (TB 4.3, 7.1): the project context statement,
segment economics (the bottled-water example), importance tables of people segments, the four
levels of competition, and the channel mark-up chain and willingness to pay.

Files: :mod:`~coursekit.models.segments.segmentation` and :mod:`~coursekit.models.segments.pricing`.
"""
from __future__ import annotations

from coursekit.models.segments.segmentation import (
    ContextStatement,
    context_statement,
    TEXTBOOK_CONTEXTS,
    VAGUE_WORDS,
    segment_contribution,
    BottledWater,
    bottled_water,
    SERVICE_STATION_SEGMENTS,
    SEGMENT_DESCRIPTIONS,
    LEVEL_SCORES,
    service_station_table,
    encode_importance,
    discriminating_reasons,
    segment_fit,
    blend_segments,
    HARLEY_SEGMENTS,
    COMPETITION_LEVELS,
    DIET_COKE_COMPETITORS,
    competition_level,
    SEGMENTATION_STEPS,
)
from coursekit.models.segments.pricing import (
    PRICING_FACTORS,
    CHANNEL_OPTIONS,
    CHAIN_LINKS,
    PriceBuildUp,
    markup_chain,
    max_producer_price,
    purchase_share,
    worth_vs_willingness,
)

__all__ = [
    "ContextStatement",
    "context_statement",
    "TEXTBOOK_CONTEXTS",
    "VAGUE_WORDS",
    "segment_contribution",
    "BottledWater",
    "bottled_water",
    "SERVICE_STATION_SEGMENTS",
    "SEGMENT_DESCRIPTIONS",
    "LEVEL_SCORES",
    "service_station_table",
    "encode_importance",
    "discriminating_reasons",
    "segment_fit",
    "blend_segments",
    "HARLEY_SEGMENTS",
    "COMPETITION_LEVELS",
    "DIET_COKE_COMPETITORS",
    "competition_level",
    "SEGMENTATION_STEPS",
    "PRICING_FACTORS",
    "CHANNEL_OPTIONS",
    "CHAIN_LINKS",
    "PriceBuildUp",
    "markup_chain",
    "max_producer_price",
    "purchase_share",
    "worth_vs_willingness",
]
