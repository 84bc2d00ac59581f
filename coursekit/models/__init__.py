"""Pure computation, one module per course topic.

Models never plot, print or touch widgets; they validate their inputs and return numbers,
pandas objects or frozen dataclasses. Import a topic directly, e.g.
``from coursekit.models import value``.
"""
