"""A country's own peers, chosen for stated reasons.

A profile compares a country with countries like it, so a rank among them says something.
The rule (the chapter words it: :data:`smartresearch.chapters.profile.PEER_RULE`):

* **Candidates** are the countries with a region (UNU-EGOV's 2019 country file,
  ``data/reference/country_groups.csv``) and an EGDI score in the UN survey's latest edition,
  without microstates (fewer than :data:`MICROSTATE_POPULATION` people in the WDI's latest
  year) unless ``microstates=True``.
* Each candidate's **distance** from the country adds four steps: geography (0 in the same
  sub-region, 1 elsewhere in the region, 3 in another region), income (one step per doubling
  of GDP per capita, PPP, WDI latest year), development (one step per 0.1 of EGDI, latest
  edition) and size (half a step per tenfold population). A measure either country lacks
  adds :data:`MISSING_STEP`.
* The **peers** are the :data:`MAX_PEERS` nearest, ties broken by code (deterministic).

:func:`peer_table` returns the peers with each measure compared and a ``geography`` column
(where each lies relative to the country), as data: the chapter says why in words;
:func:`default_peers` just their codes. A user may name peers
instead (:func:`parse_peers`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import pandas as pd

from smartresearch.config import data_dir
from smartresearch.countries import check_iso3, country_name, resolve_countries, resolve_country
from smartresearch.errors import ValidationError

GROUPS_FILE = "reference/country_groups.csv"
#: Fewest peers a profile should have (kept for callers; the default group has MAX_PEERS).
MIN_PEERS = 5
#: How many peers the default group holds.
MAX_PEERS = 8
#: Below this population (WDI, latest year) a country is a microstate, left out by default.
MICROSTATE_POPULATION = 1_000_000
#: Steps added for a measure the country or the candidate lacks.
MISSING_STEP = 2.0
#: Steps of geography: same sub-region, same region, another region.
GEOGRAPHY_STEPS = (0.0, 1.0, 3.0)

#: Where a candidate lies relative to the country, in :data:`GEOGRAPHY_STEPS` order.
GEOGRAPHIES = ("sub-region", "region", "elsewhere")
PEER_COLUMNS = (
    "iso3",
    "country",
    "region",
    "sub_region",
    "income_group",
    "population",
    "gdp_pc_ppp",
    "egdi",
    "distance",
    "geography",
)


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


def _latest(frame: pd.DataFrame, indicator: str) -> pd.Series:
    """Each country's value of ``indicator`` in its latest year with one."""
    rows = frame[(frame["indicator"] == indicator) & frame["value"].notna()]
    return rows.sort_values("year").groupby("iso3")["value"].last()


@lru_cache(maxsize=1)
def measures() -> pd.DataFrame:
    """Region, sub-region, income group, population, GDP per capita (PPP) and EGDI by ISO3,
    for every classified country (the measures :func:`peer_table` compares)."""
    from smartresearch import datasets  # the tables; analysing them needs nothing above

    wdi, egdi = datasets.load("wdi"), datasets.load("egdi")
    latest_egdi = egdi[(egdi["indicator"] == "egdi") & (egdi["year"] == egdi["year"].max())]
    out = country_groups()[["region", "sub_region", "income_group"]].copy()
    out["population"] = _latest(wdi, "population")
    out["gdp_pc_ppp"] = _latest(wdi, "gdp_pc_ppp")
    out["egdi"] = latest_egdi.set_index("iso3")["value"]
    return out


def _step(a: float, b: float, scale: float) -> float:
    if pd.isna(a) or pd.isna(b):
        return MISSING_STEP
    return abs(a - b) / scale


def _ratio_step(a: float, b: float, per: float) -> float:
    if pd.isna(a) or pd.isna(b) or a <= 0 or b <= 0:
        return MISSING_STEP
    return abs(math.log(a / b)) / math.log(per)


def _own(iso3: str) -> pd.Series:
    table = measures()
    if iso3 not in table.index:
        raise ValidationError(
            f"{iso3} ({country_name(iso3)}) has no region in {GROUPS_FILE} (UNU-EGOV's 2019 "
            "list), so its peers cannot be chosen; name its peers instead (--peers A,B,C)"
        )
    return table.loc[iso3]


def _scored(own: pd.Series, pool: pd.DataFrame) -> pd.DataFrame:
    """``pool`` with each candidate's geography and distance from ``own``, in PEER_COLUMNS."""
    where = [
        0 if r.sub_region == own["sub_region"] else 1 if r.region == own["region"] else 2
        for r in pool.itertuples()
    ]
    distance = (
        pd.Series([GEOGRAPHY_STEPS[w] for w in where], index=pool.index, dtype="float64")
        + pool["gdp_pc_ppp"].map(lambda v: _ratio_step(v, own["gdp_pc_ppp"], 2.0))
        + pool["egdi"].map(lambda v: _step(v, own["egdi"], 0.1))
        + 0.5 * pool["population"].map(lambda v: _ratio_step(v, own["population"], 10.0))
    )
    out = pool.assign(distance=distance.round(6)).rename_axis("iso3").reset_index()
    out["country"] = [country_name(c) for c in out["iso3"]]
    out["geography"] = [GEOGRAPHIES[w] for w in where]
    return out[list(PEER_COLUMNS)]


def peer_table(
    country: str,
    *,
    n: int = MAX_PEERS,
    microstates: bool = False,
    candidates: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The ``n`` countries most like ``country`` by the rule in the module docstring.

    One row per peer, nearest first, with columns :data:`PEER_COLUMNS`: the measures
    compared, the ``distance`` (in steps) and the ``geography`` (one of :data:`GEOGRAPHIES`).
    ``country`` is typed as people type it ("Estonia", "est"); ``candidates`` restricts the
    choice (e.g. to the countries an index assessed); ``microstates=True`` admits countries
    under 1 million people. Raises :class:`ValidationError` for a country with no region
    (name its peers).
    """
    iso3 = resolve_country(country, argument="country")
    own = _own(iso3)
    pool = measures().drop(index=iso3)
    pool = pool[pool["egdi"].notna()]
    if candidates is not None:
        allowed = set(resolve_countries(candidates, argument="candidates"))
        pool = pool[pool.index.isin(allowed)]
    if not microstates:
        pool = pool[~(pool["population"] < MICROSTATE_POPULATION)]
    scored = _scored(own, pool).sort_values(["distance", "iso3"])
    return scored.head(n).reset_index(drop=True)


def explain_peers(country: str, peers: Sequence[str]) -> pd.DataFrame:
    """:func:`peer_table`'s columns for peers a user named, in the order named (an
    unclassified peer keeps its name, with blank measures and geography)."""
    iso3 = resolve_country(country, argument="country")
    codes = [c for c in resolve_countries(peers, argument="peers") if c != iso3]
    table = measures()
    known = [c for c in codes if c in table.index]
    scored = _scored(_own(iso3), table.loc[known]).set_index("iso3")
    rows = [
        scored.loc[c].to_dict() | {"iso3": c}
        if c in scored.index
        else {"iso3": c, "country": country_name(c)}
        for c in codes
    ]
    return pd.DataFrame(rows, columns=list(PEER_COLUMNS))


def default_peers(
    iso3: str,
    *,
    candidates: Sequence[str] | None = None,
    max_peers: int = MAX_PEERS,
    microstates: bool = False,
) -> tuple[str, ...]:
    """The codes of :func:`peer_table`'s peers of ``iso3``, nearest first.

    >>> default_peers("Uruguay")[:3]
    ('CHL', 'ARG', 'BRA')
    """
    table = peer_table(iso3, n=max_peers, microstates=microstates, candidates=candidates)
    return tuple(table["iso3"])


def parse_peers(text: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """Peers as given on a command line or a list; None when none given.

    Commas separate names ("South Korea, Japan"); without commas, spaces separate codes
    ("KEN UGA tza"). Every entry is resolved as people type countries.
    """
    if text is None:
        return None
    if isinstance(text, str):
        if "," in text:
            items = [t.strip() for t in text.split(",")]
        else:
            whole = text.strip()
            items = [whole] if _is_country(whole) else whole.split()
    else:
        items = [str(t).strip() for t in text]
    items = [t for t in items if t]
    if not items:
        return None
    return resolve_countries(items, argument="peers")


def _is_country(text: str) -> bool:
    try:
        resolve_country(text)
    except ValidationError:
        return False
    return True
