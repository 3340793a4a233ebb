"""Property-based tests of the numeric parsing every cleaner relies on (``datasets._readers``)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartresearch.datasets._readers import parse_numbers, parse_whole_numbers
from smartresearch.errors import ValidationError

FINITE = st.floats(allow_nan=False, allow_infinity=False)
PADDING = st.text(alphabet=" \t", max_size=3)


@settings(max_examples=300, deadline=None)
@given(value=FINITE, lead=PADDING, trail=PADDING, fixed=st.integers(0, 8))
def test_written_numbers_parse_back_exactly(
    value: float, lead: str, trail: str, fixed: int
) -> None:
    shortest = lead + repr(value) + trail
    as_published = f"{value:.{fixed}f}"  # the UN exports' five decimals, trailing zeros kept
    parsed = parse_numbers(pd.Series([shortest, as_published]), rel="f.csv", column="c")
    assert parsed.iloc[0] == value
    assert parsed.iloc[1] == float(as_published)
    assert parsed.dtype == "float64"


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(st.one_of(FINITE.map(repr), st.sampled_from(["", "  ", ".."])), max_size=30))
def test_missing_markers_become_nan_and_positions_are_kept(cells: list[str]) -> None:
    parsed = parse_numbers(pd.Series(cells, dtype=object), rel="f.csv", column="c", missing=("..",))
    assert len(parsed) == len(cells)
    for cell, number in zip(cells, parsed, strict=True):
        if cell.strip() in ("", ".."):
            assert math.isnan(number)
        else:
            assert number == float(cell)


@settings(max_examples=200, deadline=None)
@given(
    junk=st.text(alphabet="abcxyz,%$€ ", min_size=1, max_size=8).filter(
        lambda s: s.strip() not in ("",)
    ),
    position=st.integers(0, 4),
)
def test_text_that_is_not_a_number_is_reported_with_file_column_line_and_value(
    junk: str, position: int
) -> None:
    cells = ["0.5"] * 5
    cells[position] = junk
    with pytest.raises(ValidationError) as caught:
        parse_numbers(pd.Series(cells), rel="data/raw/x/file.csv", column="Online Service Index")
    message = str(caught.value)
    assert "data/raw/x/file.csv" in message
    assert "'Online Service Index'" in message
    assert repr(junk.strip()) in message or repr(junk) in message
    assert f"line {position + 2}" in message


@pytest.mark.parametrize("cell", ["inf", "-inf", "nan", "NaN", "1,234", "12%"])
def test_non_finite_and_formatted_numbers_are_errors(cell: str) -> None:
    with pytest.raises(ValidationError):
        parse_numbers(pd.Series(["1", cell]), rel="f.csv", column="c")


@settings(max_examples=100, deadline=None)
@given(whole=st.integers(-10_000, 10_000), fraction=st.floats(0.01, 0.99))
def test_whole_numbers_accept_integers_and_refuse_fractions(whole: int, fraction: float) -> None:
    assert parse_whole_numbers(
        pd.Series([str(whole), f"{whole}.0"]), rel="f", column="rank"
    ).tolist() == [
        whole,
        whole,
    ]
    with pytest.raises(ValidationError, match="whole numbers"):
        parse_whole_numbers(pd.Series([repr(whole + fraction)]), rel="f", column="rank")
