"""plot_rank_intervals draws one interval per country shown, with alt text from the data."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

import smartresearch.plots as srp
from smartresearch.analysis import uncertainty as u
from smartresearch.errors import ValidationError


def result():
    rows = {
        "DNK": [0.9, 0.3],
        "KOR": [0.8, 0.9],
        "GBR": [0.5, 0.6],
        "FRA": [0.3, 0.2],
        "DEU": [0.6, 0.5],
        "EST": [0.95, 0.7],
    }
    frames = {
        name: pd.DataFrame(
            {
                "iso3": list(rows),
                "country": list(rows),
                "year": 2024,
                "indicator": name,
                "value": [v[j] for v in rows.values()],
            }
        )
        for j, name in enumerate(("a", "b"))
    }
    return u.rank_uncertainty(frames, runs=200, seed=0)


def test_intervals_chart_shows_top_and_named_countries_with_alt_text() -> None:
    res = result()
    ax = srp.plot_rank_intervals(res, countries=["FRA"], top=2)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    top_two = res.ranks.sort_values("rank")["country"].head(2).tolist()
    assert labels == [*top_two, "France"]
    text = srp.alt_text(ax)
    assert text.startswith("Rank intervals for 3 countries") and top_two[0] in text
    # the ranks say what they are of: six countries ranked, three shown
    assert "headline rank 1 of 6," in text
    assert ax.get_xlabel().startswith("Rank among the 6 countries ranked\n(bar: ")


def test_intervals_chart_rejects_unranked_countries() -> None:
    with pytest.raises(ValidationError, match="XKX"):
        srp.plot_rank_intervals(result(), countries=["XKX"])
