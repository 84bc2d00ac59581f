"""The out-of-kernel verdict (coursekit.autograde.VerifyAnswers) on hand-made cell outputs, and
the answer encoding it reads: fast checks of what tests/test_grading.py runs through nbgrader."""
from __future__ import annotations

import json

import nbformat
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.autograde import VerifyAnswers
from coursekit.exercises import check, get_question, set_student
from coursekit.exercises.answer_codec import (ANSWER_MIME, UnsupportedAnswer, decode_answer,
                                              encode_answer)
from coursekit.grading import answer_key

pytest.importorskip("nbgrader")


def _cell(question: str, *payloads, grade_id: str | None = None):
    cell = nbformat.v4.new_code_cell(f'grade("{question}", q)')
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1,
                                 "grade_id": grade_id or f"test-{question.replace('.', '_')}"}
    cell.outputs = [nbformat.v4.new_output("display_data", data={ANSWER_MIME: p,
                                                                 "text/plain": ""})
                    for p in payloads]
    cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text="kernel says ok"))
    return cell


def _verify(*cells, student="sam"):
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nb, _ = VerifyAnswers().preprocess(nb, {"nbgrader": {"student": student}})
    return [c.outputs for c in nb.cells]


def _payload(question, answer):
    return {"question": question, "answer": encode_answer(answer)}


def test_right_answer_passes_and_kernel_outputs_are_replaced():
    (outputs,) = _verify(_cell("01.3", _payload("01.3", 40)))
    assert [o.output_type for o in outputs] == ["stream"] and "correct" in outputs[0].text


def test_wrong_answer_fails_with_the_misconception_message():
    (outputs,) = _verify(_cell("01.3", _payload("01.3", 280 / 6)))
    assert outputs[0].output_type == "error" and "six beds" in outputs[0].evalue


def test_per_student_key_comes_from_nbgrader_not_from_the_kernel():
    right_for_sam = answer_key("01.5", "sam")
    assert right_for_sam != answer_key("01.5", "kim")
    assert _verify(_cell("01.5", _payload("01.5", right_for_sam)))[0][0].output_type == "stream"
    assert _verify(_cell("01.5", _payload("01.5", right_for_sam)),
                   student="kim")[0][0].output_type == "error"


@pytest.mark.parametrize("payloads, message", [
    ((), "no answer was recorded"),
    ((_payload("01.3", 40), _payload("01.3", 40)), "more than one answer"),
    (({"question": "01.1", "answer": 0},), "does not belong to this question"),
    (({"question": "01.3", "answer": {"__class__": "os.system"}},), "can't check"),
    (({"question": "01.3", "answer": {"unsupported": "function"}},), "can't check"),
    (("not json",), "does not belong"),
])
def test_missing_extra_or_forged_payloads_score_zero(payloads, message):
    (outputs,) = _verify(_cell("01.3", *payloads))
    assert [o.output_type for o in outputs] == ["error"] and message in outputs[0].evalue


def test_a_cell_whose_id_does_not_match_its_question_scores_zero():
    (outputs,) = _verify(_cell("01.3", _payload("01.3", 40), grade_id="test-01_1"))
    assert outputs[0].output_type == "error"


def test_cells_that_are_not_coursekit_test_cells_are_left_alone():
    cell = nbformat.v4.new_code_cell("assert 1 + 1 == 2")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "mine",
                                 "points": 2}
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="x")]
    assert _verify(cell)[0][0].text == "x"


def test_without_a_student_id_it_refuses_to_run():
    with pytest.raises(ValueError, match="autograde"):
        VerifyAnswers().preprocess(nbformat.v4.new_notebook(), {})


def test_autograde_preprocessors_put_the_verdict_before_the_scores():
    from nbgrader.preprocessors import Execute, SaveAutoGrades

    from coursekit.autograde import autograde_preprocessors

    steps = autograde_preprocessors()
    assert steps.index(Execute) < steps.index(VerifyAnswers) == steps.index(SaveAutoGrades) - 1


# --- the encoding keeps the verdict ---------------------------------------------------------

@pytest.mark.parametrize("answer", [40, np.float64(40.0), np.array(40.0), [40], "40", True, None,
                                    ..., np.nan, float("inf"), pd.Series([40.0])])
def test_encoded_answers_get_the_same_verdict_as_in_the_kernel(answer):
    set_student(None)
    sent = decode_answer(json.loads(json.dumps(encode_answer(answer))))
    assert check("01.3", sent).status == check("01.3", answer).status


def test_dataframes_sets_and_choices_survive_the_encoding():
    frame = pd.DataFrame({"a": [1, 2], "b": [3.5, 4.5]})
    assert decode_answer(encode_answer(frame)) == [[1.0, 3.5], [2.0, 4.5]]
    assert decode_answer(encode_answer(frozenset({"b", "a"}))) == ["a", "b"]
    with pytest.raises(UnsupportedAnswer, match="function"):
        decode_answer(encode_answer(lambda: 1))


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.floats(allow_nan=True), st.integers(-10**12, 10**12),
                 st.lists(st.floats(allow_nan=False, width=32), max_size=6)))
def test_number_answers_round_trip_to_the_same_verdict(value):
    q = get_question("01.3")
    sent = decode_answer(json.loads(json.dumps(encode_answer(value))))
    assert check(q.id, sent).status == check(q.id, value).status
