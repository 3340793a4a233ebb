"""Small multiples readable at the page's width, and chapter 3's scatter grid on one scale.

Chapter 3's grid of six index pairs was drawn 12 inches wide: shrunk to the 7-inch page its
7.5 pt labels printed at 4.4 pt, and its panels mixed 0–1 axes (EGDI, DGI, GTMI) with the EU
benchmark's 0–100 ones. Drawn with ``small_multiples`` and ``scale="rank"`` it is two panels
a row at the page's width, and every axis is a rank among the countries both indices assess.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from plots_support import house_style  # noqa: E402, F401 (autouse)

from smartresearch import plots  # noqa: E402
from smartresearch.chapters import agreement as chapter_agreement  # noqa: E402
from smartresearch.plots.grid import (  # noqa: E402
    MIN_READABLE_PT,
    PAGE_WIDTH_IN,
    smallest_text_at_page_width,
)


@pytest.fixture(scope="module")
def answer3():
    return chapter_agreement.answer()


@pytest.fixture(scope="module")
def chapter3(answer3):
    return answer3.panel, answer3.info, answer3.labels, answer3.agreement


def _draw(chapter3, axes, scale: str) -> None:
    panel, info, labels, agreement = chapter3
    for ax, pair in zip(axes, agreement.itertuples(index=False), strict=True):
        plots.plot_concordance(
            panel,
            info.at[pair.a, "indicator"],
            info.at[pair.b, "indicator"],
            years=(pair.year_a, pair.year_b),
            label_outliers=3,
            x_label=labels[pair.a],
            y_label=labels[pair.b],
            scale=scale,
            ax=ax,
        )


def test_the_old_grid_was_unreadable_at_the_page_width(chapter3) -> None:
    fig, axes = plt.subplots(2, 3, figsize=(12, 8))
    _draw(chapter3, axes.flat, "value")
    assert smallest_text_at_page_width(fig) == pytest.approx(7.5 * 7 / 12)
    # and its axes mixed scales: the EU benchmark's run to 100, the others' stay within 1
    tops = {ax.get_ylabel(): ax.get_ylim()[1] for ax in axes.flat}
    assert max(tops.values()) > 50 and min(tops.values()) < 1.1


def test_chapter3_grid_is_readable_at_the_page_width_and_on_one_scale(answer3, chapter3) -> None:
    """The grid chapter 3 draws (its answer's ``plot_scatters``, the notebook's one line)."""
    panel, info, labels, agreement = chapter3
    fig = answer3.plot_scatters()
    axes = [ax for ax in fig.axes if ax.get_visible()]
    fig.canvas.draw()
    assert fig.get_figwidth() <= PAGE_WIDTH_IN
    assert smallest_text_at_page_width(fig) >= MIN_READABLE_PT
    assert len(axes) == 6 and axes[0].get_gridspec().ncols == 2
    for ax, pair in zip(axes, agreement.itertuples(index=False), strict=True):
        n = int(pair.n)
        # panels at least 2.8 inches wide after the layout
        assert ax.get_position().width * fig.get_figwidth() >= 2.8
        # both axes are ranks 1..n among the countries both assess, best at the top right
        assert ax.get_xlabel().endswith(f"rank of {n}")
        assert ax.get_ylabel().endswith(f"rank of {n}")
        assert ax.xaxis_inverted() and ax.yaxis_inverted()
        xs = np.concatenate([c.get_offsets()[:, 0] for c in ax.collections])
        ys = np.concatenate([c.get_offsets()[:, 1] for c in ax.collections])
        assert len(xs) == n and xs.min() >= 1 and xs.max() <= n and ys.max() <= n
        # the panel's rho is the agreement table's, said over the panel
        assert ax.get_title(loc="right") == f"Spearman ρ = {pair.spearman:.2f} · n = {n}"
        # the x ranks are the index's own order among the countries both assess
        a = info.at[pair.a, "indicator"]
        own = panel[(panel["indicator"] == a) & (panel["year"] == pair.year_a)]
        b = info.at[pair.b, "indicator"]
        other = panel[(panel["indicator"] == b) & (panel["year"] == pair.year_b)]
        common = own[own["iso3"].isin(other["iso3"])]["value"]
        expected = pd.Series(common.to_numpy()).rank(method="min", ascending=False)
        assert sorted(xs) == sorted(expected)
    plt.close(fig)


def test_small_multiples_layout_rules() -> None:
    fig, axes = plots.small_multiples(5)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(axes) == 5 and visible == list(axes)  # the sixth cell hidden
    assert fig.get_figwidth() == PAGE_WIDTH_IN and axes[0].get_gridspec().ncols == 2
    fig, axes = plots.small_multiples(1)
    assert axes[0].get_gridspec().ncols == 1
    fig, axes = plots.small_multiples(4, ncols=4, panel_height=2.0)
    assert fig.get_size_inches() == pytest.approx((PAGE_WIDTH_IN, 2.0))
    with pytest.raises(ValueError, match="n=0"):
        plots.small_multiples(0)
    plt.close("all")


def test_a_single_rank_concordance_keeps_its_rho_beside_the_subtitle() -> None:
    from plots_support import require_mirror, un_egov

    require_mirror()
    latest = un_egov()[lambda t: t["year"] == 2022]
    ax = plots.plot_concordance(latest, "osi", "hci", scale="rank")
    long = "Every country the UN assessed in 2022, by its rank on both components of the index"
    plots.add_titles(ax, "Online services and human capital, 2022", long)
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    rho = ax.get_title(loc="right")
    assert rho.startswith("Spearman ρ = ") and rho.endswith("n = 191")

    def only(words: str):
        (text,) = fig.findobj(lambda a: hasattr(a, "get_text") and words in a.get_text())
        return text

    subtitle = only("Every country")
    assert "\n" in subtitle.get_text()  # wrapped short of rho
    rho_box = only("Spearman ρ").get_window_extent(renderer)
    assert not rho_box.overlaps(subtitle.get_window_extent(renderer))
    plt.close(fig)


def test_component_panels_are_drawn_at_the_page_width() -> None:
    """Three countries' component panels were 9.2 inches wide: 8 pt legend text at 6.1 pt
    on the page. Drawn on their own figure they now fit it."""
    from plots_support import require_mirror, un_egov

    require_mirror()
    axes = plots.plot_components(un_egov(), ("osi", "hci", "tii"), total="egdi")
    fig = axes[0].figure
    plots.add_titles(fig, "What the EGDI is made of", "Component scores, 0–1")
    assert fig.get_figwidth() <= PAGE_WIDTH_IN
    assert smallest_text_at_page_width(fig) >= MIN_READABLE_PT
    plt.close(fig)
