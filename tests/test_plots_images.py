"""Image comparison against stored baselines (regenerate: scripts/update_plot_baselines.py).

A few charts drawn on the UN's raw survey files are compared pixel by pixel (RMS tolerance
TOLERANCE) with the committed PNGs, so a change that moves a label, recolours a country or
breaks the layout fails here and has to be looked at and re-baselined on purpose.
"""

from __future__ import annotations

import pytest
from matplotlib.testing.compare import compare_images
from plots_support import BASELINE_CASES, BASELINE_DIR, BASELINE_DPI, close_all, require_mirror

from smartresearch import plots

#: RMS difference allowed (0-255 scale): absorbs antialiasing noise, not a moved label.
TOLERANCE = 2.0


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    close_all()


@pytest.mark.parametrize("name", sorted(BASELINE_CASES))
def test_chart_matches_baseline(name, tmp_path):
    require_mirror()
    expected = BASELINE_DIR / f"{name}.png"
    assert expected.is_file(), f"missing baseline {expected}: run scripts/update_plot_baselines.py"
    actual = tmp_path / f"{name}.png"
    with plots.style_context():
        plots.save_figure(BASELINE_CASES[name](), actual, dpi=BASELINE_DPI)
    result = compare_images(str(expected), str(actual), tol=TOLERANCE, in_decorator=True)
    assert result is None, f"{name} differs from its baseline: {result}"


def test_comparison_detects_a_changed_chart(tmp_path):
    """The tolerance is small enough to catch a real change (here: another country set)."""
    require_mirror()
    from plots_support import un_egov

    actual = tmp_path / "trajectories.png"
    with plots.style_context():
        ax = plots.plot_trajectories(un_egov(), "egdi", countries=["DNK", "KOR", "GBR", "EST"])
        plots.add_titles(ax, "Denmark and Korea lead the UN's e-government index", "EGDI, 0–1")
        plots.save_figure(ax, actual, dpi=BASELINE_DPI)
    result = compare_images(
        str(BASELINE_DIR / "trajectories.png"), str(actual), tol=TOLERANCE, in_decorator=True
    )
    assert result is not None and result["rms"] > TOLERANCE
