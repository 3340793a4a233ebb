"""One country reference list, and the focus and peer groups every analysis shares.

Every table in the toolkit names countries by ISO 3166-1 alpha-3 code, checked against
``data/reference/countries.csv``, and spells them with that list's ``name`` column, so that
"Republic of Korea", "Korea, Rep." and "KOR" are one country everywhere.
"""

from __future__ import annotations

import csv
import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pandas as pd

from smartresearch.config import data_dir
from smartresearch.errors import UnknownCountryError, ValidationError

#: The three approaches the Smarter State articles compare.
FOCUS: tuple[str, ...] = ("DNK", "KOR", "GBR")

#: Peers the articles and the digital-government literature compare them with.
PEERS: tuple[str, ...] = (
    "EST",
    "SGP",
    "FIN",
    "NLD",
    "AUS",
    "NZL",
    "USA",
    "JPN",
    "NOR",
    "SWE",
    "ISL",
    "DEU",
    "FRA",
    "CAN",
)


@lru_cache(maxsize=1)
def reference() -> pd.DataFrame:
    """The reference list, indexed by ``iso3`` (cached: it is read once per process)."""
    path = data_dir() / "reference" / "countries.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame.set_index("iso3", drop=False)


@lru_cache(maxsize=1)
def known_iso3() -> frozenset[str]:
    return frozenset(reference()["iso3"])


def check_iso3(codes: Iterable[str], *, context: str) -> None:
    """Raise :class:`UnknownCountryError` naming ``context`` if any code is not in the list."""
    unknown = sorted({str(c) for c in codes} - known_iso3())
    if unknown:
        raise UnknownCountryError(
            f"{context}: {len(unknown)} code(s) not in data/reference/countries.csv: "
            f"{unknown[:20]}. "
            "Fix the source mapping or add the country to the reference list."
        )


# ---------------------------------------------------------------------------------------
# Countries as people type them
#
# A user's argument ("Estonia", "est", "UK", "South Korea", "Turkey") is resolved here:
# an ISO3 code in any case, any of the reference list's three names, or one of the common
# English short forms below. An unknown one is an error naming the argument and the closest
# matches; it is never the data's fault, so the message gives no maintainer advice.
# ---------------------------------------------------------------------------------------

#: Everyday English names the reference list does not spell (normalised form -> ISO3).
# fmt: off
COMMON_NAMES: dict[str, str] = {
    "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR",
    "england": "GBR", "scotland": "GBR", "wales": "GBR", "northern ireland": "GBR",
    "usa": "USA", "u.s.a.": "USA", "us": "USA", "u.s.": "USA", "america": "USA",
    "united states of america": "USA", "korea": "KOR", "republic of korea": "KOR",
    "korea, rep.": "KOR", "korea, south": "KOR", "turkey": "TUR", "turkiye": "TUR",
    "russia": "RUS", "czech republic": "CZE", "holland": "NLD", "the netherlands": "NLD",
    "vietnam": "VNM", "ivory coast": "CIV", "cape verde": "CPV", "swaziland": "SWZ",
    "macedonia": "MKD", "burma": "MMR", "uae": "ARE", "drc": "COD",
    "democratic republic of the congo": "COD", "congo-kinshasa": "COD",
    "congo-brazzaville": "COG", "east timor": "TLS", "vatican": "VAT",
    "the gambia": "GMB", "the bahamas": "BHS", "kyrgyz republic": "KGZ",
    "slovak republic": "SVK", "micronesia (federated states of)": "FSM",
    "iran (islamic republic of)": "IRN", "north korea": "PRK",
}
# fmt: on


@lru_cache(maxsize=1)
def _input_lookup() -> dict[str, str]:
    """Every accepted spelling (normalised) -> ISO3: codes, reference names, common names."""
    lookup = dict(_reference_lookup())
    for iso3 in known_iso3():
        lookup.setdefault(iso3.casefold(), iso3)
    for name, iso3 in COMMON_NAMES.items():
        lookup.setdefault(normalise_name(name), iso3)
    return lookup


def closest_countries(text: str, n: int = 3) -> list[str]:
    """Up to ``n`` "Name (ISO3)" suggestions for a spelling that matched nothing (difflib)."""
    lookup = _input_lookup()
    matches = difflib.get_close_matches(normalise_name(text), list(lookup), n=n * 3, cutoff=0.6)
    codes = list(dict.fromkeys(lookup[m] for m in matches))[:n]
    return [f"{reference().at[c, 'name']} ({c})" for c in codes]


def resolve_country(value: object, *, argument: str = "country") -> str:
    """The ISO3 code of a country as a person types it: ``"est"``, ``"Estonia"``, ``"UK"``.

    Raises :class:`UnknownCountryError` naming ``argument`` (the caller's parameter) and
    the closest matches.

    >>> resolve_country("south korea")
    'KOR'
    >>> resolve_country("Türkiye"), resolve_country("Turkey"), resolve_country("est")
    ('TUR', 'TUR', 'EST')
    """
    if not isinstance(value, str) or not value.strip():
        raise UnknownCountryError(
            f"{argument}={value!r}: expected a country, as an ISO3 code ('EST') or a name "
            "('Estonia')"
        )
    key = normalise_name(value)
    found = _input_lookup().get(key) or _input_lookup().get(key.replace(".", ""))
    if found is None:
        close = closest_countries(value)
        hint = f" Did you mean {', '.join(close[:-1])} or {close[-1]}?" if close[1:] else ""
        hint = f" Did you mean {close[0]}?" if len(close) == 1 else hint
        raise UnknownCountryError(
            f"{argument}={value!r} is not a country code or name the toolkit knows.{hint} "
            "Use an ISO3 code such as 'EST' or an English name such as 'Estonia'."
        )
    return found


def resolve_countries(values: str | Iterable[object], *, argument: str) -> tuple[str, ...]:
    """:func:`resolve_country` for one value or many, duplicates dropped, order kept.

    Every unknown value is reported at once, each with its closest matches.
    """
    items = [values] if isinstance(values, str) else list(values)
    codes: list[str] = []
    problems: list[str] = []
    for item in items:
        try:
            codes.append(resolve_country(item, argument=argument))
        except UnknownCountryError as exc:
            problems.append(str(exc))
    if problems:
        raise UnknownCountryError(" ".join(problems))
    return tuple(dict.fromkeys(codes))


def country_name(iso3: str) -> str:
    """Display name of one country, given as people type it (``"est"``, ``"UK"``)."""
    if iso3 not in known_iso3():
        iso3 = resolve_country(iso3, argument="country_name: iso3")
    return str(reference().at[iso3, "name"])


def names_for(codes: Iterable[str]) -> list[str]:
    """Display names for many codes at once (vectorised; unknown codes raise)."""
    codes = list(codes)
    check_iso3(codes, context="country names")
    lookup = reference()["name"]
    return [str(lookup[c]) for c in codes]


def subject_name(subject: str) -> str:
    """A subject's display name: a country's name for an ISO3 code, anything else (an
    organisation such as techUK) unchanged, for tables whose rows mix the two."""
    return country_name(subject) if subject in known_iso3() else subject


def iso3_from_iso2(
    codes: Iterable[str], *, context: str, overrides: dict[str, str] | None = None
) -> list[str]:
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
        raise UnknownCountryError(
            f"{context}: alpha-2 code(s) not recognised: {sorted(set(missing))}"
        )
    return out


# ---------------------------------------------------------------------------------------
# Name harmonisation
#
# Publishers spell countries their own way ("Republic of Korea ", "Iran (Islamic Republic
# of)", "Turkey"). A name is matched first against the reference list's ``name``,
# ``iso_name`` and ``official_name`` after normalisation (Unicode NFKC, typographic
# apostrophes, runs of whitespace, case), which absorbs stray spaces and composed/decomposed
# accents without any mapping. What is left must be listed, per source, in
# ``data/reference/country_aliases.csv``: nothing is matched fuzzily, so a new spelling is an
# error to review rather than a silent guess, and a mapping no build uses is an error too.
# ---------------------------------------------------------------------------------------

ALIAS_COLUMNS: tuple[str, ...] = ("source", "name", "iso3", "note")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def normalise_name(name: str) -> str:
    """The form in which country names are compared.

    NFKC, plain apostrophes, single spaces, casefolded.
    """
    text = unicodedata.normalize("NFKC", str(name)).translate(_APOSTROPHES)
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=1)
def _reference_lookup() -> dict[str, str]:
    """Normalised reference name -> iso3.

    A name shared by two countries is left out: it needs an explicit alias.
    """
    lookup: dict[str, str] = {}
    clashes: set[str] = set()
    ref = reference()
    for column in ("name", "iso_name", "official_name"):
        for raw, iso3 in zip(ref[column], ref["iso3"], strict=True):
            if not raw:
                continue
            key = normalise_name(raw)
            if lookup.get(key, iso3) != iso3:
                clashes.add(key)
            lookup.setdefault(key, iso3)
    for key in clashes:
        del lookup[key]
    return lookup


def aliases_path() -> Path:
    return data_dir() / "reference" / "country_aliases.csv"


def aliases() -> pd.DataFrame:
    """The per-source alias table, checked: known codes, no duplicates, none the reference matches.

    Cached per file path and modification time, so an edited alias file is re-read.
    """
    path = aliases_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise ValidationError(
            f"The alias table {path} does not exist; it ships with the repository."
        ) from None
    return _load_aliases(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load_aliases(path: Path, _mtime_ns: int, _size: int) -> pd.DataFrame:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = (tuple(rows[0]), rows[1:]) if rows else ((), [])
    if header != ALIAS_COLUMNS:
        raise ValidationError(
            f"{path}: expected columns {list(ALIAS_COLUMNS)}, found {list(header)}"
        )
    ragged = [i + 2 for i, row in enumerate(body) if len(row) != len(ALIAS_COLUMNS)]
    if ragged:
        raise ValidationError(
            f"{path}: line(s) {ragged[:10]} do not have {len(ALIAS_COLUMNS)} fields (quote names "
            "that contain commas)"
        )
    frame = pd.DataFrame(body, columns=list(ALIAS_COLUMNS), dtype=str)
    check_iso3(frame["iso3"], context=f"{path} column iso3")
    empty = frame[(frame["source"].str.strip() == "") | (frame["name"].str.strip() == "")]
    if not empty.empty:
        raise ValidationError(
            f"{path}: rows with an empty source or name: {empty.index.tolist()[:10]}"
        )
    keys = frame["source"] + "\x00" + frame["name"].map(normalise_name)
    duplicated = frame.loc[keys.duplicated(keep=False), ["source", "name"]]
    if not duplicated.empty:
        raise ValidationError(
            f"{path}: duplicate aliases (after normalisation): {duplicated.values.tolist()[:10]}"
        )
    lookup = _reference_lookup()
    redundant = [
        (s, n, lookup[normalise_name(n)])
        for s, n in zip(frame["source"], frame["name"], strict=True)
        if normalise_name(n) in lookup
    ]
    if redundant:
        raise ValidationError(
            f"{path}: these aliases are already matched by the reference list (source, name, "
            "iso3): "
            f"{redundant[:10]}. Remove them: an alias is only for a name the reference cannot "
            "match."
        )
    return frame


def _aliases_for(source: str) -> dict[str, tuple[str, str]]:
    """Normalised alias -> (iso3, alias as written) for one source."""
    frame = aliases()
    rows = frame[frame["source"] == source]
    return {normalise_name(n): (i, n) for n, i in zip(rows["name"], rows["iso3"], strict=True)}


# Active alias-usage recorders (see :func:`alias_usage`).
_USAGE_STACK: list[set[tuple[str, str]]] = []


@contextmanager
def alias_usage() -> Iterator[set[tuple[str, str]]]:
    """Record every ``(source, alias)`` that :func:`harmonise_countries` uses inside the block.

    The build wraps itself in this and then calls :func:`check_aliases_used`, so a mapping
    that no longer matches anything (the publisher fixed a name, or a typo in the alias) is
    reported instead of lingering.
    """
    used: set[tuple[str, str]] = set()
    _USAGE_STACK.append(used)
    try:
        yield used
    finally:
        _USAGE_STACK.remove(used)


def unused_aliases(sources: Iterable[str], used: set[tuple[str, str]]) -> list[tuple[str, str]]:
    frame = aliases()
    wanted = set(sources)
    return sorted(
        (s, n)
        for s, n in zip(frame["source"], frame["name"], strict=True)
        if s in wanted and (s, n) not in used
    )


def check_aliases_used(sources: Iterable[str], used: set[tuple[str, str]]) -> None:
    """Raise :class:`ValidationError` if any alias of ``sources`` was not used."""
    unused = unused_aliases(sources, used)
    if unused:
        raise ValidationError(
            f"{aliases_path()}: {len(unused)} alias(es) were never used while reading their source "
            f"(source, name): {unused[:20]}. Remove them or correct the spelling so each alias "
            "matches "
            "a name the source really contains."
        )


def harmonise_countries(names: Iterable[str], source: str) -> list[str]:
    """Map a source's country names to ISO3 codes via the reference list and the source's aliases.

    Raises :class:`UnknownCountryError` listing every name that neither the reference list
    nor an alias of ``source`` matches, and saying where to add a mapping.
    """
    names = [str(n) for n in names]
    lookup = _reference_lookup()
    source_aliases = _aliases_for(source)
    resolved: dict[str, str] = {}
    unmatched: list[str] = []
    for name in dict.fromkeys(names):
        key = normalise_name(name)
        if key in lookup:
            resolved[name] = lookup[key]
        elif key in source_aliases:
            iso3, written = source_aliases[key]
            resolved[name] = iso3
            for used in _USAGE_STACK:
                used.add((source, written))
        else:
            unmatched.append(name)
    if unmatched:
        raise UnknownCountryError(
            f"source {source!r}: {len(unmatched)} country name(s) match neither "
            "data/reference/countries.csv "
            f"nor an alias: {unmatched[:20]}. Add a row (source, name, iso3, note) to "
            f"{aliases_path()}."
        )
    return [resolved[n] for n in names]
