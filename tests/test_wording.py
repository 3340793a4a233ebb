"""The house wording, defined once (smartresearch/wording.py): each rule and its edge."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from smartresearch import wording


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
        (7.0, "7th"),
    ],
)
def test_ordinal(n, text) -> None:
    assert wording.ordinal(n) == text


@pytest.mark.parametrize("bad", [2.5, float("nan"), None, pd.NA])
def test_ordinal_refuses_what_is_not_a_whole_number(bad) -> None:
    with pytest.raises(ValueError, match="whole number"):
        wording.ordinal(bad)


def test_join_names_and_count() -> None:
    assert wording.join_names([]) == ""
    assert wording.join_names(["Denmark"]) == "Denmark"
    assert wording.join_names(["Denmark", "Korea"]) == "Denmark and Korea"
    assert wording.join_names(["Denmark", "Korea", "the UK"]) == "Denmark, Korea and the UK"
    assert wording.join_names(["A", "B"], "or") == "A or B"
    assert wording.count(1, "country", "countries") == "1 country"
    assert wording.count(1200, "country", "countries") == "1,200 countries"
    assert wording.count(2, "pair") == "2 pairs"


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (25_000_000, "users", "25 million users"),
        (5_170_000, "", "5.17 million"),
        (350_000_000, "GBP", "£350 million"),
        (2.6e9, "USD", "$2.6 billion"),
        (3827, "services", "3,827 services"),
        (33, "% of central government purchasing", "33% of central government purchasing"),
        (27.1, "%", "27.1%"),
        (2020, "year", "2020"),
        (0.0345, None, "0.0345"),
        (float("nan"), "users", "no value"),
        # the figures chapters 1 and 4 print (moved from the chapters' alias format_quantity)
        (7_400_000.0, "GBP", "£7.4 million"),
        (2.5e9, "USD", "$2.5 billion"),
        (0.0, "services", "0 services"),
        (89.72183, "services", "89.7 services"),
        (2025, "year", "2025"),
        # a span of years is a count and keeps its unit
        (10.0, "years", "10 years"),
    ],
)
def test_one_quantity_style(value, unit, text) -> None:
    assert wording.quantity(value, unit) == text


def test_a_year_is_a_whole_year_and_numbers_are_never_abbreviated() -> None:
    with pytest.raises(ValueError, match="not a whole calendar year"):
        wording.quantity(2020.5, "year")
    assert wording.number(3_900_000) == "3.9 million"  # never "3.9m"
    assert "m" not in wording.number(1_100_000).replace("million", "")
    assert wording.number(-1_500_000) == "-1.5 million"
    assert math.isclose(float(wording.number(0.5)), 0.5)


def test_rank_of_and_articles() -> None:
    assert wording.rank_of(3, 17) == "3 of 17"
    assert wording.rank_of(pd.NA, 17) == wording.NOT_ASSESSED == "not assessed"
    assert wording.rank_of(3.0, float("nan")) == "not assessed"
    assert wording.with_article("United Kingdom") == "the United Kingdom"
    assert wording.with_article("United Kingdom", capital=True) == "The United Kingdom"
    assert wording.with_article("Denmark", capital=True) == "Denmark"
    assert wording.sentence_case("the UK and Korea") == "The UK and Korea"
