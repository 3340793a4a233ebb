"""Default peers by region and income group, and peers a user names."""

from __future__ import annotations

import pytest

from smartresearch.analysis import peers
from smartresearch.errors import UnknownCountryError, ValidationError


def test_kenya_is_compared_with_lower_middle_income_african_countries():
    chosen = peers.default_peers("KEN")
    assert "KEN" not in chosen and len(chosen) == peers.MAX_PEERS
    groups = peers.country_groups()
    assert set(groups.loc[list(chosen), "income_group"]) == {"lower-middle"}
    assert set(groups.loc[list(chosen), "region"]) == {"Africa"}
    # its own sub-region comes first
    subs = list(groups.loc[list(chosen), "sub_region"])
    eastern = [s == "Eastern Africa" for s in subs]
    assert eastern[0] and eastern == sorted(eastern, reverse=True)
    assert peers.default_peers("KEN") == chosen  # deterministic


def test_a_small_group_widens_to_the_income_group_worldwide():
    # Oceania has few high-income countries: the group is filled from elsewhere
    own = peers.classification("AUS")
    assert own == {"region": "Oceania", "sub_region": own["sub_region"], "income_group": "high"}
    chosen = peers.default_peers("AUS")
    groups = peers.country_groups()
    assert len(chosen) >= peers.MIN_PEERS
    assert set(groups.loc[list(chosen), "income_group"]) == {"high"}
    assert "Oceania" in set(groups.loc[list(chosen), "region"])


def test_candidates_restrict_the_choice():
    chosen = peers.default_peers("KEN", candidates=["UGA", "TZA", "GBR", "NGA"])
    assert set(chosen) <= {"UGA", "TZA", "NGA"} and "GBR" not in chosen


def test_unclassified_country_asks_for_named_peers():
    with pytest.raises(ValidationError, match="name its peers instead"):
        peers.default_peers("XKX")


def test_named_peers_are_parsed_and_checked():
    assert peers.parse_peers("uga, TZA rwa") == ("UGA", "TZA", "RWA")
    assert peers.parse_peers("") is None and peers.parse_peers(None) is None
    with pytest.raises(UnknownCountryError):
        peers.parse_peers("UGA,XYZ")
