"""Tests for coursekit.models.laddering (implication matrix, cutoffs, HVM, indices).

The small example below is computed by hand (see the comments); the property tests check the
counting identities of Reynolds & Gutman (1988) on random ladders.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.models import laddering as L

DATA = Path(__file__).resolve().parents[1] / "datasets"
CODEBOOK = {"T": "attribute", "K": "consequence", "E": "consequence", "S": "consequence",
            "P": "value"}
# r1 ladders T twice along K (once stopping early): ladder and respondent counts differ on T->K.
LADDERS = {"r1": ["T > K > P", "T > E > S > P", "T > K"],
           "r2": ["T > E > S"],
           "r3": ["T > K > P", "E > S"]}


@pytest.fixture
def table():
    return L.parse_ladders(LADDERS, CODEBOOK)


def cell(frame, i, j):
    return int(frame.loc[i, j])


# ---------------------------------------------------------------- parsing
def test_parse_strings_gives_tidy_table(table):
    assert list(table.columns) == ["respondent", "ladder", "position", "code", "level"]
    assert len(table) == 3 + 4 + 2 + 3 + 3 + 2
    first = table[(table.respondent == "r1") & (table.ladder == 1)]
    assert first["code"].tolist() == ["T", "E", "S", "P"]
    assert first["level"].tolist() == ["attribute", "consequence", "consequence", "value"]


def test_parse_tidy_frame_round_trip(table):
    shuffled = table.drop(columns="level").sample(frac=1, random_state=3)
    again = L.parse_ladders(shuffled, CODEBOOK)
    pd.testing.assert_frame_equal(again, table)


def test_parse_uses_level_column_without_codebook(table):
    again = L.parse_ladders(table)
    pd.testing.assert_frame_equal(again, table)


def test_level_aliases_and_separator():
    t = L.parse_ladders(["x | y"], {"x": "A", "y": "values"}, separator="|")
    assert t["level"].tolist() == ["attribute", "value"]


# ---------------------------------------------------------------- implication matrix
def test_direct_counts_by_hand(table):
    d = L.implication_matrix(table).direct
    assert cell(d, "T", "K") == 3      # r1 twice, r3 once
    assert cell(d, "K", "P") == 2
    assert cell(d, "T", "E") == 2
    assert cell(d, "E", "S") == 3
    assert cell(d, "S", "P") == 1
    assert int(d.to_numpy().sum()) == 11
    assert list(d.index) == ["T", "K", "E", "S", "P"]  # level order, then first appearance


def test_indirect_counts_by_hand(table):
    i = L.implication_matrix(table).indirect
    assert cell(i, "T", "P") == 3      # r1 (two ladders) + r3
    assert cell(i, "T", "S") == 2      # r1, r2
    assert cell(i, "E", "P") == 1
    assert int(i.to_numpy().sum()) == 6


def test_respondent_counting_by_hand(table):
    m = L.implication_matrix(table, count="respondent")
    assert cell(m.direct, "T", "K") == 2    # r1 counted once
    assert cell(m.indirect, "T", "P") == 2  # r1 once, r3 once
    assert int(m.direct.to_numpy().sum()) == 10
    assert m.mentions["T"] == 3 and m.n_respondents == 3 and m.n_ladders == 6


def test_respondent_rule_direct_wins_over_indirect():
    m = L.implication_matrix({"r": ["a > c > v", "a > v"]}, {"a": "A", "c": "C", "v": "V"},
                             count="respondent")
    assert (cell(m.direct, "a", "v"), cell(m.indirect, "a", "v")) == (1, 0)
    m = L.implication_matrix({"r": ["a > c > v", "a > v"]}, {"a": "A", "c": "C", "v": "V"})
    assert (cell(m.direct, "a", "v"), cell(m.indirect, "a", "v")) == (1, 1)


def test_summary_notation(table):
    s = L.implication_matrix(table).summary()
    assert s.loc["T", "K"] == "3.00"
    assert s.loc["T", "P"] == "0.03"
    assert s.loc["P", "T"] == ""


# ---------------------------------------------------------------- cutoffs and the map
def test_cutoff_table_by_hand(table):
    ct = L.cutoff_table(L.implication_matrix(table))
    # direct counts are 3, 2, 2, 3, 1 (total 11)
    assert ct["links"].tolist() == [5, 4, 2]
    assert ct["relations"].tolist() == [11, 10, 6]
    np.testing.assert_allclose(ct["share_of_relations"], [1, 10 / 11, 6 / 11])
    np.testing.assert_allclose(ct["share_of_links"], [1, 0.8, 0.4])


def test_cutoff_table_total_relation(table):
    ct = L.cutoff_table(L.implication_matrix(table), relation="total")
    # total counts: T-K 3, K-P 2, T-E 2, E-S 3, S-P 1, T-P 3, T-S 2, E-P 1 (sum 17)
    assert ct.loc[1, "links"] == 8 and ct.loc[1, "relations"] == 17
    assert ct.loc[3, "links"] == 3 and ct.loc[3, "relations"] == 9


def test_hvm_edges_and_attributes(table):
    g = L.hierarchical_value_map(L.implication_matrix(table), cutoff=2)
    assert set(g.edges) == {("T", "K"), ("K", "P"), ("T", "E"), ("E", "S")}
    assert g.edges["T", "K"]["weight"] == 3
    assert g.nodes["P"]["level"] == "value" and g.nodes["P"]["layer"] == 2
    assert g.nodes["T"]["mentions"] == 5
    assert g.graph["share_of_relations"] == pytest.approx(10 / 11)


def test_indices_by_hand(table):
    m = L.implication_matrix(table)
    a = L.abstractness(m)
    np.testing.assert_allclose(a[["T", "K", "E", "S", "P"]], [0, 3 / 5, 2 / 5, 3 / 4, 1])
    c = L.centrality(m)
    np.testing.assert_allclose(c[["T", "K", "E", "S", "P"]], np.array([5, 5, 5, 4, 3]) / 11)


def test_dominant_chains_by_hand(table):
    m = L.implication_matrix(table)
    chains = L.dominant_chains(L.hierarchical_value_map(m, 2))
    assert chains["chain"].tolist() == ["T > E > S", "T > K > P"]
    assert chains["weakest"].tolist() == [2, 2] and chains["strength"].tolist() == [5, 5]
    full = L.dominant_chains(L.hierarchical_value_map(m, 1), top=1)
    assert full["chain"].tolist() == ["T > K > P"]


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize("ladders, codebook, match", [
    (["T > X"], CODEBOOK, "codebook"),                # code with no level
    (["T > K > T"], CODEBOOK, "cycle"),               # code repeated in a ladder
    (["T > > K"], CODEBOOK, "ladders"),               # empty step
    ([""], CODEBOOK, "ladders"),                      # empty ladder
    ([], CODEBOOK, "ladders"),                        # no ladders at all
    ({"r": []}, CODEBOOK, "ladders"),                 # respondent without ladders
    (["P > T"], CODEBOOK, "steps down"),              # value before attribute
    (["T > K"], {"T": "A", "K": "benefit"}, "codebook"),
    (["T > K"], None, "codebook"),
])
def test_parse_errors(ladders, codebook, match):
    with pytest.raises(ValueError, match=match):
        L.parse_ladders(ladders, codebook)


def test_parse_type_errors():
    with pytest.raises(TypeError, match="ladders"):
        L.parse_ladders("T > K", CODEBOOK)
    with pytest.raises(TypeError, match="ladders"):
        L.parse_ladders(5, CODEBOOK)
    with pytest.raises(ValueError, match="ladders"):
        L.parse_ladders(pd.DataFrame({"respondent": [1], "code": ["T"]}), CODEBOOK)


def test_cycle_across_ladders_is_reported_by_the_map():
    m = L.implication_matrix(["a > b > c", "a > c > b"],
                             {"a": "A", "b": "C", "c": "C"})
    with pytest.raises(ValueError, match="cycle"):
        L.hierarchical_value_map(m, 1)


def test_argument_errors(table):
    m = L.implication_matrix(table)
    with pytest.raises(ValueError, match="count"):
        L.implication_matrix(table, count="person")
    with pytest.raises(ValueError, match="cutoff"):
        L.hierarchical_value_map(m, 0)
    with pytest.raises(TypeError, match="cutoff"):
        L.hierarchical_value_map(m, 1.5)
    with pytest.raises(ValueError, match="relation"):
        L.cutoff_table(m, relation="indirect")
    with pytest.raises(TypeError, match="matrix"):
        L.abstractness(m.direct)
    with pytest.raises(ValueError, match="cutoff"):
        L.dominant_chains(L.hierarchical_value_map(m, 99))


def test_single_code_ladders_have_no_relations():
    m = L.implication_matrix(["T", "K"], CODEBOOK)
    with pytest.raises(ValueError, match="no relations"):
        L.cutoff_table(m)
    with pytest.raises(ValueError, match="no relation"):
        L.abstractness(m)


# ---------------------------------------------------------------- properties
ATTRS, CONS, VALS = ["a1", "a2", "a3"], ["c1", "c2", "c3", "c4"], ["v1", "v2"]
BOOK = {**{c: "A" for c in ATTRS}, **{c: "C" for c in CONS}, **{c: "V" for c in VALS}}


@st.composite
def ladder_sets(draw):
    n = draw(st.integers(1, 12))
    out = {}
    for r in range(n):
        k = draw(st.integers(1, 3))
        texts = []
        for _ in range(k):
            a = draw(st.sampled_from(ATTRS))
            cs = draw(st.lists(st.sampled_from(CONS), unique=True, max_size=3))
            v = draw(st.lists(st.sampled_from(VALS), max_size=1))
            texts.append(" > ".join([a, *cs, *v]))
        out[f"r{r}"] = texts
    return out


@settings(max_examples=40, deadline=None)
@given(ladder_sets())
def test_counting_identities(data):
    t = L.parse_ladders(data, BOOK)
    lengths = t.groupby(["respondent", "ladder"]).size().to_numpy()
    m = L.implication_matrix(t)
    assert (m.direct.to_numpy() >= 0).all() and (m.indirect.to_numpy() >= 0).all()
    assert m.direct.to_numpy().sum() == (lengths - 1).sum()
    assert m.indirect.to_numpy().sum() == ((lengths - 1) * (lengths - 2) // 2).sum()
    r = L.implication_matrix(t, count="respondent")
    assert (r.direct.to_numpy() <= m.direct.to_numpy()).all()
    assert (r.total.to_numpy() <= m.n_respondents).all()
    if m.direct.to_numpy().sum() > 0:
        ct = L.cutoff_table(m)
        assert ct["share_of_relations"].iloc[0] == pytest.approx(1.0)
        assert (np.diff(ct["share_of_relations"]) <= 1e-12).all()
        assert L.centrality(m).sum() == pytest.approx(2.0)  # every relation has two ends


# ---------------------------------------------------------------- the shipped bank data
def test_bank_ladders_recover_the_known_structure():
    from coursekit.synth.laddering import BANK_CHAINS, BANK_CODEBOOK, bank_ladders

    from coursekit.datasets import load_dataset

    frame = load_dataset("bank_ladders")
    m = L.implication_matrix(frame)
    assert m.n_respondents == 50
    true = {(a, b) for a in BANK_CHAINS for b in BANK_CHAINS[a]}
    g = L.hierarchical_value_map(m, 4)
    assert set(g.edges) <= true                    # no noise link survives cutoff 4
    assert len(set(g.edges)) >= len(true) - 2      # and almost every true link is there
    assert set(m.levels.to_dict().items()) <= set(BANK_CODEBOOK.items())
    assert nx.is_directed_acyclic_graph(g)
    # team approach -> efficient process -> saves time: the textbook's chain is the strongest
    top = L.dominant_chains(g, top=1)["chain"].iloc[0]
    assert top.startswith("team approach > efficient process > saves time")


def test_bank_ladders_regenerate_bit_for_bit():
    from coursekit.synth import to_csv_bytes
    from coursekit.synth.laddering import bank_ladders, bank_value_estimates

    for name, fn in [("bank_ladders", bank_ladders),
                     ("bank_executive_estimates", bank_value_estimates)]:
        with open(DATA / f"{name}.csv", "rb") as fh:
            assert hashlib.sha256(fh.read()).hexdigest() == \
                hashlib.sha256(to_csv_bytes(fn())).hexdigest()


def test_generator_arguments():
    from coursekit.synth.laddering import bank_ladders

    assert bank_ladders(3, seed=1)["respondent"].nunique() == 3
    with pytest.raises(ValueError, match="skip"):
        bank_ladders(skip=1.5)
    with pytest.raises(ValueError, match="n_respondents"):
        bank_ladders(0)
