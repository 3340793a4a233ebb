"""Chapter 1 and 4 sentences: the claim tally and the pledge line say what the data say."""

from __future__ import annotations

import pandas as pd
import pytest

from smartresearch.chapters import conversation, pledges
from smartresearch.corpus import claim_checks, load_claims, load_pledges, pledge_verdicts
from smartresearch.errors import ValidationError


def test_tally_phrase_counts_every_verdict_given() -> None:
    checks = pd.DataFrame(
        {
            "verdict": [
                "independently confirmed",
                "independently confirmed",
                "contradicted or misreported",
                "event trivia",
            ]
        }
    )
    assert conversation.claim_tally_phrase(checks) == (
        "2 independently confirmed, 1 contradicted or misreported and 1 event trivia (of 4 figures)"
    )


def test_claim_check_table_on_the_record_is_whole_and_ordered() -> None:
    checks, claims = claim_checks(), load_claims()
    table = conversation.claim_check_table(checks, claims)
    assert len(table) == len(claims)
    assert table["Verdict"].iloc[0] == "independently confirmed"
    # the out-of-date flag sits beside the verdict (43 red-rated systems, C018)
    flagged = table.set_index("Claim")["Out of date when published"]
    assert flagged["C018"] == "yes" and (flagged.drop("C018") == "–").all()
    # notes are full sentences of our own, never cut with an ellipsis
    assert not table["Note"].str.contains("…").any()
    phrase = conversation.notable_claims_phrase(checks, claims)
    assert "contradicted or misreported, record O62" in phrase
    assert "attributed, not independently confirmed, record O65" in phrase
    # an independently confirmed figure is not named as a problem
    assert "C012" not in phrase


def test_claim_rule_names_every_verdict_once() -> None:
    from smartresearch.corpus.claim_checks import CLAIM_VERDICTS

    for verdict in CLAIM_VERDICTS:
        stem = verdict if verdict != "proposal" else "proposals"
        assert conversation.CLAIM_RULE.count(f"**{stem}**") == 1, verdict


def test_uk_pledges_line_separates_proposals_from_targets() -> None:
    table = load_pledges()
    verdicts = pledge_verdicts(pledges=table)
    line = pledges.uk_pledges_line(verdicts, table)
    uk = table[table["subject"] == "GBR"]
    n_proposals = int(uk["pledged_by"].str.contains("(proposal)", regex=False).sum())
    assert n_proposals == 2
    assert f"{n_proposals} techUK proposals" in line
    assert (uk["framing"] == "industry proposal").sum() == n_proposals
    assert "targets the articles repeat" not in line


def test_claim_tally_phrase_plural_only_for_nouns() -> None:
    import pandas as pd

    from smartresearch.chapters.conversation import claim_tally_phrase

    checks = pd.DataFrame({"verdict": ["not found", "not found", "proposal", "proposal"]})
    assert "2 proposals" in claim_tally_phrase(checks)
    assert "2 not found" in claim_tally_phrase(checks)
    assert "1 proposal " in claim_tally_phrase(checks.iloc[1:3]) + " "


def _kind_scores(rows: list[tuple[str, int, int, int]], overall: bool) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["kind", "gold", "extracted", "matched"])
    if overall:
        total = frame[["gold", "extracted", "matched"]].sum()
        frame = pd.concat([frame, pd.DataFrame([{"kind": "ALL", **total}])], ignore_index=True)
    frame["precision"] = frame["matched"] / frame["extracted"]
    frame["recall"] = frame["matched"] / frame["gold"]
    return frame


def test_holdout_phrase_names_the_overall_score_and_the_weakest_kinds() -> None:
    from smartresearch.chapters.conversation import holdout_phrase

    held = _kind_scores(
        [("money", 10, 10, 10), ("date", 20, 5, 5), ("rank", 2, 0, 0), ("count", 8, 8, 6)],
        overall=True,
    )
    text = holdout_phrase(held)
    assert text.startswith("precision 0.91 (21 of 23 extracted) and recall 0.53 (21 of 40)")
    # rank has only 2 gold figures: not headlined; date then count are the weakest
    assert text.endswith("dates (5 of 20, 0.25) and counts (6 of 8, 0.75)")
    with pytest.raises(ValidationError, match="expected one 'ALL' row"):
        holdout_phrase(held[held["kind"] != "ALL"])


def test_extraction_comparison_puts_articles_and_held_out_side_by_side() -> None:
    from smartresearch.chapters.conversation import extraction_comparison

    inside = _kind_scores([("money", 4, 4, 4), ("date", 9, 9, 9)], overall=False)
    held = _kind_scores([("date", 20, 5, 5), ("money", 10, 10, 10)], overall=True)
    table = extraction_comparison(inside, held)
    assert list(table["Kind of figure"]) == ["date", "money", "all kinds"]
    assert list(table["Articles: gold"]) == [9, 4, 13]
    assert list(table["Held out: recall"]) == [0.25, 1.0, 0.5]
    assert table["Articles: recall"].tolist() == [1.0, 1.0, 1.0]


def test_extraction_comparison_on_the_real_scores() -> None:
    import smartresearch.corpus as corpus
    from smartresearch.chapters.conversation import extraction_comparison

    inside = corpus.score_extraction_by_kind()
    held = corpus.score_holdout_by_kind()
    table = extraction_comparison(inside, held)
    last = table.iloc[-1]
    assert last["Kind of figure"] == "all kinds"
    assert last["Articles: gold"] == inside["gold"].sum()
    assert last["Held out: gold"] == held.loc[held["kind"] == "ALL", "gold"].item()
    assert table.filter(like="recall").stack().between(0, 1).all()


def test_claim_tables_link_by_id_and_show_years_as_dates() -> None:
    from smartresearch.corpus import load

    documents, claims, checks = load(), load_claims(), claim_checks()
    listed = conversation.claims_table(claims, documents)
    checked = conversation.claim_check_table(checks, claims)
    # the two tables share the claim id, and show the same figure for it
    assert set(listed["Claim"]) == set(checked["Claim"]) == set(claims["claim_id"])
    figure = dict(zip(listed["Claim"], listed["Figure"], strict=True))
    assert dict(zip(checked["Claim"], checked["Figure"], strict=True)) == figure
    years = claims.loc[claims["unit"] == "year", "claim_id"]
    assert len(years) >= 1
    for claim in years:
        assert figure[claim].isdigit() and len(figure[claim]) == 4, figure[claim]
    assert not listed["Figure"].str.contains(r"\d,\d{3} year", regex=True).any()


def test_articles_phrase_counts_the_articles_not_the_years() -> None:
    documents = pd.DataFrame({"event_year": [2021, 2022, 2022, 2024]})
    assert conversation.articles_phrase(["2021"], documents) == "the 2021 article"
    assert conversation.articles_phrase([2022], documents) == "the 2022 articles"
    assert conversation.articles_phrase([2021, 2024], documents) == "the 2021 and 2024 articles"
    with pytest.raises(ValidationError, match="no article from"):
        conversation.articles_phrase([2019], documents)


def test_unstable_shifts_phrase_names_only_the_moves_that_do_not_hold() -> None:
    robust = pd.DataFrame(
        {
            "label": ["AI", "Legacy IT", "Cloud", "Skills"],
            "direction_mentions": ["rising", "rising", "steady", "falling"],
            "direction_articles": ["rising", "steady", "rising", "rising"],
            "survives": [True, False, False, False],
        }
    )
    assert conversation.unstable_shifts_phrase(robust) == (
        "Legacy IT (rising by mentions, steady per article) and "
        "Skills (falling by mentions, rising per article)"
    )
    assert conversation.unstable_shifts_phrase(robust.head(1)) == "none"


def test_extraction_kind_table_reads_like_the_comparison_table() -> None:
    scores = _kind_scores([("target_year", 4, 2, 2), ("money", 3, 3, 3)], overall=False)
    shown = conversation.extraction_kind_table(scores)
    assert shown["Kind of figure"].tolist() == ["target year", "money"]
    assert list(shown.columns)[0] == "Kind of figure"
    assert all(c[0].isupper() for c in shown.columns)
    compared = conversation.extraction_comparison(scores, _kind_scores([("money", 1, 1, 1)], True))
    assert set(shown["Kind of figure"]) <= set(compared["Kind of figure"])


def test_claims_summary_line_states_the_rule() -> None:
    checks = pd.DataFrame({"verdict": ["independently confirmed", "not found"]})
    line = conversation.claims_summary_line(checks)
    assert line.startswith("- **The articles' figures against the record.** 1 independently")
    assert "only when a source other than the one the article relays gives it" in line


# ------------------------------------------------ chapter 1's answer and its paragraphs


@pytest.fixture(scope="module")
def answer() -> conversation.Conversation:
    return conversation.answer()


def _documents(years: list[int], words: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": [f"D{y}" for y in years],
            "event_year": years,
            "kind": [f"kind {i}" for i in range(len(years))],
            "words": words,
        }
    )


def test_corpus_sentence_counts_the_articles_and_names_the_missing_years(answer) -> None:
    docs = answer.documents
    text = answer.corpus
    years = answer.years
    missing = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    assert text.startswith(f"The corpus holds {len(docs)} articles from {len(years)} ")
    assert f"{docs['words'].sum():,} words once cleaned" in text
    assert "there is none from " + ", ".join(str(y) for y in missing[:-1]) in text
    assert all(kind in text for kind in docs["kind"])
    # no gap inside the span: the clause about missing years goes, the rest stays
    whole = conversation.corpus_sentence(_documents([2020, 2021], [1000, 250]), [2020, 2021])
    assert "there is none" not in whole
    assert whole.startswith(
        "The corpus holds 2 articles from 2 different years, 2020–2021: 1,250 words once "
        "cleaned, from 250 to 1,000 per article. "
    )
    assert "(kind 0 and kind 1)" in whole


def test_cleaning_sentence_names_the_most_and_least_cleaned_captures(answer) -> None:
    cleaning = answer.cleaning
    most = cleaning.loc[cleaning["removed_share"].idxmax()]
    least = cleaning.loc[cleaning["removed_share"].idxmin()]
    text = answer.cleaned
    assert (
        f"of the {most['event_year']} capture (mostly {most['main_kinds'].split(', ')[0]} " in text
    )
    assert f"only {least['removed_share']:.0%} of the {least['event_year']} one" in text
    overall = cleaning["removed_chars"].sum() / cleaning["raw_chars"].sum()
    assert text.startswith(f"Across the corpus the cleaner removed {overall:.0%} ")
    flipped = pd.DataFrame(
        {
            "event_year": [2020, 2021],
            "raw_chars": [1000, 1000],
            "removed_chars": [100, 700],
            "removed_share": [0.1, 0.7],
            "main_kinds": ["cookie notice, navigation", "staff biography"],
        }
    )
    text = conversation.cleaning_sentence(flipped)
    assert text.startswith(
        "Across the corpus the cleaner removed 40% of the captured characters: 70% of the "
        "2021 capture (mostly staff biography furniture), but only 10% of the 2020 one."
    )


def _small_themes(rows: list[tuple[int, str, int, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["event_year", "theme", "hits", "words"])
    frame["doc_id"] = "D" + frame["event_year"].astype(str)
    frame["label"] = frame["theme"].str.upper()
    frame["rate_per_1000"] = 1000 * frame["hits"] / frame["words"]
    return frame.astype({"event_year": "Int64"})


def _shifts_text(themes: pd.DataFrame) -> str:
    from smartresearch.corpus import theme_shifts as ts

    early, late = ts.theme_periods(themes)
    return conversation.shifts_sentence(
        ts.theme_shifts(themes),
        ts.shift_robustness(themes),
        ts.mention_density(themes).set_index("event_year"),
        early,
        late,
        ts.MIN_CHANGE,
    )


def test_shifts_sentence_reads_the_moves_and_the_thinnest_article(answer) -> None:
    text = answer.theme_moves
    thinnest = answer.density["hits"].idxmin()
    hits = int(answer.density.loc[thinnest, "hits"])
    assert f"the {thinnest} article has {hits} theme mentions in all" in text
    assert text.endswith(f"by {100 / hits:.0f} points.")
    assert f"The largest gains: {conversation.shift_phrase(answer.shifts, 'rising')}." in text
    assert conversation.unstable_shifts_phrase(answer.robust) in text
    # a constructed corpus where "x" gives way to "y" and the 2021 article is the thinnest
    themes = _small_themes(
        [
            (2020, "x", 8, 1000),
            (2020, "y", 2, 1000),
            (2021, "x", 4, 1000),
            (2021, "y", 0, 1000),
            (2022, "x", 2, 1000),
            (2022, "y", 8, 1000),
            (2023, "x", 1, 1000),
            (2023, "y", 9, 1000),
        ]
    )
    text = _shifts_text(themes)
    assert text.startswith(
        "Taken together, the articles of 2020–2021 use 7 theme mentions per 1,000 words on "
        "average and those of 2022–2023 10, and 1 of the 2 theme rates rise. By share, 1 of "
        "the 2 themes gained at least 1 percentage point and 1 lost as much."
    )
    assert "The largest gains: Y (14.3% → 85.0% of mentions)." in text
    assert "The largest losses: X (85.7% → 15.0% of mentions)." in text
    assert text.endswith(
        "the 2021 article has 4 theme mentions in all, so a single mention moves a theme's "
        "share that year by 25 points."
    )


def test_attribution_sentence_names_only_the_extremes_there_are(answer) -> None:
    by_year = answer.by_year
    text = answer.attribution
    credited = int(by_year["attributed"].sum())
    assert text.startswith(f"The articles quote {len(answer.claims)} figures, {credited} of them")
    for year in by_year.loc[by_year["attributed"] == 0, "event_year"]:
        assert f"None is credited in the {year}" in text
    docs = _documents([2020, 2021], [100, 100])
    half = pd.DataFrame({"event_year": [2020, 2021], "attributed": [1, 2], "unattributed": [1, 0]})
    claims = pd.DataFrame({"claim_id": ["C1", "C2", "C3", "C4"]})
    assert conversation.attribution_sentence(claims, half, docs) == (
        "The articles quote 4 figures, 3 of them (75%) credited to a named source such as an "
        "official report or a named speaker. Every figure is credited in the 2021 article. "
    )
    mixed = half.assign(attributed=[1, 1], unattributed=[1, 1])
    assert "Every figure" not in conversation.attribution_sentence(claims, mixed, docs)
    assert "None is credited" not in conversation.attribution_sentence(claims, mixed, docs)
    with pytest.raises(ValidationError, match="claims is empty"):
        conversation.attribution_sentence(claims.iloc[0:0], half, docs)


def test_checks_sentence_tallies_and_names_the_notable_claims(answer) -> None:
    text = answer.verdicts
    assert text.startswith(f"Against the record: {conversation.claim_tally_phrase(answer.checks)}.")
    assert "C022 (jobs credited to the Data Dam project" in text
    confirmed = answer.checks[answer.checks["verdict"] == "independently confirmed"].head(2)
    text = conversation.checks_sentence(confirmed, answer.claims)
    assert text.startswith("Against the record: 2 independently confirmed (of 2 figures).")
    assert text.endswith("stand only on the word of the source the article relays: none.")


def test_extraction_sentence_reads_the_overall_row(answer) -> None:
    total = answer.scores.iloc[-1]
    assert answer.extraction.startswith(
        f"Over the corpus the extractor found {total['extracted']} figures, "
        f"{total['matched']} of which match one of the {total['gold']} in the gold list: "
        f"precision {total['precision']:.2f}, recall {total['recall']:.2f}."
    )
    scores = pd.DataFrame(
        {
            "doc_id": ["D1", "ALL"],
            "gold": [10, 10],
            "extracted": [8, 8],
            "matched": [5, 5],
            "precision": [0.625, 0.625],
            "recall": [0.5, 0.5],
        }
    )
    assert conversation.extraction_sentence(scores).startswith(
        "Over the corpus the extractor found 8 figures, 5 of which match one of the 10 in the "
        "gold list: precision 0.62, recall 0.50."
    )
    with pytest.raises(ValidationError, match="last row of scores has doc_id 'D1'"):
        conversation.extraction_sentence(scores.iloc[:1])


def test_holdout_sentence_wraps_the_holdout_phrase(answer) -> None:
    assert answer.holdout.startswith(
        f"On the held-out text the extractor has {conversation.holdout_phrase(answer.held_out)}. "
    )
    held = _kind_scores([("money", 4, 4, 4), ("date", 4, 4, 1)], overall=True)
    assert conversation.holdout_sentence(held).startswith(
        "On the held-out text the extractor has precision 0.62 (5 of 8 extracted) and recall "
        "0.62 (5 of 8); the weakest kinds are dates (1 of 4, 0.25) and moneys (4 of 4, 1.00). "
    )


def test_answer_tables_and_figures_come_from_its_frames(answer) -> None:
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    assert len(answer.claims_table) == len(answer.claims) == len(answer.checks_table)
    assert answer.coverage_table["Article"].iloc[-1] == "All"
    assert list(answer.documents_table.columns) == list(answer.documents_labels)
    for plot, title in (
        (answer.plot_themes, "What the Smarter State articles talked about"),
        (answer.plot_claims, "Whose numbers?"),
    ):
        ax = plot()
        # titles wrap to the plot's width: compare the words, not the line breaks
        words = " ".join(" ".join(t.get_text() for t in ax.figure.findobj(Text)).split())
        assert title in words and answer.corpus_note in words, words
        plt.close(ax.figure)
    with pytest.raises(AttributeError):
        answer.claims = answer.claims.iloc[:0]  # frozen
