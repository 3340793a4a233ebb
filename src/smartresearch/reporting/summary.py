"""The executive summary's headline numbers, computed from the clean tables.

Every number in the summary comes from here, so the prose in ``report/index.qmd`` never
holds a typed-in figure: the build writes ``report/_build/summary.md`` and the page
includes it. The computations use the same analysis helpers the notebooks use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from smartresearch.analysis import composite, concordance, peer_group, sensitivity
from smartresearch.countries import country_name
from smartresearch.errors import ValidationError

#: The latest edition of each of these (dataset, indicator) pairs enters the composite.
HEADLINE_COMPONENTS: dict[str, tuple[str, str]] = {
    "EGDI": ("egdi", "egdi"),
    "OECD DGI": ("oecd_dgi", "dgi"),
    "GTMI": ("gtmi", "gtmi"),
    "EU benchmark": ("egov_benchmark", "egov_overall"),
}


@dataclass(frozen=True)
class FocusLine:
    iso3: str
    egdi_rank: int | None
    egdi: float | None
    composite_rank: int | None
    grade: str
    max_shift: float | None


def latest(frame: pd.DataFrame, indicator: str, *, what: str) -> pd.DataFrame:
    """Rows of ``indicator`` in its latest edition."""
    rows = frame[frame["indicator"] == indicator]
    if rows.empty:
        found = sorted(frame["indicator"].unique())[:12]
        raise ValidationError(f"{what}: no indicator {indicator!r}; found {found}")
    return rows[rows["year"] == rows["year"].max()]


def headline_markdown(tables: Mapping[str, pd.DataFrame]) -> str:
    """The summary's Markdown from the clean tables (dataset name → tidy frame)."""
    components = {
        label: latest(tables[dataset], indicator, what=f"dataset {dataset!r}")
        for label, (dataset, indicator) in HEADLINE_COMPONENTS.items()
    }
    egdi = components["EGDI"]
    year = int(egdi["year"].iloc[0])
    ranks = latest(tables["egdi"], "egdi_rank", what="dataset 'egdi'")
    rank_of = dict(zip(ranks["iso3"], ranks["value"], strict=True))
    egdi_of = dict(zip(egdi["iso3"], egdi["value"], strict=True))
    leader = egdi.loc[egdi["value"].idxmax()]

    agree = concordance(egdi, components["OECD DGI"], labels=("EGDI", "OECD DGI"))
    table = composite(components)
    ranked = table[table["included"]]
    moves = sensitivity(components).by_country.set_index("iso3")

    dgi_year = int(components["OECD DGI"]["year"].iloc[0])
    n = len(components)
    grade_a = int((ranked["grade"] == "A").sum())
    lines = [
        f"- **{year} E-Government Survey.** {country_name(str(leader['iso3']))} leads "
        f"{len(egdi)} assessed countries with an EGDI of {leader['value']:.3f}.",
        f"- **Do the indices agree?** Over the {agree.n} countries both assess, the EGDI "
        f"{year} and the OECD DGI {dgi_year} have a Spearman rank correlation of "
        f"{agree.spearman:.2f} (Kendall's τ {agree.kendall:.2f}).",
        f"- **Composite.** {len(ranked)} countries have at least half of the {n} indices "
        f"({', '.join(components)}, latest editions) and receive a composite rank; "
        f"{grade_a} of them are covered by all {n} (grade A).",
        "",
    ]
    focus = []
    for iso3 in peer_group("focus"):
        row = table[table["iso3"] == iso3]
        included = bool(len(row)) and bool(row["included"].iloc[0])
        focus.append(
            (
                country_name(iso3),
                _fmt_int(rank_of.get(iso3)),
                _fmt(egdi_of.get(iso3), "{:.3f}"),
                _fmt_int(row["rank"].iloc[0]) if included else "–",
                row["grade"].iloc[0] if len(row) else "–",
                _fmt(moves["max_abs_shift"].get(iso3), "{:.0f}") if iso3 in moves.index else "–",
            )
        )
    header = [
        "Country",
        f"EGDI rank {year}",
        f"EGDI {year}",
        "Composite rank",
        "Coverage grade",
        "Largest rank move",
    ]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in focus]
    lines += [
        "",
        ": The three focus countries: published EGDI rank, composite rank over the latest "
        "editions of the four indices, coverage grade, and the largest rank move across the "
        "sensitivity runs. {#tbl-summary-focus}",
        "",
    ]
    return "\n".join(lines)


def _fmt(value: object, pattern: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return pattern.format(float(value))


def _fmt_int(value: object) -> str:
    return _fmt(value, "{:.0f}")


def load_tables() -> dict[str, pd.DataFrame]:
    from smartresearch import datasets

    return {dataset: datasets.load(dataset) for dataset, _ in HEADLINE_COMPONENTS.values()}
