"""Pure computation, one module per course topic.

Models never plot, print or touch widgets; they validate their inputs and return numbers,
pandas objects or frozen dataclasses. Import a topic directly, e.g.
``from coursekit.models import value``. A large topic is split into small modules named after
the concept they compute (e.g. :mod:`~coursekit.models.relationship_chain`); its topic module
(here :mod:`~coursekit.models.relationships`) re-exports their public names.
"""
