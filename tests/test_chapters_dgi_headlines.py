"""The OECD DGI 2025 headline figures are parsed from the record, not typed in, and sit
beside the loaded 2019 and 2023 editions clearly marked as the record's."""

from __future__ import annotations

import pandas as pd
import pytest

from smartresearch.chapters.dgi_headlines import dgi_2025_headlines, dgi_editions_table
from smartresearch.corpus.outcomes import load_outcomes as policy_outcomes
from smartresearch.errors import ValidationError


def test_headlines_come_from_the_record_rows() -> None:
    record = policy_outcomes()
    heads = dgi_2025_headlines(record).set_index("iso3")
    assert set(heads.index) == {"DNK", "GBR", "KOR"}
    o90 = str(record.set_index("outcome_id").loc["O90", "value"])
    assert f"UK {heads.loc['GBR', 'dgi']:.2f} ({int(heads.loc['GBR', 'dgi_rank'])}th)" in o90
    assert heads.loc["KOR", "dgi_rank"] == 1 and heads.loc["DNK", "outcome_id"] == "O93"
    assert pd.isna(heads.loc["DNK", "dgi_rank"])  # the country note gives no rank


def test_loaded_2023_edition_agrees_with_the_records_restatement() -> None:
    import smartresearch as sr

    record = policy_outcomes()
    table = dgi_editions_table(sr.datasets.load("oecd_dgi"), dgi_2025_headlines(record))
    table = table.set_index("Country")
    assert list(table.columns) == [
        "2019 (loaded dataset)",
        "2023 (loaded dataset)",
        "2025 (headline figure from the record)",
        "Record row",
    ]
    # O95 restates the 2023 edition to two decimals: UK 0.78, Korea 0.94, Denmark 0.81
    o95 = str(record.set_index("outcome_id").loc["O95", "value"])
    for name, short in [("United Kingdom", "UK"), ("South Korea", "Korea"), ("Denmark", "Denmark")]:
        assert f"{short} {table.loc[name, '2023 (loaded dataset)']:.2f}" in o95
    assert table.loc["United Kingdom", "Record row"] == "O90 (Biometric Update)"


def test_a_record_without_the_rows_or_scores_is_refused() -> None:
    record = policy_outcomes()
    with pytest.raises(ValidationError, match=r"\['O93'\]"):
        dgi_2025_headlines(record[record["outcome_id"] != "O93"])
    broken = record.copy()
    broken.loc[broken["outcome_id"] == "O90", "value"] = "n/a"
    with pytest.raises(ValidationError, match="record row O90, column 'value': 'n/a'"):
        dgi_2025_headlines(broken)


def test_standing_phrase_names_the_order_the_newer_edition_reverses() -> None:
    import smartresearch as sr
    from smartresearch.chapters.dgi_headlines import standing_phrase

    dgi, record = sr.datasets.load("oecd_dgi"), policy_outcomes()
    text = standing_phrase(dgi, record, ["DNK", "KOR", "GBR"])
    assert "latest loaded edition (2023) orders them South Korea (0.94), Denmark (0.81)" in text
    assert "orders them South Korea (0.95), the United Kingdom (0.84), Denmark (0.83)" in text
    assert "reverses the 2023 order of Denmark and the United Kingdom" in text
    assert "O90, O93" in text and "not a loaded dataset" in text
    # a record whose 2025 scores keep the 2023 order: no reversal claimed
    same = record.copy()
    same.loc[same["outcome_id"] == "O93", "value"] = "Denmark 0.86 (+0.05)"
    kept = standing_phrase(dgi, same, ["DNK", "KOR", "GBR"])
    assert "reverses" not in kept and kept.endswith("the same order as 2023.")


def test_standing_phrase_for_one_country() -> None:
    import smartresearch as sr
    from smartresearch.chapters.dgi_headlines import standing_phrase

    dgi, record = sr.datasets.load("oecd_dgi"), policy_outcomes()
    uk = standing_phrase(dgi, record, ["GBR"])
    assert "0.78 (3rd) in the latest loaded edition (2023)" in uk
    assert "the 2025 edition gives 0.84 (4th)" in uk
    assert "quotes no score" in standing_phrase(dgi, record, ["FRA"])
    assert standing_phrase(dgi, record, ["KEN"]) == ""  # not an OECD DGI country
