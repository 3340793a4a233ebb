"""Chapter 2's sentences, as functions of the frames its answer holds.

Kept apart from :mod:`smartresearch.chapters.approaches` (the answer object) so each
sentence is a plain function of small frames or a :class:`RankFall`: a test builds the case
a sceptic would (no fall, one country overtaking, a focus country an index leaves out) and
reads the words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from smartresearch.analysis.country_record import RankFall
from smartresearch.chapters._tables import SHORT_LABELS, rank_of
from smartresearch.countries import country_name
from smartresearch.wording import NOT_ASSESSED, count, join_names, ordinal, with_article


def strength_phrase(
    row: pd.Series, indicators: Sequence[str], labels: Mapping[str, str] | None = None
) -> str:
    """One row of :func:`leads_and_lags` in words, ranks given: "Denmark's strongest
    component among the 17 is e-participation (1st); its weakest, human capital (7th)".
    "Weakest" is the country's own lowest rank, which is "last" only when it is the
    group's last rank, so the sentence says the rank rather than implying it."""
    names = dict(labels or {})
    ranks = pd.Series({i: row.get(i) for i in indicators}, dtype="Float64").dropna().astype(int)
    who = with_article(str(row["country"]), capital=True)
    if ranks.empty:
        return f"{who} is not assessed on these components"

    def named(rank: int) -> str:
        return ", ".join(names.get(i, i).lower() for i in ranks.index if ranks[i] == rank)

    n = int(row["peer_n"])
    best, worst = int(ranks.min()), int(ranks.max())
    if best == worst:
        return f"{who} ranks {ordinal(best)} of {n} on every component"
    last = ", last" if worst == n else ""
    return (
        f"{who}'s strongest component among the {n} is {named(best)} "
        f"({ordinal(best)}); its weakest, {named(worst)} ({ordinal(worst)}{last})"
    )


def positions_note(positions: pd.DataFrame, labels: Mapping[str, str] | None = None) -> str:
    """The note under the positions table: why the peers' median differs between focus
    countries (each country's peers exclude itself) and what each "World rank" counts
    (the countries that edition assessed, so the totals differ by index and edition)."""
    names = dict(labels or {})
    assessed = positions[positions["assessed"]]
    fields = "; ".join(
        f"{names.get(d, d)} {int(g['year'].iloc[0])}: {int(g['world_n'].iloc[0])}"
        for d, g in assessed.groupby("dataset", sort=False)
    )
    return (
        "Peers' median: the median of the other focus and peer countries assessed, so it "
        "leaves out the country itself and can differ between the three. World rank "
        f"is out of the countries each edition assessed ({fields})."
    )


def indicator_names(codes: Sequence[str]) -> str:
    """Indicator codes as the table names them ("Online services, Human capital"), or
    "not assessed" for a country ranked on none."""
    return ", ".join(SHORT_LABELS.get(c, c) for c in codes) if len(codes) else NOT_ASSESSED


def fall_sentence(fall: RankFall) -> str:
    """The UK's fall from its best printed rank, with its lowest rank since and who
    overtook it; a country still at its best rank, or overtaken by none, is said so."""
    who = with_article(fall.country)
    if fall.places_lost == 0:
        return (
            f"The UN ranked {who} {ordinal(fall.best_rank)} in {fall.peak_year}, and it is "
            f"{ordinal(fall.latest_rank)} again in {fall.latest_year}: it has not fallen."
        )
    after = fall.history[fall.history["year"] > fall.peak_year]
    lowest = after.loc[after["rank"].idxmax()]
    best = "first" if fall.best_rank == 1 else ordinal(fall.best_rank)
    text = (
        f"The UN ranked {who} {best} in {fall.peak_year}. In {fall.latest_year} it ranked "
        f"{ordinal(fall.latest_rank)}, {fall.places_lost} "
        f"place{'s' if fall.places_lost != 1 else ''} lower; its lowest rank since its peak "
        f"was {ordinal(int(lowest['rank']))}, in {int(lowest['year'])}."
    )
    overtook = [country_name(c) for c in fall.overtaken_by]
    if not overtook:
        return text + f" None of the countries above it in {fall.latest_year} was below it then."
    if len(overtook) == 1:
        return (
            text + f" One country ranked above it in {fall.latest_year} was below it in "
            f"{fall.peak_year}: {overtook[0]}."
        )
    return (
        text + f" The {len(overtook)} countries ranked above it in {fall.latest_year}, all of "
        f"them below it in {fall.peak_year}: {join_names(overtook)}."
    )


def headline_sentence(fall: RankFall, leader: str, assessed: int) -> str:
    """The summary's sentence: who leads the latest UN survey and where the profiled
    country (the UK) stands against its best rank."""
    who = with_article(fall.country)
    lead = (
        f"{with_article(leader, capital=True)} leads the {assessed} countries of the "
        f"{fall.latest_year} UN E-Government Survey"
    )
    if fall.places_lost == 0:
        rank = ordinal(fall.latest_rank)
        return f"{lead}; {who} is {rank}, its best rank since {fall.peak_year}."
    best = "first" if fall.best_rank == 1 else ordinal(fall.best_rank)
    overtaken = len(fall.overtaken_by)
    by = (
        f", overtaken by {count(overtaken, 'country', 'countries')} that ranked below it then"
        if overtaken
        else ""
    )
    return f"{lead}; {who}, {best} in {fall.peak_year}, is {ordinal(fall.latest_rank)}{by}."


def order_among_peers(positions: pd.DataFrame, datasets: Mapping[str, str]) -> str:
    """Per index, the focus countries best first with their rank among the peers assessed;
    a focus country an index does not assess is named as such, not dropped."""
    lines = []
    for dataset, rows in positions.groupby("dataset", sort=False):
        assessed = rows[rows["assessed"]].sort_values(["peer_rank", "iso3"])
        absent = rows.loc[~rows["assessed"], "country"].map(with_article).tolist()
        label = f"{datasets.get(dataset, dataset)} {int(rows['year'].iloc[0])}"
        if assessed.empty:
            lines.append(f"- {label}: none of the three is assessed.")
            continue
        order = ", then ".join(
            f"{with_article(r.country)} ({rank_of(r.peer_rank, r.peer_n)})"
            for r in assessed.itertuples()
        )
        missing = f"; {join_names(absent)} not assessed" if absent else ""
        lines.append(f"- {label}: {order}{missing}.")
    return "Order of the three among the peers assessed:\n\n" + "\n".join(lines)
