"""Clean, validated, traceable tables of digital-government indices.

>>> import smartresearch as sr
>>> sr.datasets.list_datasets()          # doctest: +SKIP
>>> egdi = sr.datasets.load("egdi")      # doctest: +SKIP
>>> sr.datasets.describe("egdi")         # doctest: +SKIP

Every table is long and tidy: ``iso3, country, year, indicator, value, source_file``
(see CONTRIBUTING.md). ``load`` reads the committed tables in ``data/clean`` and needs no
mirror; ``build`` and ``verify`` read the publishers' files through ``SMARTRESEARCH_MIRROR``.
"""

from __future__ import annotations

from smartresearch.datasets.catalogue import DATASET_NAMES, available, get_spec
from smartresearch.datasets.describe import (
    DatasetDescription,
    describe,
    format_years,
    indicators,
    list_datasets,
    source_line,
)
from smartresearch.datasets.spec import TIDY_COLUMNS, DatasetSpec, IndicatorSpec
from smartresearch.datasets.store import BuildReport, Progress, build, clean_path, load
from smartresearch.datasets.verify import VerifyReport, verify

__all__ = [
    "DATASET_NAMES",
    "TIDY_COLUMNS",
    "BuildReport",
    "DatasetDescription",
    "DatasetSpec",
    "IndicatorSpec",
    "Progress",
    "VerifyReport",
    "available",
    "build",
    "clean_path",
    "describe",
    "format_years",
    "get_spec",
    "indicators",
    "list_datasets",
    "load",
    "source_line",
    "verify",
]
