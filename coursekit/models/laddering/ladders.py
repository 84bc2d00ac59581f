"""Ladders: the coded answer sequences of a laddering interview (TB 6.1).

Each answer sequence is a *ladder* of codes, each code on one of three levels, from concrete to
abstract: attribute -> consequence -> value. This module reads ladders in their common layouts
into one long table; the analysis is in :mod:`~coursekit.models.laddering.implications` and
:mod:`~coursekit.models.laddering.value_map`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from coursekit._validate import check_columns

__all__ = [
    "LEVELS", "parse_ladders",
]

#: The three levels of a means-end chain, from concrete (bottom of the map) to abstract (top).
LEVELS: tuple[str, str, str] = ("attribute", "consequence", "value")
_LEVEL_ALIASES = {"a": "attribute", "c": "consequence", "v": "value",
                  "attributes": "attribute", "consequences": "consequence", "values": "value"}


def _level_of(raw: Any, code: str) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"codebook gives code {code!r} the level {raw!r}; allowed levels are "
                         f"{', '.join(map(repr, LEVELS))}")
    level = _LEVEL_ALIASES.get(raw.strip().lower(), raw.strip().lower())
    if level not in LEVELS:
        raise ValueError(f"codebook gives code {code!r} the level {raw!r}; allowed levels are "
                         f"{', '.join(map(repr, LEVELS))}")
    return level


def _split(text: str, separator: str, where: str) -> list[str]:
    parts = [p.strip() for p in text.split(separator)]
    if not text.strip() or any(p == "" for p in parts):
        raise ValueError(f"ladders: {where} is empty or has an empty step: {text!r}")
    return parts


def parse_ladders(data: pd.DataFrame | Sequence[str] | Mapping[Any, Sequence[str]],
                  codebook: Mapping[str, str] | None = None, *,
                  separator: str = ">", check_order: bool = True) -> pd.DataFrame:
    """Turn ladders into one tidy table: ``respondent, ladder, position, code, level``.

    ``data`` is either

    - a DataFrame with columns ``respondent, ladder, position, code`` (and optionally ``level``),
      one row per step; or
    - a list of strings such as ``"team approach > knowledge > saves time > profitability"``
      (each string is one ladder of its own respondent); or
    - a mapping respondent -> list of such strings.

    ``codebook`` maps every code to its level (``"attribute"``, ``"consequence"``, ``"value"``
    or ``"A"``/``"C"``/``"V"``); it may be omitted only when the table has a ``level`` column.
    Errors (``ValueError`` naming ``ladders`` or ``codebook``): a code with no level, an empty
    ladder, a code repeated inside one ladder (a cycle: "A because B because A"), positions that
    repeat and - with ``check_order`` - a ladder that steps *down* a level (value -> attribute).

    >>> parse_ladders({"r1": ["team > time > control"]}, {"team": "A", "time": "C",
    ...                                                  "control": "V"})
      respondent  ladder  position     code        level
    0         r1       0         0     team    attribute
    1         r1       0         1     time  consequence
    2         r1       0         2  control        value
    """
    if not isinstance(separator, str) or not separator.strip():
        raise ValueError(f"separator must be a non-empty string; got {separator!r}")
    if isinstance(data, pd.DataFrame):
        check_columns(data, "ladders", ["respondent", "ladder", "position", "code"])
        cols = ["respondent", "ladder", "position", "code"]
        if "level" in data.columns:
            cols.append("level")
        table = data[cols].copy()
        if table.empty:
            raise ValueError("ladders is an empty table: there is nothing to analyse")
        if table["code"].isna().any() or (table["code"].astype(str).str.strip() == "").any():
            raise ValueError("ladders has an empty code; every step of a ladder needs a code")
        table["code"] = table["code"].astype(str).str.strip()
    else:
        if isinstance(data, str):
            raise TypeError("ladders must be a list of ladder strings, a mapping respondent -> "
                            "list of strings or a DataFrame; got a single string (wrap it in "
                            "a list)")
        if isinstance(data, Mapping):
            items = list(data.items())
        elif isinstance(data, Iterable):
            items = [(i, [text]) for i, text in enumerate(data)]
        else:
            raise TypeError("ladders must be a DataFrame, a list of strings or a mapping "
                            f"respondent -> list of strings; got {type(data).__name__}")
        if not items:
            raise ValueError("ladders is empty: there is nothing to analyse")
        rows = []
        for respondent, texts in items:
            if isinstance(texts, str):
                texts = [texts]
            if not texts:
                raise ValueError(f"ladders: respondent {respondent!r} has no ladder")
            for k, text in enumerate(texts):
                if not isinstance(text, str):
                    raise TypeError(f"ladders: each ladder must be a string like 'a > b > c'; "
                                    f"got {text!r} for respondent {respondent!r}")
                where = f"ladder {k} of respondent {respondent!r}"
                rows += [(respondent, k, j, code)
                         for j, code in enumerate(_split(text, separator, where))]
        table = pd.DataFrame(rows, columns=["respondent", "ladder", "position", "code"])

    if codebook is not None:
        if not isinstance(codebook, Mapping):
            raise TypeError(f"codebook must be a mapping code -> level; got "
                            f"{type(codebook).__name__}")
        levels = {str(code).strip(): _level_of(level, code) for code, level in codebook.items()}
        unknown = sorted(set(table["code"]) - set(levels))
        if unknown:
            raise ValueError(f"codebook has no level for code(s) {unknown}; give every code one "
                             f"of the levels {', '.join(LEVELS)}")
        table["level"] = table["code"].map(levels)
    elif "level" in table.columns:
        if table["level"].isna().any():
            missing = sorted(table.loc[table["level"].isna(), "code"].unique())
            raise ValueError(f"ladders has no level for code(s) {missing}")
        table["level"] = [_level_of(lv, c) for lv, c in zip(table["level"], table["code"])]
        per_code = table.groupby("code")["level"].nunique()
        if (per_code > 1).any():
            raise ValueError(f"ladders gives code(s) {sorted(per_code[per_code > 1].index)} "
                             "more than one level")
    else:
        raise ValueError("codebook is required (a mapping code -> level) unless ladders has a "
                         "'level' column")

    table = table.sort_values(["respondent", "ladder", "position"], kind="stable")
    table = table.reset_index(drop=True)
    keys = ["respondent", "ladder"]
    if table.duplicated(keys + ["position"]).any():
        raise ValueError("ladders repeats a position inside a ladder; positions must be unique")
    repeated = table[table.duplicated(keys + ["code"], keep=False)]
    if not repeated.empty:
        r = repeated.iloc[0]
        raise ValueError(f"ladders has a cycle: code {r['code']!r} appears twice in ladder "
                         f"{r['ladder']!r} of respondent {r['respondent']!r}")
    if check_order:
        rank = table["level"].map({lv: i for i, lv in enumerate(LEVELS)})
        step_down = (rank.diff() < 0) & table.duplicated(keys, keep="first")
        if step_down.any():
            r = table[step_down].iloc[0]
            raise ValueError(f"ladders: ladder {r['ladder']!r} of respondent "
                             f"{r['respondent']!r} steps down a level at {r['code']!r} "
                             f"(order must be attribute -> consequence -> value; pass "
                             f"check_order=False to allow it)")
    table["position"] = table.groupby(keys).cumcount().astype("int64")
    table["ladder"] = table["ladder"].astype("int64")
    return table[["respondent", "ladder", "position", "code", "level"]]
