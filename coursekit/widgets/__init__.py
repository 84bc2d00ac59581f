"""Interactive explorers (ipywidgets).

Each explorer is a thin wrapper around a pure *update* function of the control values, which
returns the model result; the widget only wires controls to that function and draws the result.
Tests drive explorers headlessly by setting control values and reading ``explorer.result``.
"""
