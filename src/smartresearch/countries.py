"""One country reference list, and the focus and peer groups every analysis shares.

Every table in the toolkit names countries by ISO 3166-1 alpha-3 code, checked against
``data/reference/countries.csv``, and spells them with that list's ``name`` column, so that
"Republic of Korea", "Korea, Rep." and "KOR" are one country everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from smartresearch.config import data_dir
from smartresearch.errors import UnknownCountryError

#: The three approaches the Smarter State articles compare.
FOCUS: tuple[str, ...] = ("DNK", "KOR", "GBR")

#: Peers the articles and the digital-government literature compare them with.
PEERS: tuple[str, ...] = ("EST", "SGP", "FIN", "NLD", "AUS", "NZL", "USA", "JPN", "NOR", "SWE", "ISL", "DEU", "FRA", "CAN")


@lru_cache(maxsize=1)
def reference() -> pd.DataFrame:
    """The reference list, indexed by ``iso3`` (cached: it is read once per process)."""
    path = data_dir() / "reference" / "countries.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.set_index("iso3", drop=False)


def known_iso3() -> frozenset[str]:
    return frozenset(reference()["iso3"])


def check_iso3(codes: Iterable[str], *, context: str) -> None:
    """Raise :class:`UnknownCountryError` naming ``context`` if any code is not in the list."""
    unknown = sorted({str(c) for c in codes} - known_iso3())
    if unknown:
        raise UnknownCountryError(
            f"{context}: {len(unknown)} code(s) not in data/reference/countries.csv: {unknown[:20]}. "
            "Fix the source mapping or add the country to the reference list."
        )


def country_name(iso3: str) -> str:
    """Display name of one country."""
    try:
        return str(reference().at[iso3, "name"])
    except KeyError:
        raise UnknownCountryError(f"{iso3!r} is not an ISO3 code in data/reference/countries.csv") from None


def names_for(codes: Iterable[str]) -> list[str]:
    """Display names for many codes at once (vectorised; unknown codes raise)."""
    codes = list(codes)
    check_iso3(codes, context="country names")
    lookup = reference()["name"]
    return [str(lookup[c]) for c in codes]


def iso3_from_iso2(codes: Iterable[str], *, context: str, overrides: dict[str, str] | None = None) -> list[str]:
    """Map alpha-2 codes to alpha-3, applying a source's explicit ``overrides`` first.

    ``overrides`` holds a source's own deviations from ISO (the European Commission writes
    ``EL`` for Greece and ``UK`` for the United Kingdom). Unknown codes raise.
    """
    overrides = overrides or {}
    table = dict(zip(reference()["iso2"], reference()["iso3"], strict=True))
    out: list[str] = []
    missing: list[str] = []
    for code in codes:
        code = str(code).strip()
        iso3 = overrides.get(code) or table.get(code)
        if iso3 is None:
            missing.append(code)
        else:
            out.append(iso3)
    if missing:
        raise UnknownCountryError(f"{context}: alpha-2 code(s) not recognised: {sorted(set(missing))}")
    return out
