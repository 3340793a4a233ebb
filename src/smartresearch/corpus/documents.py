"""The corpus as a table: one row per article, its bibliographic record and cleaned text.

The five Smarter State articles live in the mirror (``corpus/documents.csv`` plus one
``<doc_id>.txt`` per article) and are read through the registry, so their checksums are
verified on every load. A user can study a new article the same way: put a
``documents.csv`` and the text files in a folder and call :func:`load_documents` (or
``load(extra=folder)`` to add it to the five). Texts are cleaned on load and never stored
in the repository; :func:`removal_report` and :func:`cleaning_summary` say what the cleaner
took out, so a reader can judge what was lost.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.corpus.cleaning import KINDS, CleanedText, clean_text
from smartresearch.errors import ValidationError

#: Mirror-relative path of the bibliographic records, as registered in data/sources.toml.
DOCUMENTS_RELPATH = "corpus/documents.csv"

#: Metadata every documents.csv must have; the rest of METADATA_COLUMNS may be absent.
REQUIRED_METADATA: tuple[str, ...] = ("doc_id", "title", "published", "event_year", "kind", "url")
METADATA_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "title",
    "author",
    "publisher",
    "published",
    "event_year",
    "edition",
    "kind",
    "url",
)
#: The free-text column that may end a documents.csv row (see :func:`_read_rows`).
FREE_TEXT_COLUMN = "notes"
#: Columns of :func:`load`, in order.
DOCUMENT_COLUMNS: tuple[str, ...] = (
    *METADATA_COLUMNS,
    "text",
    "words",
    "raw_chars",
    "removed_chars",
    "removed_blocks",
)

_DOC_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_PUBLISHED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_WORD = re.compile(r"[^\W_]+(?:(?:['’.-]|(?<=\d),(?=\d))[^\W_]+)*")


def count_words(text: str) -> int:
    """Words as runs of letters/digits, joined by apostrophes, hyphens, decimal points or
    thousands separators.

    "data-driven", "UK's", "7.4m" and "24,000" are one word each; punctuation and bullets
    are none.
    Rates per 1,000 words everywhere use this one definition.
    """
    return sum(1 for _ in _WORD.finditer(text))


def _bad(path: Path | str, column: str, problem: str, values: object) -> ValidationError:
    return ValidationError(f"{path}, column {column!r}: {problem}: {values}")


def _read_rows(path: Path) -> pd.DataFrame:
    """Read a documents.csv whose free-text last column may hold unquoted commas.

    The mirror's own file has one such row (its ``notes`` cell contains a comma without
    quotes), so a plain ``read_csv`` shifts every column. A row with more cells than the
    header is repaired only when the last column is ``notes``: the surplus cells are
    rejoined into it. Any other ragged row is an error naming its line.
    """
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        raise ValidationError(
            f"{path}: the file is empty; it needs a header and one row per document."
        )
    header, body = [h.strip() for h in rows[0]], rows[1:]
    fixed: list[list[str]] = []
    for line, row in enumerate(body, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and header[-1] == FREE_TEXT_COLUMN:
            row = [*row[: len(header) - 1], ",".join(row[len(header) - 1 :])]
        if len(row) != len(header):
            raise ValidationError(
                f"{path}, line {line}: {len(row)} cells for {len(header)} columns; quote cells "
                "that contain commas."
            )
        fixed.append(row)
    return pd.DataFrame(fixed, columns=header, dtype="str")


def _read_metadata(path: Path) -> pd.DataFrame:
    """Read and check a documents.csv: required columns, unique well-formed ids, years."""
    frame = _read_rows(path)
    require_columns(
        frame,
        REQUIRED_METADATA,
        what=str(path),
        hint=f"A documents.csv needs at least {list(REQUIRED_METADATA)} (was one renamed?).",
    )
    if frame.empty:
        raise ValidationError(f"{path}: no documents listed.")
    for column in METADATA_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame[list(METADATA_COLUMNS)].apply(lambda s: s.str.strip())
    for column in REQUIRED_METADATA:
        empty = frame.loc[frame[column] == "", "doc_id"].tolist()
        if empty:
            raise _bad(path, column, "empty for doc_id(s)", empty)
    bad_ids = [d for d in frame["doc_id"] if not _DOC_ID.fullmatch(d)]
    if bad_ids:
        raise _bad(path, "doc_id", "not lower-case letters, digits and hyphens", bad_ids)
    dupes = sorted(set(frame.loc[frame["doc_id"].duplicated(), "doc_id"]))
    if dupes:
        raise _bad(path, "doc_id", "repeated", dupes)
    bad_dates = frame.loc[~frame["published"].str.fullmatch(_PUBLISHED.pattern), "published"]
    if not bad_dates.empty:
        raise _bad(path, "published", "not YYYY, YYYY-MM or YYYY-MM-DD", bad_dates.tolist())
    for column, low, high in (("event_year", 1990, 2100), ("edition", 1, 1000)):
        numbers = pd.to_numeric(frame[column].mask(frame[column] == ""), errors="coerce")
        bad = frame.loc[
            (numbers.isna() & (frame[column] != "")) | (numbers < low) | (numbers > high), column
        ]
        if not bad.empty:
            raise _bad(path, column, f"not a whole number in [{low}, {high}]", bad.tolist())
        frame[column] = numbers.astype("Int64")
    for column in ("author", "publisher"):
        frame[column] = frame[column].mask(frame[column] == "")
    return frame


def _read_text(path: Path, doc_id: str) -> str:
    if not path.is_file():
        raise ValidationError(
            f"{path}: text file for doc_id {doc_id!r} is missing; each document needs <doc_id>.txt "
            "beside documents.csv."
        )
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(
            f"{path}: not UTF-8 text ({error}); save the article as UTF-8."
        ) from None
    if not raw.strip():
        raise ValidationError(f"{path}: the text of doc_id {doc_id!r} is empty.")
    return raw


def _assemble(
    metadata: pd.DataFrame, text_path: Callable[[str], Path]
) -> tuple[pd.DataFrame, dict[str, CleanedText]]:
    rows: list[dict[str, object]] = []
    cleaned: dict[str, CleanedText] = {}
    for doc_id in metadata["doc_id"]:
        raw = _read_text(text_path(doc_id), doc_id)
        result = clean_text(raw)
        cleaned[doc_id] = result
        rows.append(
            {
                "doc_id": doc_id,
                "text": result.text,
                "words": count_words(result.text),
                "raw_chars": len(raw),
                "removed_chars": result.removed_chars,
                "removed_blocks": result.removed_blocks,
            }
        )
    texts = pd.DataFrame(rows)
    frame = metadata.merge(texts, on="doc_id", how="left", validate="one_to_one")
    for column in ("words", "raw_chars", "removed_chars", "removed_blocks"):
        frame[column] = frame[column].astype("int64")
    return frame[list(DOCUMENT_COLUMNS)], cleaned


def load_metadata() -> pd.DataFrame:
    """The mirror's bibliographic records alone (checksummed, validated), no texts read.

    For a citation or a list of documents, this avoids reading and cleaning every article.
    """
    from smartresearch.registry import raw_path

    return _read_metadata(raw_path(DOCUMENTS_RELPATH))


def _mirror_documents() -> tuple[pd.DataFrame, dict[str, CleanedText]]:
    from smartresearch.registry import raw_path

    return _assemble(load_metadata(), lambda doc_id: raw_path(f"corpus/{doc_id}.txt"))


def _folder_documents(folder: Path | str) -> tuple[pd.DataFrame, dict[str, CleanedText]]:
    folder = Path(folder)
    metadata_path = folder / "documents.csv"
    if not metadata_path.is_file():
        raise ValidationError(
            f"{metadata_path} is missing: a corpus folder holds documents.csv (columns "
            f"{list(REQUIRED_METADATA)} at least) and one <doc_id>.txt per document."
        )
    metadata = _read_metadata(metadata_path)
    return _assemble(metadata, lambda doc_id: folder / f"{doc_id}.txt")


def load_documents(folder: Path | str) -> pd.DataFrame:
    """Load any corpus folder (``documents.csv`` + ``<doc_id>.txt`` files), cleaned.

    Use it for articles that are not in the mirror; their bytes are not checksummed
    (they are not registered), but their records are validated like the mirror's.
    """
    frame, _ = _folder_documents(folder)
    return frame


def _combined(extra: Path | str | None) -> tuple[pd.DataFrame, dict[str, CleanedText]]:
    frame, cleaned = _mirror_documents()
    if extra is None:
        return frame, cleaned
    more, more_cleaned = _folder_documents(extra)
    clash = sorted(set(frame["doc_id"]) & set(more["doc_id"]))
    if clash:
        raise ValidationError(
            f"{Path(extra) / 'documents.csv'}, column 'doc_id': {clash} already name "
            "mirror documents; "
            "give the added documents their own ids."
        )
    return pd.concat([frame, more], ignore_index=True), {**cleaned, **more_cleaned}


def load(*, extra: Path | str | None = None) -> pd.DataFrame:
    """The Smarter State corpus: one row per document, metadata plus cleaned text.

    Reads ``corpus/documents.csv`` and each ``corpus/<doc_id>.txt`` from the mirror through
    the registry (sha256 verified). ``extra`` names a folder of further documents in the
    same layout, appended after the mirror's five. Columns: doc_id, title, author,
    publisher, published (``YYYY[-MM[-DD]]`` as stated), event_year, edition, kind, url,
    text (cleaned), words, raw_chars, removed_chars, removed_blocks.
    """
    frame, _ = _combined(extra)
    return frame


def removal_report(*, extra: Path | str | None = None) -> pd.DataFrame:
    """What the cleaner removed from each document: doc_id, kind, blocks, chars (tidy)."""
    _, cleaned = _combined(extra)
    rows = [
        {"doc_id": doc_id, "kind": kind, "blocks": blocks, "chars": chars}
        for doc_id, result in cleaned.items()
        for kind, (blocks, chars) in result.removed_by_kind().items()
    ]
    frame = pd.DataFrame(rows, columns=["doc_id", "kind", "blocks", "chars"])
    order = {kind: i for i, kind in enumerate(KINDS)}
    frame = frame.sort_values(
        ["doc_id", "kind"], key=lambda s: s.map(order) if s.name == "kind" else s
    )
    return frame.astype({"blocks": "int64", "chars": "int64"}).reset_index(drop=True)


#: How many kinds of furniture :func:`cleaning_summary` names per document.
MAIN_KINDS = 3
#: Columns of :func:`cleaning_summary`, in order.
CLEANING_SUMMARY_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "event_year",
    "raw_chars",
    "removed_chars",
    "removed_share",
    "removed_blocks",
    "words",
    "main_kinds",
)


def cleaning_summary(documents: pd.DataFrame, removals: pd.DataFrame) -> pd.DataFrame:
    """What the cleaner took out of each document, beside what it kept.

    ``documents`` is :func:`smartresearch.corpus.load`, ``removals`` is
    :func:`smartresearch.corpus.removal_report` for the same corpus. The two are checked
    against each other (characters removed per document must agree), so a report from a
    different corpus cannot be paired by mistake.

    Returns one row per document, in the documents' order: doc_id, event_year, raw_chars,
    removed_chars, removed_share (0-1), removed_blocks, words (kept, cleaned text) and
    main_kinds (up to :data:`MAIN_KINDS` kinds of furniture, largest first by characters).
    """
    require_columns(
        documents,
        ("doc_id", "event_year", "raw_chars", "removed_chars", "removed_blocks", "words"),
        what="cleaning_summary (documents)",
    )
    require_columns(
        removals, ("doc_id", "kind", "blocks", "chars"), what="cleaning_summary (removals)"
    )
    unknown = sorted(set(removals["doc_id"]) - set(documents["doc_id"]))
    if unknown:
        raise ValidationError(
            f"cleaning_summary: removal report, column 'doc_id': {unknown} are not in the "
            "documents; pass the removal report of the same corpus."
        )
    totals = removals.groupby("doc_id")["chars"].sum()
    reported = documents.set_index("doc_id")["removed_chars"]
    stated = totals.reindex(reported.index, fill_value=0)
    disagree = sorted(stated.index[stated != reported])
    if disagree:
        raise ValidationError(
            f"cleaning_summary: column 'removed_chars' of the documents disagrees with the "
            f"removal report's 'chars' for {disagree}; were they loaded from different corpora?"
        )
    main: dict[str, str] = {}
    for doc_id, group in removals.groupby("doc_id", sort=False):
        top = group.sort_values(["chars", "kind"], ascending=[False, True]).head(MAIN_KINDS)
        main[str(doc_id)] = ", ".join(k.replace("_", " ") for k in top["kind"])
    frame = documents[
        ["doc_id", "event_year", "raw_chars", "removed_chars", "removed_blocks", "words"]
    ].copy()
    frame["removed_share"] = frame["removed_chars"] / frame["raw_chars"]
    frame["main_kinds"] = [main.get(str(d), "") for d in frame["doc_id"]]
    frame = frame[list(CLEANING_SUMMARY_COLUMNS)]
    return frame.astype({"main_kinds": "str"}).reset_index(drop=True)


def known_doc_ids() -> frozenset[str]:
    """The doc_ids of the mirror's corpus (what curated tables may cite)."""
    return frozenset(load_metadata()["doc_id"])
