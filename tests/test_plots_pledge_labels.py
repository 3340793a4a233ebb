"""Target labels on the pledge trackers stay off the data: below the target line unless the
line runs there, above it otherwise, and above the highest value when the data cross both."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from smartresearch.plots.pledge_layout import label_place
from smartresearch.plots.pledges import plot_pledge_tracker


def _frame(points: list[tuple[float, float, str]]) -> pd.DataFrame:
    return pd.DataFrame(points, columns=["x", "value", "kind"])


def test_label_below_when_the_data_stay_far_under_the_target() -> None:
    # Verify-like: 1m to 4m against 25m, so the band under the line is empty
    frame = _frame([(2017.2, 1.1, "observed"), (2019.2, 3.9, "observed"), (2020.3, 25, "target")])
    assert label_place(frame, 2020.3, 25, True, 2017.2, 2020.3) == (False, 25)


def test_label_above_when_the_line_climbs_into_the_band_under_it() -> None:
    # the 6% share: 5.4% just under the target near the deadline
    frame = _frame([(2011, 1.5, "observed"), (2024.9, 5.4, "observed"), (2026, 6, "target")])
    assert label_place(frame, 2026.0, 6, True, 2011.0, 2026.0) == (True, 6)


def test_label_above_the_projection_when_it_crosses_the_target() -> None:
    frame = _frame(
        [(2025.7, 80, "observed"), (2028.25, 160, "projection"), (2028.25, 145, "target")]
    )
    above, level = label_place(frame, 2028.25, 145, True, 2023.2, 2028.25)
    assert above and level == 160


def test_drawn_label_does_not_overlap_the_observed_points() -> None:
    points = pd.DataFrame(
        {
            "date": pd.to_datetime(["2011-12-31", "2021-03-31", "2024-12-31", "2025-12-31"]),
            "value": [1.5, 3.6, 5.4, 6.0],
            "kind": ["observed", "observed", "observed", "target"],
        }
    )
    fig, ax = plt.subplots(figsize=(5, 3))
    plot_pledge_tracker(points, verdict="off track", unit="%", ax=ax)
    fig.canvas.draw()
    label = next(t for t in ax.texts if t.get_text().startswith("Target"))
    box = label.get_window_extent(fig.canvas.get_renderer())
    observed = next(line for line in ax.lines if len(line.get_xdata()) == 3)
    pixels = ax.transData.transform(list(zip(*observed.get_data(), strict=True)))
    assert not any(box.contains(px, py) for px, py in pixels)
    plt.close(fig)
