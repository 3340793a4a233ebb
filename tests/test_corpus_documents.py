"""Loading the corpus: the real mirror (checksums verified), added articles, and bad input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from corpus_support import corpus, mirror_copy

from smartresearch.corpus import count_words, load, load_documents, load_metadata
from smartresearch.corpus.documents import DOCUMENT_COLUMNS
from smartresearch.errors import ChecksumMismatchError, RawFileError, ValidationError
from smartresearch.registry import clear_verification_cache

DOC_IDS = [
    "2017-pse-shaping-the-smarter-state",
    "2021-techuk-call-for-blogs",
    "2022-techuk-event-round-up",
    "2024-techuk-data-powered-smarter-state",
    "2025-oxfordshire-insights",
]


def test_load_returns_one_clean_row_per_document() -> None:
    docs = corpus()
    assert tuple(docs.columns) == DOCUMENT_COLUMNS
    assert docs["doc_id"].tolist() == DOC_IDS
    assert docs["event_year"].tolist() == [2017, 2021, 2022, 2024, 2025]
    assert docs["edition"].tolist() == [3, 7, 8, 10, 11]
    assert str(docs["event_year"].dtype) == "Int64"
    assert (docs["words"] > 400).all()
    assert (docs["removed_chars"] + docs["text"].str.len() <= docs["raw_chars"]).all()
    assert (docs["removed_blocks"] > 0).all()
    # the mirror's documents.csv has an unquoted comma in one notes cell; no column shifted
    first = docs.iloc[0]
    assert first["kind"] == "opinion column"
    assert first["url"].startswith("http://www.publicsectorexecutive.com/")
    assert first["published"] == "2017-08"
    assert pd.isna(docs.loc[docs["doc_id"] == "2021-techuk-call-for-blogs", "author"].iloc[0])


def test_load_is_deterministic() -> None:
    pd.testing.assert_frame_equal(load(), load())


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("data-driven services", 2),
        ("The UK's £7.4m fund – for SMEs.", 6),
        ("• 24,000 jobs", 2),
        ("", 0),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


def _write_folder(folder: Path, rows: str, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "documents.csv").write_text(rows, encoding="utf-8")
    for doc_id, text in texts.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


NEW_ARTICLE = (
    "Councils and the smarter state\n\n"
    "Local government spends 30% of its IT budget on legacy systems.\u00a0"
    "It wants shared platforms.\n\n"
    "Share this post\n"
    "This site uses cookies to remember your settings.\n"
)
HEADER = "doc_id,title,published,event_year,kind,url\n"


def test_a_user_can_add_an_article(tmp_path: Path) -> None:
    folder = _write_folder(
        tmp_path / "mine",
        "doc_id,title,published,event_year,kind,url,notes\n"
        "2026-council-blog,Councils and the smarter state,2026-01-05,2026,blog,"
        "https://example.org/a,a note, with a comma\n",
        {"2026-council-blog": NEW_ARTICLE},
    )
    mine = load_documents(folder)
    assert mine["doc_id"].tolist() == ["2026-council-blog"]
    assert "30% of its IT budget" in mine["text"].iloc[0]
    assert "cookies" not in mine["text"].iloc[0]
    assert mine["removed_blocks"].iloc[0] == 2
    both = load(extra=folder)
    assert both["doc_id"].tolist() == [*DOC_IDS, "2026-council-blog"]


@pytest.mark.parametrize(
    ("rows", "texts", "message"),
    [
        (HEADER + "a-doc,T,2026,2026,blog,https://x\n", {}, "a-doc.txt"),
        (
            "doc_id,headline,published,event_year,kind,url\na-doc,T,2026,2026,blog,https://x\n",
            {"a-doc": "text"},
            "missing column(s) ['title']",
        ),
        (
            HEADER + "a-doc,T,2026,2026,blog,https://x\na-doc,U,2026,2026,blog,https://y\n",
            {"a-doc": "text"},
            "column 'doc_id': repeated: ['a-doc']",
        ),
        (HEADER + "a-doc,T,2026,twenty,blog,https://x\n", {"a-doc": "t"}, "column 'event_year'"),
        (HEADER + "a-doc,T,2026,1850,blog,https://x\n", {"a-doc": "t"}, "[1990, 2100]"),
        (HEADER + "a-doc,T,5 Jan 2026,2026,blog,https://x\n", {"a-doc": "t"}, "column 'published'"),
        (HEADER + "A Doc,T,2026,2026,blog,https://x\n", {}, "column 'doc_id'"),
        (HEADER + "a-doc,T,2026,2026,,https://x\n", {"a-doc": "t"}, "column 'kind': empty"),
        (HEADER + "a-doc,T,2026,2026,blog,https://x\n", {"a-doc": "  \n"}, "is empty"),
        (
            "doc_id,title,published,event_year,kind,url\na-doc,T,2026,2026,blog,https://x,extra\n",
            {"a-doc": "t"},
            "line 2: 7 cells for 6 columns",
        ),
    ],
)
def test_bad_documents_raise_naming_file_and_column(
    tmp_path: Path, rows: str, texts: dict[str, str], message: str
) -> None:
    folder = _write_folder(tmp_path / "bad", rows, texts)
    with pytest.raises(ValidationError) as error:
        load_documents(folder)
    assert message in str(error.value)
    assert str(folder) in str(error.value)


def test_added_documents_may_not_reuse_mirror_ids(tmp_path: Path) -> None:
    folder = _write_folder(
        tmp_path / "clash",
        HEADER + f"{DOC_IDS[0]},T,2026,2026,blog,https://x\n",
        {DOC_IDS[0]: "text"},
    )
    with pytest.raises(ValidationError, match="already name mirror documents"):
        load(extra=folder)


def test_missing_folder_says_what_it_needs(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="documents.csv"):
        load_documents(tmp_path / "nowhere")


def test_an_edited_article_in_the_mirror_is_refused(tmp_path: Path, monkeypatch) -> None:
    root = mirror_copy(tmp_path)
    target = root / "corpus" / "2022-techuk-event-round-up.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("3827", "2827"), encoding="utf-8")
    monkeypatch.setenv("SMARTRESEARCH_MIRROR", str(root))
    clear_verification_cache()
    with pytest.raises(ChecksumMismatchError, match="2022-techuk-event-round-up.txt"):
        load()


def test_a_missing_article_in_the_mirror_is_reported(tmp_path: Path, monkeypatch) -> None:
    root = mirror_copy(tmp_path)
    (root / "corpus" / "2021-techuk-call-for-blogs.txt").unlink()
    monkeypatch.setenv("SMARTRESEARCH_MIRROR", str(root))
    clear_verification_cache()
    with pytest.raises(RawFileError, match="2021-techuk-call-for-blogs.txt"):
        load()


def test_load_metadata_matches_load_without_reading_texts(monkeypatch):
    """Metadata alone equals the metadata load() returns, and no article text is opened."""
    from smartresearch.corpus import documents

    full = load()[list(documents.METADATA_COLUMNS)]
    opened: list[str] = []
    real = documents._assemble
    monkeypatch.setattr(
        documents, "_assemble", lambda *a, **k: opened.append("texts") or real(*a, **k)
    )
    meta = load_metadata()[list(documents.METADATA_COLUMNS)]
    assert opened == []
    pd.testing.assert_frame_equal(meta, full)
