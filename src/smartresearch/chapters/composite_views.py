"""Chapter 5's views beside the intervals: what the method's uncertainty leaves out.

The headline intervals vary the method on one vintage. Three things they do not cover get
their own view here: the GTMI's publisher caveats (it is not meant to rank, and its data
are collected two ways) with the ranking *without* it; the ranks on each pair of editions,
read as change over time; and the extended composite of all four indices.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from smartresearch.analysis.editions import edition_ranks, pick_edition, report_frames
from smartresearch.analysis.uncertainty import RankUncertainty, extended_composite
from smartresearch.chapters.composite_phrases import component_ranks
from smartresearch.countries import FOCUS, country_name
from smartresearch.errors import ValidationError
from smartresearch.tables import MISSING
from smartresearch.wording import join_names, ordinal, sentence_case, with_article


@dataclass(frozen=True)
class CollectionMode:
    """How one GTMI edition's data were collected, as the World Bank states it."""

    edition: int
    economies: int
    self_reported: int
    remote: int
    source: str


#: GTMI data collection by edition (hand-compiled; a citation on every row). 2020: every
#: economy from government websites (COVID-19); 2022: 135 survey responses, 63 remote;
#: 2025: 158 economies (80%) through the online survey, 39 from public government websites.
GTMI_COLLECTION: tuple[CollectionMode, ...] = (
    CollectionMode(
        2020,
        198,
        0,
        198,
        "https://datacatalog.worldbank.org/search/dataset/0037889/govtech-dataset",
    ),
    CollectionMode(
        2022,
        198,
        135,
        63,
        "https://datacatalog.worldbank.org/search/dataset/0037889/govtech-dataset",
    ),
    CollectionMode(2025, 197, 158, 39, "https://www.worldbank.org/en/programs/govtech/gtmi"),
)
#: The World Bank's own caveat on ranking the GTMI, and where it says so.
GTMI_NOT_A_RANKING = (
    "not intended to create a ranking",
    "https://datacatalog.worldbank.org/search/dataset/0037889/govtech-dataset",
)


def collection_mode(edition: int) -> CollectionMode:
    """The collection record of one GTMI edition (ValidationError naming it if none)."""
    for mode in GTMI_COLLECTION:
        if mode.edition == edition:
            return mode
    held = [m.edition for m in GTMI_COLLECTION]
    raise ValidationError(f"no GTMI collection record for edition {edition}; records: {held}")


def gtmi_note(result: RankUncertainty) -> str:
    """The publisher's caveats, to stand next to every rank built from the GTMI."""
    year = int(result.editions.set_index("component").at["GTMI", "year"])
    mode = collection_mode(year)
    how = (
        f"its {year} data were self-reported by {mode.self_reported} of the {mode.economies} "
        f"economies through the World Bank's online survey and collected remotely from "
        f"government websites for the other {mode.remote}"
        if mode.self_reported
        else f"its {year} data were collected remotely from government websites"
    )
    return (
        f"**GTMI caveat.** The World Bank states that the GTMI is “{GTMI_NOT_A_RANKING[0]}”: "
        f"every rank here that uses it is this project's construction. {sentence_case(how)}; "
        "which economy answered which way is not in the data this report holds, so no "
        "ranking by collection mode can be built. The ranking without the GTMI (the EGDI "
        "alone) shows how much the headline rests on it."
    )


def gtmi_table_note(result: RankUncertainty, years: Sequence[int] | None = None) -> str:
    """The caveats in one plain line, for the note under every table of ranks built from
    the GTMI (``tables.table(..., note=...)``); ``years``: the GTMI editions the table uses
    (default the one ``result`` used)."""
    years = (
        [int(result.editions.set_index("component").at["GTMI", "year"])]
        if years is None
        else sorted(set(years))
    )

    def how(mode: CollectionMode) -> str:
        if not mode.self_reported:
            return f"{mode.edition}: all {mode.economies} economies collected from websites"
        return (
            f"{mode.edition}: self-reported by {mode.self_reported} of {mode.economies} "
            f"economies, collected from government websites for {mode.remote}"
        )

    modes = "; ".join(how(collection_mode(y)) for y in years)
    return (
        f"GTMI: the World Bank states it is “{GTMI_NOT_A_RANKING[0]}”, so ranks built from it "
        f"are this project's construction. Data collection, {modes}."
    )


def gtmi_years(ranks: pd.DataFrame) -> list[int]:
    """The GTMI editions in the pair labels of an ``edition_ranks`` table."""
    labels = [c for c in ranks.columns if c not in ("iso3", "country")]
    return [int(p.split("GTMI ")[1].split(" ")[0]) for p in labels if "GTMI " in p]


def without_gtmi_phrase(
    result: RankUncertainty,
    tables: Mapping[str, pd.DataFrame] | None = None,
    countries: Sequence[str] = FOCUS,
    *,
    top: int = 10,
) -> str:
    """How the headline changes without the GTMI: the focus countries' ranks on the EGDI
    alone (same countries, same edition), how many of the top ``top`` stay, the median
    move and Spearman's ρ between the two rankings."""
    alone = component_ranks(result, tables)["EGDI"].astype("float64")
    head = result.ranks.set_index("iso3")["rank"].astype("float64").reindex(alone.index)
    year = int(result.editions.set_index("component").at["EGDI", "year"])
    places = join_names(
        f"{with_article(country_name(c))}{' would be' if i == 0 else ''} "
        f"{ordinal(int(alone[c]))} ({ordinal(int(head[c]))})"
        for i, c in enumerate(countries)
    )
    kept = int(((head <= top) & (alone <= top)).sum())
    moves = (alone - head).abs()
    rho = float(head.corr(alone, method="spearman"))
    return (
        f"Without the GTMI (the same {len(alone)} countries ranked on the EGDI {year} alone; "
        f"composite rank in brackets), {places}; {kept} of the composite's top {top} stay "
        f"in the top {top}, the "
        f"median country moves {moves.median():g} places and the largest move is "
        f"{moves.max():g} (Spearman ρ between the two rankings {rho:.2f})"
    )


def edition_view(
    tables: Mapping[str, pd.DataFrame] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The baseline composite on each pair of editions (``analysis.editions.edition_ranks``):
    ``ranks`` and ``fields``."""
    frames, _year = report_frames(tables=tables)
    return edition_ranks(frames)


def edition_table(
    ranks: pd.DataFrame, countries: Sequence[str] = FOCUS, *, top: int = 10
) -> pd.DataFrame:
    """The latest pair's top ``top`` and ``countries``, their rank on every pair of editions
    (oldest first; "–" where a pair does not rank the country)."""
    pairs = [c for c in ranks.columns if c not in ("iso3", "country")]
    last = ranks[pairs[-1]]
    shown = ranks[(last <= top).fillna(False) | ranks["iso3"].isin(list(countries))]
    out = pd.DataFrame({"Country": shown["country"].to_numpy()})
    for pair in pairs:
        out[pair] = [MISSING if pd.isna(v) else str(int(v)) for v in shown[pair]]
    return out


def edition_phrase(ranks: pd.DataFrame, countries: Sequence[str] = FOCUS, *, top: int = 10) -> str:
    """The focus countries' ranks on each pair of editions, and the largest move among the
    latest top ``top`` between the first and the last pair."""
    pairs = [c for c in ranks.columns if c not in ("iso3", "country")]
    by = ranks.set_index("iso3")
    paths = "; ".join(
        f"{with_article(country_name(c))} "
        + ", ".join(MISSING if pd.isna(by.at[c, p]) else ordinal(int(by.at[c, p])) for p in pairs)
        for c in countries
    )
    leaders = by[(by[pairs[-1]] <= top).fillna(False)].dropna(subset=[pairs[0]])
    text = f"On the pairs {join_names(pairs)}, in that order: {paths}"
    if len(leaders):
        move = (leaders[pairs[0]] - leaders[pairs[-1]]).astype("float64").abs()
        who = move.sort_values(ascending=False, kind="mergesort").index[0]
        text += (
            f". Among the latest top {top}, {with_article(country_name(who))} moved most: "
            f"{ordinal(int(by.at[who, pairs[0]]))} on {pairs[0]}, "
            f"{ordinal(int(by.at[who, pairs[-1]]))} on {pairs[-1]}"
        )
    return text


def extended_view(tables: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The extended composite: all four indices in their latest editions, ranking only the
    countries every index covers (``analysis.uncertainty.extended_composite``)."""
    from smartresearch.analysis import panels

    frames, year = report_frames([i.label for i in panels.HEADLINE_INDICES], tables=tables)
    latest = {name: pick_edition(frame, "latest", year) for name, frame in frames.items()}
    return extended_composite(latest)


def extended_missing_phrase(
    extended: pd.DataFrame, tables: Mapping[str, pd.DataFrame] | None = None
) -> str:
    """Which focus countries the extended composite leaves out, and which index lacks them
    ("South Korea and the United Kingdom are not among them: the EU benchmark does not
    assess them")."""
    from smartresearch.analysis import panels

    ranked = set(extended.loc[extended["included"], "iso3"])
    out = [c for c in FOCUS if c not in ranked]
    if not out:
        return f"all {len(FOCUS)} focus countries are among them"
    frames, year = report_frames([i.label for i in panels.HEADLINE_INDICES], tables=tables)
    lacking: dict[str, list[str]] = {}
    for name, frame in frames.items():
        latest = pick_edition(frame, "latest", year)
        for c in out:
            if c not in set(latest["iso3"]):
                lacking.setdefault(c, []).append(f"the {name} {int(latest['year'].iloc[0])}")
    names = [with_article(country_name(c)) for c in out]
    verb = "is" if len(out) == 1 else "are"
    groups: dict[tuple[str, ...], list[str]] = {}
    for c in out:
        groups.setdefault(tuple(lacking.get(c, ["every index"])), []).append(c)
    why = "; ".join(
        f"{_subject(members, single=len(groups) == 1)} assessed by {join_names(indices)}"
        for indices, members in groups.items()
    )
    return f"{sentence_case(join_names(names))} {verb} not among them: {why}"


def _subject(members: Sequence[str], *, single: bool) -> str:
    """ "it is", "neither is", "none is" when one reason covers every country; else names."""
    if single:
        return {1: "it is not", 2: "neither is"}.get(len(members), "none is")
    names = join_names(with_article(country_name(c)) for c in members)
    return f"{names} {'is' if len(members) == 1 else 'are'} not"


def extended_table(
    extended: pd.DataFrame, headline: RankUncertainty, *, top: int = 10
) -> pd.DataFrame:
    """The extended composite's leaders and focus countries beside their headline rank."""
    ranked = extended[extended["included"]].sort_values(["rank", "iso3"], kind="mergesort")
    shown = ranked[(ranked["rank"] <= top) | ranked["iso3"].isin(FOCUS)]
    head = headline.ranks.set_index("iso3")["rank"]
    return pd.DataFrame(
        {
            "Extended rank": shown["rank"].astype(int).to_numpy(),
            "Country": shown["country"].to_numpy(),
            "Score (0–1)": shown["score"].round(3).to_numpy(),
            "Headline rank": [
                MISSING if pd.isna(head.get(c)) else str(int(head[c])) for c in shown["iso3"]
            ],
        }
    )
