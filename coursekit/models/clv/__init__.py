"""Customer lifetime value: from the textbook's "$75 x 30% x 5" to retention-based NPV.

Textbook sources (BMT 1650 *Customer Service*, Perry & Benbow 2021):

* 7.4 (l.3028-3038), the **simple CLV**: dollar value of purchase x gross profit percent x
  number of purchases, so $75 x 30% x 1 = $22.50 and $75 x 30% x 5 = $112.50.
* 4.2 (l.1310-1312), CLV = revenue generated - cost generated, carried over the **projected
  retention rate**, valued as a **net present value** (the Harvard Business School calculator).
* 4.2 Exercise 1 (l.1435-1442), the HBS exercise: $250 per purchase, 4 purchases per period,
  $30 marketing cost per period, 20% gross margin, retention 25-90%, discount rate 10%.

The textbook does not say *when* in a period a margin arrives, and the published CLV formulas
disagree on exactly that. :func:`retention_clv` makes the choice explicit through ``timing``.
With margin ``m`` per period, retention ``r``, discount rate ``d`` and margin growth ``g``
(Not from the textbook: Fader & Hardie 2012, "Reconciling and clarifying CLV formulas",
http://brucehardie.com/notes/024/; Gupta & Lehmann 2003, "Customers as assets", *Journal of
Interactive Marketing* 17(1), 9-24):

=============  ==========================  ==================================================
``timing``     infinite-horizon CLV        meaning
=============  ==========================  ==================================================
``"start"``    m(1+d) / (1+d-r(1+g))       first margin booked now, at the start of period 1
                                           (Blattberg et al. 2008; Steenburgh & Avery 2011,
                                           the HBS Marketing Analysis Toolkit)
``"end"``      m / (1+d-r(1+g))            first margin booked at the end of period 1
                                           (Ofek 2002; Davis 2007)
``"retained"`` m r / (1+d-r(1+g))          a margin is earned only after the customer is
                                           retained: the Gupta-Lehmann margin multiple
                                           (Gupta & Lehmann 2003; Kotler & Keller 2012)
=============  ==========================  ==================================================

All three are the same geometric series ``factor x m x sum_k q^k`` with ``q = r(1+g)/(1+d)``;
they differ only in ``factor`` (1, 1/(1+d) or r/(1+d)).

Files: :mod:`~coursekit.models.clv.formulas` (simple CLV, period margin, retention CLV under the
three timings, lifetime, break-even retention and the retention sweep),
:mod:`~coursekit.models.clv.segments` (CLV per segment), :mod:`~coursekit.models.clv.hbs`
(TB 4.2 Exercise 1) and :mod:`~coursekit.models.clv.tracking` (repeat purchases against a BTYD
forecast) and :mod:`~coursekit.models.clv.equity` (customer equity, Blattberg & Deighton's
acquisition and retention spending, Berger & Nasr's CLV with mid-period costs; not from the
textbook). The probabilistic models are in :mod:`coursekit.models.btyd`.
"""
from __future__ import annotations

from coursekit.models.clv.formulas import (
    TIMINGS,
    HBS_RETENTIONS,
    simple_clv,
    period_margin,
    retention_clv,
    expected_lifetime,
    breakeven_retention,
    retention_sweep,
)
from coursekit.models.clv.segments import (
    segment_clv,
)
from coursekit.models.clv.hbs import (
    HBSExercise,
    hbs_exercise,
)
from coursekit.models.clv.tracking import (
    repeat_purchase_tracking,
)
from coursekit.models.clv.equity import (
    berger_nasr_clv,
    optimal_promotion,
    CustomerEquity,
    customer_equity,
    response_rate,
    response_steepness,
    bd_customer_equity,
    OptimalSpend,
    optimal_spend,
)

__all__ = [
    "TIMINGS",
    "HBS_RETENTIONS",
    "simple_clv",
    "period_margin",
    "retention_clv",
    "expected_lifetime",
    "breakeven_retention",
    "retention_sweep",
    "segment_clv",
    "HBSExercise",
    "hbs_exercise",
    "repeat_purchase_tracking",
    "berger_nasr_clv",
    "optimal_promotion",
    "CustomerEquity",
    "customer_equity",
    "response_rate",
    "response_steepness",
    "bd_customer_equity",
    "OptimalSpend",
    "optimal_spend",
]
