"""Every concept of the curriculum map is taught: its anchors occur in the module's notebooks."""
from functools import lru_cache

import nbformat
import pytest

from coursekit.course import MODULES
from coursekit.curriculum import CURRICULUM, coverage_markdown, item, items_for_module
from notebook_runner import ROOT

MODULE_IDS = {m.id for m in MODULES}


@lru_cache(maxsize=None)
def module_text(module_id: str) -> str:
    """Lesson and solutions notebook sources of one module, lower-cased."""
    m = next(m for m in MODULES if m.id == module_id)
    parts = []
    for folder in ("notebooks", "solutions"):
        nb = nbformat.read(ROOT / folder / m.notebook, as_version=4)
        parts += [c.source for c in nb.cells]
    return "\n".join(parts).lower()


def test_table_3a_items_1_to_59_are_all_there_once():
    numbers = [it.number for it in CURRICULUM if isinstance(it.number, int)]
    assert sorted(numbers) == list(range(1, 60))
    assert len({it.number for it in CURRICULUM}) == len(CURRICULUM)


def test_every_end_of_section_exercise_group_is_there():
    exercises = {it.number for it in CURRICULUM if isinstance(it.number, str)}
    for section in ("E1.3", "E2.1-1", "E2.1-2", "E3.2", "E4.2-1", "E4.2-2", "E4.2-3",
                    "E5.1.18", "E6.2", "E7.4"):
        assert section in exercises


@pytest.mark.parametrize("it", CURRICULUM, ids=lambda it: str(it.number))
def test_item_maps_to_a_module_and_its_anchors_occur(it):
    assert it.module in MODULE_IDS, f"item {it.number}: unknown module {it.module!r}"
    assert it.name and it.sources and it.anchors
    text = module_text(it.module)
    missing = [a for a in it.anchors if a.lower() not in text]
    assert not missing, f"item {it.number} ({it.name}): {missing} not in module {it.module}"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.id)
def test_every_module_teaches_at_least_one_item(module):
    assert items_for_module(module.id), f"module {module.id} teaches no curriculum item"


def test_lookup():
    assert item(41).module == "10"
    with pytest.raises(KeyError, match="999"):
        item(999)


def test_coverage_doc_is_in_sync():
    doc = ROOT / "docs" / "curriculum_coverage.md"
    assert doc.read_text(encoding="utf-8") == coverage_markdown(), (
        "docs/curriculum_coverage.md is stale: write coursekit.curriculum.coverage_markdown() "
        "to it")
