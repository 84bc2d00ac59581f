"""Module 06 notebooks: key numbers of the lesson and the solutions.

Solutions all correct and exercises unanswered: tests/test_notebooks.py.
"""
import pytest

from notebook_runner import run_notebook


def test_lesson_06_key_numbers():
    v = run_notebook("notebooks/06_qfd_kano.ipynb",
                     ["ti.tolist()", "total", "top", "n_conflicts", "fresh_rank_before",
                      "fresh_rank_after", "recovered", "kano_top", "boutique_top",
                      "noise_rank_if_atmosphere_5", "explorer.result.top",
                      "planning['raw_weight'].round(4).tolist()",
                      "kano_planning.loc['Pleasant atmosphere', 'adjusted_ratio']",
                      "kano_ranks.to_dict()"])
    # TB 4.2 basement rule, hand-computed on the constructed restaurant house
    assert v["ti.tolist()"] == [50.0, 49.0, 61.0, 77.0, 42.0, 51.0, 18.0]
    assert v["total"] == 348.0
    assert v["top"] == v["explorer.result.top"] == "Kitchen ticket time"
    assert v["n_conflicts"] == 4
    assert (v["fresh_rank_before"], v["fresh_rank_after"]) == (5, 2)
    assert v["planning['raw_weight'].round(4).tolist()"] == [12.5, 5.3333, 9.6, 3.0, 5.3333,
                                                             6.4, 2.6667]
    assert v["recovered"] is True
    assert v["kano_planning.loc['Pleasant atmosphere', 'adjusted_ratio']"] == pytest.approx(
        (4 / 3) ** 0.5)                      # Tan & Shen: IR ** (1/k), k = 2 for attractive
    ranks = v["kano_ranks.to_dict()"]
    published, reverse = ranks["published IR^(1/k)"], ranks["reverse IR^k"]
    assert (published["Servers per shift"], published["Fresh ingredients"]) == (2, 3)
    assert (reverse["Servers per shift"], reverse["Fresh ingredients"]) == (3, 2)
    assert v["kano_top"] == "Kitchen ticket time"
    assert v["boutique_top"] == "Stylist training"
    assert v["noise_rank_if_atmosphere_5"] == 7


def test_solutions_06_compute_the_house_numbers():
    v = run_notebook("solutions/06_qfd_kano.ipynb", ["[q1, q2, q4, q8, q9]"])
    assert v["[q1, q2, q4, q8, q9]"] == pytest.approx([77, 61 / 348, 9.6, 69, 57 / 329])
