"""Realistic inputs for the plot tests and the figures behind the image baselines.

The plot tests must not depend on the data layer being built, so they make tidy tables
straight from the UN's raw E-Government Survey CSVs in the mirror (found through
SMARTRESEARCH_MIRROR), keeping their mess: names with trailing spaces, UN spellings
("Republic of Korea"), zeros in early editions. ``BASELINE_CASES`` is shared by
tests/test_plots_images.py and scripts/update_plot_baselines.py, so the stored baselines
and the tests draw exactly the same figures.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from smartresearch import plots  # noqa: E402
from smartresearch.analysis import peer_views, profiles  # noqa: E402
from smartresearch.config import mirror_root  # noqa: E402
from smartresearch.countries import reference  # noqa: E402
from smartresearch.errors import MirrorNotConfiguredError  # noqa: E402

BASELINE_DIR = Path(__file__).resolve().parent / "baseline"
#: Baselines are compared at screen resolution: enough to catch a moved label, small to store.
BASELINE_DPI = 100
UN_FOLDER = "data/raw/un_egov_datacenter"
UN_COLUMNS = {
    "E-Government Index": "egdi",
    "E-Participation Index": "epi",
    "Online Service Index": "osi",
    "Human Capital Index": "hci",
    "Telecommunication Infrastructure Index": "tii",
}
#: The UN spellings the reference list does not carry (the data layer keeps the real list).
UN_ALIASES = {
    "Democratic Republic of the Congo": "COD",
    "Georgia (Country)": "GEO",
    "Iran (Islamic Republic of)": "IRN",
    "Micronesia (Federated States of)": "FSM",
    "Republic of Korea": "KOR",
}


def require_mirror() -> None:
    try:
        mirror_root()
    except MirrorNotConfiguredError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"mirror not configured: {error}")


@lru_cache(maxsize=1)
def un_egov() -> pd.DataFrame:
    """Tidy EGDI and components for every UN edition, built from the raw CSVs."""
    require_mirror()
    ref = reference()
    lookup: dict[str, str] = {}
    for column in ("name", "iso_name", "official_name"):
        for name, iso3 in zip(ref[column], ref["iso3"], strict=True):
            if name:
                lookup.setdefault(name.strip().casefold(), iso3)
    lookup.update({k.casefold(): v for k, v in UN_ALIASES.items()})
    frames = []
    for path in sorted((mirror_root() / UN_FOLDER).glob("EGOV_DATA_*.csv")):
        raw = pd.read_csv(path)
        names = raw["Country Name"].astype(str).str.strip()
        iso3 = names.str.casefold().map(lookup)
        if iso3.isna().any():
            raise AssertionError(f"{path.name}: unmapped names {sorted(names[iso3.isna()])}")
        wide = pd.DataFrame({"iso3": iso3, "year": raw["Survey Year"].astype(int)})
        for column, indicator in UN_COLUMNS.items():
            wide[indicator] = raw[column].astype(float)
        long = wide.melt(id_vars=["iso3", "year"], var_name="indicator", value_name="value")
        long["source_file"] = f"{UN_FOLDER}/{path.name}"
        frames.append(long)
    tidy = pd.concat(frames, ignore_index=True)
    tidy["country"] = tidy["iso3"].map(ref["name"])
    # The early editions print 0 for "not assessed": drop, as the tidy contract does.
    tidy = tidy[tidy["value"] > 0]
    columns = ["iso3", "country", "year", "indicator", "value", "source_file"]
    return tidy[columns].sort_values(["indicator", "iso3", "year"]).reset_index(drop=True)


def close_all() -> None:
    plt.close("all")


@pytest.fixture(autouse=True)
def house_style():
    """Draw as the notebooks do: house style (constrained layout), then close the figures.
    Imported by a test module, it applies to every test there."""
    with plots.style_context():
        yield
    plt.close("all")


def _second_index(data: pd.DataFrame) -> pd.DataFrame:
    """A second "index" for concordance and heatmap cases: the 2022 OSI relabelled, with
    gaps (as an OECD-style index covers fewer countries)."""
    osi = data[(data["indicator"] == "osi") & (data["year"] == 2022)].copy()
    osi = osi[~osi["iso3"].isin(["SGP", "NZL", "ISL"])]
    osi["indicator"] = "osi_2022"
    return osi


def case_trajectories() -> Figure:
    data = un_egov()
    ax = plots.plot_trajectories(data, "egdi")
    plots.add_titles(ax, "Denmark and Korea lead the UN's e-government index", "EGDI, 0–1")
    return ax.get_figure()


def case_bump() -> Figure:
    data = un_egov()
    ax = plots.plot_rank_bump(data[data["year"] >= 2010], "egdi", within="shown")
    plots.add_titles(ax, "EGDI rank among focus and peer countries")
    return ax.get_figure()


def case_dumbbell() -> Figure:
    data = un_egov()
    ax = plots.plot_dumbbell(data, "egdi", years=(2012, 2022))
    plots.add_titles(ax, "EGDI, 2012 and 2022")
    return ax.get_figure()


def case_heatmap() -> Figure:
    data = un_egov()
    both = pd.concat([data[data["year"] == 2022], _second_index(data)], ignore_index=True)
    ax = plots.plot_rank_heatmap(both, ["egdi", "osi", "hci", "tii", "osi_2022"])
    plots.add_titles(ax, "Ranks in 2022, by index")
    return ax.get_figure()


def case_concordance() -> Figure:
    data = un_egov()
    latest = data[data["year"] == 2022]
    ax = plots.plot_concordance(latest, "osi", "hci")
    plots.add_titles(ax, "Online services and human capital, 2022")
    return ax.get_figure()


def case_concordance_rank() -> Figure:
    data = un_egov()
    latest = data[data["year"] == 2022]
    ax = plots.plot_concordance(latest, "osi", "hci", scale="rank", label_outliers=3)
    plots.add_titles(ax, "Online services and human capital, 2022", "Ranks, 1 = best")
    return ax.get_figure()


def case_slope_rank() -> Figure:
    data = un_egov()
    ax = plots.plot_slope(data, ("osi", "hci"), years=2022, scale="rank")
    plots.add_titles(ax, "Two components, two rankings", "Rank among the countries in both")
    return ax.get_figure()


def case_agreement_matrix() -> Figure:
    """Correlations between 0.38 and 0.75, as the report's four indices have."""
    pairs = [("EGDI", "OECD DGI", 38, 0.379), ("EGDI", "GTMI", 193, 0.747)]
    pairs += [("EGDI", "EU", 35, 0.709), ("OECD DGI", "GTMI", 38, 0.587)]
    pairs += [("OECD DGI", "EU", 24, 0.510), ("GTMI", "EU", 35, 0.545)]
    table = pd.DataFrame(pairs, columns=["a", "b", "n", "spearman"])
    ax = plots.plot_agreement_matrix(table)
    plots.add_titles(ax, "How closely the indices agree")
    return ax.get_figure()


def case_pledge_on_target() -> Figure:
    """A reading on the target's spot (98% against 100% on the deadline) beside a path."""
    points = pd.DataFrame(
        {
            "date": ["2021-06", "2022-09", "2023-10-31", "2023-10-31"],
            "value": [40.0, 75.0, 98.0, 100.0],
            "kind": ["observed", "observed", "observed", "target"],
        }
    )
    fig, ax = plt.subplots(figsize=(4.6, 3.0))
    plots.plot_pledge_tracker(points, verdict="missed", unit="% migrated", iso3="DNK", ax=ax)
    return fig


#: name -> function drawing the figure of one image baseline (tests/baseline/NAME.png).
BASELINE_CASES: dict[str, Callable[[], Figure]] = {
    "trajectories": case_trajectories,
    "rank_bump": case_bump,
    "dumbbell": case_dumbbell,
    "rank_heatmap": case_heatmap,
    "concordance": case_concordance,
    "concordance_rank": case_concordance_rank,
    "slope_rank": case_slope_rank,
    "agreement_matrix": case_agreement_matrix,
    "pledge_on_target": case_pledge_on_target,
}


def draw_band(frame, iso3, peers=None, *, indicator, **kwargs):
    """The band chart drawn from the trajectory the profile computes (plots compute nothing)."""
    return plots.plot_peer_band(
        peer_views.trajectory(frame, iso3, peers, indicator=indicator), **kwargs
    )


def draw_strip(frame, iso3, peers=None, *, indicators, **kwargs):
    """The strip chart drawn from the gaps and the peers' field the profile computes."""
    gaps = profiles.component_gaps(frame, iso3, peers, components=indicators)
    field = peer_views.peer_field(frame, iso3, peers, indicators=indicators)
    return plots.plot_peer_strip(gaps, field, **kwargs)
