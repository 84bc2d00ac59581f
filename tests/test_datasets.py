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
    wheel = next(tmp_path.glob("coursekit_services_marketing-*.whl"))
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


# --- a card cannot reach outside the data folder; a broken card affects only its dataset -------

def _edit_card(folder, name, old, new):
    card = folder / f"{name}.toml"
    text = card.read_text(encoding="utf-8")
    assert old in text, old
    card.write_text(text.replace(old, new, 1), encoding="utf-8")
    datasets._read_cards.cache_clear()


def _still_fine(exclude):
    names = datasets.list_datasets()
    assert exclude not in names and "vacation_offers" in names
    assert datasets.load_dataset("vacation_offers").shape == (3, 8)


@pytest.mark.parametrize("file", ["../outside.csv", "/etc/passwd", "sub/x.csv", "..", ""])
def test_card_file_must_be_a_bare_name(copied_datasets, file):
    outside = copied_datasets.parent / "outside.csv"
    outside.write_bytes((copied_datasets / "recovery_experiment.csv").read_bytes())
    _edit_card(copied_datasets, "recovery_experiment", 'file = "recovery_experiment.csv"',
               f'file = "{file}"')
    with pytest.raises(DatasetError, match="recovery_experiment.toml: file must be a bare"):
        datasets.load_dataset("recovery_experiment")
    _still_fine("recovery_experiment")


def test_a_symlink_leaving_the_data_folder_is_refused(copied_datasets):
    outside = copied_datasets.parent / "outside.csv"
    path = copied_datasets / "recovery_experiment.csv"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    for call in (datasets.load_dataset, datasets.dataset_path, datasets.verify_checksum):
        with pytest.raises(DatasetError, match="leaves the data folder"):
            call("recovery_experiment")
    with pytest.raises(DatasetError, match="leaves the data folder"):
        datasets.pack_dataset_files(["recovery_experiment"], copied_datasets.parent / "pack")
    assert not (copied_datasets.parent / "pack").exists()


def test_a_fifo_is_refused_without_blocking(copied_datasets):
    path = copied_datasets / "recovery_experiment.csv"
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(DatasetError, match="not a regular file"):
        datasets.load_dataset("recovery_experiment")
    with pytest.raises(DatasetError, match="not a regular file"):
        datasets.pack_dataset_files(["vacation_offers", "recovery_experiment"],
                                    copied_datasets.parent / "pack")


def test_pack_verifies_every_checksum_before_writing_anything(copied_datasets):
    with open(copied_datasets / "recovery_experiment.csv", "a") as fh:
        fh.write("tampered\n")
    target = copied_datasets.parent / "pack"
    with pytest.raises(DatasetError, match="corrupted or modified"):
        datasets.pack_dataset_files(["vacation_offers", "recovery_experiment"], target)
    assert not target.exists()  # vacation_offers (fine, listed first) was not written either
    datasets.pack_dataset_files(["vacation_offers"], target)
    assert sorted(p.name for p in target.iterdir()) == ["vacation_offers.csv",
                                                        "vacation_offers.toml"]


@pytest.mark.parametrize("old, new, message", [
    ('name = "recovery_experiment"', 'name = "recovery_experiment', "not valid TOML"),
    ('[[columns]]\nname = ', '[[columns]]\nlabel = ', "needs a name"),
    ('rows = ', 'rows = "many" #', "rows must be a whole number"),
    ('title = ', 'title = 3 #', "title must be a string"),
    ('dtype = "', 'dtype = "decimal', "dtype"),
    ('sha256 = "', 'sha256 = "zz', "64 hexadecimal"),
])
def test_a_malformed_card_names_itself_and_affects_only_its_dataset(copied_datasets, old, new,
                                                                     message):
    _edit_card(copied_datasets, "recovery_experiment", old, new)
    problems = datasets.card_problems()
    assert list(problems) == ["recovery_experiment"]
    assert "recovery_experiment.toml" in problems["recovery_experiment"]
    assert message in problems["recovery_experiment"]
    with pytest.raises(DatasetError, match="recovery_experiment.toml"):
        datasets.dataset_info("recovery_experiment")
    _still_fine("recovery_experiment")


def test_an_unreadable_card_names_itself(copied_datasets):
    (copied_datasets / "broken.toml").mkdir()  # reading it fails, whoever runs the test
    datasets._read_cards.cache_clear()
    assert "broken.toml: cannot be read" in datasets.card_problems()["broken"]
    _still_fine("broken")


def test_two_cards_with_one_name_are_refused(copied_datasets):
    shutil.copy(copied_datasets / "recovery_experiment.toml", copied_datasets / "copy.toml")
    datasets._read_cards.cache_clear()
    assert "both define" in datasets.card_problems()["recovery_experiment"]
    with pytest.raises(DatasetError, match="copy.toml"):
        datasets.load_dataset("recovery_experiment")
    _still_fine("recovery_experiment")


def test_checksums_compare_case_insensitively(copied_datasets):
    sha = datasets.sha256_of(copied_datasets / "vacation_offers.csv")
    _edit_card(copied_datasets, "vacation_offers", sha, sha.upper())
    assert datasets.load_dataset("vacation_offers").shape == (3, 8)
    datasets.pack_dataset_files(["vacation_offers"], copied_datasets.parent / "pack")


@pytest.mark.parametrize("setup, message", [("empty", "holds no data cards"),
                                            ("file", "is not a folder")])
def test_an_unusable_data_folder_says_so(tmp_path, monkeypatch, setup, message):
    folder = tmp_path / "data"
    if setup == "empty":
        folder.mkdir()
    else:
        folder.write_text("not a folder")
    monkeypatch.setenv("COURSEKIT_DATA", str(folder))
    with pytest.raises((DatasetError, FileNotFoundError), match=message):
        datasets.load_dataset("vacation_offers")
    with pytest.raises((DatasetError, FileNotFoundError), match=message):
        datasets.list_datasets()


def test_a_pack_needing_a_broken_dataset_stops_and_writes_nothing(copied_datasets, tmp_path):
    from coursekit.course import get_module
    from coursekit.pack import build_pack

    _edit_card(copied_datasets, "vacation_offers", 'file = "vacation_offers.csv"',
               'file = "../../escape.csv"')
    out = tmp_path / "pack"
    with pytest.raises(DatasetError, match="vacation_offers.toml"):
        build_pack([get_module("01")], out, root=ROOT, verify=False)
    assert not out.exists() and not (tmp_path / "escape.csv").exists()


def test_an_unreadable_data_folder_says_so(tmp_path, monkeypatch):
    from pathlib import Path

    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("COURSEKIT_DATA", str(folder))

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)  # as for a folder without read permission
    with pytest.raises(DatasetError, match=r"COURSEKIT_DATA=.* cannot be read \(Permission"):
        datasets.list_datasets()


def test_cli_lists_the_good_datasets_and_names_a_broken_card(copied_datasets, capsys):
    from coursekit.cli import main

    _edit_card(copied_datasets, "recovery_experiment", 'file = "recovery_experiment.csv"',
               'file = "../x.csv"')
    assert main(["datasets"]) == 1
    captured = capsys.readouterr()
    assert "vacation_offers" in captured.out and "recovery_experiment" not in captured.out
    assert captured.err.startswith("error: data card recovery_experiment.toml: file must be")


def test_a_card_linked_from_outside_is_refused(copied_datasets):
    outside = copied_datasets.parent / "outside.toml"
    (copied_datasets / "recovery_experiment.toml").rename(outside)
    (copied_datasets / "recovery_experiment.toml").symlink_to(outside)
    datasets._read_cards.cache_clear()
    assert "leaves the data folder" in datasets.card_problems()["recovery_experiment"]
    _still_fine("recovery_experiment")
