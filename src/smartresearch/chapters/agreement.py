"""Chapter 3, do the indices agree? One comparable edition of each index, side by side.

``answer()`` returns one frozen :class:`Agreement` holding what the notebook
(``notebooks/03-index-agreement.ipynb``) shows: the editions paired and why, rank agreement
with intervals on rho, the countries each pair disagrees about most, and coverage. The
numbers come from :mod:`smartresearch.analysis.panels`,
:mod:`smartresearch.analysis.panel_agreement` and :mod:`smartresearch.analysis.coverage`;
the sentences are here and call one pair closer than another only when the intervals
allow it. Each sentence is tested as text (tests/test_chapters_agreement.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from smartresearch.analysis import coverage, panel_agreement, panels
from smartresearch.chapters._agreement_text import (
    agreement_headline,
    closest_and_weakest,
    combination,
    correlation_table,
    coverage_sentence,
    editions_sentence,
    field_ranges_phrase,
    field_sizes_phrase,
    overlap,
    sharpest_disagreement,
)
from smartresearch.chapters._caveats import (
    PROVENANCE_KEYWORDS,
    bullets,
    caveat_pairs,
    provenance_caveats,
    provenance_markdown,
)
from smartresearch.countries import FOCUS, PEERS, country_name
from smartresearch.tables import MISSING
from smartresearch.wording import join_names

__all__ = [
    "PROVENANCE_KEYWORDS",
    "Agreement",
    "agreement_headline",
    "answer",
    "closest_and_weakest",
    "correlation_table",
    "coverage_sentence",
    "edition_labels",
    "editions_sentence",
    "field_ranges_phrase",
    "field_sizes_phrase",
    "overlap",
    "provenance_markdown",
    "sharpest_disagreement",
]


def edition_labels(panel: pd.DataFrame) -> dict[str, str]:
    """Index label -> "label year" (e.g. "OECD DGI 2023"), for axis labels and sentences."""
    editions = panels.panel_editions(panel)
    return {
        str(row.index_name): f"{row.index_name} {row.year}"
        for row in editions.itertuples(index=False)
    }


@dataclass(frozen=True)
class Agreement:
    """Chapter 3's answer: the panel and every frame computed on it, once."""

    #: every edition held of each index's headline score (``panels.index_editions``)
    editions: pd.DataFrame
    reference_year: int
    #: the edition of each index paired at the reference year (``panels.nearest_editions``)
    chosen: pd.DataFrame
    panel: pd.DataFrame
    agreement: pd.DataFrame
    disagreements: pd.DataFrame
    patterns: pd.DataFrame
    coverage: pd.DataFrame
    matrix: pd.DataFrame
    edition_caveats: pd.DataFrame
    provenance_caveats: pd.DataFrame

    # ----------------------------------------------------------------- small facts
    @property
    def labels(self) -> dict[str, str]:
        return edition_labels(self.panel)

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(self.panel["dataset"]))

    @property
    def info(self) -> pd.DataFrame:
        return panels.panel_editions(self.panel).set_index("index_name")

    # ----------------------------------------------------------------- sentences
    @property
    def headline(self) -> str:
        """The chapter's finding in one sentence, as the summary quotes it."""
        return agreement_headline(self.agreement, n_indices=len(self.info))

    @property
    def headline_detail(self) -> str:
        return (
            f"{closest_and_weakest(self.agreement, self.labels)} Each index is read in its "
            f"edition nearest {self.reference_year} (@tbl-agreement-editions); ρ is Spearman's "
            "rank correlation over the countries both indices assess, with a 95% interval "
            "(Fisher z)."
        )

    @property
    def editions_sentence(self) -> str:
        return editions_sentence(self.editions, self.reference_year, self.chosen)

    @property
    def caveats(self) -> str:
        return bullets(caveat_pairs(self.edition_caveats))

    @property
    def provenance(self) -> str:
        return bullets(caveat_pairs(self.provenance_caveats))

    @property
    def closeness(self) -> str:
        return (
            f"{closest_and_weakest(self.agreement, self.labels)} "
            f"{field_sizes_phrase(self.agreement)} Compared within like fields: "
            f"{field_ranges_phrase(self.agreement)}."
        )

    @property
    def sharpest(self) -> str:
        return sharpest_disagreement(self.disagreements, self.labels)

    @property
    def coverage_sentence(self) -> str:
        return coverage_sentence(self.matrix, self.patterns, n_indices=len(self.info))

    # ----------------------------------------------------------------- tables
    @property
    def editions_table(self) -> pd.DataFrame:
        from smartresearch.datasets import format_years

        chosen = self.chosen.assign(editions_held=self.chosen["editions_held"].map(format_years))
        return chosen.rename(
            columns={
                "index_name": "Index",
                "year": "Edition",
                "gap": "Years from reference",
                "countries": "Countries assessed",
                "editions_held": "Editions held",
                "year_meaning": "What the year means",
            }
        )[
            [
                "Index",
                "Edition",
                "Years from reference",
                "Countries assessed",
                "Editions held",
                "What the year means",
            ]
        ]

    @property
    def correlations(self) -> pd.DataFrame:
        return correlation_table(self.agreement)

    @property
    def gaps(self) -> pd.DataFrame:
        gaps = self.disagreements
        return pd.DataFrame(
            {
                "Pair": gaps["a"] + " vs " + gaps["b"],
                "Country": gaps["country"],
                "Rank on A": gaps["rank_a"],
                "Rank on B": gaps["rank_b"],
                "Countries in both": gaps["n"],
                "Gap (places)": gaps["gap"],
                "Gap (% of field)": (100 * gaps["gap_share"]).round(0).astype(int),
                "Ranked higher by": gaps["ranked_higher_by"],
            }
        )

    @property
    def patterns_table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Assessed by": [combination(labels) for labels in self.patterns["indices"]],
                "Indices": self.patterns["n_indices"].to_numpy(),
                "Countries": self.patterns["countries"].to_numpy(),
            }
        )

    @property
    def coverage_table(self) -> pd.DataFrame:
        missing = [
            join_names(country_name(c) for c in codes) if len(codes) else "none"
            for codes in self.coverage["not_assessed"]
        ]
        return pd.DataFrame(
            {
                "Index": self.coverage["index_name"],
                "Edition": self.coverage["year"],
                "Countries assessed": self.coverage["countries"],
                "Focus and peers assessed": self.coverage["selected_assessed"],
                "Focus and peers not assessed": [m or MISSING for m in missing],
            }
        )

    # ----------------------------------------------------------------- figures
    def plot_matrix(self, ax=None):
        """Spearman's rho of every pair, with its n, as a triangular grid."""
        from smartresearch import plots

        ax = plots.plot_agreement_matrix(self.agreement, ax=ax)
        plots.add_titles(
            ax,
            "How closely the indices agree",
            "Spearman rank correlation over the countries both assess",
            source=self.sources,
        )
        return ax

    def plot_scatters(self):
        """One scatter per pair, every country both assess, at its rank on each among the
        countries the pair has in common (one scale for every panel, whatever the indices'
        own: the EU benchmark's 0-100 beside 0-1 scores), with the line of equal rank and
        the pair's rho from :attr:`agreement`; panels two a row at the page's width
        (``plots.small_multiples``). Returns the Figure."""
        from smartresearch import plots

        info, labels = self.info, self.labels
        rows = list(self.agreement.itertuples(index=False))
        fig, axes = plots.small_multiples(max(1, len(rows)))
        for ax, pair in zip(axes, rows, strict=False):
            plots.plot_concordance(
                self.panel,
                info.at[pair.a, "indicator"],
                info.at[pair.b, "indicator"],
                years=(pair.year_a, pair.year_b),
                label_outliers=3,
                x_label=labels[pair.a],
                y_label=labels[pair.b],
                scale="rank",
                rho=pair.spearman,
                ax=ax,
            )
        plots.add_titles(
            fig,
            "Where the indices part company",
            "Each point a country assessed by both indices of a panel; ranks among them, 1 = best",
            source=self.sources,
        )
        return fig

    def plot_coverage(self, ax=None):
        """Ranks of the focus and peer countries in each index's own field, gaps hatched."""
        from smartresearch import plots

        info = self.info
        ax = plots.plot_rank_heatmap(
            self.panel,
            list(info["indicator"]),
            years=dict(zip(info["indicator"], info["year"], strict=True)),
            indicator_labels=dict(zip(info["indicator"], info.index, strict=True)),
            ax=ax,
        )
        plots.add_titles(
            ax,
            "Who is assessed where",
            "Rank in each index's own field; hatched: not assessed",
            source=self.sources,
        )
        return ax


def answer(
    year: int | None = None,
    *,
    tables: Mapping[str, pd.DataFrame] | None = None,
    countries: Sequence[str] = FOCUS + PEERS,
    per_pair: int = 3,
) -> Agreement:
    """Chapter 3's answer: each index in its edition nearest ``year`` (default: the year
    the editions lie closest together), from ``tables`` (default: the clean tables)."""
    editions = panels.index_editions(tables=tables)
    reference = panels.reference_year(editions) if year is None else int(year)
    panel = panels.latest_index_panel(reference, tables=tables)
    return Agreement(
        editions=editions,
        reference_year=reference,
        chosen=panels.nearest_editions(editions, reference),
        panel=panel,
        agreement=panel_agreement.agreement_table(panel),
        disagreements=panel_agreement.largest_disagreements(panel, per_pair=per_pair),
        patterns=coverage.coverage_patterns(panel),
        coverage=coverage.coverage_by_index(panel, countries),
        matrix=coverage.coverage_matrix(panel),
        edition_caveats=panels.edition_caveats(panel),
        provenance_caveats=provenance_caveats(panel),
    )
