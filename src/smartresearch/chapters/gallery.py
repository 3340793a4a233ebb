"""The chart gallery (notebooks/90-chart-gallery.ipynb): every chart of ``smartresearch.plots``
on the project's own data.

The gallery's cells show how each chart is called, so they call ``smartresearch.plots``
themselves; what is not a chart call (loading the tables, pairing pledges with their
readings, the table of the latest UN edition) is here, so each cell stays one or two lines.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from smartresearch.countries import FOCUS

#: The pledges the tracker panel shows (ids in data/curated/pledges.csv).
TRACKED: tuple[str, ...] = ("P01", "P02", "P05")
#: Column labels of the house-table example.
LATEST_LABELS: dict[str, str] = {
    "egdi": "EGDI",
    "osi": "Online services",
    "hci": "Human capital",
    "tii": "Telecoms",
    "egdi_rank": "UN rank",
}


@dataclass(frozen=True)
class Gallery:
    """The tables the gallery draws from."""

    egdi: pd.DataFrame
    dgi: pd.DataFrame
    gtmi: pd.DataFrame
    benchmark: pd.DataFrame
    verdicts: pd.DataFrame
    observations: pd.DataFrame
    themes: pd.DataFrame

    @property
    def latest(self) -> int:
        return int(self.egdi["year"].max())

    @property
    def indices(self) -> pd.DataFrame:
        """The four indices in one tidy table (charts that compare indices take one)."""
        return pd.concat([self.egdi, self.dgi, self.gtmi, self.benchmark], ignore_index=True)

    @property
    def latest_focus(self) -> pd.DataFrame:
        """The focus countries in the latest UN edition: EGDI, components, UN rank."""
        rows = self.egdi[(self.egdi["year"] == self.latest) & self.egdi["iso3"].isin(FOCUS)]
        return (
            rows.pivot(index="country", columns="indicator", values="value")
            .reindex(columns=list(LATEST_LABELS))
            .sort_values("egdi_rank")
            .rename_axis("Country")
            .rename_axis(columns=None)
        )

    def plot_pledges(self, pledges: Sequence[str] = TRACKED):
        """One pledge tracker per pledge, two a row at the page's width
        (``plots.small_multiples``; three side by side were 10 inches wide); returns the
        Figure."""
        from smartresearch import plots

        verdicts = self.verdicts.set_index("pledge_id", drop=False)
        fig, axes = plots.small_multiples(len(pledges), panel_height=3.0)
        for ax, pledge_id in zip(axes, pledges, strict=True):
            row = verdicts.loc[pledge_id]
            plots.plot_pledge_tracker(
                plots.pledge_points(row, self.observations),
                verdict=row["verdict"],
                pledge=row["pledge"],
                unit=row["unit"],
                iso3=row["subject"],
                ax=ax,
            )
            ax.set_title(textwrap.fill(row["pledge"], 38), loc="left", fontsize=8.5)
        plots.add_titles(
            fig,
            "Pledges and outcomes",
            "Verdicts computed by smartresearch.corpus.pledge_verdicts()",
            note="Sources: as cited in data/curated/pledges.csv and pledge_observations.csv",
        )
        return fig


def answer() -> Gallery:
    """The clean and corpus tables the gallery draws."""
    from smartresearch import corpus, datasets

    return Gallery(
        egdi=datasets.load("egdi"),
        dgi=datasets.load("oecd_dgi"),
        gtmi=datasets.load("gtmi"),
        benchmark=datasets.load("egov_benchmark"),
        verdicts=corpus.pledge_verdicts(),
        observations=corpus.load_pledge_observations(),
        themes=corpus.themes_by_document(),
    )
