"""Peer groups: fixed groups keep their order, membership groups follow the calendar."""

from __future__ import annotations

import pandas as pd
import pytest

from smartresearch.analysis import in_group, list_peer_groups, peer_group
from smartresearch.analysis.groups import memberships
from smartresearch.countries import FOCUS, PEERS
from smartresearch.errors import ValidationError


def test_fixed_groups_come_from_countries_module_in_order():
    assert peer_group("focus") == FOCUS == ("DNK", "KOR", "GBR")
    assert peer_group("peers") == PEERS
    assert peer_group("Comparators") == FOCUS + PEERS


def test_current_membership_sizes_and_brexit():
    eu, oecd = peer_group("eu"), peer_group("oecd")
    assert len(eu) == 27 and len(oecd) == 38
    assert "GBR" not in eu and "GBR" in oecd
    assert "GBR" in peer_group("eu", year=2018)
    assert "GBR" not in peer_group("eu", year=2020)
    # Croatia joined the EU in 2013, Colombia the OECD in 2020.
    assert "HRV" not in peer_group("eu", year=2012) and "HRV" in peer_group("eu", year=2013)
    assert "COL" not in peer_group("oecd", year=2019) and "COL" in peer_group("oecd", year=2020)


def test_every_membership_row_is_cited():
    table = memberships()
    assert table["source"].str.startswith("https://").all()
    assert not table.duplicated(["group", "iso3"]).any()


def test_unknown_group_names_the_known_ones():
    with pytest.raises(ValidationError, match=r"unknown peer group 'g7'.*'eu'.*'focus'"):
        peer_group("g7")


def test_list_peer_groups_describes_every_group():
    groups = list_peer_groups()
    assert set(groups["name"]) == {"focus", "peers", "comparators", "oecd", "eu"}
    for name, members in zip(groups["name"], groups["members"], strict=True):
        assert members == len(peer_group(name))


def test_in_group_applies_membership_per_edition():
    frame = pd.DataFrame(
        {
            "iso3": ["GBR", "GBR", "DNK", "USA"],
            "year": [2018, 2022, 2022, 2022],
            "indicator": "egdi",
            "value": [0.9, 0.91, 0.97, 0.91],
        }
    )
    kept = in_group(frame, "eu")
    assert list(zip(kept["iso3"], kept["year"], strict=True)) == [("GBR", 2018), ("DNK", 2022)]
    assert list(in_group(frame, "eu", by_edition=False)["iso3"]) == ["DNK"]
    assert list(in_group(frame, "focus")["iso3"]) == ["GBR", "GBR", "DNK"]


def test_in_group_names_missing_column():
    with pytest.raises(ValidationError, match=r"in_group\('eu'\).*missing column\(s\) \['year'\]"):
        in_group(pd.DataFrame({"iso3": ["DNK"]}), "eu")
