"""Ranks within edition and indicator: explicit tie rules, lower-is-better indicators."""

from __future__ import annotations

import pandas as pd
import pytest

from smartresearch.analysis import rank_values, rank_within
from smartresearch.errors import ValidationError


def tidy(indicator: str, year: int, values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {"iso3": list(values), "year": year, "indicator": indicator, "value": list(values.values())}
    )


# Four countries, two tied in second place: the four tie rules must differ exactly here.
TIED = {"DNK": 0.98, "KOR": 0.96, "SGP": 0.96, "GBR": 0.95}


@pytest.mark.parametrize(
    ("ties", "expected"),
    [
        ("min", [1, 2, 2, 4]),
        ("dense", [1, 2, 2, 3]),
        ("max", [1, 3, 3, 4]),
        ("average", [1, 2.5, 2.5, 4]),
    ],
)
def test_tie_rules(ties, expected):
    ranked = rank_within(tidy("egdi", 2024, TIED), ties=ties)
    assert ranked["rank"].tolist() == expected


def test_ranks_restart_in_each_edition_and_indicator():
    frame = pd.concat(
        [
            tidy("egdi", 2022, {"DNK": 0.97, "KOR": 0.95, "GBR": 0.91}),
            tidy("egdi", 2024, {"DNK": 0.98, "KOR": 0.97, "GBR": 0.96}),
            tidy("osi", 2024, {"DNK": 0.99, "KOR": 1.0, "GBR": 0.97}),
        ]
    )  # index labels repeat (0, 1, 2, 0, 1, 2...), as after a careless concat
    ranked = rank_within(frame)
    by_key = {(r.year, r.indicator, r.iso3): r.rank for r in ranked.itertuples()}
    assert by_key[(2024, "osi", "KOR")] == 1 and by_key[(2024, "osi", "DNK")] == 2
    assert by_key[(2022, "egdi", "GBR")] == 3 and by_key[(2024, "egdi", "DNK")] == 1
    # the input is not modified
    assert "rank" not in frame.columns


def test_published_ranks_are_lower_is_better():
    frame = tidy("egdi_rank", 2024, {"DNK": 1, "EST": 2, "GBR": 7})
    assert rank_within(frame)["rank"].tolist() == [1, 2, 3]
    # ... unless the caller says otherwise
    assert rank_within(frame, lower_is_better_indicators=())["rank"].tolist() == [3, 2, 1]


def test_single_country_and_missing_values():
    assert rank_within(tidy("egdi", 2024, {"DNK": 0.9}))["rank"].tolist() == [1]
    ranked = rank_values(pd.Series([0.5, None, 0.7]))
    assert ranked.tolist()[0] == 2 and ranked.isna().tolist() == [False, True, False]


def test_unknown_tie_rule_is_refused():
    with pytest.raises(ValidationError, match=r"ties='first'.*'min', 'dense', 'average', 'max'"):
        rank_within(tidy("egdi", 2024, TIED), ties="first")


def test_renamed_column_is_named_in_the_error():
    frame = tidy("egdi", 2024, TIED).rename(columns={"value": "score"})
    with pytest.raises(ValidationError, match=r"rank_within: missing column\(s\) \['value'\]"):
        rank_within(frame)


def test_non_numeric_values_are_listed():
    frame = tidy("egdi", 2024, TIED).astype({"value": object})
    frame.loc[1, "value"] = "n/a"
    with pytest.raises(ValidationError, match=r"non-numeric values \['n/a'\]"):
        rank_within(frame)


def test_existing_rank_column_is_not_overwritten():
    frame = tidy("egdi", 2024, TIED).assign(rank=1)
    with pytest.raises(ValidationError, match="already has a 'rank' column"):
        rank_within(frame)
