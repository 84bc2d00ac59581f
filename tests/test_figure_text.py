"""Every text a student reads stays inside the figure and clear of other texts and the data.

Headless, with the renderer's own text boxes (tests/figure_text.py): each explorer at its
defaults and with every slider at its minimum, then at its maximum; the static figures of the
lessons that had a defect; and the checker itself on figures made to fail it.
"""
from __future__ import annotations

import threading
from unittest import mock

import matplotlib
import pytest

import coursekit.widgets._base as base
from coursekit.plots._style import new_axes, offscreen_figures
from figure_text import text_problems
from test_accessibility import EXPLORERS, _construct

matplotlib.use("Agg")


def _rendered(explorer, values: dict) -> list:
    """The figures the explorer's render step shows for ``values`` (drawn, as PNG)."""
    shown: list = []
    with mock.patch.object(type(explorer), "values", lambda self: dict(values)), \
            mock.patch.object(base, "display", shown.append), offscreen_figures():
        explorer._render(explorer._update(**values), base._Inline())
    return [f.figure for f in shown if isinstance(f, base.RenderedFigure)]


def _extremes(explorer) -> dict[str, dict]:
    defaults = explorer.values()
    sliders = {k: c for k, c in explorer.controls.items() if hasattr(c, "min")}
    return {"defaults": defaults,
            "every slider at its minimum": {**defaults, **{k: c.min for k, c in sliders.items()}},
            "every slider at its maximum": {**defaults, **{k: c.max for k, c in sliders.items()}}}


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_explorer_texts_are_inside_and_apart_at_extreme_settings(cls):
    explorer = _construct(cls, draw=True)
    problems = []
    for name, values in _extremes(explorer).items():
        try:
            figures = _rendered(explorer, values)
        except (ValueError, TypeError):  # a combination the model rejects: shown as a message
            continue
        problems += [f"{name}: {p}" for fig in figures for p in text_problems(fig)]
    assert not problems, f"{cls.__name__}: {problems}"


def test_calculator_lays_out_again_when_the_values_outgrow_the_first_layout():
    """The kept layout of the first draw would cut the y label once the CLV grows."""
    from coursekit.widgets.clv import CLVCalculator

    shown: list = []
    with mock.patch.object(base, "display", shown.append):
        calculator = CLVCalculator()  # first draw: defaults, layout kept
        calculator.controls["periods"].value = 39
        calculator.controls["growth"].value = 0.2
    fig = [f for f in shown if isinstance(f, base.RenderedFigure)][-1].figure
    assert base.text_outside_canvas(fig) == []
    assert text_problems(fig) == []


# --- static figures of the lessons ----------------------------------------------------------

def _servqual():
    from coursekit.datasets import load_dataset
    from coursekit.models import servqual as sq

    survey = load_dataset("servqual_survey")
    perceived = survey[sq.item_columns("p")]
    gaps = sq.gap_scores(survey[sq.item_columns("e")], perceived)
    return sq, survey, sq.dimension_scores(gaps), sq.dimension_scores(perceived)


def _gap_heatmap():
    from coursekit.plots import servqual as plots

    _, survey, dims, _ = _servqual()
    return plots.gap_heatmap(dims.groupby(survey["branch"], observed=True).mean())


def _zone_chart():
    from coursekit.plots import servqual as plots

    sq, survey, _, p_dim = _servqual()
    adequate, desired = (survey[[f"{level}_{d}" for d in sq.DIMENSIONS]].mean()
                         .set_axis(list(sq.DIMENSIONS)) for level in ("adequate", "desired"))
    return plots.zone_of_tolerance_chart(adequate, desired, p_dim.mean())


def _value_map():
    from coursekit.datasets import load_dataset
    from coursekit.models import laddering as lad
    from coursekit.plots.laddering import value_map

    matrix = lad.implication_matrix(load_dataset("bank_ladders"))
    return value_map(lad.hierarchical_value_map(matrix, cutoff=4))


def _gap_diagram():
    from coursekit.plots import servqual as plots

    return plots.gap_model_diagram()


def _recovery_paths():
    from coursekit.models import recovery as rc
    from coursekit.plots.recovery import satisfaction_path

    return satisfaction_path(rc.expected_path(severity=2.5, recovery="none"))


@pytest.mark.parametrize("make", [_gap_diagram, _gap_heatmap, _zone_chart, _value_map,
                                  _recovery_paths], ids=lambda f: f.__name__.strip("_"))
def test_lesson_figure_texts_are_inside_and_apart(make):
    with offscreen_figures():
        fig = make().figure
    fig.canvas.draw()
    assert text_problems(fig) == []


# --- the checker catches each kind of defect ------------------------------------------------

def _drawn(build):
    with offscreen_figures():
        ax = new_axes(figsize=(4, 3))
    build(ax)
    ax.figure.canvas.draw()
    return text_problems(ax.figure)


def test_checker_finds_overlapping_texts_text_outside_legend_on_a_band_text_on_a_line():
    assert any(p.startswith("overlap: text 'reliability'") for p in _drawn(
        lambda ax: (ax.text(0.5, 0.5, "reliability"), ax.text(0.52, 0.5, "responsiveness"))))
    assert any(p.startswith("outside the canvas: y label") for p in _drawn(
        lambda ax: (ax.figure.set_layout_engine(None), ax.set_position([0.0, 0.2, 0.9, 0.7]),
                    ax.set_ylabel("cut off"))))
    assert any(p.startswith("legend over a bar") for p in _drawn(
        lambda ax: (ax.barh([0], [5], label="zone"), ax.legend(loc="center"))))
    assert any(p.startswith("on a data line") for p in _drawn(
        lambda ax: (ax.plot([0, 1], [0, 1]), ax.text(0.5, 0.5, "annotation", ha="center"))))
    assert _drawn(lambda ax: (ax.plot([0, 1], [0, 1]), ax.text(0.9, 0.1, "apart"))) == []


# --- rendering from two threads (ipykernel 7: subshell + main thread) -------------------------

def test_two_threads_redrawing_explorers_draw_every_figure_completely():
    """A widget callback on a subshell thread and a cell on the main thread redraw at once:
    every figure is complete (same ink as drawn alone) and none is left with pyplot."""
    import matplotlib.pyplot as plt

    from coursekit.widgets.clv import CLVCalculator
    from coursekit.widgets.recovery import RecoveryExplorer

    from browser_helpers import ink_share

    open_before = plt.get_fignums()
    shown: dict[int, list] = {}

    def record(item):
        if isinstance(item, base.RenderedFigure):
            shown.setdefault(threading.get_ident(), []).append(item.png)

    def move(explorer, key, values, out):
        for v in values:
            explorer.controls[key].value = v
            out.append((v, shown[threading.get_ident()][-1]))

    with mock.patch.object(base, "display", record):
        jobs = [(CLVCalculator(), "retention", [0.5, 0.9, 0.7, 0.95, 0.6] * 3),
                (RecoveryExplorer(), "severity", [0.1, 2.0, 1.0, 2.5, 0.5] * 3)]
        results: list[list] = [[], []]
        threads = [threading.Thread(target=move, args=(*job, out))
                   for job, out in zip(jobs, results)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for (explorer, key, _), out in zip(jobs, results):
            for value, png in out:  # the same state drawn again, alone
                explorer.controls[key].value = value
                explorer.refresh()
                alone = shown[threading.get_ident()][-1]
                (size, ink), (size_alone, ink_alone) = ink_share(png), ink_share(alone)
                assert size == size_alone and ink == pytest.approx(ink_alone, rel=0.02), value
    assert plt.get_fignums() == open_before
