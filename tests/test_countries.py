"""Country name harmonisation: the reference list, per-source aliases, and their checks."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartresearch import countries, registry
from smartresearch.countries import (
    alias_usage,
    check_aliases_used,
    harmonise_countries,
    normalise_name,
    unused_aliases,
)
from smartresearch.errors import UnknownCountryError, ValidationError

REFERENCE = countries.reference()
NAMED = [
    (iso3, name)
    for column in ("name", "iso_name", "official_name")
    for iso3, name in zip(REFERENCE["iso3"], REFERENCE[column], strict=True)
    if name
]
WHITESPACE = st.text(alphabet=" \t\u00a0\u2009", max_size=3)


def _messy(name: str, draw_case: int, lead: str, trail: str, decompose: bool) -> str:
    variant = name.upper() if draw_case == 1 else name.lower() if draw_case == 2 else name
    variant = unicodedata.normalize("NFD", variant) if decompose else variant
    return lead + variant.replace(" ", "  ") + trail


@settings(max_examples=200, deadline=None)
@given(
    entry=st.sampled_from(NAMED),
    case=st.integers(0, 2),
    lead=WHITESPACE,
    trail=WHITESPACE,
    decompose=st.booleans(),
)
def test_reference_names_match_whatever_their_spacing_case_or_accents(
    entry: tuple[str, str], case: int, lead: str, trail: str, decompose: bool
) -> None:
    iso3, name = entry
    messy = _messy(name, case, lead, trail, decompose)
    assert harmonise_countries([messy], "any source") == [iso3]


@settings(max_examples=100, deadline=None)
@given(names=st.lists(st.sampled_from(NAMED), min_size=1, max_size=20))
def test_harmonisation_keeps_order_and_length(names: list[tuple[str, str]]) -> None:
    assert harmonise_countries([n for _, n in names], "any source") == [i for i, _ in names]


@settings(max_examples=100, deadline=None)
@given(junk=st.text(alphabet="qxzjQXZJ ", min_size=1, max_size=12).filter(lambda s: s.strip()))
def test_unmatched_names_are_an_error_that_lists_them(junk: str) -> None:
    assert normalise_name(junk) not in {normalise_name(n) for _, n in NAMED}
    with pytest.raises(UnknownCountryError) as caught:
        harmonise_countries(["Denmark", junk, "Narnia"], "un_egov_datacenter")
    message = str(caught.value)
    assert repr(junk) in message and "'Narnia'" in message and "country_aliases.csv" in message
    assert "'Denmark'" not in message


def test_typical_publisher_spellings() -> None:
    # "Côte d'Ivoire" decomposed (NFD) and with a typographic apostrophe still needs no alias.
    decomposed = unicodedata.normalize("NFD", "Côte d\u2019Ivoire")
    names = [
        "Republic of Korea ",
        "Côte d'Ivoire ",
        decomposed,
        "Türkiye",
        "Iraq  ",
        "United Kingdom",
    ]
    assert harmonise_countries(names, "un_egov_datacenter") == [
        "KOR",
        "CIV",
        "CIV",
        "TUR",
        "IRQ",
        "GBR",
    ]


def test_aliases_are_per_source() -> None:
    assert harmonise_countries(["Turkey "], "un_egov_crosscheck") == ["TUR"]
    with pytest.raises(UnknownCountryError, match="'Turkey'"):
        harmonise_countries(["Turkey"], "un_egov_datacenter")  # today's UN export says Türkiye


def test_alias_usage_is_recorded_and_unused_aliases_are_errors() -> None:
    with alias_usage() as used:
        harmonise_countries(["Republic of Korea", "Denmark"], "un_egov_datacenter")
    assert used == {("un_egov_datacenter", "Republic of Korea")}
    unused = unused_aliases(["un_egov_datacenter"], used)
    assert ("un_egov_datacenter", "Georgia (Country)") in unused
    with pytest.raises(ValidationError, match=r"never used.*Georgia \(Country\)"):
        check_aliases_used(["un_egov_datacenter"], used)
    # Outside the block nothing is recorded any more.
    harmonise_countries(["Georgia (Country)"], "un_egov_datacenter")
    assert ("un_egov_datacenter", "Georgia (Country)") not in used


def test_every_alias_source_is_a_registered_source() -> None:
    assert set(countries.aliases()["source"]) <= set(registry.sources())


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("un_egov_datacenter,Denmark,DNK,redundant", "already matched by the reference list"),
        ("un_egov_datacenter,Narnia,NAR,not a code", "NAR"),
        (
            "un_egov_datacenter,republic of korea ,KOR,duplicate after normalisation",
            "duplicate aliases",
        ),
        ("un_egov_datacenter,Korea, South,KOR,unquoted comma", "do not have 4 fields"),
    ],
)
def test_bad_alias_tables_are_refused(scratch_data: Path, row: str, message: str) -> None:
    path = scratch_data / "reference" / "country_aliases.csv"
    path.write_text(path.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=message):
        countries.aliases()


def test_renamed_alias_column_is_refused(scratch_data: Path) -> None:
    path = scratch_data / "reference" / "country_aliases.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("source,name,iso3,note", "source,country,iso3,note", 1), encoding="utf-8"
    )
    with pytest.raises(
        ValidationError, match=r"expected columns \['source', 'name', 'iso3', 'note'\]"
    ):
        countries.aliases()
