"""Quality function deployment: the house of quality (textbook 4.2, "The Voice of the Customer").

The textbook (l.1352-1359) lists the six rooms of a house of quality:

1. customer requirements (the *whats*) with their relative importance ``w_i``;
2. engineering characteristics (the *hows*);
3. the relationship matrix ``r_ij`` ("the degree of the correlation may be represented by
   different symbols");
4. the roof (correlations among the hows: synergies and trade-offs);
5. the competitive assessment (how customers rate us and our competitors);
6. the basement, which ranks the hows "by multiplying the values in each cell by the weight of
   the 'why' and then adding the values together":

   .. math:: \\text{TI}_j = \\sum_i w_i \\, r_{ij}, \\qquad
             \\text{RI}_j = \\text{TI}_j / \\sum_k \\text{TI}_k .

Not from the textbook: the 9/3/1 symbol scale (strong/medium/weak), the Japanese practice of
Akao (1990, *Quality Function Deployment*, Productivity Press) - Hauser & Clausing (1988, "The
House of Quality", *Harvard Business Review* 66(3): 63-73) use signed symbols and allow negative
what-how relationships, which this house cannot represent (cells are >= 0) -, the roof's ++/+/-/-- convention (Hauser & Clausing 1988), the planning
matrix with improvement ratio and sales point (Cohen 1995, *Quality Function Deployment: How to
Make QFD Work for You*, Addison-Wesley), row normalisation of the relationship matrix
(Wasserman 1993, "On how to prioritize design requirements during the QFD planning process",
*IIE Transactions* 25(3): 59-65) and the Kano adjustment of the improvement ratio (Tan & Shen
2000, "Integrating Kano's model in the planning matrix of quality function deployment", *Total
Quality Management* 11(8): 1141-1151).

Files: :mod:`~coursekit.models.qfd.house` (the house and its basement),
:mod:`~coursekit.models.qfd.cells` (symbol scales and cell parsing),
:mod:`~coursekit.models.qfd.planning` (the planning matrix), :mod:`~coursekit.models.qfd.roof`
(the roof), :mod:`~coursekit.models.qfd.sensitivity` (how the priorities depend on the symbol
scale), :mod:`~coursekit.models.qfd.kano` (classifying features with the Kano model) and
:mod:`~coursekit.models.qfd.kano_evidence` (Fong's significance test, self-stated importance,
the life cycle of attractive quality).

>>> house = HouseOfQuality(
...     ["tasty food", "quick service"], [5, 3],
...     ["chef training", "servers per shift"],
...     [["strong", "weak"], [None, "strong"]])
>>> house.technical_importance()
characteristic
chef training        45.0
servers per shift    32.0
Name: technical_importance, dtype: float64
"""
from __future__ import annotations

from coursekit.models.qfd.house import (
    HouseOfQuality,
)
from coursekit.models.qfd.cells import (
    DEFAULT_SCALE,
    DIRECTIONS,
)
from coursekit.models.qfd.planning import (
    KANO_EXPONENTS,
    KANO_EXPONENTS_REVERSED,
    TAN_SHEN_KANO_PARAMETERS,
)
from coursekit.models.qfd.roof import (
    ROOF_SCALE,
)
from coursekit.models.qfd.sensitivity import (
    RELATIONSHIP_SCALES,
    ScaleSensitivity,
    rescore,
    scale_sensitivity,
)
from coursekit.models.qfd.kano import (
    ANSWERS,
    CATEGORIES,
    EVALUATION_TABLE,
    kano_category,
    kano_classify,
    kano_coefficients,
)
from coursekit.models.qfd.kano_evidence import (
    KANO_LIFE_CYCLE,
    fong_test,
    self_stated_importance,
)

__all__ = [
    "HouseOfQuality",
    "DEFAULT_SCALE",
    "DIRECTIONS",
    "KANO_EXPONENTS",
    "KANO_EXPONENTS_REVERSED",
    "TAN_SHEN_KANO_PARAMETERS",
    "ROOF_SCALE",
    "RELATIONSHIP_SCALES",
    "ScaleSensitivity",
    "rescore",
    "scale_sensitivity",
    "ANSWERS",
    "CATEGORIES",
    "EVALUATION_TABLE",
    "kano_category",
    "kano_classify",
    "kano_coefficients",
    "KANO_LIFE_CYCLE",
    "fong_test",
    "self_stated_importance",
]
