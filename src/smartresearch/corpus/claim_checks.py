"""Every figure the articles quote, checked against the project's record of outcomes.

The record is the mirror's ``research/policy_outcomes.csv`` (rows ``O01``...). Two curated
tables say what the record holds about each claim of ``claims.csv``:

* ``claim_evidence.csv``: the cited fact a **rule** can decide on: one outcome row, the
  number it gives in the claim's own unit, what kind of number it is
  (:data:`RECORD_STATUSES`: an observation, a target, a projection, the top of a range, or an
  observation of a different scope) and whether the row is a source **independent** of the
  one the article relays, or the **same source** (the article's credited source itself, a
  copy of it, or a row that only repeats the figure without measuring it);
* ``claim_judgements.csv``: a reviewed **judgement**, for the claims no rule can decide
  (the figure is nowhere in the record, or the record counts differently), with the outcome
  rows it rests on and the reasoning, in our own words.

:func:`claim_checks` turns them into one verdict per claim, from :data:`CLAIM_VERDICTS`,
each meaning one thing. The rules, in order:

1. the claim is about the conference itself (``about`` is "the event") → **event trivia**;
   a proposal (``about`` is "a proposal") → **proposal** (a wish, not a fact to check);
2. a judgement row exists → its verdict;
3. an evidence row exists: the claim's value agrees with the record's when they differ by no
   more than the claim's own precision (:func:`stated_tolerance`: half a unit of its last
   non-zero digit, so "28%" covers 27.5-28.5; years must be equal). Disagreeing, or agreeing
   with a projection quoted as an outcome or with a count of a different scope →
   **contradicted or misreported**. Agreeing with a target → **confirmed only as a target**
   (whether it was met is a pledge question, chapter 4). Agreeing with an observation (or
   the top of a range the claim describes): from an independent source → **independently
   confirmed**; from the same source → **attributed, not independently confirmed**;
4. an agreeing figure that was **out of date at publication** (:func:`superseded_at_publication`:
   the same record row gives a later reading, in a month that ended before the article was
   published, that the claim does not agree with) keeps its verdict and is flagged
   (``stale_at_publication``), with the later reading in the note;
5. nothing in the record → **not found**.

A claim with both an evidence row and a judgement is an error (the judgement would hide the
rule), as is a row naming an unknown claim or outcome id, or a verdict outside the vocabulary.
The two tables, their vocabularies and those row checks are
:mod:`smartresearch.corpus.claim_tables`; this module gives the verdicts.
"""

from __future__ import annotations

import math

import pandas as pd

from smartresearch.corpus.claim_tables import (
    CLAIM_VERDICTS,
    EVIDENCE_SCHEMA,
    JUDGEMENTS_SCHEMA,
    RECORD_STATUSES,
    SOURCE_RELATIONS,
    load_claim_evidence,
    load_claim_judgements,
)
from smartresearch.corpus.curated import ABOUT, load_claims
from smartresearch.errors import ValidationError

#: Verdict for a claim whose value agrees with the record, by the record number's status
#: and (for an observation) whether the row is independent of the article's source.
_AGREEING: dict[tuple[str, str], str] = {
    **{(status, "independent"): "independently confirmed" for status in ("observed", "range top")},
    **{
        (status, "same source"): "attributed, not independently confirmed"
        for status in ("observed", "range top")
    },
    **{("target", rel): "confirmed only as a target" for rel in SOURCE_RELATIONS},
    **{("different scope", rel): "contradicted or misreported" for rel in SOURCE_RELATIONS},
    **{("projection", rel): "contradicted or misreported" for rel in SOURCE_RELATIONS},
}
#: Columns of :func:`claim_checks`.
CHECK_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "doc_id",
    "value",
    "unit",
    "verdict",
    "decided_by",
    "outcome_ids",
    "record_value",
    "stale_at_publication",
    "note",
)


def stated_tolerance(value: float, kind: str = "") -> float:
    """How far a record may lie from a claimed figure and still agree: half a unit of the
    claim's last non-zero digit (years: exactly equal).

    ``28`` -> 0.5, ``24000`` -> 500, ``5170000`` -> 5000, ``4.2`` -> 0.05, ``0`` -> 0.
    """
    if kind == "year" or value == 0 or not math.isfinite(value):
        return 0.0
    magnitude = abs(value)
    for decimals in range(0, 7):
        scaled = round(magnitude * 10**decimals, 6)
        if scaled == round(scaled):
            break
    digits = int(round(magnitude * 10**decimals))
    step = 10.0**-decimals
    while digits % 10 == 0 and digits > 0:
        digits //= 10
        step *= 10
    return step / 2


def indefinite(word: str) -> str:
    """The word with "a" or "an" before it, by its first letter: "an observed", "a target".

    Generated sentences name a record status or verdict after an article; this keeps
    "a observed figure" out of them."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def superseded_at_publication(
    value: float,
    later_value: float,
    later_date: object,
    published: object,
    kind: str = "",
) -> bool:
    """Rule 4 of :func:`claim_checks`: was a later reading on the record before the article?

    True when ``later_date`` (a month) ended before the earliest day ``published`` allows (a
    bare "2022" counts from 1 January, so a reading must precede the whole year to count)
    and ``value`` does not agree with ``later_value`` within its stated precision. A missing
    later reading gives False: nothing superseded the figure.
    """
    if pd.isna(later_value) or pd.isna(later_date) or str(later_date) == "":
        return False
    if pd.isna(published) or str(published) == "":
        raise ValueError(
            f"superseded_at_publication: the article has no 'published' date ({published!r}); "
            "add it to the corpus records."
        )
    month_end = pd.Period(str(later_date), freq="M").end_time
    before = month_end < pd.Timestamp(str(published))
    agrees = abs(value - later_value) <= stated_tolerance(value, kind) + 1e-9
    return bool(before and not agrees)


def rule_verdict(
    value: float,
    record_value: float,
    status: str,
    kind: str = "",
    relation: str = "independent",
) -> str:
    """Rule 3 of :func:`claim_checks`: the verdict of a claim against one cited number
    (``relation``: whether the row is independent of the article's source)."""
    if status not in RECORD_STATUSES:
        raise ValueError(f"rule_verdict: status={status!r}; use one of {list(RECORD_STATUSES)}")
    if relation not in SOURCE_RELATIONS:
        raise ValueError(
            f"rule_verdict: relation={relation!r}; use one of {list(SOURCE_RELATIONS)}"
        )
    agrees = abs(value - record_value) <= stated_tolerance(value, kind) + 1e-9
    return _AGREEING[(status, relation)] if agrees else "contradicted or misreported"


def claim_checks(
    *,
    claims: pd.DataFrame | None = None,
    evidence: pd.DataFrame | None = None,
    judgements: pd.DataFrame | None = None,
    documents: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One verdict per claim of ``claims.csv``, by the rules of this module's docstring.

    ``documents`` gives each article's ``published`` date (rule 4); the corpus records are
    read when it is not passed.

    Returns :data:`CHECK_COLUMNS`: claim_id, doc_id, value, unit, verdict, decided_by
    ("rule: ..." or "judgement"), outcome_ids (";"-separated, "" when none), record_value
    (the cited number a rule compared, else missing) and note (why), in claim order.
    """
    claims = load_claims() if claims is None else claims
    evidence = load_claim_evidence(claims=claims) if evidence is None else evidence
    judgements = load_claim_judgements(claims=claims) if judgements is None else judgements
    both = sorted(set(evidence["claim_id"]) & set(judgements["claim_id"]))
    if both:
        raise ValidationError(
            f"claim checks: {both} have both a claim_evidence row and a claim_judgements row; "
            "keep one (a judgement only where no rule can decide)."
        )
    if documents is None:
        from smartresearch.corpus.documents import load_metadata

        documents = load_metadata()
    published = documents.set_index("doc_id")["published"]
    by_evidence = evidence.set_index("claim_id")
    by_judgement = judgements.set_index("claim_id")
    rows = []
    for claim in claims.itertuples(index=False):
        row = {
            "claim_id": claim.claim_id,
            "doc_id": claim.doc_id,
            "value": claim.value,
            "unit": claim.unit,
            "outcome_ids": "",
            "record_value": math.nan,
            "stale_at_publication": False,
        }
        about = getattr(claim, "about", "the world")
        if about == "the event":
            row.update(verdict="event trivia", decided_by="rule: about the event", note="")
        elif about == "a proposal":
            row.update(verdict="proposal", decided_by="rule: a proposal", note="")
        elif claim.claim_id in by_judgement.index:
            j = by_judgement.loc[claim.claim_id]
            ids = "" if pd.isna(j["outcome_ids"]) else str(j["outcome_ids"])
            row.update(
                verdict=j["verdict"], decided_by="judgement", outcome_ids=ids, note=j["reasoning"]
            )
        elif claim.claim_id in by_evidence.index:
            e = by_evidence.loc[claim.claim_id]
            relation = str(e.get("source_relation", "independent"))
            verdict = rule_verdict(
                claim.value, e["record_value"], e["record_status"], claim.kind, relation
            )
            decided_by = (
                f"rule: value against {indefinite(str(e['record_status']))} figure ({relation})"
            )
            note = str(e["note"])
            stale = not verdict.startswith("contradicted") and superseded_at_publication(
                claim.value,
                e.get("later_value", math.nan),
                e.get("later_date", math.nan),
                published.get(claim.doc_id, math.nan),
                claim.kind,
            )
            if stale:
                later = pd.Period(str(e["later_date"]), freq="M").strftime("%b %Y")
                note += f" (out of date at publication: {e['later_value']:g} by {later})"
            row.update(
                verdict=verdict,
                decided_by=decided_by,
                outcome_ids=e["outcome_id"],
                record_value=e["record_value"],
                stale_at_publication=stale,
                note=note,
            )
        else:
            row.update(verdict="not found", decided_by="rule: nothing in the record", note="")
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(CHECK_COLUMNS))
    return frame.astype(
        {"record_value": "float64", "value": "float64", "stale_at_publication": "bool"}
    )


def verdict_tally(checks: pd.DataFrame) -> pd.DataFrame:
    """How many claims got each verdict: verdict, claims (every verdict, vocabulary order)."""
    unknown = sorted(set(checks["verdict"]) - set(CLAIM_VERDICTS))
    if unknown:
        raise ValidationError(
            f"verdict_tally: column 'verdict' has {unknown}; use one of {list(CLAIM_VERDICTS)}."
        )
    counts = checks["verdict"].value_counts().reindex(list(CLAIM_VERDICTS), fill_value=0)
    return pd.DataFrame({"verdict": list(CLAIM_VERDICTS), "claims": counts.to_numpy(dtype="int64")})


#: The checks, and the tables' names that lived here before the module was split
#: (issue 16): callers still import them from here.
__all__ = [
    "ABOUT",
    "CHECK_COLUMNS",
    "CLAIM_VERDICTS",
    "EVIDENCE_SCHEMA",
    "JUDGEMENTS_SCHEMA",
    "RECORD_STATUSES",
    "SOURCE_RELATIONS",
    "claim_checks",
    "indefinite",
    "load_claim_evidence",
    "load_claim_judgements",
    "rule_verdict",
    "stated_tolerance",
    "superseded_at_publication",
    "verdict_tally",
]
