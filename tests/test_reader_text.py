"""The chapters are written for readers (issue 21): no module names in their prose, and the
publishers' caveats listed once, on the methods page, with the chapters pointing to it.

Why a test: both slipped back in before. A preamble such as "computed by
`smartresearch.chapters.agreement.answer()`" tells a policy reader nothing, and the same
provenance list printed under five chapters buries the caveats that differ.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
#: A module or command of the package named in prose: `smartresearch.x`, `sr.x`,
#: `smartresearch data info`.
MODULE = re.compile(r"`(?:smartresearch|sr)\.[A-Za-z_]|`smartresearch [a-z]")
#: A cell that prints the full provenance list: the chapter answer's ``provenance`` or
#: ``provenance_markdown`` called on a panel alone (no subset of indices).
FULL_PROVENANCE = re.compile(r"\ba\.provenance\b|provenance_markdown\((?:[^,()]|\(\))*\)")


def cells(path: Path, kind: str) -> list[str]:
    return [
        "".join(c["source"])
        for c in json.loads(path.read_text())["cells"]
        if c["cell_type"] == kind
    ]


def test_there_are_chapters_to_check() -> None:
    assert len(CHAPTERS) >= 6


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_prose_names_no_module(path: Path) -> None:
    named = [m.group(0) for text in cells(path, "markdown") for m in MODULE.finditer(text)]
    assert not named, f"{path.name}: prose names modules {named}; say what it means for a reader"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_chapter_repeats_the_provenance_list(path: Path) -> None:
    printed = [text for text in cells(path, "code") if FULL_PROVENANCE.search(text)]
    assert not printed, f"{path.name} prints the full provenance list; point to @sec-caveats"


def test_the_caveats_are_listed_once_and_the_chapters_point_there() -> None:
    methods = (ROOT / "report" / "methods.qmd").read_text()
    assert methods.count("{#sec-caveats}") == 1
    pointing = [p.stem for p in CHAPTERS if any("@sec-caveats" in t for t in cells(p, "markdown"))]
    assert len(pointing) >= 4, pointing


def test_the_patterns_catch_what_they_are_for() -> None:
    """The sceptic's case: the preamble and the cells this test was written against."""
    assert MODULE.search("computed by `smartresearch.chapters.agreement.answer()` from")
    assert MODULE.search("as `smartresearch data info` prints them")
    assert MODULE.search("`sr.corpus.extract_figures` finds")
    assert not MODULE.search("from `data/curated/pledges.csv`")
    assert FULL_PROVENANCE.search("Markdown(a.provenance)")
    assert FULL_PROVENANCE.search("display(Markdown(provenance_markdown(latest_index_panel())))")
    assert not FULL_PROVENANCE.search('provenance_markdown(panel, ["EGDI", "GTMI"])')
