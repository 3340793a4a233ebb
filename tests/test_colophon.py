"""The PDF title page's facts, computed from CITATION.cff (smartresearch.reporting.colophon)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from smartresearch.errors import ValidationError
from smartresearch.reporting.colophon import COLOPHON_FILE, colophon, write_colophon

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 12, 7)


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_the_repository_citation_gives_version_licence_and_a_citation_line():
    cff = citation()
    facts = colophon(cff, today=DAY)
    assert facts["version"] == str(cff["version"])
    assert facts["licence"] == cff["license"]
    assert facts["date"] == "7 December 2026"
    assert facts["cite"].startswith(f"{cff['authors'][0]['name']} (2026). *{cff['title']}*.")
    assert facts["cite"].endswith(f"Version {cff['version']}.")


def test_a_release_date_wins_over_the_build_day_and_a_repository_is_cited():
    cff = citation() | {"date-released": "2027-03-01", "repository-code": "https://example.org/r"}
    facts = colophon(cff, today=DAY)
    assert facts["date"] == "1 March 2027"
    assert "(2027)" in facts["cite"] and facts["cite"].endswith("<https://example.org/r>")


def test_person_authors_are_named_given_then_family():
    cff = citation() | {
        "authors": [
            {"given-names": "Ada", "family-names": "Lovelace"},
            {"given-names": "Alan", "family-names": "Turing"},
            {"name": "A Team"},
        ]
    }
    assert colophon(cff, today=DAY)["cite"].startswith(
        "Ada Lovelace, Alan Turing and A Team (2026)."
    )


def test_a_citation_without_a_version_is_refused_by_name():
    cff = {k: v for k, v in citation().items() if k != "version"}
    with pytest.raises(ValidationError, match="CITATION.cff: missing version"):
        colophon(cff, today=DAY)


def test_the_file_is_the_metadata_quarto_reads_and_is_rewritten_only_on_change(tmp_path):
    target = write_colophon(ROOT / "CITATION.cff", tmp_path, today=DAY)
    assert target == tmp_path / COLOPHON_FILE
    facts = yaml.safe_load(target.read_text(encoding="utf-8"))["colophon"]
    assert facts == colophon(citation(), today=DAY)
    stamp = target.stat().st_mtime_ns
    write_colophon(ROOT / "CITATION.cff", tmp_path, today=DAY)
    assert target.stat().st_mtime_ns == stamp


def test_the_book_reads_the_file_the_build_writes():
    config = yaml.safe_load((ROOT / "report" / "_quarto.yml").read_text(encoding="utf-8"))
    assert config["metadata-files"] == [f"_build/{COLOPHON_FILE}"]


def test_a_missing_citation_file_is_named(tmp_path):
    with pytest.raises(ValidationError, match="nowhere.cff does not exist"):
        write_colophon(tmp_path / "nowhere.cff", tmp_path)
    assert not (tmp_path / COLOPHON_FILE).exists()
