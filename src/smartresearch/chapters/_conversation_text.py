"""Chapter 1's sentences: phrases and whole paragraphs worded from the corpus layer's
frames, so that the chapter and the summary say the same thing and no number in the prose
is typed by hand. Each is tested as text, without a kernel
(tests/test_chapters_conversation.py)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from smartresearch.chapters._conversation_tables import (
    KIND_SCORE_COLUMNS,
    _require,
    claim_check_table,
    kind_name,
    period_name,
)
from smartresearch.corpus.claim_checks import verdict_tally
from smartresearch.corpus.figure_evaluation import OVERALL
from smartresearch.corpus.theme_shifts import DIRECTIONS, SHIFT_COLUMNS
from smartresearch.errors import ValidationError
from smartresearch.wording import join_names

#: Verdicts a reader should see named in prose: the figure does not stand as quoted, or
#: stands only on the word of the source the article relays.
NOTABLE: tuple[str, ...] = (
    "contradicted or misreported",
    "attributed, not independently confirmed",
    "not found",
)

#: The claim rule in one paragraph: chapter 1 and the summary state it.
CLAIM_RULE = (
    "A figure is **independently confirmed** only when a record row from a source other than "
    "the one the article relays gives the same number within the figure's own precision; a "
    "row that only repeats the article's source makes it **attributed, not independently "
    "confirmed**. A target the record confirms is **confirmed only as a target** (whether it "
    "was met is the pledges chapter's question). A figure the record gives differently, or a "
    "projection quoted as an outcome, is **contradicted or misreported**; a figure the record "
    "does not hold is **not found**. Figures about the conference itself are **event trivia**, and "
    "the articles' own asks are **proposals**."
)

#: Verdicts that are nouns, with their plurals, for the tally sentence.
_PLURALS: dict[str, str] = {"proposal": "proposals"}


def claim_tally_phrase(checks: pd.DataFrame) -> str:
    """The tally in words: "11 confirmed, ... and 2 proposals (of 28 figures)".

    Most verdicts are adjectives and read the same for any count; the nouns among them take a
    plural (:data:`_PLURALS`)."""
    _require(checks, ("verdict",), "claim_tally_phrase (checks)")
    tally = verdict_tally(checks)
    parts = [
        f"{n} {_PLURALS.get(verdict, verdict) if n != 1 else verdict}"
        for verdict, n in tally.itertuples(index=False)
        if n
    ]
    if not parts:
        return "no figures checked"
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{listed} (of {len(checks)} figures)"


def notable_claims_phrase(checks: pd.DataFrame, claims: pd.DataFrame) -> str:
    """The claims whose figure does not stand as quoted or stands only on its own source's
    word, for prose: "C022 (jobs credited to the Data Dam ...): contradicted or misreported,
    record O62; ..." ("none" when there is no such claim)."""
    table = claim_check_table(checks, claims)
    notable = table[table["Verdict"].isin(NOTABLE[:2])]
    parts = [
        f"{claim} ({measure}): {verdict}, record {rows}"
        for claim, measure, verdict, rows in zip(
            notable["Claim"],
            notable["What it measures"],
            notable["Verdict"],
            notable["Record rows"],
            strict=True,
        )
    ]
    return "; ".join(parts) if parts else "none"


def articles_phrase(years: Sequence[object], documents: pd.DataFrame) -> str:
    """The articles of some years, for prose, in the number the corpus has: "the 2021
    article", "the 2021 and 2024 articles" (several articles in one year count as several)."""
    _require(documents, ("event_year",), "articles_phrase (documents)")
    wanted = {str(y) for y in years}
    if not wanted:
        raise ValueError("articles_phrase: no years given")
    count = int(documents["event_year"].astype("str").isin(wanted).sum())
    if count == 0:
        raise ValidationError(
            f"articles_phrase: documents, column 'event_year' has no article from {sorted(wanted)}."
        )
    listed = join_names([str(y) for y in years])
    return f"the {listed} {'article' if count == 1 else 'articles'}"


def shift_phrase(shifts: pd.DataFrame, direction: str, *, top: int = 3) -> str:
    """The ``top`` largest moves in one direction, for prose: "AI (0.5% → 8.8% of
    mentions) and Cloud (...)"; largest first; "none" when no theme moved that way."""
    _require(shifts, SHIFT_COLUMNS, "shift_phrase (shifts)")
    if direction not in DIRECTIONS:
        raise ValueError(f"shift_phrase: direction={direction!r}; use one of {list(DIRECTIONS)}")
    moved = shifts[shifts["direction"] == direction]
    moved = moved.reindex(moved["share_change"].abs().sort_values(ascending=False).index)
    parts = [
        f"{row.label} ({row.early_share:.1f}% → {row.late_share:.1f}% of mentions)"
        for row in moved.head(top).itertuples(index=False)
    ]
    return join_names(parts) if parts else "none"


def unstable_shifts_phrase(robust: pd.DataFrame) -> str:
    """The rises and falls (by pooled mentions) that do not keep their direction when each
    article's own shares are averaged, for prose: "Legacy IT (rising by mentions, steady
    per article)"; "none" when every one survives.

    ``robust`` is :func:`~smartresearch.corpus.theme_shifts.shift_robustness`."""
    _require(
        robust,
        ("label", "direction_mentions", "direction_articles", "survives"),
        "unstable_shifts_phrase (robust)",
    )
    moved = robust[(robust["direction_mentions"] != "steady") & ~robust["survives"]]
    parts = [
        f"{row.label} ({row.direction_mentions} by mentions, {row.direction_articles} per article)"
        for row in moved.itertuples(index=False)
    ]
    return join_names(parts) if parts else "none"


def holdout_phrase(held_out: pd.DataFrame, *, weakest: int = 2) -> str:
    """The held-out score in words: overall precision and recall, then the ``weakest`` kinds
    by recall (among kinds with at least 3 gold figures, so that one miss of one figure
    does not headline)."""
    _require(held_out, KIND_SCORE_COLUMNS, "holdout_phrase")
    total = held_out[held_out["kind"] == OVERALL]
    if len(total) != 1:
        raise ValidationError(
            f"holdout_phrase: expected one {OVERALL!r} row in column 'kind', "
            f"found {len(total)}; pass corpus.score_holdout_by_kind() unchanged."
        )
    row = total.iloc[0]
    kinds = held_out[(held_out["kind"] != OVERALL) & (held_out["gold"] >= 3)]
    low = kinds.sort_values(["recall", "kind"], kind="stable").head(weakest)
    named = join_names(
        [
            f"{kind_name(r.kind)}s ({r.matched} of {r.gold}, {r.recall:.2f})"
            for r in low.itertuples(index=False)
        ]
    )
    return (
        f"precision {row['precision']:.2f} ({row['matched']} of {row['extracted']} extracted) "
        f"and recall {row['recall']:.2f} ({row['matched']} of {row['gold']}); "
        f"the weakest kinds are {named}"
    )


def claims_summary_line(checks: pd.DataFrame) -> str:
    """The summary's claim line: the tally, then the rule that gives "confirmed" its one
    meaning, so the summary states the rule as chapter 1 does."""
    return (
        "- **The articles' figures against the record.** "
        f"{claim_tally_phrase(checks).capitalize()}. A figure counts as independently "
        "confirmed only when a source other than the one the article relays gives it; a "
        "target the record confirms is confirmed only as a target."
    )


# ------------------------------------------------------------ whole paragraphs


def corpus_sentence(documents: pd.DataFrame, years: Sequence[int]) -> str:
    """The corpus in a paragraph: articles, years (and the years missing inside the
    span), cleaned words, and the kinds of text, which is why a year's difference is not
    only a change of subject."""
    _require(documents, ("words", "kind"), "corpus_sentence (documents)")
    gaps = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    return (
        f"The corpus holds {len(documents)} articles from {len(years)} different years, "
        f"{period_name(years)}: {documents['words'].sum():,} words once cleaned, "
        f"from {documents['words'].min():,} to {documents['words'].max():,} per article"
        + (f"; there is none from {join_names([str(y) for y in gaps])}" if gaps else "")
        + ". These are snapshots of a conversation, not an annual series. Each is a different "
        f"kind of text ({join_names(list(documents['kind']))}), so a difference between two "
        "years mixes what was said with how it was written."
    )


def cleaning_sentence(cleaning: pd.DataFrame) -> str:
    """What the cleaner removed overall, and from the captures it cleaned most and least.

    ``cleaning`` is :func:`~smartresearch.corpus.documents.cleaning_summary`."""
    _require(
        cleaning,
        ("event_year", "raw_chars", "removed_chars", "removed_share", "main_kinds"),
        "cleaning_sentence",
    )
    overall = cleaning["removed_chars"].sum() / cleaning["raw_chars"].sum()
    most = cleaning.loc[cleaning["removed_share"].idxmax()]
    least = cleaning.loc[cleaning["removed_share"].idxmin()]
    return (
        f"Across the corpus the cleaner removed {overall:.0%} of the captured characters: "
        f"{most['removed_share']:.0%} of the {most['event_year']} capture (mostly "
        f"{most['main_kinds'].split(', ')[0]} furniture), but only "
        f"{least['removed_share']:.0%} of the "
        f"{least['event_year']} one. Without cleaning, the rates below would be diluted by "
        "furniture in some years and not in others."
    )


def shifts_sentence(
    shifts: pd.DataFrame,
    robust: pd.DataFrame,
    density: pd.DataFrame,
    early: Sequence[int],
    late: Sequence[int],
    min_change: float,
) -> str:
    """Which themes rose and fell (by share), how density moved the rates, which moves do
    not survive per-article averaging, and how far one mention moves a share in the
    thinnest article.

    ``density`` is :func:`~smartresearch.corpus.theme_shifts.mention_density` indexed by
    ``event_year``; ``robust`` is :func:`~smartresearch.corpus.theme_shifts.shift_robustness`."""
    _require(shifts, SHIFT_COLUMNS, "shifts_sentence (shifts)")
    _require(density, ("hits", "rate_per_1000"), "shifts_sentence (density)")
    moved = shifts["direction"].value_counts()
    survivors = robust[robust["survives"]]
    thinnest = density.loc[density["hits"].idxmin()]
    return (
        f"Taken together, the articles of {period_name(early)} use "
        f"{density.loc[list(early), 'rate_per_1000'].mean():.0f} theme mentions per 1,000 "
        f"words on average and those of {period_name(late)} "
        f"{density.loc[list(late), 'rate_per_1000'].mean():.0f}, and "
        f"{int((shifts['rate_change'] > 0).sum())} of the {len(shifts)} theme rates rise. "
        f"By share, {moved.get('rising', 0)} of the {len(shifts)} themes gained at least "
        f"{min_change:g} percentage point and {moved.get('falling', 0)} lost as much. "
        f"The largest gains: {shift_phrase(shifts, 'rising')}. "
        f"The largest losses: {shift_phrase(shifts, 'falling')}. "
        "Shares here pool every mention of a period, so a long article weighs as much as its "
        "evidence; averaging each article's own shares instead (the sensitivity view), "
        f"{len(survivors)} of the {int((robust['direction_mentions'] != 'steady').sum())} "
        f"rises and falls keep their direction; those that do not: "
        f"{unstable_shifts_phrase(robust)}.\n\n"
        f"Shares are fragile in a corpus this small: the {thinnest.name} article has "
        f"{int(thinnest['hits'])} theme mentions in all, so a single mention moves a theme's "
        f"share that year by {100 / thinnest['hits']:.0f} points."
    )


def attribution_sentence(
    claims: pd.DataFrame, by_year: pd.DataFrame, documents: pd.DataFrame
) -> str:
    """How many quoted figures are credited to a named source, and the articles that credit
    every figure or none ("Every figure is credited in ..." only when there is one).

    ``by_year`` is :func:`~smartresearch.corpus.attribution.claim_attribution` by
    ``event_year``."""
    _require(by_year, ("event_year", "attributed", "unattributed"), "attribution_sentence")
    if len(claims) == 0:
        raise ValidationError("attribution_sentence: claims is empty; no figures to credit.")
    credited = int(by_year["attributed"].sum())
    all_credited = by_year.loc[by_year["unattributed"] == 0, "event_year"].astype(str).tolist()
    none_credited = by_year.loc[by_year["attributed"] == 0, "event_year"].astype(str).tolist()
    text = (
        f"The articles quote {len(claims)} figures, {credited} of them "
        f"({credited / len(claims):.0%}) "
        "credited to a named source such as an official report or a named speaker. "
    )
    if all_credited:
        text += f"Every figure is credited in {articles_phrase(all_credited, documents)}. "
    if none_credited:
        text += f"None is credited in {articles_phrase(none_credited, documents)}. "
    return text


def checks_sentence(checks: pd.DataFrame, claims: pd.DataFrame) -> str:
    """The verdict tally against the record, then the figures that do not stand as quoted
    or stand only on the word of the source the article relays."""
    return (
        f"Against the record: {claim_tally_phrase(checks)}. The figures that do not "
        f"stand as quoted, or stand only on the word of the source the article relays: "
        f"{notable_claims_phrase(checks, claims)}."
    )


def extraction_sentence(scores: pd.DataFrame) -> str:
    """The extractor's in-sample score over the corpus (the last row of
    :func:`smartresearch.corpus.score_extraction`), and why it is in-sample."""
    _require(scores, ("doc_id", "gold", "extracted", "matched"), "extraction_sentence")
    total = scores.iloc[-1]
    if total["doc_id"] != OVERALL:
        raise ValidationError(
            f"extraction_sentence: the last row of scores has doc_id {total['doc_id']!r}, "
            f"not {OVERALL!r}; pass corpus.score_extraction() unchanged."
        )
    return (
        f"Over the corpus the extractor found {total['extracted']} figures, {total['matched']} "
        f"of which match one of the {total['gold']} in the gold list: precision "
        f"{total['precision']:.2f}, "
        f"recall {total['recall']:.2f}. These are in-sample scores — the extractor's patterns "
        "were developed on these same articles, and the rules for dates and ranks were written "
        "after a first score on this list — so they show that the rules cover this corpus, "
        "not how they will do on a new text: @tbl-conversation-extraction-holdout measures that."
    )


def holdout_sentence(held_out: pd.DataFrame) -> str:
    """The held-out score (:func:`holdout_phrase`) and what a reviewer should expect."""
    return (
        f"On the held-out text the extractor has {holdout_phrase(held_out)}. "
        'The date rules take a bare year only after a verb of happening ("launched in 2020") '
        'or as a target ("by 2030"), so on a new article a reviewer should expect to add dates.'
    )
