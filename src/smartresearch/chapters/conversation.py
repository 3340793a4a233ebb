"""Chapter 1 (the conversation): the claim-check answers its notebook and the summary show.

The checks themselves are computed by :func:`smartresearch.corpus.claim_checks` from cited
rows; this module only turns them into the chapter's table and sentences, so that the
chapter and the summary page say the same thing.
"""

from __future__ import annotations

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.corpus.claim_checks import CHECK_COLUMNS, CLAIM_VERDICTS, verdict_tally

#: Verdicts a reader should see named in prose (the claim's figure does not stand as quoted).
NOTABLE: tuple[str, ...] = ("misreported", "contradicted", "confirmed with caveat", "not found")


def _require(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    require_columns(frame, columns, what=what, hint="Pass corpus.claim_checks() unchanged.")


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


def claim_check_table(checks: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Every claim with its verdict, how it was decided and the record rows cited, ordered by
    verdict (vocabulary order) then claim id; notes are shown whole (no truncation)."""
    _require(checks, CHECK_COLUMNS, "claim_check_table (checks)")
    require_columns(claims, ("claim_id", "measure"), what="claim_check_table (claims)")
    measure = claims.set_index("claim_id")["measure"]
    order = {v: i for i, v in enumerate(CLAIM_VERDICTS)}
    ranked = checks.assign(_order=checks["verdict"].map(order)).sort_values(
        ["_order", "claim_id"], kind="stable"
    )
    return pd.DataFrame(
        {
            "Claim": ranked["claim_id"],
            "What it measures": ranked["claim_id"].map(measure),
            "Verdict": ranked["verdict"],
            "Decided by": ranked["decided_by"],
            "Record rows": ranked["outcome_ids"].replace("", "none"),
            "Note": ranked["note"].replace("", "–"),
        }
    ).reset_index(drop=True)


def notable_claims_phrase(checks: pd.DataFrame, claims: pd.DataFrame) -> str:
    """The claims whose figure does not stand as quoted, for prose: "C022 (jobs credited to
    the Data Dam ...): misreported, O62; ..." ("none" when every figure stands)."""
    table = claim_check_table(checks, claims)
    notable = table[table["Verdict"].isin(NOTABLE[:3])]
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
