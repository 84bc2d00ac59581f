"""Key numbers of the lesson sections on the service blueprint, waiting lines, critical
incidents, NPS and customer equity (modules 13, 07 and 04)."""
import pytest

from notebook_runner import run_notebook


@pytest.fixture(scope="module")
def lesson13():
    return run_notebook("notebooks/13_customer_roles_design.ipynb", [
        "hotel_waits['wait'].tolist()", "coffee_waits['wait'].tolist()",
        "queue.p_wait", "float(sim['wait'].mean())", "plan['servers'].to_dict()",
    ])


def test_lesson_13_blueprint_waits(lesson13):
    assert lesson13["hotel_waits['wait'].tolist()"] == [0, 3, 1, 6, 0, 0, 23, 1]
    assert lesson13["coffee_waits['wait'].tolist()"] == pytest.approx([0, 1, 4.1, 0])


def test_lesson_13_waiting_lines(lesson13):
    assert lesson13["queue.p_wait"] == pytest.approx(0.5678, abs=1e-4)  # hand-computed Erlang C
    assert lesson13["float(sim['wait'].mean())"] == pytest.approx(1.136, rel=0.1)
    servers = lesson13["plan['servers'].to_dict()"]
    assert servers["8"] == max(servers.values()) and servers["18"] == min(servers.values())


@pytest.fixture(scope="module")
def lesson07():
    return run_notebook("notebooks/07_gap_model.ipynb", [
        "agreement.kappa", "incident_table['share_dissatisfying'].tolist()",
        "nps_all.nps", "nps_all.low", "nps_all.high", "gaps_by_class['n'].tolist()",
        "prca['penalty'].idxmin()",
    ])


def test_lesson_07_critical_incidents(lesson07):
    from coursekit import load_dataset
    from coursekit.models import servqual as sq

    data = load_dataset("critical_incidents")
    assert lesson07["agreement.kappa"] == pytest.approx(
        sq.coder_agreement(data["coder_a"], data["coder_b"]).kappa)
    assert 0.6 < lesson07["agreement.kappa"] < 0.8
    assert sum(lesson07["incident_table['share_dissatisfying'].tolist()"]) == pytest.approx(1)


def test_lesson_07_nps(lesson07):
    from coursekit import load_dataset
    from coursekit.models import servqual as sq

    data = load_dataset("servqual_survey")
    assert lesson07["nps_all.nps"] == pytest.approx(sq.nps(data["recommend"]))
    assert lesson07["nps_all.low"] < lesson07["nps_all.nps"] < lesson07["nps_all.high"]
    assert sum(lesson07["gaps_by_class['n'].tolist()"]) == len(data)
    assert lesson07["prca['penalty'].idxmin()"] == "reliability"


def test_lesson_04_customer_equity():
    v = run_notebook("notebooks/04_customer_lifetime_value.ipynb", [
        "round(bn_case_1, 2)", "equity.current", "0.30 * clv_total", "best_split.retention_spend",
        "best_split.acquisition_spend"])
    assert v["round(bn_case_1, 2)"] == 568.78
    assert v["equity.current"] == pytest.approx(v["0.30 * clv_total"])
    assert v["best_split.retention_spend"] > 0 and v["best_split.acquisition_spend"] > 0
