"""Analysis helpers the notebooks stand on: peer groups, ranks, normalisation,
concordance between indices, wide tables with coverage, a graded composite and its
sensitivity runs (its uncertainty runs, Sobol' indices and framework audit live in
``analysis.uncertainty``, ``analysis.sobol`` and ``analysis.audit``). Every helper takes
the tidy ``iso3, country, year, indicator, value`` tables that
``smartresearch.datasets.load`` returns.

Frames in, frames out: nothing here words a result (labels, joined names, Markdown are the
chapters'), draws, or imports ``plots``, ``corpus`` or ``chapters``. Modules: ``panels``
(one comparable edition of each index), ``panel_agreement`` (rank agreement on that panel),
``coverage`` (who each index assesses), ``profiles`` and ``peer_views`` (a country's
standing among its peers), ``country_record`` (its rank history, comparisons, coverage and
caveats, as data), ``ranks`` (ranks within a tidy frame; what a rank is, and its tie rules,
is the bottom module :mod:`smartresearch.ranking`, shared with ``plots``),
``concordance``, ``composite``, ``uncertainty``, ``sensitivity``.
"""

from smartresearch.analysis import peers as peers  # sr.analysis.peers.peer_table("Estonia")
from smartresearch.analysis.composite import COMPOSITE_COLUMNS, MISSING_RULES, composite
from smartresearch.analysis.concordance import (
    Concordance,
    concordance,
    concordance_table,
    rank_correlations,
)
from smartresearch.analysis.groups import in_group, list_peer_groups, peer_group
from smartresearch.analysis.normalise import NORMALISATIONS, normalise, normalise_values
from smartresearch.analysis.ranks import TIE_RULES, rank_values, rank_within
from smartresearch.analysis.sensitivity import (
    Scenario,
    SensitivityResult,
    default_scenarios,
    sensitivity,
)
from smartresearch.analysis.uncertainty import (
    RankUncertainty,
    extended_composite,
    headline_components,
    headline_composite,
    rank_uncertainty,
)
from smartresearch.analysis.wide import GRADE_THRESHOLDS, coverage_grade, pivot_wide

__all__ = [
    "COMPOSITE_COLUMNS",
    "GRADE_THRESHOLDS",
    "MISSING_RULES",
    "NORMALISATIONS",
    "TIE_RULES",
    "Concordance",
    "RankUncertainty",
    "Scenario",
    "SensitivityResult",
    "composite",
    "concordance",
    "concordance_table",
    "coverage_grade",
    "default_scenarios",
    "extended_composite",
    "headline_components",
    "headline_composite",
    "in_group",
    "list_peer_groups",
    "normalise",
    "normalise_values",
    "peer_group",
    "pivot_wide",
    "rank_correlations",
    "rank_uncertainty",
    "rank_values",
    "rank_within",
    "sensitivity",
]
