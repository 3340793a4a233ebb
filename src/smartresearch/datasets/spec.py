"""Declarative descriptions of datasets and their indicators.

A :class:`DatasetSpec` is everything the toolkit knows about one published table: which raw
mirror files feed it, how to clean them, what each indicator means and which values are
possible. The catalogue, the validators, the descriptor (``data/datapackage.json``), the CLI
and the plots' source lines are all generated from these specs, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

#: Columns of every tidy index table, in order.
TIDY_COLUMNS: tuple[str, ...] = ("iso3", "country", "year", "indicator", "value", "source_file")

#: A cleaner receives the verified raw files, keyed by their mirror-relative path
#: (as listed in ``DatasetSpec.files``), and returns ``iso3, year, indicator, value,
#: source_file`` rows; the catalogue adds ``country`` and validates.
Cleaner = Callable[[Mapping[str, Path]], pd.DataFrame]


@dataclass(frozen=True)
class IndicatorSpec:
    """One measured quantity: its name in the tidy table, meaning, unit and valid range."""

    name: str
    label: str
    unit: str
    minimum: float
    maximum: float
    description: str = ""
    higher_is_better: bool = True


@dataclass(frozen=True)
class DatasetSpec:
    """One clean table: provenance, indicators and the function that builds it."""

    name: str
    title: str
    publisher: str
    source_ids: tuple[str, ...]
    files: tuple[str, ...]
    indicators: tuple[IndicatorSpec, ...]
    clean: Cleaner
    licence: str
    url: str
    caveats: tuple[str, ...] = ()
    #: Short attribution used under figures, e.g. "UN E-Government Survey".
    source_label: str = ""
    notes: Mapping[str, str] = field(default_factory=dict)

    def indicator(self, name: str) -> IndicatorSpec:
        for spec in self.indicators:
            if spec.name == name:
                return spec
        known = ", ".join(i.name for i in self.indicators)
        raise KeyError(f"dataset {self.name!r} has no indicator {name!r}; it has: {known}")

    @property
    def indicator_names(self) -> tuple[str, ...]:
        return tuple(i.name for i in self.indicators)
