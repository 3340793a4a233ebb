"""What the conversation was about: a reviewable theme lexicon scored over any text.

The lexicon is data (``data/curated/theme_lexicon.csv``), not code, so that a reader can see
and argue with exactly what counts as "legacy IT" or "cloud". Each theme has an ``include``
regular expression and an optional ``exclude`` one; an include match that overlaps an
exclude match does not count ("the legacy of COVID-19" is not legacy IT, "G-Cloud" is not
cloud). Patterns are case-insensitive unless they switch that off locally with
``(?-i:...)`` (so "Verify" the product is not "verify" the verb). Hits are normalised per
1,000 cleaned words (:func:`smartresearch.corpus.documents.count_words`) so that a long event
round-up and a short call for blogs can be compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from smartresearch.corpus.documents import count_words
from smartresearch.corpus.schema import Column, TableSchema, read_table, validate_table
from smartresearch.errors import ValidationError


def _compile(pattern: str, *, theme: str, column: str, path: Path) -> re.Pattern[str]:
    try:
        regex = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ValidationError(
            f"{path}, column {column!r}, theme {theme!r}: pattern {pattern!r} does not compile "
            f"({error}). Fix the regular expression."
        ) from None
    if regex.search("") is not None:
        raise ValidationError(
            f"{path}, column {column!r}, theme {theme!r}: pattern {pattern!r} matches the empty "
            "string, so it would count everywhere. Make every alternative match at least one "
            "character."
        )
    return regex


def _check_patterns(frame: pd.DataFrame, path: Path) -> None:
    for row in frame.itertuples(index=False):
        _compile(str(row.include), theme=str(row.theme), column="include", path=path)
        if isinstance(row.exclude, str):
            _compile(row.exclude, theme=str(row.theme), column="exclude", path=path)


LEXICON_SCHEMA = TableSchema(
    name="theme_lexicon",
    filename="theme_lexicon.csv",
    title="Theme lexicon for the Smarter State corpus",
    columns=(
        Column("theme", description="Theme id (snake_case)", pattern=r"[a-z][a-z0-9_]*"),
        Column("label", description="Display name of the theme"),
        Column(
            "include",
            description="Regular expression (case-insensitive) whose matches count as hits",
        ),
        Column(
            "exclude",
            required=False,
            description="Regular expression; include matches overlapping it do not count",
        ),
        Column("description", description="What the theme covers and why the exclusions exist"),
    ),
    key=("theme",),
    checks=(_check_patterns,),
)

#: Columns of :func:`score_themes`; :func:`themes_by_document` adds doc_id and event_year.
SCORE_COLUMNS: tuple[str, ...] = ("theme", "label", "hits", "words", "rate_per_1000")


@dataclass(frozen=True)
class Theme:
    """One compiled lexicon entry."""

    theme: str
    label: str
    include: re.Pattern[str]
    exclude: re.Pattern[str] | None

    def matches(self, text: str) -> list[re.Match[str]]:
        """Include matches that do not overlap any exclude match."""
        found = list(self.include.finditer(text))
        if self.exclude is None or not found:
            return found
        blocked = [(m.start(), m.end()) for m in self.exclude.finditer(text)]
        return [
            m
            for m in found
            if not any(m.start() < end and start < m.end() for start, end in blocked)
        ]


def load_lexicon(path: Path | str | None = None) -> pd.DataFrame:
    """The theme lexicon as a validated table (default ``data/curated/theme_lexicon.csv``)."""
    return read_table(LEXICON_SCHEMA, None if path is None else Path(path))


def _compiled(frame: pd.DataFrame, path: Path) -> tuple[Theme, ...]:
    return tuple(
        Theme(
            theme=str(row.theme),
            label=str(row.label),
            include=_compile(str(row.include), theme=str(row.theme), column="include", path=path),
            exclude=(
                _compile(row.exclude, theme=str(row.theme), column="exclude", path=path)
                if isinstance(row.exclude, str)
                else None
            ),
        )
        for row in frame.itertuples(index=False)
    )


@lru_cache(maxsize=4)
def _default_themes(path: Path, _mtime_ns: int) -> tuple[Theme, ...]:
    return _compiled(load_lexicon(path), path)


def compile_lexicon(lexicon: pd.DataFrame | None = None) -> tuple[Theme, ...]:
    """Compiled themes: the shipped lexicon (compiled once per file version) or ``lexicon``.

    A user's own lexicon (a DataFrame with the same columns) is validated like the file.
    """
    if lexicon is None:
        path = LEXICON_SCHEMA.path()
        mtime = path.stat().st_mtime_ns if path.is_file() else 0
        return _default_themes(path, mtime)
    source = Path("<lexicon DataFrame>")
    raw = lexicon.fillna("").astype("str")
    return _compiled(validate_table(raw, LEXICON_SCHEMA, source), source)


def theme_matches(text: str, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every counted match: theme, match (the matched words), start, end — for auditing."""
    rows = [
        {"theme": theme.theme, "match": m.group(0), "start": m.start(), "end": m.end()}
        for theme in compile_lexicon(lexicon)
        for m in theme.matches(text)
    ]
    frame = pd.DataFrame(rows, columns=["theme", "match", "start", "end"])
    return frame.astype({"start": "int64", "end": "int64"})


def score_themes(text: str, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Hits per theme in one text, and hits per 1,000 words (one row per theme, lexicon order).

    Columns: theme, label, hits, words, rate_per_1000. An empty text scores 0 hits and a
    missing (NaN) rate, since a rate per zero words means nothing.
    """
    words = count_words(text)
    rows = []
    for theme in compile_lexicon(lexicon):
        hits = len(theme.matches(text))
        rate = hits * 1000.0 / words if words else float("nan")
        rows.append(
            {
                "theme": theme.theme,
                "label": theme.label,
                "hits": hits,
                "words": words,
                "rate_per_1000": rate,
            }
        )
    frame = pd.DataFrame(rows, columns=list(SCORE_COLUMNS))
    return frame.astype({"hits": "int64", "words": "int64", "rate_per_1000": "float64"})


def themes_by_document(
    documents: pd.DataFrame | None = None, lexicon: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Tidy theme scores for every document: doc_id, event_year, theme, label, hits, words,
    rate_per_1000 (default: the mirror corpus from :func:`smartresearch.corpus.load`)."""
    if documents is None:
        from smartresearch.corpus.documents import load

        documents = load()
    frames = []
    for row in documents.itertuples(index=False):
        scored = score_themes(str(row.text), lexicon)
        scored.insert(0, "event_year", row.event_year)
        scored.insert(0, "doc_id", row.doc_id)
        frames.append(scored)
    frame = pd.concat(frames, ignore_index=True)
    return frame.astype({"event_year": "Int64"})
