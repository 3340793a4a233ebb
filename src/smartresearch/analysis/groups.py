"""Peer groups: which countries a comparison is made against.

"Focus" and "peers" are the project's own choice (``smartresearch.countries``); "oecd" and
"eu" are memberships, kept as data in ``country_groups.csv`` beside this module with the
joining (and leaving) year and a citation on every row, so that an EU comparison of the
2016 edition includes the United Kingdom and one of the 2022 edition does not.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from io import StringIO

import pandas as pd

from smartresearch.analysis._frames import require_columns
from smartresearch.countries import FOCUS, PEERS, check_iso3
from smartresearch.errors import ValidationError

MEMBERSHIP_FILE = "country_groups.csv"


_FIXED: dict[str, tuple[str, tuple[str, ...]]] = {
    "focus": (
        "The three approaches the Smarter State articles compare "
        "(Denmark, South Korea, United Kingdom)",
        FOCUS,
    ),
    "peers": ("Peers the articles and the digital-government literature compare them with", PEERS),
    "comparators": ("Focus countries followed by their peers", FOCUS + PEERS),
}
_MEMBERSHIP_DESCRIPTIONS = {
    "oecd": "Members of the OECD (by year of accession)",
    "eu": "Member states of the European Union (by year of accession; the UK left in 2020)",
}


@lru_cache(maxsize=1)
def memberships() -> pd.DataFrame:
    """The membership table (``group, iso3, joined, left, source``), validated on first use."""
    text = (
        resources.files("smartresearch.analysis")
        .joinpath(MEMBERSHIP_FILE)
        .read_text(encoding="utf-8")
    )
    frame = pd.read_csv(StringIO(text), dtype={"group": str, "iso3": str, "source": str})
    what = f"smartresearch/analysis/{MEMBERSHIP_FILE}"
    require_columns(frame, ["group", "iso3", "joined", "left", "source"], what=what)
    check_iso3(frame["iso3"], context=what)
    if frame["source"].isna().any():
        raise ValidationError(
            f"{what}: rows without a source: {frame.loc[frame.source.isna(), 'iso3'].tolist()}"
        )
    unknown = sorted(set(frame["group"]) - set(_MEMBERSHIP_DESCRIPTIONS))
    if unknown:
        raise ValidationError(f"{what}: undocumented group(s) {unknown}")
    frame["joined"] = frame["joined"].astype("int64")
    frame["left"] = frame["left"].astype("Int64")
    return frame


def list_peer_groups() -> pd.DataFrame:
    """Every group ``peer_group`` knows: name, description and current size."""
    rows = [(name, desc, len(members)) for name, (desc, members) in _FIXED.items()]
    rows += [(name, desc, len(peer_group(name))) for name, desc in _MEMBERSHIP_DESCRIPTIONS.items()]
    return pd.DataFrame(rows, columns=["name", "description", "members"])


def peer_group(name: str, *, year: int | None = None) -> tuple[str, ...]:
    """ISO3 codes of group ``name``; for membership groups, as of ``year`` (default: today).

    Fixed groups keep their documented order (focus countries first, as every figure
    shows them); membership groups are sorted by code.
    """
    key = name.strip().lower()
    if key in _FIXED:
        return _FIXED[key][1]
    if key not in _MEMBERSHIP_DESCRIPTIONS:
        known = sorted([*_FIXED, *_MEMBERSHIP_DESCRIPTIONS])
        raise ValidationError(f"unknown peer group {name!r}; known groups: {known}")
    table = memberships()
    rows = table[table["group"] == key]
    if year is not None:
        left = rows["left"].fillna(10_000).astype("int64")
        rows = rows[(rows["joined"] <= year) & (left > year)]
    else:
        rows = rows[rows["left"].isna()]
    return tuple(sorted(rows["iso3"]))


def in_group(frame: pd.DataFrame, name: str, *, by_edition: bool = True) -> pd.DataFrame:
    """Rows of a tidy ``frame`` whose country belongs to group ``name``.

    With ``by_edition`` (the default) membership groups are applied per row's ``year``,
    so each edition is compared with the members of that time.
    """
    require_columns(frame, ["iso3", "year"] if by_edition else ["iso3"], what=f"in_group({name!r})")
    key = name.strip().lower()
    if not by_edition or key in _FIXED:
        return frame[frame["iso3"].isin(peer_group(key))]
    keep = pd.Series(False, index=frame.index)
    for year in frame["year"].unique():
        rows = frame["year"] == year
        keep |= rows & frame["iso3"].isin(peer_group(key, year=int(year)))
    return frame[keep]
