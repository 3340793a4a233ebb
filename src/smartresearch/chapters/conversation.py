"""Chapter 1, the conversation: what the Smarter State articles talked about, what the
cleaner removed, whom they credit for their figures and how those figures fare.

``answer()`` returns one frozen :class:`Conversation` holding everything the notebook
(``notebooks/01-conversation.ipynb``) shows: the computed frames, the sentences, the display
tables and the figures, so each notebook cell is one or two lines and every sentence can be
tested without a kernel (tests/test_chapters_conversation.py). The computations live in the
corpus layer (:mod:`smartresearch.corpus.theme_shifts`, ``.attribution``, ``.claim_checks``,
``.figure_coverage``, ``.figure_evaluation``); the sentences are
:mod:`smartresearch.chapters._conversation_text` and the display tables
:mod:`smartresearch.chapters._conversation_tables`, re-exported here for the summary and tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.axes import Axes

from smartresearch.chapters._conversation_tables import (
    KIND_SCORE_COLUMNS,
    attribution_table,
    claim_check_table,
    claims_table,
    cleaning_table,
    extraction_comparison,
    extraction_kind_table,
    extraction_table,
    figure_coverage_table,
    inconsistencies_table,
    kind_name,
    period_name,
    theme_shift_table,
)
from smartresearch.chapters._conversation_text import (
    CLAIM_RULE,
    NOTABLE,
    articles_phrase,
    attribution_sentence,
    checks_sentence,
    claim_tally_phrase,
    claims_summary_line,
    cleaning_sentence,
    corpus_sentence,
    extraction_sentence,
    holdout_phrase,
    holdout_sentence,
    notable_claims_phrase,
    shift_phrase,
    shifts_sentence,
    unstable_shifts_phrase,
)

__all__ = [
    "CLAIM_RULE",
    "KIND_SCORE_COLUMNS",
    "NOTABLE",
    "Conversation",
    "answer",
    "articles_phrase",
    "attribution_sentence",
    "attribution_table",
    "checks_sentence",
    "claim_check_table",
    "claim_tally_phrase",
    "claims_summary_line",
    "claims_table",
    "cleaning_sentence",
    "cleaning_table",
    "corpus_sentence",
    "extraction_comparison",
    "extraction_kind_table",
    "extraction_sentence",
    "extraction_table",
    "figure_coverage_table",
    "holdout_phrase",
    "holdout_sentence",
    "inconsistencies_table",
    "kind_name",
    "notable_claims_phrase",
    "period_name",
    "shift_phrase",
    "shifts_sentence",
    "theme_shift_table",
    "unstable_shifts_phrase",
]

#: Decimals of the extraction tables' scores, as ``tables.table`` takes them.
SCORE_DECIMALS = {"Precision": 3, "Recall": 3}
COMPARISON_DECIMALS = {"Articles: recall": 3, "Held out: precision": 3, "Held out: recall": 3}


@dataclass(frozen=True)
class Conversation:
    """Chapter 1's answer: frames computed once, sentences and tables derived from them."""

    documents: pd.DataFrame
    themes: pd.DataFrame
    claims: pd.DataFrame
    #: the cleaner's report per article (``corpus.documents.cleaning_summary``)
    cleaning: pd.DataFrame
    #: theme shifts between the early and late articles, their robustness and density
    early: tuple[int, ...]
    late: tuple[int, ...]
    shifts: pd.DataFrame
    robust: pd.DataFrame
    density: pd.DataFrame
    min_change: float
    #: quoted figures credited or not, by year, subject and kind
    by_year: pd.DataFrame
    by_subject: pd.DataFrame
    by_kind_of_figure: pd.DataFrame
    checks: pd.DataFrame
    coverage: pd.DataFrame
    inconsistencies: pd.DataFrame
    #: the figure extractor's scores: per article, per kind (in-sample) and held out
    scores: pd.DataFrame
    by_kind: pd.DataFrame
    held_out: pd.DataFrame

    # ----------------------------------------------------------------- sentences
    @property
    def years(self) -> list[int]:
        """The years that have an article, in order."""
        return sorted(int(y) for y in self.documents["event_year"].dropna().unique())

    @property
    def corpus_note(self) -> str:
        """The figures' source note."""
        return (
            f"Corpus: {len(self.documents)} Smarter State articles, {period_name(self.years)}; "
            "counts by smartresearch.corpus"
        )

    @property
    def corpus(self) -> str:
        return corpus_sentence(self.documents, self.years)

    @property
    def cleaned(self) -> str:
        return cleaning_sentence(self.cleaning)

    @property
    def theme_moves(self) -> str:
        return shifts_sentence(
            self.shifts, self.robust, self.density, self.early, self.late, self.min_change
        )

    @property
    def attribution(self) -> str:
        return attribution_sentence(self.claims, self.by_year, self.documents)

    @property
    def claim_rule(self) -> str:
        return CLAIM_RULE

    @property
    def verdicts(self) -> str:
        return checks_sentence(self.checks, self.claims)

    @property
    def extraction(self) -> str:
        return extraction_sentence(self.scores)

    @property
    def holdout(self) -> str:
        return holdout_sentence(self.held_out)

    # ----------------------------------------------------------------- tables
    @property
    def documents_table(self) -> pd.DataFrame:
        return self.documents[["event_year", "title", "publisher", "kind", "words"]]

    @property
    def documents_labels(self) -> dict[str, str]:
        """Headers of :attr:`documents_table`, as ``tables.table`` takes them."""
        return {
            "event_year": "Year",
            "title": "Title",
            "publisher": "Publisher",
            "kind": "Kind",
            "words": "Words",
        }

    @property
    def cleaning_table(self) -> pd.DataFrame:
        return cleaning_table(self.cleaning)

    @property
    def shifts_table(self) -> pd.DataFrame:
        return theme_shift_table(self.shifts, self.early, self.late)

    @property
    def subject_table(self) -> pd.DataFrame:
        return attribution_table(self.by_subject, "subject", "About")

    @property
    def kind_table(self) -> pd.DataFrame:
        return attribution_table(self.by_kind_of_figure, "kind", "Kind of figure")

    @property
    def claims_table(self) -> pd.DataFrame:
        return claims_table(self.claims, self.documents)

    @property
    def checks_table(self) -> pd.DataFrame:
        return claim_check_table(self.checks, self.claims)

    @property
    def coverage_table(self) -> pd.DataFrame:
        return figure_coverage_table(self.coverage, self.documents)

    @property
    def inconsistencies_table(self) -> pd.DataFrame:
        return inconsistencies_table(self.inconsistencies, self.documents)

    @property
    def extraction_table(self) -> pd.DataFrame:
        return extraction_table(self.scores, self.documents)

    @property
    def extraction_kind_table(self) -> pd.DataFrame:
        return extraction_kind_table(self.by_kind)

    @property
    def extraction_comparison(self) -> pd.DataFrame:
        return extraction_comparison(self.by_kind, self.held_out)

    # ----------------------------------------------------------------- figures
    def plot_themes(self, ax: Axes | None = None) -> Axes:
        """Each theme's mentions per 1,000 words, by year (a shaded grid)."""
        import matplotlib.pyplot as plt

        from smartresearch import plots

        if ax is None:
            _, ax = plt.subplots(figsize=(8.5, 7.2))
        plots.plot_theme_strip(self.themes, ax=ax)
        plots.add_titles(
            ax,
            "What the Smarter State articles talked about",
            "Mentions per 1,000 cleaned words; rows ordered by their average over the years",
            note=self.corpus_note,
        )
        return ax

    def plot_claims(self, ax: Axes | None = None) -> Axes:
        """Quoted figures per year, credited or unattributed (stacked bars)."""
        from smartresearch import plots

        ax = plots.plot_claim_attribution(self.by_year, "event_year", what="year", ax=ax)
        plots.add_titles(
            ax,
            "Whose numbers?",
            "Figures quoted in each year's article, by whether the article names a source",
            note=self.corpus_note,
        )
        return ax


def answer() -> Conversation:
    """Chapter 1's answer from the mirror's articles and the curated claim tables."""
    from smartresearch import corpus
    from smartresearch.corpus import figure_coverage, theme_shifts
    from smartresearch.corpus.attribution import claim_attribution
    from smartresearch.corpus.documents import cleaning_summary

    documents = corpus.load()
    themes = corpus.themes_by_document(documents)
    claims = corpus.load_claims(documents=documents)
    early, late = theme_shifts.theme_periods(themes)
    gold = corpus.load_figure_gold()
    return Conversation(
        documents=documents,
        themes=themes,
        claims=claims,
        cleaning=cleaning_summary(documents, corpus.removal_report()),
        early=tuple(early),
        late=tuple(late),
        shifts=theme_shifts.theme_shifts(themes),
        robust=theme_shifts.shift_robustness(themes),
        density=theme_shifts.mention_density(themes).set_index("event_year"),
        min_change=theme_shifts.MIN_CHANGE,
        by_year=claim_attribution(claims, "event_year", documents=documents),
        by_subject=claim_attribution(claims, "subject"),
        by_kind_of_figure=claim_attribution(claims, "kind"),
        checks=corpus.claim_checks(),
        coverage=figure_coverage.figure_coverage(
            gold, figure_coverage.load_figure_coverage(), claims
        ),
        inconsistencies=figure_coverage.article_inconsistencies(documents, gold),
        scores=corpus.score_extraction(documents),
        by_kind=corpus.score_extraction_by_kind(documents),
        held_out=corpus.score_holdout_by_kind(),
    )
