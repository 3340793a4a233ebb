"""smartresearch.plots: the house style and chart helpers for the Smarter State report.

Every chart takes tidy data and an optional ``ax``, draws, returns the Axes (small
multiples return an array of Axes) and never calls ``plt.show()``. Each records a
one-sentence alt text computed from what it drew: ``alt_text(ax)``.

    import smartresearch.plots as srp
    srp.use_style()                                   # or: with srp.style_context(): ...
    ax = srp.plot_trajectories(egdi, "egdi")
    srp.add_titles(ax, "Denmark leads", "EGDI, 0–1", source="egdi")
    srp.save_figure(ax, "fig.svg")                    # byte-identical for identical data

Colour marks the three focus countries; every other country is grey unless a chart is
told to highlight it. ``country_colour(iso3, highlight=...)`` gives any country the
highlight colour, and the profile charts (``plot_peer_band``, ``plot_peer_strip``) draw
the country they profile highlighted against its peers.

Charts draw the frames they are given and compute nothing a chapter has computed: the
profile charts take ``analysis.peer_views``' trajectory and gaps, and ``plot_concordance``
prints a ``rho`` it is handed. ``plots`` imports nothing from ``analysis`` or ``corpus``
(tests/test_layers.py); numbers in alt text are worded by ``smartresearch.wording`` and
the charts that rank countries rank with ``smartresearch.ranking``, as ``analysis`` does.
Importing this package loads matplotlib and pandas only; ``datasets`` is imported lazily,
when a source line is requested.
"""

from smartresearch.plots.agreement import plot_agreement_matrix, plot_rank_moves
from smartresearch.plots.alt import alt_text, set_alt_text
from smartresearch.plots.attribution import plot_claim_attribution
from smartresearch.plots.bump import plot_rank_bump
from smartresearch.plots.components import plot_components
from smartresearch.plots.concordance import plot_concordance, rank_correlation
from smartresearch.plots.describe import describe
from smartresearch.plots.export import figure_bytes, save_figure
from smartresearch.plots.figdata import check_figure_data, figure_data, set_figure_data
from smartresearch.plots.grid import small_multiples
from smartresearch.plots.heatmap import plot_rank_heatmap
from smartresearch.plots.intervals import plot_rank_intervals
from smartresearch.plots.pairs import plot_dumbbell, plot_slope
from smartresearch.plots.palette import (
    FOCUS_COLOURS,
    HIGHLIGHT_COLOUR,
    OKABE_ITO,
    PEER_GREY,
    country_colour,
)
from smartresearch.plots.pledge_trackers import TrackerPanel, draw_pledge_trackers
from smartresearch.plots.pledges import pledge_points, plot_pledge_tracker
from smartresearch.plots.profile import plot_peer_band, plot_peer_strip
from smartresearch.plots.style import STYLE_PATH, style_context, use_style
from smartresearch.plots.themes import plot_theme_strip, theme_rates
from smartresearch.plots.titles import add_titles
from smartresearch.plots.trajectories import plot_trajectories

__all__ = [
    "FOCUS_COLOURS",
    "HIGHLIGHT_COLOUR",
    "OKABE_ITO",
    "PEER_GREY",
    "STYLE_PATH",
    "TrackerPanel",
    "add_titles",
    "alt_text",
    "check_figure_data",
    "country_colour",
    "describe",
    "draw_pledge_trackers",
    "figure_bytes",
    "figure_data",
    "plot_agreement_matrix",
    "plot_claim_attribution",
    "plot_components",
    "plot_concordance",
    "plot_dumbbell",
    "plot_peer_band",
    "plot_peer_strip",
    "plot_pledge_tracker",
    "plot_rank_bump",
    "plot_rank_heatmap",
    "plot_rank_intervals",
    "plot_rank_moves",
    "plot_slope",
    "plot_theme_strip",
    "plot_trajectories",
    "pledge_points",
    "rank_correlation",
    "save_figure",
    "set_alt_text",
    "set_figure_data",
    "small_multiples",
    "style_context",
    "theme_rates",
    "use_style",
]
