"""Question banks, one module per course topic, named like the model package it asks about.

Each bank registers the questions ``"NN.k"`` of course module ``NN`` when it is imported.
:data:`BANKS` maps a course-module id to its bank; the registry in :mod:`coursekit.course` and
the question lookup in :mod:`coursekit.exercises.core` both read it.
"""
from __future__ import annotations

BANKS: dict[str, str] = {
    "01": "value",
    "02": "buying",
    "03": "problems",
    "04": "clv",
    "05": "rfm",
    "06": "qfd",
    "07": "servqual",
    "08": "laddering",
    "09": "negotiation",
    "10": "segments",
    "11": "relationships",
    "12": "recovery",
    "13": "design",
}
