"""What a rank is (:mod:`smartresearch.ranking`), checked against the UN's own ties.

The EGDI prints scores to four decimals, and some countries share one: Sweden and Iceland
both scored 0.941 in 2022 and the UN ranked both 5th. The UN's published rank is the
check that our default rule (``min``: tied countries share the better rank, the next is
skipped) is the publisher's rule, on its real ties, not on numbers made up to fit.
"""

from __future__ import annotations

import pandas as pd
import pytest

from smartresearch.datasets import load
from smartresearch.errors import ValidationError
from smartresearch.ranking import TIE_RULES, rank_groups, rank_values


@pytest.fixture(scope="module")
def egdi() -> pd.DataFrame:
    return load("egdi")


def _edition(egdi: pd.DataFrame, indicator: str, year: int) -> pd.Series:
    rows = egdi[(egdi["indicator"] == indicator) & (egdi["year"] == year)]
    return rows.set_index("iso3")["value"]


@pytest.mark.parametrize("year", [2018, 2022])
def test_min_ranks_reproduce_the_uns_published_ranks_ties_included(egdi, year):
    scores = _edition(egdi, "egdi", year)
    published = _edition(egdi, "egdi_rank", year)
    tied = scores[scores.duplicated(keep=False)].index
    assert len(tied) >= 4  # two pairs at least: the edition really has ties
    ours = rank_values(scores, ties="min")
    assert ours.dtype == "Int64"
    common = published.index.intersection(ours.index)
    assert len(common) == len(scores) == 193
    assert (ours[common].astype("int64") == published[common].astype("int64")).all()
    # every set of equal scores shares one rank
    assert (ours[tied].groupby(scores[tied]).nunique() == 1).all()


def test_the_2022_tie_at_fifth_under_every_rule(egdi):
    scores = _edition(egdi, "egdi", 2022)
    assert scores["SWE"] == scores["ISL"] == 0.941
    above = int((scores > 0.941).sum())
    assert above == 4
    expected = {"min": (5, 7), "dense": (5, 6), "max": (6, 7), "average": (5.5, 7)}
    for ties in TIE_RULES:
        ranked = rank_values(scores, ties=ties)
        # Sweden and Iceland share one rank; the next country is placed after them
        nxt = scores[scores < 0.941].idxmax()
        assert ranked["SWE"] == ranked["ISL"] == expected[ties][0], ties
        assert ranked[nxt] == expected[ties][1], ties


def test_in_2020_the_un_broke_ties_that_four_decimals_hide(egdi):
    """2020's published ranks differ from ours only where scores print equal: the UN ranked
    on unrounded scores, so one of each tied pair is one place lower there."""
    scores = _edition(egdi, "egdi", 2020)
    published = _edition(egdi, "egdi_rank", 2020)
    ours = rank_values(scores)
    differ = ours.index[ours.astype("float64") != published.reindex(ours.index)]
    tied = set(scores[scores.duplicated(keep=False)].index)
    assert len(differ) == 4 and set(differ) <= tied
    assert ((published[differ] - ours[differ].astype("float64")) == 1).all()


def test_rank_groups_restart_in_each_group_and_keep_the_index(egdi):
    rows = egdi[egdi["indicator"] == "egdi"]
    ranked = rank_groups(rows["value"], rows["year"])
    assert ranked.index.equals(rows.index)
    for year in (2018, 2022, 2024):
        alone = rank_values(_edition(egdi, "egdi", year))
        in_groups = ranked[rows["year"] == year]
        in_groups.index = rows.loc[rows["year"] == year, "iso3"]
        assert in_groups.sort_index().tolist() == alone.sort_index().tolist()


def test_lower_is_better_and_missing_values():
    published = pd.Series([7.0, 1.0, None, 1.0], index=["GBR", "DNK", "XKX", "EST"])
    ranked = rank_values(published, higher_is_better=False)
    assert ranked.tolist()[:2] == [3, 1] and ranked["EST"] == 1 and pd.isna(ranked["XKX"])
    grouped = rank_groups(published, pd.Series([2024, 2024, 2024, 2022], index=published.index))
    assert grouped.tolist()[:2] == [1, 2] and grouped["EST"] == 1


def test_an_unknown_tie_rule_is_refused():
    with pytest.raises(ValidationError, match=r"ties='first'.*'min', 'dense', 'average', 'max'"):
        rank_values(pd.Series([1.0, 2.0]), ties="first")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="ties='first'"):
        rank_groups(pd.Series([1.0]), pd.Series([2024]), ties="first")  # type: ignore[arg-type]
