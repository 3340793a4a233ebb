"""Chapter 2's sentences say what the rank table says: strongest and weakest with ranks."""

from __future__ import annotations

import pandas as pd
import pytest

from smartresearch.chapters import approaches

COMPONENTS = ["osi", "hci", "tii", "epi"]
LABELS = {"osi": "Online services", "hci": "Human capital", "tii": "Telecoms", "epi": "E-part"}


def row(country: str, n: int, **ranks: int | None) -> pd.Series:
    return pd.Series({"country": country, "peer_n": n, **ranks})


def test_weakest_is_the_own_lowest_rank_and_only_last_when_it_is_last() -> None:
    phrase = approaches.strength_phrase(
        row("Denmark", 17, osi=2, hci=7, tii=2, epi=1), COMPONENTS, LABELS
    )
    assert phrase == (
        "Denmark's strongest component among the 17 is e-part (1st); "
        "its weakest, human capital (7th)"
    )
    assert "worst" not in phrase and "last" not in phrase
    last = approaches.strength_phrase(row("Chile", 5, osi=1, hci=5, tii=2, epi=3), COMPONENTS)
    assert last.endswith("its weakest, hci (5th, last)")


def test_ties_and_articles_and_missing_components() -> None:
    tied = approaches.strength_phrase(
        row("United Kingdom", 9, osi=3, hci=3, tii=8, epi=8), COMPONENTS, LABELS
    )
    assert tied.startswith("The United Kingdom's strongest component among the 9 is online")
    assert "online services, human capital (3rd)" in tied and "telecoms, e-part (8th)" in tied
    same = approaches.strength_phrase(row("Estonia", 4, osi=2, hci=2), COMPONENTS)
    assert same == "Estonia ranks 2nd of 4 on every component"
    none = approaches.strength_phrase(row("Kosovo", 4), COMPONENTS)
    assert none == "Kosovo is not assessed on these components"


@pytest.mark.parametrize("dataset", ["egdi", "gtmi"])
def test_positions_note_gives_each_edition_its_own_world_total(dataset: str) -> None:
    positions = pd.DataFrame(
        {
            "dataset": [dataset, dataset, "other"],
            "year": [2024, 2024, 2022],
            "assessed": [True, True, True],
            "world_n": [193, 193, 38],
        }
    )
    note = approaches.positions_note(positions, {dataset: "Index A"})
    assert "Index A 2024: 193" in note and "other 2022: 38" in note
    assert "leaves out the country itself" in note


# --- the answer: every sentence on the real tables and on a case that changes its words ---

import dataclasses  # noqa: E402

from smartresearch.analysis.country_record import RankFall  # noqa: E402
from smartresearch.countries import country_name  # noqa: E402


@pytest.fixture(scope="module")
def real():
    return approaches.answer()


def fall(history: list[tuple[int, int]], overtaken=("DNK", "EST")) -> RankFall:
    frame = pd.DataFrame(history, columns=["year", "rank"])
    frame["ranked_first"] = [("DNK",)] * len(frame)
    best = int(frame["rank"].min())
    years = tuple(int(y) for y in frame.loc[frame["rank"] == best, "year"])
    return RankFall(
        iso3="GBR",
        country="United Kingdom",
        indicator="egdi_rank",
        best_rank=best,
        best_years=years,
        peak_year=years[-1],
        latest_year=int(frame["year"].max()),
        latest_rank=int(frame["rank"].iloc[-1]),
        overtaken_by=tuple(overtaken),
        history=frame,
    )


def test_peer_group_sentence_names_every_peer(real) -> None:
    text = real.peer_group
    peers = [c for c in real.group if c not in real.focus]
    assert f"the 3 focus countries and {len(peers)} peers" in text
    assert all(country_name(c) in text for c in peers)
    assert text.endswith(f"a rank among these {len(real.group)} countries.")
    small = dataclasses.replace(real, group=("DNK", "KOR", "GBR", "EST"))
    assert "3 focus countries and 1 peer (Estonia)." in small.peer_group
    alone = dataclasses.replace(real, group=("GBR",), focus=("GBR",))
    assert "the 1 focus country and no peers" in alone.peer_group
    assert alone.peer_group.endswith("these 1 country.")


def test_articles_source_counts_the_features_by_part(real) -> None:
    text = real.articles_source
    assert f"The table holds {len(real.features)} features: " in text
    for part, n in real.features.groupby("source_part").size().items():
        assert f"{n} from the {part}" in text
    one_part = dataclasses.replace(real, features=real.features.assign(source_part="article"))
    assert f"features: {len(real.features)} from the article." in one_part.articles_source


def test_uk_fall_on_the_record_and_when_nothing_fell(real) -> None:
    text = real.uk_fall
    assert f"first in {real.fall.peak_year}" in text and str(real.fall.places_lost) in text
    assert all(country_name(c) in text for c in real.fall.overtaken_by)
    steady = approaches.fall_sentence(fall([(2016, 1), (2018, 3), (2020, 1)]))
    assert steady.endswith("it is 1st again in 2020: it has not fallen.")
    one = approaches.fall_sentence(fall([(2016, 1), (2018, 2)], overtaken=("DNK",)))
    assert "2nd, 1 place lower" in one and one.endswith("was below it in 2016: Denmark.")
    none = approaches.fall_sentence(fall([(2016, 2), (2018, 4)], overtaken=()))
    assert "ranked the United Kingdom 2nd in 2016" in none and "None of the countries" in none


def test_uk_ranks_names_who_ranked_first_from_the_codes(real) -> None:
    shown = real.uk_ranks
    assert list(shown.columns) == ["Edition", "UK rank", "Ranked first"]
    assert shown["Edition"].tolist() == real.fall.history["year"].tolist()
    by_year = dict(zip(shown["Edition"], shown["Ranked first"], strict=True))
    assert by_year[2016] == "United Kingdom" and by_year[2024] == "Denmark"
    # a shared first place lists every leader; an edition with no first place reads empty
    tied = fall([(2016, 1), (2018, 3)])
    tied.history["ranked_first"] = [("GBR", "KOR"), ()]
    rows = dataclasses.replace(real, fall=tied).uk_ranks["Ranked first"].tolist()
    assert rows == ["United Kingdom, South Korea", ""]


def test_headline_sentence_agrees_with_the_chapter(real) -> None:
    text = real.headline
    assert text.startswith(f"{real.leader['country']} leads the {real.assessed} countries")
    assert f"is {wording_ordinal(real.fall.latest_rank)}," in text
    assert f"overtaken by {len(real.fall.overtaken_by)} countries" in text
    held = approaches.headline_sentence(fall([(2016, 1), (2018, 1)]), "Denmark", 193)
    assert held.endswith("the United Kingdom is 1st, its best rank since 2018.")
    alone = approaches.headline_sentence(fall([(2016, 1), (2018, 3)], ("DNK",)), "Denmark", 9)
    assert alone.endswith("is 3rd, overtaken by 1 country that ranked below it then.")


def wording_ordinal(n: int) -> str:
    from smartresearch.wording import ordinal

    return ordinal(n)


def test_order_among_peers_names_a_country_an_index_leaves_out(real) -> None:
    text = real.order_among_peers
    assert text.count("\n- ") == real.positions["dataset"].nunique()
    egdi = real.positions[real.positions["dataset"] == "egdi"].sort_values("peer_rank")
    first = egdi.iloc[0]
    assert f"{first['country']} ({first['peer_rank']} of {first['peer_n']}), then " in text
    missing = real.positions.assign(
        assessed=real.positions["assessed"] & (real.positions["iso3"] != "GBR")
    )
    gap = approaches.order_among_peers(missing, real.datasets)
    assert gap.count("the United Kingdom not assessed") == missing["dataset"].nunique()
    nobody = approaches.order_among_peers(missing.assign(assessed=False), {})
    assert "- egdi 2024: none of the three is assessed." in nobody


def test_strengths_caveats_and_notes_on_the_real_tables(real) -> None:
    assert (
        real.strengths.count("strongest component") + real.strengths.count("every component") == 3
    )
    assert real.series_caveats.startswith("- ") and len(real.egdi_caveats) >= 1
    assert real.comparison_caveats_markdown.count("\n") + 1 == len(real.comparison_caveats)
    assert "**OECD Digital Government Index**: " in real.comparison_caveats_markdown
    assert {line.split("**")[1] for line in real.provenance.splitlines()} == {
        "EGDI",
        "OECD DGI",
        "GTMI",
    }
    assert "UN E-Government Survey 2024: 193" in real.positions_note
    assert real.headline_detail.startswith(real.uk_fall)
    table = real.leads_table.set_index("Country")
    assert table.loc["Denmark", "Leads on"] == "E-participation"
    blank = dataclasses.replace(
        real, leads_and_lags=real.leads_and_lags.assign(leads=[(), (), ()], lags=[(), (), ()])
    )
    assert set(blank.leads_table["Leads on"]) == {"not assessed"}


def test_caveat_lists_say_so_when_no_caveat_applies(real) -> None:
    from smartresearch.chapters._caveats import NO_CAVEATS

    assert real.series_caveats.splitlines() == [f"- {c}" for c in real.egdi_caveats]
    empty = dataclasses.replace(
        real,
        egdi_caveats=(),
        comparison_caveats=(),
        provenance_caveats=real.provenance_caveats.iloc[0:0],
    )
    assert empty.series_caveats == empty.comparison_caveats_markdown == NO_CAVEATS
    assert empty.provenance == NO_CAVEATS


def test_dgi_standing_is_chapter_4s_sentence_on_the_loaded_tables(real) -> None:
    from smartresearch.chapters.dgi_headlines import standing_phrase

    expected = standing_phrase(real.frames["oecd_dgi"], real.outcomes, list(real.focus))
    assert real.dgi_standing == expected and "OECD DGI" in expected
    assert dataclasses.replace(real, outcomes=None).dgi_standing == ""
    alone = dataclasses.replace(real, focus=("GBR",))
    assert alone.dgi_standing.startswith("On the OECD DGI, the United Kingdom scores")
