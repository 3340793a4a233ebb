"""A country's own peers: countries of its region in its income group.

The default comparison group of the profile used to be the report's (mostly OECD)
comparators, so a low-income country ranked last on every line, which says little.
Peers here are, by default, the other countries of the same region and World Bank income
group (``data/reference/country_groups.csv``, from UNU-EGOV's 2019 country file: see
``scripts/make_country_groups.py``); a user may name peers instead. When the region has
too few countries in the income group, the sub-region's neighbours and then the income
group worldwide fill the group, in a fixed order, so the choice is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import pandas as pd

from smartresearch.config import data_dir
from smartresearch.countries import check_iso3
from smartresearch.errors import ValidationError

GROUPS_FILE = "reference/country_groups.csv"
#: Fewest peers the default group aims for before it widens (see module docstring).
MIN_PEERS = 5
#: Most peers the default group keeps (the profile's tables list them all).
MAX_PEERS = 12


@lru_cache(maxsize=1)
def country_groups() -> pd.DataFrame:
    """Region, sub-region and income group by ISO3 code (the committed reference table)."""
    path = data_dir() / GROUPS_FILE
    if not path.is_file():
        raise ValidationError(
            f"{path} does not exist; it ships with the package and is made by "
            "scripts/make_country_groups.py"
        )
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    check_iso3(frame["iso3"], context=str(path))
    return frame.set_index("iso3")


def classification(iso3: str) -> dict[str, str] | None:
    """``{"region", "sub_region", "income_group"}`` of ``iso3``, or None if unclassified."""
    groups = country_groups()
    if iso3 not in groups.index:
        return None
    row = groups.loc[iso3]
    return {k: str(row[k]) for k in ("region", "sub_region", "income_group")}


def default_peers(
    iso3: str,
    *,
    candidates: Sequence[str] | None = None,
    min_peers: int = MIN_PEERS,
    max_peers: int = MAX_PEERS,
) -> tuple[str, ...]:
    """Peers of ``iso3``: same region and income group, widened if there are too few.

    ``candidates`` restricts the choice (e.g. to the countries an index assessed). The
    order is: same sub-region and income, same region and income, then same income
    anywhere, each by code; at most ``max_peers``. Raises :class:`ValidationError` when
    ``iso3`` has no classification (then name the peers instead).
    """
    own = classification(iso3)
    if own is None:
        raise ValidationError(
            f"{iso3} has no region or income group in {GROUPS_FILE} (UNU-EGOV's 2019 list); "
            "name its peers instead (--peers A,B,C)"
        )
    groups = country_groups().drop(index=iso3)
    if candidates is not None:
        groups = groups[groups.index.isin(set(candidates))]
    income = groups[groups["income_group"] == own["income_group"]]
    tiers = [
        income[income["sub_region"] == own["sub_region"]],
        income[income["region"] == own["region"]],
    ]
    chosen: list[str] = []
    for tier in tiers:
        chosen += [c for c in sorted(tier.index) if c not in chosen]
    if len(chosen) < min_peers:
        chosen += [c for c in sorted(income.index) if c not in chosen]
    return tuple(chosen[:max_peers])


def parse_peers(text: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """Peers as given on a command line ("KEN,UGA TZA") or a list; None when none given."""
    if text is None:
        return None
    items = text.replace(",", " ").split() if isinstance(text, str) else list(text)
    codes = tuple(dict.fromkeys(str(c).strip().upper() for c in items if str(c).strip()))
    if not codes:
        return None
    check_iso3(codes, context="peers")
    return codes
