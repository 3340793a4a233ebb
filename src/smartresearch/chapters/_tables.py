"""The display tables chapters 2 and 6 share: short labels, "k of n" ranks, rounded scores.

Why here and not in :mod:`smartresearch.analysis.profiles`: these decide how this report
words and rounds its numbers (a reader reusing ``analysis`` gets the numbers, not our
wording). Chapter 2 (:mod:`smartresearch.chapters.approaches`) and chapter 6
(:mod:`smartresearch.chapters.profile`) both show positions tables, so the formatting is
defined once, here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

import pandas as pd

from smartresearch.analysis.panels import HEADLINE_INDICES
from smartresearch.analysis.profiles import INDEX_DATASETS
from smartresearch.tables import MISSING
from smartresearch.wording import rank_of

__all__ = [
    "SHORT_LABELS",
    "dataset_labels",
    "MINUS",
    "fmt_shift",
    "fmt_value",
    "scale_digits",
    "indicator_labels",
    "rank_of",
    "readable_positions",
    "readable_trajectory",
]

#: Short names for chart rows and table headers, where the publishers' full labels
#: ("Telecommunication Infrastructure Index") would crowd a figure.
#: Headline indicators take the display label of their ``panels.HEADLINE_INDICES`` entry.
SHORT_LABELS: Mapping[str, str] = {
    **{i.indicator: i.label for i in HEADLINE_INDICES},
    "osi": "Online services",
    "hci": "Human capital",
    "tii": "Telecoms infrastructure",
    "epi": "E-participation",
    "digital_by_design": "Digital by design",
    "data_driven": "Data-driven",
    "government_as_platform": "Government as a platform",
    "open_by_default": "Open by default",
    "user_driven": "User-driven",
    "proactiveness": "Proactiveness",
    "cgsi": "Core government systems",
    "psdi": "Public service delivery",
    "dcei": "Digital citizen engagement",
    "gtei": "GovTech enablers",
    "user_centricity": "User centricity",
    "transparency": "Transparency",
    "key_enablers": "Key enablers",
    "cross_border_services": "Cross-border services",
    "availability": "Data availability",
    "accessibility": "Data accessibility",
    "reuse": "Support for re-use",
}


def dataset_labels(names: Iterable[str] = INDEX_DATASETS) -> dict[str, str]:
    """Short names of datasets for tables ("UN E-Government Survey"), from their specs."""
    from smartresearch.datasets import get_spec

    return {name: get_spec(name).source_label or get_spec(name).title for name in names}


def indicator_labels(names: Iterable[str] = INDEX_DATASETS) -> dict[str, str]:
    """Indicator code -> label ("osi" -> "Online Service Index") for the datasets named."""
    from smartresearch.datasets import indicators

    labels: dict[str, str] = {}
    for name in names:
        table = indicators(name)
        labels.update(zip(table["indicator"], table["label"], strict=True))
    return labels


#: The typographic minus sign (U+2212) every number this report formats as text carries,
#: so a text "−0.035" matches the "−2" the house table prints for a number.
MINUS = "\u2212"


def fmt_value(value: object, digits: int = 3, *, signed: bool = False) -> str:
    """A score with a fixed number of decimals ('0.958', '+0.012', '−0.035': a typographic
    minus), the house table's missing mark ('—') when missing, so a column of formatted
    numbers with a gap still aligns as numbers."""
    if value is None or pd.isna(value):
        return MISSING
    return f"{float(value):{'+' if signed else ''}.{digits}f}".replace("-", MINUS)


def fmt_shift(value: object) -> str:
    """A signed whole difference ('+32', '−2', '0'), '—' when missing: a gap "B − A" reads
    in both directions only with its sign."""
    if value is None or pd.isna(value):
        return MISSING
    number = int(value)  # type: ignore[call-overload]
    return f"{number:+d}".replace("-", MINUS) if number else "0"


@cache
def _maxima(dataset: str) -> dict[str, float]:
    from smartresearch.datasets import indicators

    table = indicators(dataset)
    return dict(zip(table["indicator"], table["maximum"].astype("float64"), strict=True))


def scale_digits(dataset: str, indicator: str, digits: int = 3) -> int:
    """Decimals for a score: ``digits`` on a 0–1 scale, one on a wider scale (0–100), read
    from the indicator's spec (an unknown dataset or indicator keeps ``digits``)."""
    try:
        maximum = _maxima(dataset).get(indicator)
    except Exception:  # noqa: BLE001 - a dataset without a spec keeps the default
        return digits
    return 1 if maximum is not None and maximum > 1 else digits


def readable_trajectory(table: pd.DataFrame, *, digits: int = 3) -> pd.DataFrame:
    """A display version of :func:`~smartresearch.analysis.peer_views.trajectory`: one row
    per edition, ranks as "k of n"."""
    pairs = zip(table["peer_rank"], table["peer_n"], strict=True)
    world = zip(table["world_rank"], table["world_n"], strict=True)
    return pd.DataFrame(
        {
            "Edition": table["year"].astype("int64"),
            "Score": [fmt_value(v, digits) for v in table["value"]],
            "Rank among peers": [rank_of(r, n) for r, n in pairs],
            "Peers' median": [fmt_value(v, digits) for v in table["peer_median"]],
            "Gap to median": [fmt_value(v, digits, signed=True) for v in table["gap_to_median"]],
            "World rank": [rank_of(r, n) for r, n in world],
        }
    ).reset_index(drop=True)


def readable_positions(
    positions: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    datasets: Mapping[str, str] | None = None,
    digits: int = 3,
) -> pd.DataFrame:
    """A display version of :func:`~smartresearch.analysis.profiles.latest_positions`:
    labelled, rounded, ranks as "k of n".

    Columns: Country, Index, Indicator, Edition, Score, Rank among peers, Peers' median,
    Gap to median, World rank, Last assessed ("this edition" where the latest edition
    assessed the country, else the last edition that did, or "never"). ``labels`` and
    ``datasets`` name indicators and datasets (codes are shown when absent). Scores keep
    ``digits`` decimals on a 0–1 scale and one on a 0–100 scale (:func:`scale_digits`).
    """
    names, sources = dict(labels or {}), dict(datasets or {})
    last = [
        "this edition" if assessed else "never" if pd.isna(year) else str(int(year))
        for assessed, year in zip(positions["assessed"], positions["last_assessed"], strict=True)
    ]
    pairs = zip(positions["peer_rank"], positions["peer_n"], strict=True)
    world = zip(positions["world_rank"], positions["world_n"], strict=True)
    places = [
        scale_digits(str(d), str(i), digits)
        for d, i in zip(positions["dataset"], positions["indicator"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Country": positions["country"],
            "Index": positions["dataset"].map(lambda d: sources.get(d, d)),
            "Indicator": positions["indicator"].map(lambda i: names.get(i, i)),
            "Edition": positions["year"],
            "Score": [fmt_value(v, d) for v, d in zip(positions["value"], places, strict=True)],
            "Rank among peers": [rank_of(r, n) for r, n in pairs],
            "Peers' median": [
                fmt_value(v, d) for v, d in zip(positions["peer_median"], places, strict=True)
            ],
            "Gap to median": [
                fmt_value(v, d, signed=True)
                for v, d in zip(positions["gap_to_median"], places, strict=True)
            ],
            "World rank": [rank_of(r, n) for r, n in world],
            "Last assessed": last,
        }
    ).reset_index(drop=True)
