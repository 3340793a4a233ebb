"""Loaders for the hand-compiled claim and approach tables, validated on every load.

``claims.csv`` records every figure the articles state as a claim about the world (amounts,
shares, counts, the years things happened, "all" commitments), plus the conference's own
figures and the articles' proposals, marked as such in ``about``: each paraphrased, with
what it measures, whom it is about and whom the article credits for it. ``approaches.csv``
is the 2025 article's comparison of Denmark, South Korea and the United Kingdom, one feature
per row so that notebooks can display it or join it to the index data by ``iso3``. Both
cite a corpus document on every row; doc_ids are checked against the mirror's
``corpus/documents.csv``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from smartresearch.corpus.figures import KINDS as FIGURE_KINDS
from smartresearch.corpus.schema import (
    Column,
    TableSchema,
    doc_id_column,
    paraphrase_column,
    read_table,
)
from smartresearch.countries import names_for
from smartresearch.errors import ValidationError

#: What a quoted figure is about: a fact about the world (checked against the record), the
#: conference itself (dates, editions, attendance: event trivia, marked rather than dropped),
#: or a proposal the article makes (a wish, not a fact).
ABOUT: tuple[str, ...] = ("the world", "the event", "a proposal")
#: Kinds of claimed figure: the extractor's kinds, plus "year" for the date something
#: happened (a launch, a reading), which the extractor does not mark.
CLAIM_KINDS: tuple[str, ...] = (*FIGURE_KINDS, "year")

CLAIMS_SCHEMA = TableSchema(
    name="claims",
    filename="claims.csv",
    title="Figures quoted in the Smarter State articles",
    columns=(
        Column("claim_id", description="Claim id", pattern=r"C\d{3}"),
        doc_id_column(),
        Column(
            "value", "float", description="The figure as stated, in units (25 million is 25000000)"
        ),
        Column("unit", description="Unit of value"),
        Column(
            "kind",
            description="Kind of figure, as extract_figures names it, or 'year'",
            allowed=CLAIM_KINDS,
        ),
        paraphrase_column("measure", "What the figure measures (own words)"),
        Column(
            "subject",
            description="Country (ISO3) or organisation the figure is about",
            iso3="if-code",
        ),
        Column(
            "ref_year",
            "int",
            required=False,
            minimum=1900,
            maximum=2100,
            description="Year the figure refers to; empty when the article gives none",
        ),
        Column(
            "attributed_source",
            description="Source as the article attributes it, or 'unattributed'",
        ),
        Column(
            "about",
            description="A fact about the world, about the event itself, or a proposal",
            allowed=ABOUT,
        ),
    ),
    key=("claim_id",),
)

APPROACHES = ("governance-led", "tech-led", "policy-led")
DIMENSIONS = ("governance", "infrastructure", "flagship platforms")


def _one_approach_per_country(frame: pd.DataFrame, path: Path) -> None:
    approaches = frame.groupby("iso3")["approach"].nunique()
    mixed = approaches[approaches > 1].index.tolist()
    if mixed:
        raise ValidationError(
            f"{path}, column 'approach': countries {mixed} are given more than one approach; "
            "each country has exactly one."
        )


APPROACHES_SCHEMA = TableSchema(
    name="approaches",
    filename="approaches.csv",
    title="Three national approaches to digital government (2025 article)",
    columns=(
        Column("iso3", description="Country (ISO 3166-1 alpha-3)", iso3=True),
        Column(
            "approach",
            description="The article's label for the country's approach",
            allowed=APPROACHES,
        ),
        Column(
            "dimension",
            description="Which part of the comparison the feature belongs to",
            allowed=DIMENSIONS,
        ),
        paraphrase_column("feature", "One feature, in our own words"),
        Column(
            "source_part",
            description="Where in the article the feature is stated",
            allowed=("comparison table", "article text"),
        ),
        doc_id_column(),
    ),
    key=("iso3", "dimension", "feature"),
    checks=(_one_approach_per_country,),
)


def load_claims(
    path: Path | str | None = None, *, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every figure the articles quote (``data/curated/claims.csv``), validated.

    doc_ids are checked against the mirror corpus, or against ``documents`` (for example
    ``load(extra=...)``) when claims about added articles are kept elsewhere.
    """
    return read_table(CLAIMS_SCHEMA, path, documents=documents)


def load_approaches(
    path: Path | str | None = None, *, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The Denmark / South Korea / United Kingdom comparison, one feature per row.

    Adds ``country`` (the reference display name) after ``iso3``, so that the table reads
    well on its own and joins to any index table on ``iso3``.
    """
    frame = read_table(APPROACHES_SCHEMA, path, documents=documents)
    frame.insert(1, "country", pd.Series(names_for(frame["iso3"]), dtype="str"))
    return frame
