"""Claims and approaches: the shipped tables check out, and broken copies are refused."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pandas as pd
import pytest
from corpus_support import corpus, curated_copy, text_of

from smartresearch.corpus import (
    CURATED_SCHEMAS,
    curated_dir,
    extract_figures,
    load_approaches,
    load_claims,
)
from smartresearch.corpus.schema import Column, TableSchema, validate_table
from smartresearch.countries import FOCUS
from smartresearch.errors import UnknownCountryError, ValidationError


def test_claims_are_cited_and_found_in_their_articles() -> None:
    claims = load_claims()
    assert claims["claim_id"].is_unique
    assert set(claims["doc_id"]) == set(corpus()["doc_id"])
    assert (claims["attributed_source"].str.len() > 0).all()
    # every recorded claim written as a numeral is a figure the extractor finds in the cited
    # article's clean text; years, "all" commitments and ordinals are claims it does not mark
    words_not_numerals = {
        "C024": "an 'all' commitment",
        "C027": "an ordinal ('seventh')",
        "C031": "an ordinal ('eighth')",
        "C032": "an ordinal ('sixth')",
        "C033": "an ordinal ('first')",
    }
    for claim in claims.itertuples(index=False):
        if claim.kind == "year" or claim.claim_id in words_not_numerals:
            continue
        found = extract_figures(text_of(claim.doc_id))
        same = found[
            (found["kind"] == claim.kind)
            & found["value"].map(lambda v, target=claim.value: math.isclose(v, target))
        ]
        assert not same.empty, (
            f"{claim.claim_id} ({claim.kind} {claim.value}) not in {claim.doc_id}"
        )


def test_claims_name_countries_by_iso3() -> None:
    claims = load_claims()
    subjects = set(claims["subject"])
    assert {"GBR", "DNK", "KOR"} <= subjects
    assert str(claims["ref_year"].dtype) == "Int64"
    danish = claims.query("subject == 'DNK' and kind not in ['year', 'rank']")
    assert danish["value"].tolist() == [5_170_000.0]


def test_approaches_compare_the_three_focus_countries() -> None:
    approaches = load_approaches()
    assert set(approaches["iso3"]) == set(FOCUS)
    labels = approaches.groupby("iso3")["approach"].first().to_dict()
    assert labels == {"DNK": "governance-led", "KOR": "tech-led", "GBR": "policy-led"}
    assert approaches.groupby("iso3")["dimension"].nunique().eq(3).all()
    assert approaches["country"].tolist()[0] == "Denmark"
    # joinable to index data by iso3
    index_rows = pd.DataFrame({"iso3": ["DNK", "KOR", "GBR"], "value": [0.98, 0.96, 0.91]})
    joined = approaches.merge(index_rows, on="iso3", how="left", validate="many_to_one")
    assert joined["value"].notna().all()


def _edit_cell(column: str, value: str, row: int = 0):
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row, column] = value
        return frame

    return edit


@pytest.mark.parametrize(
    ("edit", "error", "message"),
    [
        (
            lambda f: f.rename(columns={"subject": "country"}),
            ValidationError,
            "missing ['subject']",
        ),
        (_edit_cell("doc_id", "2023-unknown-article"), ValidationError, "'2023-unknown-article'"),
        (_edit_cell("subject", "UKK"), UnknownCountryError, "column 'subject'"),
        (_edit_cell("ref_year", "1066"), ValidationError, "outside [1900"),
        (_edit_cell("ref_year", "2020s"), ValidationError, "not a whole number"),
        (_edit_cell("attributed_source", ""), ValidationError, "column 'attributed_source': empty"),
        (_edit_cell("claim_id", "C002"), ValidationError, "repeat"),
        (_edit_cell("kind", "share"), ValidationError, "not allowed"),
        (_edit_cell("measure", "m" * 200), ValidationError, "column 'measure'"),
        (_edit_cell("value", "about 5"), ValidationError, "not a number"),
    ],
)
def test_broken_claims_are_refused(tmp_path: Path, edit, error, message: str) -> None:
    path = curated_copy(tmp_path, "claims.csv", edit)
    with pytest.raises(error) as raised:
        load_claims(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize(
    ("edit", "error", "message"),
    [
        (_edit_cell("approach", "data-led"), ValidationError, "'data-led'"),
        (_edit_cell("approach", "tech-led"), ValidationError, "more than one approach"),
        (_edit_cell("dimension", "people"), ValidationError, "column 'dimension'"),
        (_edit_cell("iso3", "DEN"), UnknownCountryError, "['DEN']"),
        (_edit_cell("doc_id", ""), ValidationError, "column 'doc_id': empty"),
    ],
)
def test_broken_approaches_are_refused(tmp_path: Path, edit, error, message: str) -> None:
    path = curated_copy(tmp_path, "approaches.csv", edit)
    with pytest.raises(error) as raised:
        load_approaches(path)
    assert message in str(raised.value)


def test_an_empty_table_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    path = curated_copy(tmp_path, "claims.csv", lambda f: f.iloc[0:0])
    with pytest.raises(ValidationError, match="no rows"):
        load_claims(path)
    with pytest.raises(ValidationError, match="missing"):
        load_claims(tmp_path / "gone.csv")


def test_claims_about_added_articles_check_against_the_given_documents(tmp_path: Path) -> None:
    path = curated_copy(
        tmp_path, "claims.csv", lambda f: f.head(1).assign(doc_id="2026-my-article")
    )
    with pytest.raises(ValidationError, match="not in the corpus"):
        load_claims(path)
    mine = pd.DataFrame({"doc_id": ["2026-my-article"]})
    assert load_claims(path, documents=mine)["doc_id"].tolist() == ["2026-my-article"]


def test_schema_multi_value_citations() -> None:
    schema = TableSchema(
        name="demo",
        filename="demo.csv",
        title="demo",
        columns=(Column("doc_ids", doc_ids=True, multi=True), Column("n", "int", minimum=0)),
    )
    good = pd.DataFrame({"doc_ids": ["a; b", "b"], "n": ["1", "2"]})
    typed = validate_table(good, schema, Path("demo.csv"), known_doc_ids={"a", "b"})
    assert str(typed["n"].dtype) == "Int64"
    bad = pd.DataFrame({"doc_ids": ["a;c"], "n": ["-1"]})
    with pytest.raises(ValidationError, match=r"demo.csv, column 'doc_ids': doc_id\(s\) \['c'\]"):
        validate_table(bad, schema, Path("demo.csv"), known_doc_ids={"a", "b"})


def test_every_curated_file_has_a_documented_schema() -> None:
    files = {path.name for path in curated_dir().glob("*.csv")}
    assert files == set(CURATED_SCHEMAS)
    for name, schema in CURATED_SCHEMAS.items():
        header = pd.read_csv(curated_dir() / name, nrows=0).columns.tolist()
        assert header == list(schema.column_names), name
        assert all(column.description for column in schema.columns), name


def test_the_schema_file_beside_the_curated_tables_matches_the_schemas() -> None:
    """The descriptor reads data/curated/schemas.json (datasets does not import corpus): it
    must say what the loaders' schemas say, and a changed schema must be noticed."""
    from smartresearch.corpus import schema_file

    committed = schema_file.schema_path().read_bytes()
    assert committed == schema_file.schema_document(), (
        "data/curated/schemas.json is out of date: run "
        "`uv run python -m smartresearch.corpus.schema_file`"
    )
    first = next(iter(CURATED_SCHEMAS.values()))
    renamed = {first.filename: dataclasses.replace(first, title="Another title")}
    assert b"Another title" in schema_file.schema_document(renamed)
    assert b"Another title" not in committed
