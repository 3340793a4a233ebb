"""Country profiles against peers: standings, positions, leads and lags, rank falls, coverage.

Small frames are built the way the real ones look (string codes, an extra ``country`` and
``source_file`` column, a published ``*_rank`` indicator beside the scores, repeated index
labels after a concat) and the answers are worked out by hand in the comments. The real
tables check the cross-source facts the notebooks rely on.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from smartresearch.analysis import country_record, panels, peer_views, profiles
from smartresearch.countries import FOCUS, PEERS
from smartresearch.errors import UnknownCountryError, ValidationError


def tidy(indicator: str, year: int, values: dict[str, float], source: str = "raw/x.csv"):
    return pd.DataFrame(
        {
            "iso3": list(values),
            "country": "ignored",
            "year": year,
            "indicator": indicator,
            "value": list(values.values()),
            "source_file": source,
        }
    )


# Five countries in 2024, four in 2022 (EST not assessed), plus the publisher's rank and a
# NaN that must count as "not assessed", not as a value.
SMALL = pd.concat(
    [
        tidy("egdi", 2024, {"DNK": 0.98, "KOR": 0.96, "EST": 0.97, "GBR": 0.95, "BRA": 0.80}),
        tidy("egdi", 2022, {"DNK": 0.97, "KOR": 0.95, "GBR": 0.91, "BRA": 0.76, "EST": math.nan}),
        tidy("osi", 2024, {"DNK": 0.99, "KOR": 1.0, "EST": 0.99, "GBR": 0.95, "BRA": 0.90}),
        tidy("egdi_rank", 2024, {"DNK": 1, "EST": 2, "KOR": 3, "GBR": 4, "BRA": 5}),
    ]
)  # index labels repeat, as after a careless concat
GROUP = ("GBR", "DNK", "KOR", "EST")


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return profiles.index_frames()


# --- peer_standing -----------------------------------------------------------------------


def test_peer_standing_ranks_medians_of_others_and_world_ranks():
    table = profiles.peer_standing(SMALL, GROUP)
    # scores only: the published rank is not ranked again
    assert set(table["indicator"]) == {"egdi", "osi"}
    row = table.set_index(["year", "indicator", "iso3"]).loc[(2024, "egdi", "GBR")]
    # GBR 0.95 is last of the four members; the others are 0.96, 0.97, 0.98
    assert (row["peer_rank"], row["peer_n"]) == (4, 4)
    assert row["peer_median"] == pytest.approx(0.97)
    assert (row["peer_min"], row["peer_max"]) == (pytest.approx(0.96), pytest.approx(0.98))
    assert row["gap_to_median"] == pytest.approx(-0.02)
    # world: BRA is below GBR, so GBR is 4th of 5
    assert (row["world_rank"], row["world_n"]) == (4, 5)
    assert row["country"] == "United Kingdom"


def test_peer_standing_ties_share_the_best_rank_and_missing_values_are_not_assessed():
    table = profiles.peer_standing(SMALL, GROUP).set_index(["year", "indicator", "iso3"])
    # OSI 2024: KOR 1.0 first, DNK and EST tie on 0.99 -> both 2nd, GBR 4th
    assert table.loc[(2024, "osi", "DNK"), "peer_rank"] == 2
    assert table.loc[(2024, "osi", "EST"), "peer_rank"] == 2
    assert table.loc[(2024, "osi", "GBR"), "peer_rank"] == 4
    # EST's NaN in 2022 is not assessed: three members ranked, EST has no row
    assert (2022, "egdi", "EST") not in table.index
    assert table.loc[(2022, "egdi", "GBR"), "peer_n"] == 3


def test_peer_standing_with_a_single_member_has_no_peer_median():
    table = profiles.peer_standing(SMALL, ["BRA"], indicators=["egdi"])
    assert table["peer_n"].tolist() == [1, 1]
    assert table["peer_median"].isna().all()


@pytest.mark.parametrize(
    ("frame", "group", "kwargs", "error", "message"),
    [
        (SMALL.rename(columns={"value": "score"}), GROUP, {}, ValidationError, "'value'"),
        (SMALL, ("GBR", "UKX"), {}, UnknownCountryError, "UKX"),
        (SMALL, GROUP, {"indicators": ["egdi", "dgi"]}, ValidationError, "['dgi']"),
        (
            SMALL.astype({"value": object}).assign(
                value=lambda t: t["value"].where(t.index != 0, "n/a")
            ),
            GROUP,
            {},
            ValidationError,
            "n/a",
        ),
        (pd.concat([SMALL, SMALL.head(1)]), GROUP, {}, ValidationError, "repeat the key"),
        (
            SMALL.assign(iso3=SMALL["iso3"].replace("BRA", "XXB")),
            GROUP,
            {},
            UnknownCountryError,
            "XXB",
        ),
    ],
    ids=[
        "renamed-column",
        "unknown-peer",
        "unknown-indicator",
        "non-numeric",
        "duplicate-key",
        "unknown-iso3",
    ],
)
def test_peer_standing_rejects_bad_input_naming_it(frame, group, kwargs, error, message):
    with pytest.raises(error) as caught:
        profiles.peer_standing(frame, group, **kwargs)
    assert message in str(caught.value)


# --- countries and groups ----------------------------------------------------------------


def test_validate_country_accepts_codes_in_any_case():
    assert profiles.validate_country(" est ") == "EST"
    assert profiles.validate_country("GBR") == "GBR"


@pytest.mark.parametrize("bad", ["XYZ", "", None, 826])
def test_validate_country_rejects_unknown_codes(bad):
    with pytest.raises(UnknownCountryError) as caught:
        profiles.validate_country(bad)
    assert repr(bad) in str(caught.value)


def test_validate_country_takes_a_name_and_suggests_for_a_typo():
    assert profiles.validate_country("Estonia") == "EST"
    with pytest.raises(UnknownCountryError, match=r"Did you mean Estonia \(EST\)"):
        profiles.validate_country("Estoniia")


def test_validate_country_refuses_a_country_no_dataset_assesses():
    with pytest.raises(ValidationError, match="none of the datasets"):
        profiles.validate_country("FRA", {"small": SMALL})
    assert profiles.validate_country("BRA", {"small": SMALL}) == "BRA"


def test_comparison_group_puts_the_country_first_without_duplicates():
    group = profiles.comparison_group("EST")
    assert group[0] == "EST" and group.count("EST") == 1
    assert set(group) == {*FOCUS, *PEERS}
    assert profiles.comparison_group(["BRA"], ["GBR", "BRA"]) == ("BRA", "GBR")
    with pytest.raises(UnknownCountryError, match="DEN"):
        profiles.comparison_group("GBR", ["DEN"])


# --- positions ---------------------------------------------------------------------------


def test_latest_positions_keeps_a_country_missing_from_the_latest_edition():
    older = tidy("dgi", 2019, {"DNK": 0.65, "GBR": 0.74, "KOR": 0.74})
    newer = tidy("dgi", 2023, {"DNK": 0.81, "KOR": 0.94, "EST": 0.70})
    table = profiles.latest_positions(
        {"oecd_dgi": pd.concat([older, newer])}, ["GBR", "KOR"], ["DNK", "EST"]
    )
    gbr, kor = table.set_index("iso3").loc["GBR"], table.set_index("iso3").loc["KOR"]
    assert not gbr["assessed"] and gbr["year"] == 2023 and gbr["last_assessed"] == 2019
    assert pd.isna(gbr["value"]) and pd.isna(gbr["peer_rank"])
    # the field it was absent from is still described: the three assessed members
    assert gbr["peer_n"] == 3 and gbr["peer_median"] == pytest.approx(0.81)
    assert kor["assessed"] and kor["peer_rank"] == 1 and kor["peer_n"] == 3
    # KOR's peers (DNK, EST; GBR not assessed): median of 0.81 and 0.70
    assert kor["peer_median"] == pytest.approx(0.755)
    assert list(table.columns) == list(profiles.POSITION_COLUMNS)


def test_headline_indicators_are_the_panels_headline_indices_plus_ourdata(frames):
    """Profiles and the cross-index panel report the same headline score of each index."""
    table = profiles.latest_positions(frames, "DNK")
    reported = set(zip(table["dataset"], table["indicator"], strict=True))
    from_panels = {(i.dataset, i.indicator) for i in panels.HEADLINE_INDICES}
    assert reported - from_panels == {(d, i) for d, i in reported if d == "ourdata"}
    assert from_panels <= reported
    assert profiles.INDEX_DATASETS[-1] == "ourdata" and set(profiles.INDEX_DATASETS) == set(frames)


def test_latest_positions_on_real_tables_match_the_published_ranks(frames):
    table = profiles.latest_positions(frames, FOCUS)
    egdi = frames["egdi"]
    published = egdi[(egdi["indicator"] == "egdi_rank") & (egdi["year"] == egdi["year"].max())]
    published = published.set_index("iso3")["value"]
    rows = table[table["indicator"] == "egdi"].set_index("iso3")
    for iso3 in FOCUS:
        assert rows.loc[iso3, "world_rank"] == published[iso3]
    # the UK has left the EU benchmark: not assessed, never assessed in the loaded years
    eu = table[(table["dataset"] == "egov_benchmark") & (table["iso3"] == "GBR")].iloc[0]
    assert not eu["assessed"] and pd.isna(eu["last_assessed"])


def test_every_comparator_gets_a_profile_without_errors(frames):
    for iso3 in (*FOCUS, *PEERS):
        positions = profiles.latest_positions(frames, iso3)
        assert (positions["iso3"] == iso3).all()
        assert positions.loc[positions["dataset"] == "egdi", "assessed"].all()
        coverage = country_record.country_coverage(frames, iso3)
        assert coverage["share"].between(0, 1).all()


def test_singapore_is_not_in_the_oecd_data_and_degrades_gracefully(frames):
    positions = profiles.latest_positions(frames, "SGP")
    dgi = positions[positions["dataset"] == "oecd_dgi"].iloc[0]
    assert not dgi["assessed"] and pd.isna(dgi["last_assessed"])
    coverage = country_record.country_coverage(frames, "SGP").set_index("dataset")
    assert coverage.loc["oecd_dgi", "assessed_in"] == ()
    assert coverage.loc["oecd_dgi", "not_assessed_in"] == (2019, 2023)
    assert coverage.loc["egdi", "share"] == 1.0


def test_component_gaps_in_a_given_edition_and_a_missing_edition():
    gaps = profiles.component_gaps(SMALL, "GBR", GROUP[1:], components=["egdi"], year=2022)
    row = gaps.iloc[0]
    # 2022: GBR 0.91 against DNK 0.97 and KOR 0.95 (EST not assessed) -> median 0.96
    assert row["peer_median"] == pytest.approx(0.96)
    assert row["gap_to_median"] == pytest.approx(-0.05)
    with pytest.raises(ValidationError, match="no 2010 edition"):
        profiles.component_gaps(SMALL, "GBR", components=["egdi"], year=2010)


def test_leads_and_lags_lists_ties_and_marks_countries_not_assessed():
    frame = pd.concat(
        [
            tidy("osi", 2024, {"DNK": 0.99, "KOR": 1.0, "GBR": 0.95}),
            tidy("hci", 2024, {"DNK": 0.96, "KOR": 0.91, "GBR": 0.94}),
            tidy("tii", 2024, {"DNK": 0.99, "KOR": 0.98, "GBR": 0.97}),
        ]
    )
    table = peer_views.leads_and_lags(
        frame,
        ["DNK", "KOR", "EST"],
        ["GBR"],
        indicators=["osi", "hci", "tii"],
    ).set_index("iso3")
    # DNK: osi 2nd, hci 1st, tii 1st -> leads on hci and tii (a tie), lags on osi
    assert table.loc["DNK", "leads"] == ("hci", "tii")
    assert table.loc["DNK", "lags"] == ("osi",)
    assert table.loc["KOR", "leads"] == ("osi",) and table.loc["KOR", "lags"] == ("hci",)
    assert table.loc["EST", "leads"] == () and table.loc["EST", "lags"] == ()
    assert pd.isna(table.loc["EST", "osi"])
    assert table.loc["DNK", "peer_n"] == 3 and table.loc["DNK", "year"] == 2024


def test_trajectory_keeps_editions_the_country_missed():
    table = peer_views.trajectory(SMALL, "EST", GROUP, indicator="egdi")
    assert table["year"].tolist() == [2022, 2024]
    assert pd.isna(table.loc[0, "value"]) and table.loc[1, "peer_rank"] == 2
    # 2022 did not assess EST, but its field is described: DNK 0.97, KOR 0.95, GBR 0.91
    # among the group (BRA only in the world count), so the peers' band has no hole
    missed = table.loc[0]
    assert pd.isna(missed["peer_rank"]) and pd.isna(missed["gap_to_median"])
    assert (missed["peer_n"], missed["world_n"]) == (3, 4)
    assert (missed["peer_min"], missed["peer_median"], missed["peer_max"]) == pytest.approx(
        (0.91, 0.95, 0.97)
    )


# --- rank falls, concordance, coverage, caveats ------------------------------------------


def test_fall_from_peak_reads_the_published_rank():
    frame = pd.concat(
        [
            tidy("egdi_rank", 2016, {"GBR": 1, "DNK": 9, "KOR": 3, "EST": 13}),
            tidy("egdi_rank", 2018, {"GBR": 4, "DNK": 1, "KOR": 3, "EST": 16}),
            tidy("egdi_rank", 2024, {"GBR": 7, "DNK": 1, "KOR": 4, "EST": 2}),
        ]
    )
    fall = country_record.fall_from_peak(frame, "GBR")
    assert (fall.best_rank, fall.best_years, fall.peak_year) == (1, (2016,), 2016)
    assert (fall.latest_year, fall.latest_rank, fall.places_lost) == (2024, 7, 6)
    assert fall.overtaken_by == ("DNK", "EST", "KOR")  # in their 2024 order
    assert fall.history["ranked_first"].tolist() == [("GBR",), ("DNK",), ("DNK",)]
    # a shared first place is every leader's code; an edition with none ranked 1st is empty
    shared = frame.copy()
    shared.loc[(shared["year"] == 2018) & (shared["iso3"] == "KOR"), "value"] = 1
    shared.loc[(shared["year"] == 2016) & (shared["iso3"] == "GBR"), "value"] = 2
    history = country_record.fall_from_peak(shared, "GBR").history
    assert history["ranked_first"].tolist() == [(), ("DNK", "KOR"), ("DNK",)]
    with pytest.raises(ValidationError, match="'dgi_rank'"):
        country_record.fall_from_peak(frame, "GBR", rank_indicator="dgi_rank")
    with pytest.raises(ValidationError, match="not ranked in the latest"):
        country_record.fall_from_peak(
            frame[~((frame["iso3"] == "EST") & (frame["year"] == 2024))], "EST"
        )


def test_the_uk_fell_from_first_in_2016_on_the_real_ranking(frames):
    fall = country_record.fall_from_peak(frames["egdi"], "GBR")
    assert fall.best_rank == 1 and fall.peak_year == 2016
    assert fall.latest_rank > 1 and len(fall.overtaken_by) == fall.latest_rank - 1


def test_concordance_position_ranks_among_common_countries_and_marks_who_assessed_it():
    a = tidy("egdi", 2024, {"DNK": 0.98, "GBR": 0.95, "KOR": 0.96, "EST": 0.97})
    b = tidy("dgi", 2023, {"DNK": 0.81, "GBR": 0.77, "KOR": 0.94})
    c = tidy("gtmi", 2025, {"EST": 0.99, "KOR": 0.99, "DNK": 0.93})
    table = country_record.concordance_position({"EGDI": a, "DGI": b, "GTMI": c}, "GBR")
    first = table.iloc[0]
    # common: DNK, GBR, KOR. EGDI ranks GBR 3rd of 3, DGI 3rd of 3 -> shift 0
    assert (first["a"], first["b"], first["n"]) == ("EGDI", "DGI", 3)
    assert (first["rank_a"], first["rank_b"], first["rank_shift"]) == (3, 3, 0)
    assert list(table.columns) == list(country_record.POSITION_COLUMNS)
    # data, not words: the chapter says "not assessed by GTMI" (test_chapters_profile.py)
    assert table[["assessed_a", "assessed_b"]].to_numpy().tolist() == [
        [True, True],
        [True, False],  # EGDI vs GTMI
        [True, False],  # DGI vs GTMI
    ]
    assert table["assessed_a"].dtype == bool
    assert pd.isna(table.iloc[2]["rank_a"])
    nowhere = country_record.concordance_position({"EGDI": a, "DGI": b}, "FRA")
    assert not nowhere["assessed_a"].any() and not nowhere["assessed_b"].any()
    # only one of the pair: EST is in EGDI but not in DGI
    est = country_record.concordance_position({"EGDI": a, "DGI": b}, "EST").iloc[0]
    assert (est["assessed_a"], est["assessed_b"]) == (True, False) and pd.isna(est["rank_a"])


def test_country_coverage_lists_editions_assessed_and_missed():
    coverage = country_record.country_coverage(
        {"small": SMALL}, "EST", indicators={"small": ["egdi"]}
    )
    row = coverage.iloc[0]
    assert (row["editions"], row["assessed_in"], row["not_assessed_in"]) == (
        (2022, 2024),
        (2024,),
        (2022,),
    )
    assert row["share"] == 0.5


def test_caveats_match_words_by_prefix_and_codes_as_whole_words():
    compar = country_record.caveats_mentioning("oecd_dgi", ["compar"])
    assert compar and all("compar" in c.lower() for c in compar)
    # "ARE" (United Arab Emirates) is named once; the verb "are" must not match
    are = country_record.caveats_mentioning("ourdata", codes=["ARE"])
    assert len(are) == 1 and "ARE" in are[0]
    # the GTMI caveats use the verb ("codes that are not ISO") but never the code
    assert country_record.caveats_mentioning("gtmi", ["are"])
    assert country_record.caveats_mentioning("gtmi", codes=["ARE"]) == ()
    # a code matches whole words only: "SA" is not "SAU"
    assert country_record.caveats_mentioning("ourdata", codes=["SA"]) == ()
    with pytest.raises(ValueError):
        country_record.caveats_mentioning("egdi", [" "])
