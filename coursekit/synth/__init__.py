"""Seeded generators of the synthetic datasets.

Each synthetic dataset's card names its generator (``generator = "coursekit.synth.<module>:<fn>"``),
a function with no required arguments that returns the DataFrame. :func:`write` regenerates the
shipped file; regeneration reproduces it bit for bit (the tests check this against the sha256).
"""
from __future__ import annotations

import importlib
from pathlib import Path

__all__ = ["generate", "to_csv_bytes", "write"]


def generate(name: str):
    """Run the generator of synthetic dataset ``name`` and return its DataFrame."""
    from coursekit.datasets import dataset_info

    card = dataset_info(name)
    if not card.generator:
        raise ValueError(f"dataset {name!r} is not synthetic (its card names no generator)")
    module, _, func = card.generator.partition(":")
    return getattr(importlib.import_module(module), func)()


def to_csv_bytes(frame) -> bytes:
    """The canonical CSV encoding of the shipped files (no index, ``\\n`` line ends)."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write(name: str, folder: str | Path | None = None) -> Path:
    """Regenerate dataset ``name`` into ``folder`` (default: the datasets folder)."""
    from coursekit.datasets import data_dir, dataset_info

    card = dataset_info(name)
    path = Path(folder or data_dir()) / card.file
    path.write_bytes(to_csv_bytes(generate(name)))
    return path
