"""Provenance for people: ``describe(name)``, ``list_datasets()``, ``source_line(name)``.

Everything here is generated from the spec, the registry and the clean table itself, so the
caveats a user reads in a notebook and the caption under a figure are the same facts the
build used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from smartresearch import registry
from smartresearch.datasets.catalogue import available, get_spec
from smartresearch.datasets.spec import IndicatorSpec
from smartresearch.datasets.store import clean_path, load


def format_years(years: Iterable[int]) -> str:
    """Compact, exact list of years: consecutive runs collapse ("2003–2005, 2008, 2010")."""
    ordered = sorted(set(int(y) for y in years))
    if not ordered:
        return "none"
    runs: list[tuple[int, int]] = []
    start = prev = ordered[0]
    for year in ordered[1:]:
        if year != prev + 1:
            runs.append((start, prev))
            start = year
        prev = year
    runs.append((start, prev))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def source_line(name: str) -> str:
    """Attribution for a figure caption, with the years actually in the data.

    >>> source_line("egdi")
    'Source: UN E-Government Survey 2003–2024'
    """
    spec = get_spec(name)
    years = load(name)["year"]
    first, last = int(years.min()), int(years.max())
    span = str(first) if first == last else f"{first}–{last}"
    return f"Source: {spec.source_label or spec.title} {span}"


@dataclass(frozen=True)
class Coverage:
    years: tuple[int, ...]
    countries: int
    rows: int
    countries_per_year: dict[int, int]


@dataclass(frozen=True)
class DatasetDescription:
    """What a dataset is and where each value came from; readable in a terminal and JupyterLab."""

    name: str
    title: str
    publisher: str
    url: str
    licence: str
    clean_file: str
    indicators: tuple[IndicatorSpec, ...]
    files: tuple[registry.RawFile, ...]
    sources: tuple[registry.Source, ...]
    caveats: tuple[str, ...]
    notes: dict[str, str]
    coverage: Coverage

    def __str__(self) -> str:
        cov = self.coverage
        lines = [
            f"{self.name}: {self.title}",
            f"  publisher: {self.publisher}",
            f"  url:       {self.url}",
            f"  licence:   {self.licence}",
            f"  table:     {self.clean_file} ({cov.rows} rows, {cov.countries} countries, "
            f"years {format_years(cov.years)})",
            "  indicators:",
            *(
                f"    {i.name:<22} {i.label} [{i.unit}, {i.minimum:g}–{i.maximum:g}]"
                for i in self.indicators
            ),
            "  raw files (mirror-relative, sha256):",
            *(f"    {f.path}  [{f.role}]  {f.sha256}" for f in self.files),
            "  sources:",
            *(
                f"    {s.source_id}: {s.title}; {s.publisher}; licence: {s.licence}; "
                f"{', '.join(s.urls) or 'URL unknown'}"
                for s in self.sources
            ),
            "  caveats:",
            *(f"    - {c}" for c in self.caveats),
        ]
        lines += [f"  {k}: {v}" for k, v in self.notes.items()]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        cov = self.coverage
        md = [
            f"### {self.title} (`{self.name}`)",
            "",
            f"**Publisher:** {self.publisher}  ",
            f"**URL:** <{self.url}>  ",
            f"**Licence:** {self.licence}  ",
            f"**Table:** `{self.clean_file}`: {cov.rows} rows, {cov.countries} countries, years "
            f"{format_years(cov.years)}",
            "",
            "| indicator | label | unit | range |",
            "|---|---|---|---|",
            *(
                f"| `{i.name}` | {i.label} | {i.unit} | {i.minimum:g}–{i.maximum:g} |"
                for i in self.indicators
            ),
            "",
            "**Caveats**",
            "",
            *(f"- {c}" for c in self.caveats),
            "",
            "| raw file | role | sha256 |",
            "|---|---|---|",
            *(f"| `{f.path}` | {f.role} | `{f.sha256[:16]}…` |" for f in self.files),
            "",
            "**Sources**",
            "",
            *(
                f"- *{s.title}*, {s.publisher}. Licence: {s.licence}. "
                f"{', '.join(f'<{u}>' for u in s.urls) or 'URL unknown'}"
                for s in self.sources
            ),
        ]
        md += ["", *(f"**{k}:** {v}" for k, v in self.notes.items())]
        return "\n".join(md)


def describe(name: str) -> DatasetDescription:
    """Provenance of dataset ``name``: raw files, sha256, URLs, licence, caveats, coverage."""
    spec = get_spec(name)
    reg = registry.load_registry()
    table = load(name)
    per_year = table.groupby("year")["iso3"].nunique()
    # the registry's own records: an unregistered file is a clear RawFileError
    files = tuple(reg.file(f) for f in spec.files)
    sources = tuple(reg.source(i) for i in spec.source_ids)
    return DatasetDescription(
        name=spec.name,
        title=spec.title,
        publisher=spec.publisher,
        url=spec.url,
        licence=spec.licence,
        clean_file=str(clean_path(name)),
        indicators=spec.indicators,
        files=files,
        sources=sources,
        caveats=spec.caveats,
        notes=dict(spec.notes),
        coverage=Coverage(
            years=tuple(int(y) for y in per_year.index),
            countries=int(table["iso3"].nunique()),
            rows=len(table),
            countries_per_year={int(y): int(n) for y, n in per_year.items()},
        ),
    )


def list_datasets() -> pd.DataFrame:
    """One row per available dataset: name, title, publisher, editions, countries, licence."""
    rows = []
    for name in available():
        spec = get_spec(name)
        path = clean_path(name)
        if path.is_file():
            table = load(name)
            editions, countries = format_years(table["year"].unique()), int(table["iso3"].nunique())
        else:
            editions, countries = "not built", 0
        rows.append(
            {
                "name": name,
                "title": spec.title,
                "publisher": spec.publisher,
                "editions": editions,
                "countries": countries,
                "licence": spec.licence,
            }
        )
    return pd.DataFrame(
        rows, columns=["name", "title", "publisher", "editions", "countries", "licence"]
    )


def indicators(name: str) -> pd.DataFrame:
    """The indicators of dataset ``name``: label, unit, range, direction and description."""
    spec = get_spec(name)
    return pd.DataFrame(
        [
            {
                "indicator": i.name,
                "label": i.label,
                "unit": i.unit,
                "minimum": i.minimum,
                "maximum": i.maximum,
                "higher_is_better": i.higher_is_better,
                "description": i.description,
            }
            for i in spec.indicators
        ]
    )
