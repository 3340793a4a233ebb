"""Chapter 1 and 4 sentences: the claim tally and the pledge line say what the data say."""

from __future__ import annotations

import pandas as pd

from smartresearch.chapters import conversation, pledges
from smartresearch.corpus import claim_checks, load_claims, load_pledges, pledge_verdicts


def test_tally_phrase_counts_every_verdict_given() -> None:
    checks = pd.DataFrame({"verdict": ["confirmed", "confirmed", "misreported", "event trivia"]})
    assert (
        conversation.claim_tally_phrase(checks)
        == "2 confirmed, 1 misreported and 1 event trivia (of 4 figures)"
    )


def test_claim_check_table_on_the_record_is_whole_and_ordered() -> None:
    checks, claims = claim_checks(), load_claims()
    table = conversation.claim_check_table(checks, claims)
    assert len(table) == len(claims)
    assert table["Verdict"].iloc[0] == "confirmed"
    # notes are full sentences of our own, never cut with an ellipsis
    assert not table["Note"].str.contains("…").any()
    phrase = conversation.notable_claims_phrase(checks, claims)
    assert "misreported, record O62" in phrase


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

    checks = pd.DataFrame({"verdict": ["confirmed", "confirmed", "proposal", "proposal"]})
    assert "2 proposals" in claim_tally_phrase(checks)
    assert "2 confirmed" in claim_tally_phrase(checks)
    assert "1 proposal " in claim_tally_phrase(checks.iloc[1:3]) + " "
