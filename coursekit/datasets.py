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
import re
import stat
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
           "load_dataset", "dataset_path", "verify_checksum", "sha256_of", "cite",
           "card_problems", "pack_dataset_files"]

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
    card_file: str = field(default="", compare=False, repr=False)
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
        folder = Path(env)
        if not folder.is_dir():
            raise FileNotFoundError(f"COURSEKIT_DATA={env} is not a folder")
        try:
            has_cards = any(p.suffix == ".toml" for p in folder.iterdir())
        except OSError as exc:
            raise DatasetError(f"COURSEKIT_DATA={env} cannot be read ({exc.strerror})") from None
        if not has_cards:
            raise DatasetError(f"COURSEKIT_DATA={env} holds no data cards (*.toml); point it at "
                               f"a datasets/ folder or unset it")
        return folder
    here = Path(__file__).resolve().parent
    for candidate in (here / "_datasets", here.parent / "datasets"):
        if candidate.is_dir() and any(candidate.glob("*.toml")):
            return candidate
    raise FileNotFoundError("coursekit's datasets folder was not found; reinstall the package")


def _cards() -> dict[str, DatasetCard]:
    return _read_cards(str(data_dir()))[0]


def card_problems() -> dict[str, str]:
    """The data cards that cannot be used, by dataset name (or card file): what is wrong.

    A broken card affects only its own dataset: the others still list and load.
    """
    return dict(_read_cards(str(data_dir()))[1])


_NAME = re.compile(r"^[A-Za-z0-9_]+$")
_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
_TEXT_KEYS = ("name", "title", "description", "file", "sha256", "licence", "source", "citation",
              "bibtex", "generator")


def _card(path: Path) -> DatasetCard:
    """Read and validate one card; raise :class:`DatasetError` naming the card file."""
    def bad(what: str) -> DatasetError:
        return DatasetError(f"data card {path.name}: {what}")

    if not path.resolve().is_relative_to(path.parent.resolve()):
        raise bad(f"is a link that leaves the data folder {path.parent}; refused")
    if path.exists() and not (path.is_file() or path.is_dir()):  # e.g. a FIFO would block
        raise bad("is not a regular file; refused")
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except OSError as exc:
        raise bad(f"cannot be read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise bad(f"is not valid TOML ({exc})") from None
    missing = [k for k in REQUIRED_KEYS if k not in raw]
    if missing:
        raise bad(f"lacks the key(s) {missing}")
    for key in _TEXT_KEYS:
        if key in raw and not isinstance(raw[key], str):
            raise bad(f"{key} must be a string; got {type(raw[key]).__name__}")
    if not _NAME.match(raw["name"]):
        raise bad(f"name must use letters, digits and _ only; got {raw['name']!r}")
    file = raw["file"]
    if not file or file in (".", "..") or Path(file).name != file or "/" in file \
            or "\\" in file or Path(file).is_absolute():
        raise bad(f"file must be a bare file name inside the data folder; got {file!r}")
    if not _SHA256.match(raw["sha256"]):
        raise bad(f"sha256 must be 64 hexadecimal digits; got {raw['sha256']!r}")
    rows = raw.get("rows")
    if rows is not None and (not isinstance(rows, int) or isinstance(rows, bool) or rows < 0):
        raise bad(f"rows must be a whole number >= 0; got {rows!r}")
    modules = raw.get("modules", [])
    if not isinstance(modules, list) or not all(isinstance(m, str) for m in modules):
        raise bad(f"modules must be a list of module ids (strings); got {modules!r}")
    if not isinstance(raw["columns"], list) or not raw["columns"]:
        raise bad("columns must be a non-empty list of [[columns]] tables")
    columns = []
    for i, c in enumerate(raw["columns"], 1):
        if not isinstance(c, dict) or not isinstance(c.get("name"), str) or not c["name"]:
            raise bad(f"column {i} needs a name (a string)")
        if c.get("dtype") not in DTYPES:
            raise bad(f"column {c['name']!r} has dtype {c.get('dtype')!r}; allowed: {DTYPES}")
        for key in ("unit", "description"):
            if not isinstance(c.get(key, ""), str):
                raise bad(f"column {c['name']!r}: {key} must be a string")
        columns.append(Column(c["name"], c["dtype"], c.get("unit", ""),
                              c.get("description", "")))
    known = set(DatasetCard.__dataclass_fields__) - {"extra", "columns", "modules", "sha256",
                                                      "card_file"}
    return DatasetCard(
        **{k: raw[k] for k in known if k in raw},
        sha256=raw["sha256"].lower(),
        columns=tuple(columns),
        modules=tuple(modules),
        card_file=path.name,
        extra={k: v for k, v in raw.items() if k not in DatasetCard.__dataclass_fields__},
    )


@lru_cache(maxsize=None)
def _read_cards(folder: str) -> tuple[dict[str, DatasetCard], dict[str, str]]:
    """(valid cards by name, problems by dataset name or card file) of one data folder."""
    cards: dict[str, DatasetCard] = {}
    problems: dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.toml")):
        try:
            card = _card(path)
        except DatasetError as exc:
            problems[path.stem] = str(exc)
            continue
        if card.name in cards or card.name in problems:
            other = cards.pop(card.name).card_file if card.name in cards else "another card"
            problems[card.name] = (f"data cards {other} and {path.name} both define the "
                                   f"dataset {card.name!r}; rename or remove one")
            continue
        cards[card.name] = card
    return cards, problems


def list_datasets() -> list[str]:
    """Names of all datasets with a valid card (see :func:`card_problems` for the others)."""
    return sorted(_cards())


def dataset_info(name: str) -> DatasetCard:
    """The card of dataset ``name`` (print it for a readable summary)."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a dataset name (a string); got {name!r}")
    cards, problems = _read_cards(str(data_dir()))
    if name in problems:
        raise DatasetError(problems[name])
    if name not in cards:
        raise ValueError(f"unknown dataset {name!r}; valid names are: {', '.join(sorted(cards))}")
    return cards[name]


def _data_file(card: DatasetCard, folder: Path | None = None) -> Path:
    """The data file of ``card``: inside the data folder, a regular file (else DatasetError)."""
    folder = data_dir() if folder is None else folder
    path = folder / card.file
    if not os.path.exists(path):  # follows links: a dangling link is missing too
        raise DatasetError(f"data file {path} of dataset {card.name!r} is missing")
    if not path.resolve().is_relative_to(folder.resolve()):
        raise DatasetError(f"data file {path} of dataset {card.name!r} is a link that leaves "
                           f"the data folder {folder}; refused")
    if not stat.S_ISREG(path.stat().st_mode):
        raise DatasetError(f"data file {path} of dataset {card.name!r} is not a regular file; "
                           f"refused")
    return path


def dataset_path(name: str) -> Path:
    """Path of the data file of dataset ``name`` (always inside the data folder)."""
    return _data_file(dataset_info(name))


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
    return _verified(card, _data_file(card))


def _checksum_error(card: DatasetCard, path: Path, actual: str) -> DatasetError:
    return DatasetError(
        f"data file {path} is corrupted or modified: its sha256 is {actual}, but the card "
        f"{card.card_file or card.name + '.toml'} says {card.sha256}. Restore the file from the "
        f"project (e.g. `git checkout -- datasets/{card.file}`).")


def _verified(card: DatasetCard, path: Path) -> Path:
    actual = sha256_of(path)
    if actual.lower() != card.sha256.lower():
        raise _checksum_error(card, path, actual)
    return path


def pack_dataset_files(names: list[str], target: str | Path) -> None:
    """Copy the data files and cards of ``names`` into the folder ``target``.

    Every file is read and its checksum verified *before* anything is written, and the bytes
    written are the bytes verified; all files land directly inside ``target``.
    """
    target = Path(target)
    folder = data_dir()
    contents: dict[str, bytes] = {}
    for name in names:
        card = dataset_info(name)
        path = _data_file(card, folder)
        data = path.read_bytes()
        actual = hashlib.sha256(data).hexdigest()
        if actual != card.sha256.lower():
            raise _checksum_error(card, path, actual)
        card_path = folder / card.card_file
        if not card_path.resolve().is_relative_to(folder.resolve()) \
                or not stat.S_ISREG(card_path.stat().st_mode):
            raise DatasetError(f"data card {card_path} is not a regular file inside {folder}")
        contents[card.file] = data
        contents[card.card_file] = card_path.read_bytes()
    target.mkdir(parents=True, exist_ok=True)
    for file, data in contents.items():
        destination = target / file
        if destination.parent != target:  # cannot happen with validated cards; never write out
            raise DatasetError(f"refusing to write {file!r} outside {target}")
        destination.write_bytes(data)


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
    path = _data_file(card)
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
