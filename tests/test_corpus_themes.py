"""The theme lexicon (data, validated) and theme scores on any text and on the corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from corpus_support import corpus, curated_copy, text_of

from smartresearch.corpus import (
    count_words,
    load_lexicon,
    score_themes,
    theme_matches,
    themes_by_document,
)
from smartresearch.errors import ValidationError

REQUIRED_THEMES = {
    "legacy_it",
    "cloud",
    "data_sharing",
    "skills_workforce",
    "identity_login",
    "procurement_smes",
    "ai",
    "interoperability",
    "shared_platforms",
    "trust_ethics",
    "sustainability",
    "local_devolution",
    "international_comparison",
    "security",
}


def test_shipped_lexicon_covers_the_issue_themes() -> None:
    lexicon = load_lexicon()
    assert REQUIRED_THEMES <= set(lexicon["theme"])
    assert lexicon["theme"].is_unique
    assert lexicon["description"].str.len().gt(20).all()


def _hits(text: str) -> dict[str, int]:
    return score_themes(text).set_index("theme")["hits"].to_dict()


@pytest.mark.parametrize(
    ("text", "theme", "hits"),
    [
        ("The conference explored the legacy of COVID-19.", "legacy_it", 0),
        ("Efforts to address the legacy estate continue.", "legacy_it", 1),
        ("Suppliers sell through G-Cloud.", "cloud", 0),
        ("Suppliers sell through G-Cloud.", "procurement_smes", 2),
        ("Departments are moving to the cloud.", "cloud", 1),
        ("Verify users by 2020; citizens must verify their address.", "identity_login", 1),
        ("A zero-trust architecture.", "trust_ethics", 0),
        ("A zero-trust architecture.", "security", 1),
        ("The Fiscal sustainability report.", "sustainability", 0),
        ("Greener, sustainable technology and net zero.", "sustainability", 2),
        ("AI and said, plain 'ai' in lower case.", "ai", 1),
    ],
)
def test_include_and_exclude_patterns(text: str, theme: str, hits: int) -> None:
    assert _hits(text)[theme] == hits


def test_score_columns_and_rate() -> None:
    text = "Cloud first. Cloud migration needs skills and more skills."
    scores = score_themes(text)
    assert list(scores.columns) == ["theme", "label", "hits", "words", "rate_per_1000"]
    row = scores.set_index("theme").loc["cloud"]
    assert row["hits"] == 2
    assert row["words"] == count_words(text) == 9
    assert row["rate_per_1000"] == pytest.approx(2 * 1000 / 9)
    empty = score_themes("")
    assert (empty["hits"] == 0).all() and empty["rate_per_1000"].isna().all()


def test_theme_matches_show_what_counted() -> None:
    text = "The legacy of COVID-19 and the legacy estate."
    matches = theme_matches(text).query("theme == 'legacy_it'")
    assert matches["start"].tolist() == [text.index("legacy estate")]
    assert (matches["match"] == "legacy").all()


def test_themes_by_document_is_tidy_and_real() -> None:
    scores = themes_by_document(corpus())
    assert list(scores.columns) == [
        "doc_id",
        "event_year",
        "theme",
        "label",
        "hits",
        "words",
        "rate_per_1000",
    ]
    assert not scores.duplicated(["doc_id", "theme"]).any()
    assert len(scores) == len(corpus()) * len(load_lexicon())
    hits = scores.set_index(["doc_id", "theme"])["hits"]
    # the 2021 call mentions "the legacy of COVID-19" (not legacy IT) and "the legacy estate"
    assert hits["2021-techuk-call-for-blogs", "legacy_it"] == 1
    # the 2017 column praises G-Cloud, a procurement framework, and never discusses cloud
    assert "G-Cloud" in text_of("2017-pse-shaping-the-smarter-state")
    assert hits["2017-pse-shaping-the-smarter-state", "cloud"] == 0
    # the 2025 write-up is the one built on an international comparison
    intl = scores.query("theme == 'international_comparison'").set_index("doc_id")["rate_per_1000"]
    assert intl.idxmax() == "2025-oxfordshire-insights"
    # sustainability was the 2022 conference's sponsor keynote and panel theme
    sust = scores.query("theme == 'sustainability'").set_index("doc_id")["hits"]
    assert sust.idxmax() == "2022-techuk-event-round-up"


def _bad_lexicon(tmp_path: Path, edit) -> Path:
    return curated_copy(tmp_path, "theme_lexicon.csv", edit)


def _set(frame: pd.DataFrame, column: str, value: str, row: int = 0) -> pd.DataFrame:
    frame.loc[row, column] = value
    return frame


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda f: _set(f, "theme", f.loc[1, "theme"]), "repeat"),
        (lambda f: _set(f, "include", r"\bcloud("), "does not compile"),
        (lambda f: _set(f, "exclude", r"[a-", row=2), "column 'exclude'"),
        (lambda f: _set(f, "include", ""), "column 'include': empty"),
        (lambda f: _set(f, "include", r"cloud|x*"), "matches the empty string"),
        (lambda f: f.rename(columns={"include": "patterns"}), "unexpected ['patterns']"),
        (lambda f: _set(f, "theme", "Legacy IT"), "column 'theme'"),
    ],
)
def test_broken_lexicon_is_refused_with_file_and_column(tmp_path: Path, edit, message: str) -> None:
    path = _bad_lexicon(tmp_path, edit)
    with pytest.raises(ValidationError) as error:
        load_lexicon(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_a_user_lexicon_is_validated_and_used() -> None:
    mine = pd.DataFrame(
        {
            "theme": ["payments"],
            "label": ["Payments"],
            "include": [r"\bpay(ments?)?\b"],
            "exclude": [""],
            "description": ["Paying for public services online"],
        }
    )
    scores = score_themes("Pay online; payments are instant.", lexicon=mine)
    assert scores[["theme", "hits"]].values.tolist() == [["payments", 2]]
    with pytest.raises(ValidationError, match="does not compile"):
        score_themes("x", lexicon=mine.assign(include=["(unclosed"]))
