"""The course datasets: list them, read their cards, load them with integrity checks.

Every file in ``datasets/`` has a TOML card beside it (``<name>.toml``) with a description, a
column dictionary with units, provenance, licence, citation and the file's sha256. Loading a
dataset verifies the checksum and the declared columns and dtypes, so a modified or truncated file
is reported by name instead of silently feeding wrong numbers into a lesson.

>>> "vacation_offers" in list_datasets()
True
>>> load_dataset("vacation_offers").shape[0]
3
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["DatasetCard", "DatasetError", "data_dir", "list_datasets", "dataset_info",
           "load_dataset", "dataset_path", "verify_checksum", "sha256_of", "cite"]

DTYPES = ("int64", "float64", "string", "bool", "datetime64[ns]", "category")
REQUIRED_KEYS = ("name", "title", "description", "file", "sha256", "licence", "source",
                 "citation", "columns")


class DatasetError(ValueError):
    """A dataset file does not match its card (checksum, columns or types)."""


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str
    unit: str
    description: str


@dataclass(frozen=True)
class DatasetCard:
    """The data card of one dataset (what it is, its columns, where it comes from)."""

    name: str
    title: str
    description: str
    file: str
    sha256: str
    licence: str
    source: str
    citation: str
    columns: tuple[Column, ...]
    rows: int | None = None
    bibtex: str = ""
    modules: tuple[str, ...] = ()
    generator: str | None = None
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    def column_table(self):
        """The column dictionary as a DataFrame (name, dtype, unit, description)."""
        import pandas as pd

        return pd.DataFrame([c.__dict__ for c in self.columns])

    def __str__(self) -> str:
        cols = "\n".join(f"  {c.name:<22} {c.dtype:<10} {c.unit:<12} {c.description}"
                         for c in self.columns)
        return (f"{self.title} ({self.name})\n{self.description.strip()}\n\nColumns:\n{cols}\n\n"
                f"Source: {self.source.strip()}\nLicence: {self.licence}\n"
                f"Cite as: {self.citation.strip()}\nsha256: {self.sha256}")


def data_dir() -> Path:
    """Where the data files are.

    ``$COURSEKIT_DATA`` if set (a course pack's own ``datasets/``), else the wheel's copy, else
    ``datasets/`` of a source checkout.
    """
    env = os.environ.get("COURSEKIT_DATA")
    if env:
        if not Path(env).is_dir():
            raise FileNotFoundError(f"COURSEKIT_DATA={env} is not a folder")
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here / "_datasets", here.parent / "datasets"):
        if candidate.is_dir() and any(candidate.glob("*.toml")):
            return candidate
    raise FileNotFoundError("coursekit's datasets folder was not found; reinstall the package")


def _cards() -> dict[str, DatasetCard]:
    return _read_cards(str(data_dir()))


@lru_cache(maxsize=None)
def _read_cards(folder: str) -> dict[str, DatasetCard]:
    cards = {}
    for path in sorted(Path(folder).glob("*.toml")):
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
        missing = [k for k in REQUIRED_KEYS if k not in raw]
        if missing:
            raise DatasetError(f"data card {path.name} lacks the key(s) {missing}")
        columns = tuple(Column(c["name"], c["dtype"], c.get("unit", ""), c.get("description", ""))
                        for c in raw["columns"])
        bad = [c.name for c in columns if c.dtype not in DTYPES]
        if bad:
            raise DatasetError(f"data card {path.name}: columns {bad} have a dtype outside {DTYPES}")
        known = set(DatasetCard.__dataclass_fields__) - {"extra", "columns", "modules"}
        card = DatasetCard(
            **{k: raw[k] for k in known if k in raw},
            columns=columns,
            modules=tuple(raw.get("modules", ())),
            extra={k: v for k, v in raw.items() if k not in DatasetCard.__dataclass_fields__},
        )
        cards[card.name] = card
    return cards


def list_datasets() -> list[str]:
    """Names of all shipped datasets."""
    return sorted(_cards())


def dataset_info(name: str) -> DatasetCard:
    """The card of dataset ``name`` (print it for a readable summary)."""
    cards = _cards()
    if not isinstance(name, str):
        raise TypeError(f"name must be a dataset name (a string); got {name!r}")
    if name not in cards:
        raise ValueError(f"unknown dataset {name!r}; valid names are: {', '.join(sorted(cards))}")
    return cards[name]


def dataset_path(name: str) -> Path:
    """Path of the data file of dataset ``name``."""
    return data_dir() / dataset_info(name).file


def sha256_of(path: str | Path) -> str:
    """The sha256 hex digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_checksum(name: str) -> Path:
    """Raise :class:`DatasetError` naming the file if its sha256 differs from the card."""
    card = dataset_info(name)
    return _verified(card, data_dir() / card.file)


def _verified(card: DatasetCard, path: Path) -> Path:
    if not path.exists():
        raise DatasetError(f"data file {path} of dataset {card.name!r} is missing")
    actual = sha256_of(path)
    if actual != card.sha256:
        raise DatasetError(
            f"data file {path} is corrupted or modified: its sha256 is {actual}, but the card "
            f"{card.name}.toml says {card.sha256}. Restore the file from the project "
            f"(e.g. `git checkout -- datasets/{card.file}`)."
        )
    return path


def _check_frame(frame, card: DatasetCard, path: Path):
    import pandas as pd

    expected = [c.name for c in card.columns]
    if list(frame.columns) != expected:
        raise DatasetError(f"data file {path} has columns {list(frame.columns)}; "
                           f"its card declares {expected}")
    if card.rows is not None and len(frame) != card.rows:
        raise DatasetError(f"data file {path} has {len(frame)} rows; its card declares {card.rows}")
    for col in card.columns:
        s = frame[col.name]
        if col.dtype == "int64":
            ok = pd.api.types.is_integer_dtype(s)
        elif col.dtype == "float64":
            ok = pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
        elif col.dtype == "bool":
            ok = pd.api.types.is_bool_dtype(s)
        elif col.dtype.startswith("datetime64"):
            ok = pd.api.types.is_datetime64_any_dtype(s)
        else:
            ok = True
        if not ok:
            raise DatasetError(f"column {col.name!r} of {path} should be {col.dtype}; "
                               f"it reads as {s.dtype}")
    return frame


def load_dataset(name: str, *, verify: bool = True):
    """Load dataset ``name`` as a DataFrame (JSON datasets load as a dict).

    The file's sha256 is checked against its card first (``verify=False`` skips that, e.g. to
    inspect a damaged file), then the columns and their dtypes.
    """
    import pandas as pd

    card = dataset_info(name)
    path = data_dir() / card.file
    if verify:
        _verified(card, path)
    if path.suffix == ".json":
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    dtypes: dict[str, Any] = {}
    dates = []
    for col in card.columns:
        if col.dtype.startswith("datetime64"):
            dates.append(col.name)
        elif col.dtype == "string":
            dtypes[col.name] = "string"
        elif col.dtype == "category":
            dtypes[col.name] = "category"
    try:
        frame = pd.read_csv(path, dtype=dtypes or None, parse_dates=dates or False)
    except (ValueError, pd.errors.ParserError) as exc:
        raise DatasetError(f"data file {path} could not be read as CSV: {exc}") from exc
    return _check_frame(frame, card, path)


def cite(name: str, *, style: str = "text") -> str:
    """The citation of dataset ``name``: ``style="text"`` or ``"bibtex"``."""
    card = dataset_info(name)
    if style == "bibtex":
        if not card.bibtex:
            raise ValueError(f"dataset {name!r} has no BibTeX entry in its card")
        return card.bibtex.strip()
    if style != "text":
        raise ValueError(f"style must be 'text' or 'bibtex'; got {style!r}")
    return card.citation.strip()
