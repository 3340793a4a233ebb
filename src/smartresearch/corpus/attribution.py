"""Whom the articles credit for the figures they quote: counts of attributed figures.

``claims.csv`` (:func:`smartresearch.corpus.load_claims`) names, for every quoted figure,
the source the article credits, or "unattributed". A figure nobody is credited for cannot
be traced by a reader, so how many there are, and where, is a finding of its own. These
are the counts; chapter 1 (:mod:`smartresearch.chapters.conversation`) tabulates them and
:func:`smartresearch.plots.plot_claim_attribution` draws them.
"""

from __future__ import annotations

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.countries import subject_name
from smartresearch.errors import ValidationError

#: How claims.csv marks a figure the article does not credit to anyone.
UNATTRIBUTED = "unattributed"


def with_years(claims: pd.DataFrame, documents: pd.DataFrame | None, what: str) -> pd.DataFrame:
    """``claims`` with each claim's ``event_year``, taken from its document.

    Claims cite documents, not years, so placing them in time needs ``documents``
    (:func:`smartresearch.corpus.load`); a claim citing a document not passed is an error
    naming the ``doc_id`` rather than a silent missing year.
    """
    if documents is None:
        raise ValueError(f"{what}: pass documents= (corpus.load()) to place claims in years")
    require_columns(documents, ("doc_id", "event_year"), what=f"{what} (documents)")
    years = documents.set_index("doc_id")["event_year"]
    unknown = sorted(set(claims["doc_id"]) - set(years.index))
    if unknown:
        raise ValidationError(
            f"{what}: claims, column 'doc_id': {unknown} are not in the documents passed."
        )
    return claims.assign(event_year=claims["doc_id"].map(years).astype("Int64"))


def is_attributed(sources: pd.Series) -> pd.Series:
    """True where an article credits its figure to someone (claims' ``attributed_source``).

    Hand-typed labels vary ("Unattributed ", "unattributed"), so the comparison ignores
    case and surrounding spaces."""
    return sources.astype("str").str.strip().str.lower() != UNATTRIBUTED


def claim_attribution(
    claims: pd.DataFrame, by: str, *, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """How many quoted figures each group holds, and how many the article credits to a source.

    ``claims`` is :func:`smartresearch.corpus.load_claims`. ``by`` is a claims column
    (``"subject"``, ``"kind"``, ``"doc_id"``...) or ``"event_year"`` (which needs
    ``documents`` to date each claim). Subjects that are ISO3 codes are grouped by country
    name. Returns ``by``, claims, attributed, unattributed, share_attributed (0-1), sorted
    by ``by``.
    """
    require_columns(
        claims,
        ("doc_id", "attributed_source"),
        what="claim_attribution (claims)",
        hint="Pass corpus.load_claims() unchanged (was a column renamed?).",
    )
    if by == "event_year":
        claims = with_years(claims, documents, "claim_attribution")
    elif by not in claims.columns:
        raise ValidationError(
            f"claim_attribution: by={by!r} is not a column of the claims table "
            f"({list(claims.columns)}) nor 'event_year'."
        )
    keys = claims[by]
    if by == "subject":
        keys = keys.astype("str").map(subject_name)
    frame = pd.DataFrame({by: keys, "attributed": is_attributed(claims["attributed_source"])})
    grouped = frame.groupby(by, sort=True)["attributed"]
    out = pd.DataFrame(
        {"claims": grouped.size(), "attributed": grouped.sum().astype("int64")}
    ).reset_index()
    out["unattributed"] = out["claims"] - out["attributed"]
    out["share_attributed"] = out["attributed"] / out["claims"]
    return out.astype({"claims": "int64", "unattributed": "int64"})
