"""The executive summary: four key findings, each quoted from its chapter's answer.

Why it is composed, not written: a headline is the chapter's own sentence
(``approaches.answer().headline``, ``agreement.answer().headline``, and chapter 5's and
chapter 4's phrases), computed from the same frames the chapter shows, so the summary and
its chapter cannot disagree. Each finding is one sentence with its number and the figure
that shows it; how it was computed sits in a collapsed note under it (a ``<details>``
block in HTML, which the Typst PDF prints as a plain paragraph, as figure descriptions
are). The build (``smartresearch.reporting.generated_pages``) writes
:func:`headline_markdown`'s text to ``report/_build/summary.md``, escaped, and the home
page includes it.

This is the only chapter module that imports other chapters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from smartresearch.analysis.panels import HEADLINE_INDICES
from smartresearch.book import chapter
from smartresearch.countries import FOCUS, country_name
from smartresearch.errors import ValidationError
from smartresearch.wording import sentence_case, with_article

#: The clean tables the summary reads.
SUMMARY_DATASETS: tuple[str, ...] = tuple(dict.fromkeys(i.dataset for i in HEADLINE_INDICES))
#: The heading of every method note.
METHOD = "How this was computed"

__all__ = [
    "METHOD",
    "SUMMARY_DATASETS",
    "Finding",
    "composite_finding",
    "findings",
    "headline_markdown",
    "load_tables",
    "load_verdicts",
]


@dataclass(frozen=True)
class Finding:
    """One key finding: a bold lead, one sentence, the figure it points to, its method."""

    lead: str
    sentence: str
    figure: str
    detail: str

    def markdown(self) -> str:
        """The finding as a paragraph, then its method collapsed under it. Blank lines
        around the note's text: Pandoc parses it as Markdown inside the HTML block, and
        Typst, which drops the tags, keeps it as a paragraph."""
        figure = f" (@{self.figure})" if self.figure else ""
        sentence = self.sentence.rstrip(".")
        return (
            f"**{self.lead}** {sentence}{figure}.\n\n"
            f'<details class="summary-method">\n<summary>{METHOD}</summary>\n\n'
            f"{self.detail}\n\n</details>\n"
        )


def composite_finding(tables: Mapping[str, pd.DataFrame]) -> Finding:
    """Chapter 5's headline: the focus countries' composite rank intervals over the method,
    with chapter 5's own summary line (``chapters.composite.summary_line``) as its method."""
    from smartresearch.chapters import composite

    result = composite.headline_uncertainty(tables)
    intervals = "; ".join(
        f"{with_article(country_name(iso3))} is {composite.interval_phrase(result, iso3)}"
        for iso3 in FOCUS
    )
    detail = composite.summary_line(tables, result)
    return Finding(
        lead="A composite view.",
        sentence=(
            f"On a like-for-like composite of the two indices that cover nearly every "
            f"country ({composite.editions_phrase(result)}), {intervals}"
        ),
        figure="fig-composite-intervals",
        detail=sentence_case(detail.removeprefix("- **A composite view.** ")),
    )


def pledges_finding(verdicts: pd.DataFrame, checks: pd.DataFrame | None = None) -> Finding:
    """Chapters 4 and 1 against the record: the UK pledges' verdicts in chapter 4's words,
    and, in the method note, the articles' figures checked against the record with the rule
    that gives "confirmed" its one meaning, in chapter 1's words."""
    from smartresearch import corpus
    from smartresearch.chapters.conversation import claims_summary_line
    from smartresearch.chapters.pledges import uk_pledges_line

    line = uk_pledges_line(verdicts, corpus.load_pledges())
    lead, _, text = line.removeprefix("- ").partition("** ")
    # chapter 4's line states its rule, then the tally: the tally is the finding, the rule
    # goes with the method
    rule, found, tally = text.partition(" Of the ")
    sentence, method = (f"Of the {tally}", rule) if found else (text, "")
    checks = corpus.claim_checks() if checks is None else checks
    claims = claims_summary_line(checks).removeprefix("- ")
    return Finding(
        lead=lead.removeprefix("**"),
        sentence=sentence,
        figure="fig-pledges-trackers",
        detail=" ".join(
            part
            for part in (
                method,
                f"{chapter('04-uk-pledges', capital=True)} lists every pledge, its source and "
                "every dated reading.",
                claims,
            )
            if part
        ),
    )


def findings(
    tables: Mapping[str, pd.DataFrame],
    verdicts: pd.DataFrame | None = None,
    checks: pd.DataFrame | None = None,
) -> tuple[Finding, ...]:
    """The summary's findings, in the order of the chapters they come from."""
    from smartresearch.chapters import agreement, approaches

    missing = [name for name in SUMMARY_DATASETS if name not in tables]
    if missing:
        raise ValidationError(f"summary: tables missing for datasets {missing}")
    two = approaches.answer({name: tables[name] for name in approaches.INDICES})
    three = agreement.answer(tables=tables)
    found = [
        Finding(
            "Three approaches, one ranking.",
            two.headline,
            "fig-approaches-egdi",
            two.headline_detail,
        ),
        Finding(
            "Do the indices agree?", three.headline, "fig-agreement-matrix", three.headline_detail
        ),
    ]
    if verdicts is not None:
        found.append(pledges_finding(verdicts, checks))
    found.append(composite_finding(tables))
    return tuple(found)


def headline_markdown(
    tables: Mapping[str, pd.DataFrame],
    verdicts: pd.DataFrame | None = None,
    checks: pd.DataFrame | None = None,
) -> str:
    """The summary's Markdown from the clean tables (dataset name -> tidy frame) and, when
    given, the pledge verdicts (``smartresearch.corpus.pledge_verdicts()``) with the claim
    checks (``smartresearch.corpus.claim_checks()``, loaded when not passed). The text holds
    names from data: the build escapes it (``reporting.crossrefs.safe_markdown``)."""
    return "\n".join(f.markdown() for f in findings(tables, verdicts, checks))


def load_tables() -> dict[str, pd.DataFrame]:
    from smartresearch import datasets

    return {name: datasets.load(name) for name in SUMMARY_DATASETS}


def load_verdicts() -> pd.DataFrame:
    from smartresearch import corpus

    return corpus.pledge_verdicts()
