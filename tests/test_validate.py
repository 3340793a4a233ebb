"""The tidy contract: each check passes on a good table and fails, clearly, on a messy one."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from smartresearch.datasets.spec import DatasetSpec, IndicatorSpec
from smartresearch.datasets.store import tidy_table
from smartresearch.datasets.validate import validate_tidy
from smartresearch.errors import UnknownCountryError, ValidationError

FILE = "data/raw/demo/scores.csv"
SPEC = DatasetSpec(
    name="demo",
    title="Demo index",
    publisher="Nobody",
    source_ids=("demo",),
    files=(FILE,),
    indicators=(
        IndicatorSpec("score", "Score", "index (0–1)", 0.0, 1.0),
        IndicatorSpec("rank", "Rank", "rank", 1.0, 193.0, higher_is_better=False),
    ),
    clean=lambda paths: pd.DataFrame(),
    licence="unknown",
    url="https://example.org",
)


def good() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": pd.Series(["DNK", "DNK", "KOR", "GBR"], dtype="str"),
            "country": pd.Series(
                ["Denmark", "Denmark", "South Korea", "United Kingdom"], dtype="str"
            ),
            "year": pd.Series([2022, 2022, 2022, 2024], dtype="int64"),
            "indicator": pd.Series(["score", "rank", "score", "score"], dtype="str"),
            "value": pd.Series([0.97, 1.0, 0.0, 1.0], dtype="float64"),
            "source_file": pd.Series([FILE] * 4, dtype="str"),
        }
    )


def test_a_good_table_passes() -> None:
    validate_tidy(good(), SPEC, where="test")


def _set(column: str, row: int, value: object) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row, column] = value
        return frame

    return change


@pytest.mark.parametrize(
    ("mutate", "error", "fragments"),
    [
        (
            lambda f: f.rename(columns={"value": "score"}),
            ValidationError,
            ["columns must be exactly", "'score'"],
        ),
        (
            lambda f: f[["country", "iso3", "year", "indicator", "value", "source_file"]],
            ValidationError,
            ["found"],
        ),
        (
            lambda f: f.assign(year=f["year"].astype("float64")),
            ValidationError,
            ["'year'", "int64"],
        ),
        (
            lambda f: f.assign(value=f["value"].astype("str")),
            ValidationError,
            ["'value'", "float64"],
        ),
        (_set("value", 2, np.nan), ValidationError, ["'value'", "not assessed", "KOR"]),
        (_set("country", 1, ""), ValidationError, ["'country'", "empty"]),
        (
            lambda f: _set("country", 3, "Britain")(_set("iso3", 3, "XYZ")(f)),
            UnknownCountryError,
            ["'iso3'", "XYZ"],
        ),
        (
            _set("country", 2, "Republic of Korea"),
            ValidationError,
            ["'country'", "Republic of Korea"],
        ),
        (_set("indicator", 3, "egdi"), ValidationError, ["'indicator'", "egdi"]),
        (
            _set("source_file", 0, "data/raw/other.csv"),
            ValidationError,
            ["'source_file'", "other.csv"],
        ),
        (_set("indicator", 1, "score"), ValidationError, ["not unique", "DNK"]),
        (
            _set("value", 0, 1.2),
            ValidationError,
            ["'value'", "range", "'score': (0.0, 1.0)", "1.2"],
        ),
        (_set("value", 1, 0.0), ValidationError, ["'rank': (1.0, 193.0)"]),
    ],
    ids=[
        "renamed-column",
        "reordered-columns",
        "float-year",
        "text-value",
        "missing-value",
        "empty-country",
        "unknown-iso3",
        "wrong-display-name",
        "undeclared-indicator",
        "foreign-source-file",
        "duplicate-key",
        "score-out-of-range",
        "rank-out-of-range",
    ],
)
def test_broken_tables_fail_with_dataset_column_and_values(
    mutate: Callable[[pd.DataFrame], pd.DataFrame], error: type[Exception], fragments: list[str]
) -> None:
    with pytest.raises(error) as caught:
        validate_tidy(mutate(good()), SPEC, where="test")
    message = str(caught.value)
    assert "'demo'" in message
    for fragment in fragments:
        assert fragment in message


def cleaner_output() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": ["KOR", "DNK", "DNK"],
            "year": [2022.0, 2022.0, 2024.0],
            "indicator": ["score", "score", "rank"],
            "value": [0.9, 0.97, 1],
            "source_file": [FILE] * 3,
        }
    )


def test_tidy_table_adds_names_fixes_types_and_sorts() -> None:
    table = tidy_table(cleaner_output(), SPEC)
    assert list(table["iso3"]) == ["DNK", "DNK", "KOR"]
    assert list(table["country"]) == ["Denmark", "Denmark", "South Korea"]
    assert table["year"].dtype == "int64" and table["value"].dtype == "float64"
    validate_tidy(table, SPEC, where="test")


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda f: f.assign(year=[2022.5, 2022, 2024]), "whole years"),
        (lambda f: f.assign(value=["0.9", "x", "1"]), "parse it to numbers"),
        (lambda f: f.drop(columns="source_file"), "must return columns"),
        (lambda f: f.assign(iso3=["KOR", "DNK", "ZZZ"]), "ZZZ"),
    ],
)
def test_tidy_table_refuses_sloppy_cleaner_output(
    change: Callable[[pd.DataFrame], pd.DataFrame], fragment: str
) -> None:
    with pytest.raises(ValidationError, match=fragment):
        tidy_table(change(cleaner_output()), SPEC)
