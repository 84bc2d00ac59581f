"""Datasets: cards, checksums, schemas, regeneration, and loading from an installed wheel."""
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from coursekit import datasets
from coursekit.datasets import DatasetError
from notebook_runner import ROOT

NAMES = datasets.list_datasets()


@pytest.mark.parametrize("name", NAMES)
def test_card_is_complete(name):
    card = datasets.dataset_info(name)
    for field in ("title", "description", "licence", "source", "citation", "sha256", "file"):
        assert str(getattr(card, field)).strip(), f"{name}: card field {field} is empty"
    assert len(card.sha256) == 64
    assert card.columns, name
    for col in card.columns:
        assert col.description.strip(), f"{name}.{col.name} has no description"


@pytest.mark.parametrize("name", NAMES)
def test_every_dataset_loads_with_its_declared_columns(name):
    data = datasets.load_dataset(name)
    card = datasets.dataset_info(name)
    if card.file.endswith(".csv"):
        assert [c.name for c in card.columns] == list(data.columns)
        if card.rows is not None:
            assert len(data) == card.rows
        assert not data.empty


@pytest.mark.parametrize("name", [n for n in NAMES if datasets.dataset_info(n).generator])
def test_synthetic_datasets_regenerate_bit_for_bit(name):
    from coursekit import synth

    assert datasets.sha256_of(datasets.dataset_path(name)) == datasets.dataset_info(name).sha256
    import hashlib

    assert hashlib.sha256(synth.to_csv_bytes(synth.generate(name))).hexdigest() == \
        datasets.dataset_info(name).sha256


@pytest.fixture
def copied_datasets(tmp_path, monkeypatch):
    folder = tmp_path / "datasets"
    shutil.copytree(datasets.data_dir(), folder)
    monkeypatch.setenv("COURSEKIT_DATA", str(folder))
    yield folder
    datasets._read_cards.cache_clear()


def test_modified_file_is_detected_by_checksum(copied_datasets):
    path = copied_datasets / "vacation_offers.csv"
    path.write_text(path.read_text().replace("280.0", "180.0"))
    with pytest.raises(DatasetError, match="vacation_offers.csv.*corrupted"):
        datasets.load_dataset("vacation_offers")


def test_truncated_file_is_detected_by_checksum(copied_datasets):
    path = copied_datasets / "vacation_offers.csv"
    path.write_bytes(path.read_bytes()[:60])
    with pytest.raises(DatasetError, match="vacation_offers.csv"):
        datasets.load_dataset("vacation_offers")


def test_missing_file_is_reported(copied_datasets):
    (copied_datasets / "vacation_offers.csv").unlink()
    with pytest.raises(DatasetError, match="missing"):
        datasets.load_dataset("vacation_offers")


def test_schema_mismatch_is_reported_even_with_a_matching_checksum(copied_datasets):
    path = copied_datasets / "vacation_offers.csv"
    path.write_text(path.read_text().replace("guests", "visitors"))
    card = copied_datasets / "vacation_offers.toml"
    card.write_text(card.read_text().replace(datasets.sha256_of(ROOT / "datasets" /
                                                                 "vacation_offers.csv"),
                                             datasets.sha256_of(path)))
    datasets._read_cards.cache_clear()
    with pytest.raises(DatasetError, match="columns"):
        datasets.load_dataset("vacation_offers")


def test_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match="vacation_offers"):
        datasets.load_dataset("vacation")
    with pytest.raises(TypeError, match="name"):
        datasets.dataset_info(3)


def test_cite_text_and_bibtex():
    assert "Perry" in datasets.cite("vacation_offers")
    assert datasets.cite("vacation_offers", style="bibtex").startswith("@")
    with pytest.raises(ValueError, match="style"):
        datasets.cite("vacation_offers", style="apa")


def test_card_str_names_columns_units_and_checksum():
    text = str(datasets.dataset_info("vacation_offers"))
    assert "price_per_night" in text and "USD per night" in text and "sha256" in text


def test_loads_from_an_installed_wheel(tmp_path):
    """Build the wheel offline, unpack it alone on sys.path, and load a dataset from it."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "-w", str(tmp_path), str(ROOT)], check=True)
    wheel = next(tmp_path.glob("coursekit-*.whl"))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    assert (site / "coursekit" / "_datasets" / "vacation_offers.toml").exists()
    code = ("import coursekit, coursekit.datasets as d; "
            "assert coursekit.__file__.startswith(%r), coursekit.__file__; "
            "print(d.data_dir()); print(d.load_dataset('vacation_offers').shape)" % str(site))
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                         capture_output=True, text=True, check=True).stdout
    assert "_datasets" in out and "(3, 8)" in out
