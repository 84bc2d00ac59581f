"""Figures, one function per figure, each returning its matplotlib Axes (or Figure).

Every figure uses the colour-blind-safe palette in :mod:`coursekit.plots._style` and sets a title
and axis labels with units. Import a topic directly: ``from coursekit.plots import value``.
"""
