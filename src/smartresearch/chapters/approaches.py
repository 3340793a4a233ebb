"""Chapter 2, three approaches: Denmark, South Korea and the United Kingdom against their peers.

``answer()`` returns one frozen :class:`Approaches` holding everything the notebook
(``notebooks/02-three-approaches.ipynb``) shows: the computed frames, the sentences, the
display tables and the figures, so each notebook cell is one line and every sentence can
be tested without a kernel (tests/test_chapters_approaches.py). The computations are
general and live in :mod:`smartresearch.analysis.profiles` (peer standing, positions),
:mod:`smartresearch.analysis.peer_views` (leads and lags) and
:mod:`smartresearch.analysis.country_record` (the fall from a peak); the sentences are
:mod:`smartresearch.chapters._approaches_text`, the tables' rounding
:mod:`smartresearch.chapters._tables` (shared with chapter 6), and numbers are worded by
:mod:`smartresearch.wording`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from matplotlib.axes import Axes

from smartresearch.analysis.country_record import RankFall, caveats_mentioning, fall_from_peak
from smartresearch.analysis.peer_views import leads_and_lags
from smartresearch.analysis.profiles import (
    COMPONENT_INDICATORS,
    comparison_group,
    index_frames,
    latest_positions,
)
from smartresearch.chapters import _caveats
from smartresearch.chapters._approaches_text import (
    fall_sentence,
    headline_sentence,
    indicator_names,
    order_among_peers,
    positions_note,
    strength_phrase,
)
from smartresearch.chapters._tables import (
    SHORT_LABELS,
    dataset_labels,
    readable_positions,
)
from smartresearch.countries import FOCUS, country_name
from smartresearch.wording import count, join_names

#: The indices the chapter compares, in the order its tables list them.
INDICES: tuple[str, ...] = ("egdi", "oecd_dgi", "gtmi")
#: The EGDI's components, in the order the tables show them.
COMPONENTS: tuple[str, ...] = tuple(COMPONENT_INDICATORS["egdi"])
#: Words that pick the EGDI caveats about reading the series over time.
SERIES_CAVEAT_WORDS: tuple[str, ...] = ("relative", "not assessed")
#: Words that pick the OECD DGI and GTMI caveats about comparing editions and coverage.
COMPARISON_CAVEAT_WORDS: tuple[str, ...] = ("compar", "not covered")

__all__ = [
    "COMPONENTS",
    "INDICES",
    "Approaches",
    "answer",
    "fall_sentence",
    "headline_sentence",
    "order_among_peers",
    "positions_note",
    "strength_phrase",
]


@dataclass(frozen=True)
class Approaches:
    """Chapter 2's answer: frames computed once, sentences and tables derived from them."""

    frames: Mapping[str, pd.DataFrame]
    group: tuple[str, ...]
    #: the curated features (``corpus.load_approaches``) and the documents they cite
    features: pd.DataFrame
    documents: pd.DataFrame
    leads_and_lags: pd.DataFrame
    fall: RankFall
    positions: pd.DataFrame
    egdi_caveats: tuple[str, ...]
    comparison_caveats: tuple[tuple[str, str], ...]
    provenance_caveats: pd.DataFrame
    #: the record's outcomes (``corpus.outcomes.load_outcomes``): the DGI 2025 headlines
    outcomes: pd.DataFrame | None = None
    datasets: Mapping[str, str] = field(default_factory=dict)
    focus: tuple[str, ...] = FOCUS

    # ----------------------------------------------------------------- sentences
    @property
    def latest(self) -> int:
        """The latest EGDI edition."""
        return int(self.frames["egdi"]["year"].max())

    @property
    def leader(self) -> pd.Series:
        """The latest EGDI edition's highest-scoring row (a tie: the first by code)."""
        egdi = self.frames["egdi"]
        rows = egdi[(egdi["indicator"] == "egdi") & (egdi["year"] == self.latest)]
        return rows.sort_values(["value", "iso3"], ascending=[False, True]).iloc[0]

    @property
    def assessed(self) -> int:
        """How many countries the latest EGDI edition assessed."""
        egdi = self.frames["egdi"]
        return int(((egdi["indicator"] == "egdi") & (egdi["year"] == self.latest)).sum())

    @property
    def headline(self) -> str:
        """The chapter's finding in one sentence, as the summary quotes it."""
        return headline_sentence(self.fall, str(self.leader["country"]), self.assessed)

    @property
    def headline_detail(self) -> str:
        return (
            f"{self.uk_fall} Ranks are the UN's printed ranks among the {self.assessed} "
            "countries each survey assessed; scores are relative within each edition, so the "
            "chapter compares positions, not levels, across years."
        )

    @property
    def peer_group(self) -> str:
        peers = [country_name(c) for c in self.group if c not in self.focus]
        focus = count(len(self.focus), "focus country", "focus countries")
        listed = f"{count(len(peers), 'peer')} ({join_names(peers)})" if peers else "no peers"
        return (
            f"The peer group throughout is the project's list of comparators: the {focus} "
            f'and {listed}. "Rank among peers" is a rank among these '
            f"{count(len(self.group), 'country', 'countries')}."
        )

    @property
    def articles_source(self) -> str:
        cited = "; ".join(
            f"*{doc.title}* ({doc.publisher}, {doc.published})"
            for doc in self.documents.itertuples()
        )
        parts = [
            f"{n} from the {part}"
            for part, n in self.features.groupby("source_part").size().items()
        ]
        return (
            f"Source: {cited}. The table holds {len(self.features)} features: "
            f"{join_names(parts)}. The labels are the article's characterisation; no index "
            'below measures "governance-led" or "tech-led" directly.'
        )

    @property
    def series_caveats(self) -> str:
        return "\n".join(f"- {c}" for c in self.egdi_caveats) or _caveats.NO_CAVEATS

    @property
    def strengths(self) -> str:
        return " ".join(
            f"{strength_phrase(row, COMPONENTS, SHORT_LABELS)}."
            for _, row in self.leads_and_lags.iterrows()
        )

    @property
    def uk_fall(self) -> str:
        return fall_sentence(self.fall)

    @property
    def dgi_standing(self) -> str:
        """The focus countries on the loaded OECD DGI edition beside the newer one the record
        quotes (chapter 4's :func:`~smartresearch.chapters.dgi_headlines.standing_phrase`),
        so no order a newer edition reverses is presented as current."""
        from smartresearch.chapters.dgi_headlines import standing_phrase

        if self.outcomes is None or "oecd_dgi" not in self.frames:
            return ""
        return standing_phrase(self.frames["oecd_dgi"], self.outcomes, list(self.focus))

    @property
    def order_among_peers(self) -> str:
        return order_among_peers(self.positions, self.datasets)

    @property
    def positions_note(self) -> str:
        return positions_note(self.positions, self.datasets)

    @property
    def comparison_caveats_markdown(self) -> str:
        return _caveats.bullets(self.comparison_caveats)

    @property
    def provenance(self) -> str:
        return _caveats.bullets(_caveats.caveat_pairs(self.provenance_caveats))

    # ----------------------------------------------------------------- tables
    @property
    def articles(self) -> pd.DataFrame:
        """The article's features, one row per part of the comparison, one column per
        country (with its approach)."""
        features = self.features.assign(
            country=self.features["country"] + " (" + self.features["approach"] + ")"
        )
        return (
            features.pivot_table(
                index="dimension",
                columns="country",
                values="feature",
                aggfunc="; ".join,
                sort=False,
            )
            .rename_axis(index="Part of the comparison", columns=None)
            .reset_index()
        )

    @property
    def leads_table(self) -> pd.DataFrame:
        """Each focus country's rank on each component, with where it leads and lags."""
        table = self.leads_and_lags.assign(
            leads=[indicator_names(codes) for codes in self.leads_and_lags["leads"]],
            lags=[indicator_names(codes) for codes in self.leads_and_lags["lags"]],
        )
        return table.drop(columns=["iso3"]).rename(
            columns={
                "country": "Country",
                "year": "Edition",
                "peer_n": "Countries ranked",
                "leads": "Leads on",
                "lags": "Lags on",
                **{c: SHORT_LABELS.get(c, c) for c in COMPONENTS},
            }
        )

    @property
    def uk_ranks(self) -> pd.DataFrame:
        """The UK's published EGDI rank in each edition and who ranked first (names)."""
        history = self.fall.history
        return pd.DataFrame(
            {
                "Edition": history["year"].to_numpy(),
                "UK rank": history["rank"].to_numpy(),
                "Ranked first": [
                    ", ".join(country_name(c) for c in codes) for codes in history["ranked_first"]
                ],
            }
        )

    @property
    def positions_table(self) -> pd.DataFrame:
        readable = readable_positions(self.positions, labels=SHORT_LABELS, datasets=self.datasets)
        return readable[
            [
                "Index",
                "Country",
                "Edition",
                "Score",
                "Rank among peers",
                "Peers' median",
                "Gap to median",
                "World rank",
            ]
        ]

    # ----------------------------------------------------------------- figures
    def plot_egdi(self, ax: Axes | None = None) -> Axes:
        """The EGDI of the focus countries in every edition, peers in grey, UN rank labels."""
        from smartresearch import plots

        ax = plots.plot_trajectories(
            self.frames["egdi"], "egdi", countries=self.group, rank_from="egdi_rank", ax=ax
        )
        plots.add_titles(
            ax,
            "Three approaches, one index",
            f"EGDI (0–1) of the focus countries and their peers; labels give the UN rank in "
            f"{self.latest}",
            source="egdi",
            note="Scores are relative within each edition: compare positions, not levels, "
            "across years.",
        )
        return ax

    def plot_bump(self, ax: Axes | None = None) -> Axes:
        """Rank on the EGDI within the focus and peer countries in every edition."""
        import matplotlib.pyplot as plt

        from smartresearch import plots

        if ax is None:
            _, ax = plt.subplots(figsize=(8.0, 6.2))
        ax = plots.plot_rank_bump(
            self.frames["egdi"], "egdi", countries=self.group, within="shown", ax=ax
        )
        plots.add_titles(
            ax,
            "Who overtook whom",
            f"Rank on the EGDI among the {len(self.group)} focus and peer countries, 1 = highest",
            source="egdi",
        )
        return ax

    def plot_components(self):  # -> np.ndarray of Axes
        """One panel per focus country: the EGDI and its components over the editions, at
        the house figure size (the page's width: a 9-inch figure shrank its legend)."""
        from smartresearch import plots

        axes = plots.plot_components(
            self.frames["egdi"],
            list(COMPONENTS),
            countries=self.focus,
            total="egdi",
            component_labels=dict(SHORT_LABELS),
        )
        plots.add_titles(
            axes[0].figure,
            "What each score is made of",
            "EGDI components (0–1); the thick line is the EGDI",
            source="egdi",
        )
        return axes

    def plot_component_ranks(self, ax: Axes | None = None) -> Axes:
        """Rank of every focus and peer country on the EGDI and its components."""
        import matplotlib.pyplot as plt

        from smartresearch import plots

        egdi = self.frames["egdi"]
        in_group = egdi[egdi["iso3"].isin(self.group) & (egdi["year"] == self.latest)]
        if ax is None:
            _, ax = plt.subplots(figsize=(7.5, 6.4))
        stacked = {k: v.replace(" ", "\n") for k, v in SHORT_LABELS.items()}  # two-line headers
        ax = plots.plot_rank_heatmap(
            in_group,
            ["egdi", *COMPONENTS],
            countries=self.group,
            indicator_labels=stacked,
            ax=ax,
        )
        plots.add_titles(
            ax,
            "Leads and lags",
            f"Rank within the {len(self.group)} focus and peer countries, {self.latest}",
            source="egdi",
        )
        return ax


def answer(
    frames: Mapping[str, pd.DataFrame] | None = None, focus: Sequence[str] = FOCUS
) -> Approaches:
    """Chapter 2's answer from the clean tables (``frames``: dataset name -> tidy table,
    default :data:`INDICES` loaded) and the curated approaches table."""
    from smartresearch import corpus
    from smartresearch.analysis.panels import latest_index_panel
    from smartresearch.corpus.outcomes import load_outcomes

    frames = dict(frames) if frames is not None else index_frames(INDICES)
    focus = tuple(focus)
    group = comparison_group(focus)
    egdi = frames["egdi"]
    features = corpus.load_approaches()
    documents = corpus.load_metadata().set_index("doc_id")
    datasets = dataset_labels(frames)
    return Approaches(
        frames=frames,
        group=group,
        features=features,
        documents=documents.loc[sorted(features["doc_id"].unique())],
        leads_and_lags=leads_and_lags(egdi, focus, group, indicators=list(COMPONENTS)),
        fall=fall_from_peak(egdi, "GBR", rank_indicator="egdi_rank"),
        positions=latest_positions(frames, focus, group),
        egdi_caveats=caveats_mentioning("egdi", SERIES_CAVEAT_WORDS),
        comparison_caveats=tuple(
            (datasets.get(name, name), caveat)
            for name in ("oecd_dgi", "gtmi")
            if name in frames
            for caveat in caveats_mentioning(name, COMPARISON_CAVEAT_WORDS)
        ),
        provenance_caveats=_caveats.provenance_caveats(latest_index_panel()),
        outcomes=load_outcomes(),
        datasets=datasets,
        focus=focus,
    )
