"""Which themes the later articles talk about more or less: theme shifts and their robustness.

Checked on the real corpus (shares sum to 100 whatever the numbers) and on small frames
built to have a known answer or to be broken the way a user's own tables break; the
chapter's table and phrase over the shifts are checked here too.
"""

from __future__ import annotations

import pandas as pd
import pytest
from corpus_support import corpus

from smartresearch.chapters import conversation
from smartresearch.corpus import theme_shifts as ts
from smartresearch.corpus import themes_by_document
from smartresearch.errors import ValidationError
from smartresearch.plots import theme_rates


@pytest.fixture(scope="module")
def documents() -> pd.DataFrame:
    return corpus()


@pytest.fixture(scope="module")
def themes(documents: pd.DataFrame) -> pd.DataFrame:
    return themes_by_document(documents)


def _themes(rows: list[tuple[str, int | None, str, int, int]]) -> pd.DataFrame:
    """A themes_by_document-like frame from (doc_id, year, theme, hits, words) rows."""
    frame = pd.DataFrame(rows, columns=["doc_id", "event_year", "theme", "hits", "words"])
    frame["label"] = frame["theme"].str.upper()
    frame["rate_per_1000"] = 1000 * frame["hits"] / frame["words"]
    return frame.astype({"event_year": "Int64"})


def test_theme_periods_split_at_the_lower_median(themes: pd.DataFrame) -> None:
    years = sorted(themes["event_year"].dropna().astype(int).unique())
    early, late = ts.theme_periods(themes)
    assert list(early) + list(late) == years
    assert len(early) - len(late) in (0, 1)
    assert ts.theme_periods(themes, split_year=years[0]) == ((years[0],), tuple(years[1:]))


def test_theme_periods_refuse_a_split_with_nothing_to_compare() -> None:
    one_year = _themes([("a", 2020, "x", 1, 100), ("b", 2020, "x", 2, 100)])
    with pytest.raises(ValidationError, match=r"event_year.*\[2020\]"):
        ts.theme_periods(one_year)
    two_years = _themes([("a", 2020, "x", 1, 100), ("b", 2022, "x", 2, 100)])
    with pytest.raises(ValidationError, match="split_year=2022 leaves no documents"):
        ts.theme_periods(two_years, split_year=2022)
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['event_year'\]"):
        ts.theme_periods(two_years.rename(columns={"event_year": "year"}))


def test_theme_shifts_read_direction_from_the_share_not_the_rate() -> None:
    # The later article mentions everything five times as often (a denser genre): every
    # rate rises, but only "b" takes a larger part of the conversation.
    frame = _themes(
        [
            ("early", 2020, "a", 6, 1000),
            ("early", 2020, "b", 2, 1000),
            ("early", 2020, "c", 2, 1000),
            ("late", 2024, "a", 10, 500),
            ("late", 2024, "b", 10, 500),
            ("late", 2024, "c", 5, 500),
        ]
    )
    shifts = ts.theme_shifts(frame).set_index("theme")
    assert (shifts["rate_change"] > 0).all()
    assert shifts.loc["a", "early_share"] == pytest.approx(60.0)
    assert shifts.loc["a", "late_share"] == pytest.approx(40.0)
    assert shifts.loc["b", "share_change"] == pytest.approx(20.0)
    assert shifts.loc["c", "share_change"] == pytest.approx(0.0)
    assert shifts["direction"].to_dict() == {"a": "falling", "b": "rising", "c": "steady"}
    assert shifts.loc["b", "early_rate"] == pytest.approx(2.0)
    assert shifts.loc["b", "late_rate"] == pytest.approx(20.0)
    assert list(shifts.index) == ["b", "c", "a"]  # largest share rise first


def test_shift_phrase_lists_the_largest_moves_first() -> None:
    frame = _themes(
        [("e", 2020, t, h, 100) for t, h in (("a", 6), ("b", 2), ("c", 2))]
        + [("l", 2024, t, h, 100) for t, h in (("a", 2), ("b", 5), ("c", 3))]
    )
    shifts = ts.theme_shifts(frame)
    assert conversation.shift_phrase(shifts, "rising") == (
        "B (20.0% → 50.0% of mentions) and C (20.0% → 30.0% of mentions)"
    )
    assert conversation.shift_phrase(shifts, "rising", top=1) == "B (20.0% → 50.0% of mentions)"
    assert conversation.shift_phrase(shifts, "falling") == "A (60.0% → 20.0% of mentions)"
    assert conversation.shift_phrase(shifts, "steady") == "none"
    with pytest.raises(ValueError, match="'up'"):
        conversation.shift_phrase(shifts, "up")


def test_theme_shifts_pool_documents_of_a_year_and_average_the_years() -> None:
    frame = _themes(
        [
            ("long", 2020, "a", 10, 4000),  # pooled 2020 rate: (10 + 2) / 5000 words
            ("short", 2020, "a", 2, 1000),
            ("other", 2021, "a", 0, 1000),
            ("late", 2023, "a", 3, 1000),
            ("undated", None, "a", 50, 100),  # no year: cannot be placed, left out
        ]
    )
    shift = ts.theme_shifts(frame, split_year=2021, pooling="years").iloc[0]
    assert shift["early_rate"] == pytest.approx((2.4 + 0.0) / 2)
    assert shift["late_rate"] == pytest.approx(3.0)
    assert shift["peak_year"] == 2023
    assert shift["years_mentioned"] == 2


def test_theme_shifts_pool_mentions_by_default_and_report_what_survives() -> None:
    # a long early article and a short one disagree; pooled, the long one weighs more
    frame = _themes(
        [
            ("long", 2019, "a", 90, 9000),
            ("long", 2019, "b", 10, 9000),
            ("short", 2020, "a", 1, 100),
            ("short", 2020, "b", 9, 100),
            ("late", 2024, "a", 50, 1000),
            ("late", 2024, "b", 50, 1000),
        ]
    )
    pooled = ts.theme_shifts(frame, split_year=2020).set_index("theme")
    assert pooled.loc["a", "early_share"] == pytest.approx(100 * 91 / 110)
    assert pooled.loc["a", "early_rate"] == pytest.approx(1000 * 91 / 9100)
    per_year = ts.theme_shifts(frame, split_year=2020, pooling="years").set_index("theme")
    assert per_year.loc["a", "early_share"] == pytest.approx((90 + 10) / 2)
    robust = ts.shift_robustness(frame, split_year=2020).set_index("theme")
    # pooled, "a" falls from 82.7% to 50%; per year it stays at 50%: it does not survive
    assert robust.loc["a", "direction_mentions"] == "falling"
    assert robust.loc["a", "direction_articles"] == "steady"
    assert not robust["survives"].any()
    with pytest.raises(ValueError, match="'words'"):
        ts.theme_shifts(frame, pooling="words")


def test_theme_shifts_threshold_and_bad_input() -> None:
    frame = _themes(
        [("e", 2020, "a", 1, 100), ("e", 2020, "b", 1, 100), ("l", 2021, "a", 11, 100)]
        + [("l", 2021, "b", 9, 100)]
    )
    assert set(ts.theme_shifts(frame, min_change=6.0)["direction"]) == {"steady"}  # moves 5 points
    assert set(ts.theme_shifts(frame, min_change=1.0)["direction"]) == {"rising", "falling"}
    with pytest.raises(ValueError, match="min_change"):
        ts.theme_shifts(frame, min_change=-1)
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['hits'\]"):
        ts.theme_shifts(frame.drop(columns="hits"))


def test_theme_shifts_on_the_corpus(themes: pd.DataFrame) -> None:
    shifts = ts.theme_shifts(themes)
    assert sorted(shifts["theme"]) == sorted(themes["theme"].unique())
    # each year's shares sum to 100, so each period's mean shares do too
    assert shifts["early_share"].sum() == pytest.approx(100.0)
    assert shifts["late_share"].sum() == pytest.approx(100.0)
    assert shifts["share_change"].is_monotonic_decreasing
    assert set(shifts["direction"]) <= set(ts.DIRECTIONS)
    table = conversation.theme_shift_table(shifts, *ts.theme_periods(themes))
    assert len(table) == len(shifts)
    assert table.columns[0] == "Theme"
    assert any("% of mentions" in c for c in table.columns)


def test_mention_density_counts_words_once_per_document(
    themes: pd.DataFrame, documents: pd.DataFrame
) -> None:
    density = ts.mention_density(themes)
    words = documents.groupby("event_year")["words"].sum()
    assert density.set_index("event_year")["words"].to_dict() == words.astype(int).to_dict()
    assert density["hits"].sum() == themes["hits"].sum()
    assert density["documents"].sum() == len(documents)
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['words'\]"):
        ts.mention_density(themes.drop(columns="words"))


def test_yearly_rates_are_the_theme_strips_rates(themes: pd.DataFrame) -> None:
    # one definition of a year's rate: the corpus computes what the strip draws
    ours = ts.yearly_rates(themes).sort_values(["theme", "event_year"], ignore_index=True)
    drawn = theme_rates(themes).sort_values(["theme", "event_year"], ignore_index=True)
    assert ours[["theme", "event_year"]].equals(drawn[["theme", "event_year"]])
    assert ours["rate"].to_numpy() == pytest.approx(drawn["rate"].to_numpy(), nan_ok=True)
