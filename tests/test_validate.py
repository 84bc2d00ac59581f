"""The shared argument checks: every message names the argument and what is allowed."""
import numpy as np
import pytest

from coursekit import _validate as v


def test_scalar_option_rejects_arrays_by_name():
    assert v.check_nonnegative(3, "payout", scalar=True) == 3.0
    with pytest.raises(TypeError, match="payout must be a single number"):
        v.check_nonnegative([1, 2], "payout", scalar=True)
    with pytest.raises(TypeError, match="share must be a single number"):
        v.check_probability(np.array([0.1]), "share", scalar=True)


def test_check_bool_scalar_and_array():
    assert v.check_bool(np.bool_(False), "flag") is False
    assert v.check_bool([True, False], "flags", array=True).tolist() == [True, False]
    with pytest.raises(TypeError, match="flags must be True/False"):
        v.check_bool([1, 0], "flags", array=True)
    with pytest.raises(TypeError, match="flag must be True or False"):
        v.check_bool("yes", "flag")


@pytest.mark.parametrize("bad, exc", [("1", TypeError), (None, TypeError), (True, TypeError),
                                      (float("nan"), ValueError), (np.inf, ValueError)])
def test_numbers_reject_non_numeric_and_non_finite(bad, exc):
    with pytest.raises(exc, match="price"):
        v.check_number(bad, "price")


def test_percentage_for_a_proportion_gets_a_hint():
    with pytest.raises(ValueError, match="write 80% as 0.8"):
        v.check_probability(80, "retention")
