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
