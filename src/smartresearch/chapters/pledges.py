"""Chapter 4 (UK pledges): the sentences the summary page shares with the chapter.

The verdicts are computed by :func:`smartresearch.corpus.pledge_verdicts`; this module puts
them into words. The pledges tracked are not all government targets the articles repeat:
some are techUK proposals and some are targets stated only in the record of outcomes, so
the sentence names who pledged rather than calling them all "targets the articles repeat".
"""

from __future__ import annotations

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.corpus.pledges import VERDICTS

#: How pledges.csv marks a proposal by the industry body rather than a government target.
PROPOSAL_MARK = "(proposal)"


def verdict_phrase(verdicts: pd.DataFrame) -> str:
    """ "2 missed, 3 off track and 3 not verifiable" (verdicts nobody got left out)."""
    require_columns(verdicts, ("verdict",), what="verdict_phrase (verdicts)")
    counts = verdicts["verdict"].value_counts()
    parts = [f"{int(counts[v])} {v}" for v in VERDICTS if v in counts.index]
    if not parts:
        return "no pledges"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def uk_pledges_line(verdicts: pd.DataFrame, pledges: pd.DataFrame) -> str:
    """The summary's pledge line: how many UK pledges are government targets and how many
    industry proposals, their verdicts, and the date the record runs to."""
    require_columns(verdicts, ("pledge_id", "subject", "verdict", "as_of"), what="verdicts")
    require_columns(pledges, ("pledge_id", "pledged_by"), what="pledges")
    uk = verdicts[verdicts["subject"] == "GBR"]
    by = uk["pledge_id"].map(pledges.set_index("pledge_id")["pledged_by"]).astype("str")
    proposals = int(by.str.contains(PROPOSAL_MARK, regex=False).sum())
    return (
        f"- **UK pledges.** Of the {len(uk)} UK pledges tracked ({len(uk) - proposals} "
        f"government targets, {proposals} techUK proposals), the record shows "
        f"{verdict_phrase(uk)} (record as of {uk['as_of'].max():%d %B %Y})."
    )
