"""The gallery's tables (chapters/gallery.py): what its cells draw, without a kernel."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from smartresearch import plots  # noqa: E402
from smartresearch.chapters import gallery  # noqa: E402
from smartresearch.countries import FOCUS, country_name  # noqa: E402


@pytest.fixture(scope="module")
def answer():
    return gallery.answer()


def test_latest_focus_is_the_latest_edition_in_un_rank_order(answer) -> None:
    table = answer.latest_focus
    assert sorted(table.index) == sorted(country_name(c) for c in FOCUS)
    assert list(table.columns) == list(gallery.LATEST_LABELS)
    assert table["egdi_rank"].is_monotonic_increasing
    egdi = answer.egdi
    denmark = egdi[
        (egdi["iso3"] == "DNK") & (egdi["year"] == answer.latest) & (egdi["indicator"] == "egdi")
    ]["value"].iloc[0]
    assert table.loc["Denmark", "egdi"] == denmark


def test_pledge_panels_draw_one_tracker_per_pledge_with_its_verdict(answer) -> None:
    fig = answer.plot_pledges(("P01", "P02"))
    try:
        drawn = [ax for ax in fig.axes if ax.get_title(loc="left")]
        assert len(drawn) == 2
        text = plots.alt_text(fig)
        verdicts = answer.verdicts.set_index("pledge_id")
        for pledge_id in ("P01", "P02"):
            assert f"verdict: {verdicts.loc[pledge_id, 'verdict']}" in text
    finally:
        plt.close(fig)
