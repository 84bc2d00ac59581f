"""Explorer of module 12: when does a recovery beat no failure at all (the recovery paradox)?"""
from __future__ import annotations

import ipywidgets as w
from IPython.display import HTML

from coursekit.models.recovery import FRAMINGS, ExpectedPath, Recovery, expected_path
from coursekit.plots.recovery import satisfaction_path
from coursekit.widgets._base import Explorer, dropdown, slider, show

__all__ = ["recovery_update", "RecoveryExplorer", "recovery_explorer"]


def recovery_update(*, severity: float, compensation: float, speed: float, apology: float,
                    initiative: float, stability: float, controllability: float,
                    prior_failures: int, framing: str = "segregated") -> ExpectedPath:
    """The explorer's update step: control values -> exact satisfaction path (a pure function).

    ``framing``: failure and recovery in separate mental accounts (``"segregated"``) or netted
    (``"integrated"``); see :mod:`coursekit.models.recovery`.
    """
    recovery = Recovery(compensation=compensation, speed=speed, apology=apology,
                        initiative=initiative)
    return expected_path(severity=severity, recovery=recovery, prior_failures=prior_failures,
                         stability=stability, controllability=controllability,
                         framing=framing)


def _verdict(path: ExpectedPath) -> str:
    if path.after_failure == path.no_failure:
        return "No failure, so nothing to recover."
    if path.recovery_gap > 0:
        return (f"<b>Paradox on average</b>: the recovered customer ends "
                f"{path.recovery_gap:.2f} points above the no-failure level.")
    return (f"No paradox on average: the recovery leaves the customer {-path.recovery_gap:.2f} "
            f"points below the no-failure level.")


def _render(result: ExpectedPath, output: w.Output) -> None:
    show(output, satisfaction_path(result),
         HTML(f"<p>Paradox share: <b>{result.paradox_share:.1%}</b> of recovered "
              f"customers are more satisfied than if nothing had gone wrong. "
              f"{_verdict(result)}</p>"))


class RecoveryExplorer(Explorer):
    """Sliders for severity, the four recovery components and the attributions; the mean
    satisfaction path and the paradox share update live."""

    title = "Service recovery: when is a recovered customer happier than an unharmed one?"

    def __init__(self, *, draw: bool = True):
        controls = {
            "severity": slider("Failure severity (scale points)", 0.5, 0.0, 2.5, 0.05),
            "compensation": slider("Compensation (1 = matches the loss)", 1.0, 0.0, 2.0, 0.05),
            "speed": slider("Speed of the response (0 slow - 1 immediate)", 1.0, 0.0, 1.0, 0.05),
            "apology": slider("Apology (0 none - 1 sincere)", 1.0, 0.0, 1.0, 0.05),
            "initiative": slider("Firm's initiative (0 customer had to ask - 1 firm acted)",
                                 1.0, 0.0, 1.0, 0.05),
            "stability": slider("Cause seen as stable (0 one-off - 1 recurring)", 0.0, 0.0, 1.0,
                                0.05),
            "controllability": slider("Cause under the firm's control (0 - 1)", 0.0, 0.0, 1.0,
                                      0.05),
            "prior_failures": slider("Earlier failures with this firm", 0, 0, 3, 1,
                                     integer=True),
            "framing": dropdown("Mental accounts (failure vs recovery)", FRAMINGS, "segregated"),
        }
        super().__init__(controls, recovery_update, _render if draw else None)

    @property
    def paradox_share(self) -> float:
        """The live paradox share for the current slider values."""
        return self.result.paradox_share


def recovery_explorer() -> RecoveryExplorer:
    """Create the module-12 explorer (display it as the last expression of a cell)."""
    return RecoveryExplorer()
