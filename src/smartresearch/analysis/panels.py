"""The headline indices side by side: one comparable edition of each, in one tidy frame.

The UN, the OECD, the World Bank and the European Commission publish in different years
(the EGDI every second year, the OECD DGI and the GTMI irregularly, the EU benchmark
yearly). Comparing each index's *latest* edition would set measurements taken years apart
against each other, so this module pairs editions explicitly:
it picks the reference year at which the indices' editions lie closest together and, for
each index, the edition nearest to it, and says which were paired and how far apart they
are. The result is one tidy frame (the contract's columns plus ``index_name`` and
``dataset``) that the agreement notebook, the composite notebook and the executive
summary all stand on, so they cannot silently use different editions.

Measuring agreement on that frame (rank correlations with their n, the countries two
indices disagree about most) is :mod:`smartresearch.analysis.panel_agreement`; who is
assessed by which index is :mod:`smartresearch.analysis.coverage`. Frames in, frames out:
the labels and sentences the chapters print ("OECD DGI 2023", the caveats as a Markdown
list) are in :mod:`smartresearch.chapters.agreement`, the charts in
``smartresearch.plots.agreement``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smartresearch.analysis._frames import require_columns, require_numeric_values, require_unique
from smartresearch.countries import check_iso3
from smartresearch.datasets.spec import TIDY_COLUMNS
from smartresearch.errors import ValidationError


@dataclass(frozen=True)
class HeadlineIndex:
    """One index as the comparison uses it: a display label, its dataset, its headline indicator."""

    label: str
    dataset: str
    indicator: str


#: The four cross-country indices of digital government, in the order every table shows them.
HEADLINE_INDICES: tuple[HeadlineIndex, ...] = (
    HeadlineIndex("EGDI", "egdi", "egdi"),
    HeadlineIndex("OECD DGI", "oecd_dgi", "dgi"),
    HeadlineIndex("GTMI", "gtmi", "gtmi"),
    HeadlineIndex("EU benchmark", "egov_benchmark", "egov_overall"),
)

#: Columns of the frame :func:`latest_index_panel` returns: the tidy contract plus which
#: index (display label) and dataset each row belongs to.
PANEL_COLUMNS: tuple[str, ...] = (
    "index_name",
    "dataset",
    "iso3",
    "country",
    "year",
    "indicator",
    "value",
    "source_file",
)

#: An index whose nearest edition lies further than this from the reference year is
#: refused rather than paired: a five-year-old measurement is not "the same moment".
DEFAULT_MAX_GAP = 2

#: What ``year`` means when a dataset's spec does not say (the tidy contract's default).
DEFAULT_YEAR_MEANING = "survey edition year"

#: Words that mark a dataset caveat about comparing editions or about who is covered, the
#: two caveats every cross-index comparison must repeat.
CAVEAT_KEYWORDS: tuple[str, ...] = ("compar", "covered")

_TABLE_COLUMNS = TIDY_COLUMNS


# --------------------------------------------------------------------------- editions


def check_indices(indices: Sequence[HeadlineIndex]) -> tuple[HeadlineIndex, ...]:
    """Validate a selection of indices: at least one, unique labels and indicators, known
    datasets whose spec lists the indicator."""
    from smartresearch.datasets import get_spec  # the catalogue imports every cleaner's spec

    chosen = tuple(indices)
    if not chosen:
        raise ValidationError("index panel: no indices given")
    for field_name in ("label", "indicator"):
        values = [getattr(i, field_name) for i in chosen]
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise ValidationError(
                f"index panel: each index needs its own {field_name}; repeated: {repeated}"
            )
    for index in chosen:
        spec = get_spec(index.dataset)
        if index.indicator not in spec.indicator_names:
            raise ValidationError(
                f"index panel: dataset {index.dataset!r} has no indicator {index.indicator!r} "
                f"(index {index.label!r}); its indicators are {list(spec.indicator_names)}"
            )
    return chosen


def _tables(
    indices: Sequence[HeadlineIndex], tables: Mapping[str, pd.DataFrame] | None
) -> dict[str, pd.DataFrame]:
    """The tidy table of every dataset the indices need: the caller's, else the clean ones."""
    needed = list(dict.fromkeys(i.dataset for i in indices))
    if tables is None:
        from smartresearch.datasets import load

        return {name: load(name) for name in needed}
    missing = [name for name in needed if name not in tables]
    if missing:
        raise ValidationError(
            f"index panel: no table given for dataset(s) {missing}; tables holds {list(tables)}"
        )
    return {name: tables[name] for name in needed}


def _headline_rows(index: HeadlineIndex, table: pd.DataFrame) -> pd.DataFrame:
    """Checked rows of one index's headline indicator (all editions), NaN values dropped."""
    what = f"dataset {index.dataset!r} (index {index.label!r})"
    require_columns(table, _TABLE_COLUMNS, what=what)
    rows = table[table["indicator"].astype(str) == index.indicator]
    if rows.empty:
        found = sorted(map(str, table["indicator"].dropna().unique()))[:12]
        raise ValidationError(
            f"{what}: no rows of headline indicator {index.indicator!r} in column 'indicator'; "
            f"found {found}"
        )
    rows = rows.assign(value=require_numeric_values(rows, what=what)).dropna(subset=["value"])
    years = pd.to_numeric(rows["year"], errors="coerce")
    bad = rows.loc[years.isna() | (years != years.round()), "year"]
    if len(bad):
        raise ValidationError(
            f"{what}: column 'year' holds non-year values {sorted(map(str, bad.unique()))[:5]}"
        )
    rows = rows.assign(year=years.astype("int64"))
    check_iso3(rows["iso3"].unique(), context=f"{what}, column 'iso3'")
    require_unique(rows, ["iso3", "year", "indicator"], what=what)
    return rows


def _headline_rows_by_label(
    indices: Sequence[HeadlineIndex], tables: Mapping[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """Index label → its checked headline rows (every edition)."""
    return {index.label: _headline_rows(index, tables[index.dataset]) for index in indices}


def _count_editions(
    indices: Sequence[HeadlineIndex], rows: Mapping[str, pd.DataFrame]
) -> pd.DataFrame:
    parts = []
    for index in indices:
        counts = rows[index.label].groupby("year")["iso3"].nunique()
        parts.append(
            pd.DataFrame(
                {
                    "index_name": index.label,
                    "dataset": index.dataset,
                    "indicator": index.indicator,
                    "year": counts.index.astype("int64"),
                    "countries": counts.to_numpy(dtype="int64"),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def index_editions(
    indices: Sequence[HeadlineIndex] = HEADLINE_INDICES,
    *,
    tables: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Every edition held of each index's headline indicator.

    Columns ``index_name, dataset, indicator, year, countries`` (countries with a value),
    indices in the given order, editions ascending.
    """
    chosen = check_indices(indices)
    return _count_editions(chosen, _headline_rows_by_label(chosen, _tables(chosen, tables)))


def _gaps(editions: pd.DataFrame, year: int) -> pd.Series:
    """Each index's distance (years) from ``year`` to its nearest edition."""
    return (editions["year"] - year).abs().groupby(editions["index_name"], sort=False).min()


def reference_year(editions: pd.DataFrame) -> int:
    """The year at which the indices' editions lie closest together.

    Every calendar year between the first and the last edition held is a candidate; the
    winner minimises the largest distance from any index to its nearest edition, then the
    sum of those distances, and among equals is the latest (the freshest comparison).
    """
    require_columns(editions, ["index_name", "year"], what="reference_year(editions)")
    if editions.empty:
        raise ValidationError("reference_year: the editions table has no rows")
    first, last = int(editions["year"].min()), int(editions["year"].max())
    best: tuple[int, int, int] | None = None
    for year in range(first, last + 1):
        gaps = _gaps(editions, year)
        key = (int(gaps.max()), int(gaps.sum()), -year)
        if best is None or key < best:
            best = key
    assert best is not None
    return -best[2]


def nearest_editions(
    editions: pd.DataFrame, year: int, *, max_gap: int = DEFAULT_MAX_GAP
) -> pd.DataFrame:
    """For each index, the edition nearest to ``year`` (a tie goes to the later edition).

    Columns ``index_name, dataset, indicator, year, gap`` (edition minus ``year``),
    ``countries``, ``editions_held`` (a tuple of years) and ``year_meaning`` (what the
    dataset's year stands for, from its spec: publication, measurement or reference
    period). An index
    with no edition within ``max_gap`` years raises, naming its editions.
    """
    from smartresearch.datasets import format_years, get_spec

    require_columns(
        editions,
        ["index_name", "dataset", "indicator", "year", "countries"],
        what="nearest_editions(editions)",
    )
    rows = []
    for label, held in editions.groupby("index_name", sort=False):
        distance = (held["year"] - year).abs()
        # nearest first; on a tie the later (more recent) edition
        order = np.lexsort((-held["year"].to_numpy(), distance.to_numpy()))
        pick = held.iloc[order[0]]
        gap = int(pick["year"]) - int(year)
        if abs(gap) > max_gap:
            raise ValidationError(
                f"index {label!r} has no edition within {max_gap} years of {year} "
                f"(editions held: {format_years(held['year'])}); choose another year or "
                "raise max_gap"
            )
        rows.append(
            {
                "index_name": str(label),
                "dataset": str(pick["dataset"]),
                "indicator": str(pick["indicator"]),
                "year": int(pick["year"]),
                "gap": gap,
                "countries": int(pick["countries"]),
                "editions_held": tuple(sorted(int(y) for y in held["year"])),
                "year_meaning": get_spec(str(pick["dataset"])).notes.get(
                    "year", DEFAULT_YEAR_MEANING
                ),
            }
        )
    return pd.DataFrame(rows)


def latest_index_panel(
    year: int | None = None,
    *,
    indices: Sequence[HeadlineIndex] = HEADLINE_INDICES,
    tables: Mapping[str, pd.DataFrame] | None = None,
    max_gap: int = DEFAULT_MAX_GAP,
) -> pd.DataFrame:
    """The headline indicator of each index in its edition nearest ``year``, as one tidy frame.

    ``year=None`` uses :func:`reference_year`: the latest year at which the editions lie
    closest together. ``tables`` maps dataset names to tidy tables (default: the clean
    tables, ``smartresearch.datasets.load``). Columns :data:`PANEL_COLUMNS`, rows by index
    (in the given order) then ``iso3``; one value per country and index.
    """
    chosen = check_indices(indices)
    headline = _headline_rows_by_label(chosen, _tables(chosen, tables))
    editions = _count_editions(chosen, headline)
    target = reference_year(editions) if year is None else int(year)
    picked = nearest_editions(editions, target, max_gap=max_gap).set_index("index_name")
    parts = []
    for index in chosen:
        rows = headline[index.label]
        rows = rows[rows["year"] == picked.at[index.label, "year"]].sort_values("iso3")
        parts.append(rows.assign(index_name=index.label, dataset=index.dataset))
    panel = pd.concat(parts, ignore_index=True)
    for column in ("index_name", "dataset", "iso3", "country", "indicator", "source_file"):
        panel[column] = panel[column].astype("str")
    return panel[list(PANEL_COLUMNS)]


def _check_panel(panel: pd.DataFrame, *, what: str) -> list[str]:
    """Validate a panel frame; returns its index labels in order of appearance."""
    require_columns(panel, ["index_name", "iso3", "year", "indicator", "value"], what=what)
    if panel.empty:
        raise ValidationError(f"{what}: the panel has no rows")
    combos = panel[["index_name", "indicator", "year"]].drop_duplicates()
    repeated = combos[combos["index_name"].duplicated(keep=False)]
    if len(repeated):
        found = sorted((str(n), str(i), int(y)) for n, i, y in repeated.itertuples(index=False))
        raise ValidationError(
            f"{what}: each index must hold one indicator in one edition; found {found[:8]}. "
            "Build the panel with latest_index_panel()."
        )
    require_unique(panel, ["index_name", "iso3"], what=what)
    return list(dict.fromkeys(panel["index_name"].astype(str)))


def panel_components(panel: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Index label → that index's tidy rows, the input ``concordance``, ``composite`` and
    ``sensitivity`` take (one indicator in one edition each)."""
    labels = _check_panel(panel, what="panel_components")
    keep = [c for c in _TABLE_COLUMNS if c in panel.columns]
    return {
        label: panel.loc[panel["index_name"] == label, keep].reset_index(drop=True)
        for label in labels
    }


def panel_editions(panel: pd.DataFrame) -> pd.DataFrame:
    """What a panel holds: ``index_name, indicator, year, countries`` per index."""
    labels = _check_panel(panel, what="panel_editions")
    rows = []
    for label in labels:
        part = panel[panel["index_name"] == label]
        rows.append(
            {
                "index_name": label,
                "indicator": str(part["indicator"].iloc[0]),
                "year": int(part["year"].iloc[0]),
                "countries": int(part["iso3"].nunique()),
            }
        )
    return pd.DataFrame(rows)


def edition_caveats(panel: pd.DataFrame, keywords: Sequence[str] = CAVEAT_KEYWORDS) -> pd.DataFrame:
    """The caveats of each index's dataset that mention any of ``keywords`` (default: how
    editions compare and who is covered), taken from the dataset specs, i.e. the same
    text ``smartresearch.datasets.describe`` prints. Columns ``index_name, dataset, caveat``.
    """
    from smartresearch.datasets import get_spec

    _check_panel(panel, what="edition_caveats")
    require_columns(panel, ["dataset"], what="edition_caveats")
    pairs = panel[["index_name", "dataset"]].drop_duplicates()
    words = [k.lower() for k in keywords]
    rows = [
        {"index_name": str(label), "dataset": str(dataset), "caveat": caveat}
        for label, dataset in pairs.itertuples(index=False)
        for caveat in get_spec(str(dataset)).caveats
        if any(word in caveat.lower() for word in words)
    ]
    return pd.DataFrame(rows, columns=["index_name", "dataset", "caveat"])
