"""Regenerate the image baselines under tests/baseline/ for tests/test_plots_images.py.

Run after an intended change to a chart's look, inspect the new PNGs, then commit them:

    SMARTRESEARCH_MIRROR=../shared uv run python scripts/update_plot_baselines.py [NAME ...]

The figures are drawn by the same functions the tests call (tests/plots_support.py), under
the house style, at BASELINE_DPI.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import matplotlib.pyplot as plt  # noqa: E402
import plots_support  # noqa: E402

from smartresearch import plots  # noqa: E402


def main(names: list[str]) -> int:
    unknown = sorted(set(names) - set(plots_support.BASELINE_CASES))
    if unknown:
        print(
            f"unknown baseline(s) {unknown}; known: {sorted(plots_support.BASELINE_CASES)}",
            file=sys.stderr,
        )
        return 2
    for name in names or list(plots_support.BASELINE_CASES):
        path = plots_support.BASELINE_DIR / f"{name}.png"
        with plots.style_context():
            figure = plots_support.BASELINE_CASES[name]()
            plots.save_figure(figure, path, dpi=plots_support.BASELINE_DPI)
        plt.close(figure)
        path.chmod(0o644)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
