"""A statistical audit of the composite's framework, in the style of the JRC's audits.

Before trusting a composite, the JRC's audits of published indices (and the OECD/JRC
*Handbook on Constructing Composite Indicators*, step 4 "multivariate analysis") check the
framework itself: do the components pull in one direction (correlations; a coherence
measure such as Cronbach's alpha or the share of variance on the first principal
component), how much of each component's information the composite keeps (the squared
Pearson correlation with the composite: the JRC's check that nominal weights become
*effective* weights), and whether two components measure the same thing twice (double
counting). This module computes those numbers for the headline composite, on the same
countries and editions the composite ranks:

* the pillars of each index (EGDI: OSI, HCI, TII; GTMI: CGSI, PSDI, DCEI, GTEI) and the
  index itself, from the clean tables, in the edition the composite uses;
* each pillar's *stated* weight in the composite: its index's weight times the pillar's
  weight in the index, estimated by least squares of the published index on its pillars
  (both publishers use simple means; the fit's R² says how exactly);
* the overlap between the two indices' service measures (EGDI's OSI; GTMI's PSDI and DCEI).

Correlations are Pearson's on the published values (min–max scaling is linear, so they are
the same on the composite's scale); coherence uses standardised values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smartresearch.errors import ValidationError

#: Each headline index: its dataset, its headline indicator, its pillars (indicator → label).
PILLARS: dict[str, tuple[str, str, dict[str, str]]] = {
    "EGDI": ("egdi", "egdi", {"osi": "OSI", "hci": "HCI", "tii": "TII"}),
    "GTMI": ("gtmi", "gtmi", {"cgsi": "CGSI", "psdi": "PSDI", "dcei": "DCEI", "gtei": "GTEI"}),
}
#: The pillars that measure online services and engagement, per index (the overlap checked).
SERVICE_PILLARS: dict[str, tuple[str, ...]] = {"EGDI": ("OSI",), "GTMI": ("PSDI", "DCEI")}
#: Cronbach's alpha from which a set of items counts as coherent (Nunnally's 0.7, the rule of
#: thumb the Handbook's section on Cronbach's alpha reports).
ALPHA_COHERENT = 0.7
#: A correlation above this between two components suggests they measure the same thing
#: (COINr's ``get_corr_flags`` default, ``cor_thresh = 0.9``, flagging double counting).
REDUNDANT_R = 0.9


def cronbach_alpha(values: pd.DataFrame) -> float:
    """Standardised Cronbach's alpha of the columns (complete rows): k r̄ / (1 + (k − 1) r̄),
    r̄ the mean correlation between distinct columns."""
    data = values.dropna()
    k = data.shape[1]
    if k < 2 or len(data) < 3:
        raise ValidationError(f"cronbach_alpha: needs >= 2 columns and >= 3 rows, got {data.shape}")
    corr = np.corrcoef(data.to_numpy(dtype="float64"), rowvar=False)
    mean_r = (corr.sum() - k) / (k * (k - 1))
    return float(k * mean_r / (1 + (k - 1) * mean_r))


def first_component_share(values: pd.DataFrame) -> float:
    """Share of the standardised variance on the first principal component (the largest
    eigenvalue of the correlation matrix over the number of columns)."""
    data = values.dropna().to_numpy(dtype="float64")
    corr = np.corrcoef(data, rowvar=False)
    return float(np.linalg.eigvalsh(corr)[-1] / corr.shape[0])


def pillar_weights(index: pd.Series, pillars: pd.DataFrame) -> tuple[pd.Series, float]:
    """The index's weight on each pillar, by least squares with an intercept, and the R²."""
    data = pd.concat([index.rename("__index__"), pillars], axis=1).dropna()
    x = np.column_stack([data[pillars.columns].to_numpy(dtype="float64"), np.ones(len(data))])
    y = data["__index__"].to_numpy(dtype="float64")
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    fitted = x @ coef
    r2 = 1 - float(((y - fitted) ** 2).sum() / ((y - y.mean()) ** 2).sum())
    return pd.Series(coef[:-1], index=pillars.columns), r2


@dataclass(frozen=True)
class FrameworkAudit:
    """The audit's numbers, over the ``n`` countries the composite ranks.

    ``values``: one row per country, pillar columns ("EGDI: OSI", …), the indices and
    ``Composite``. ``correlations``: Pearson matrix of those columns. ``coherence``: one
    row per set of items (``level, index, k, alpha, pc1_share``: the indices are ``level
    "index"`` with no ``index``; one index's pillars ``level "pillar"`` and its name; all
    pillars ``level "pillar"`` with no ``index``). ``information``: one row per
    pillar and index (``component, level, index, stated_weight, r_index, r_composite,
    r2_composite, effective_share``; ``effective_share``: r² with the composite over the sum
    at that level, the JRC's effective weight, to set beside ``stated_weight``).
    ``overlap``: one row per service pair across the indices (``a, b, r, r2``).
    ``fits``: index → R² of its pillar weights. ``editions``: index → year."""

    values: pd.DataFrame
    correlations: pd.DataFrame
    coherence: pd.DataFrame
    information: pd.DataFrame
    overlap: pd.DataFrame
    fits: Mapping[str, float]
    editions: Mapping[str, int]
    n: int

    def r(self, a: str, b: str) -> float:
        return float(self.correlations.at[a, b])


def _pillars(
    tables: Mapping[str, pd.DataFrame], editions: Mapping[str, int], countries: pd.Index
) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
    columns: dict[str, pd.Series] = {}
    indices: dict[str, pd.Series] = {}
    for name, year in editions.items():
        if name not in PILLARS:
            raise ValidationError(
                f"framework_audit: no pillars known for {name!r}; {list(PILLARS)}"
            )
        dataset, headline, pillars = PILLARS[name]
        if dataset not in tables:
            raise ValidationError(f"framework_audit: no table for dataset {dataset!r}")
        table = tables[dataset]
        rows = table[table["year"].astype(int) == int(year)]
        wide = rows.pivot_table(index="iso3", columns="indicator", values="value", aggfunc="first")
        lacking = [i for i in [headline, *pillars] if i not in wide.columns]
        if lacking:
            raise ValidationError(
                f"framework_audit: dataset {dataset!r} {year} lacks indicators {lacking}"
            )
        indices[name] = wide[headline].reindex(countries)
        for indicator, label in pillars.items():
            columns[f"{name}: {label}"] = wide[indicator].reindex(countries)
    return pd.DataFrame(columns), indices


def framework_audit(
    composite_scores: pd.Series,
    editions: Mapping[str, int],
    weights: Mapping[str, float] | None = None,
    tables: Mapping[str, pd.DataFrame] | None = None,
) -> FrameworkAudit:
    """Audit the framework of a composite of the :data:`PILLARS` indices.

    ``composite_scores``: the composite's score by iso3 (the countries it ranks);
    ``editions``: index label → edition year used; ``weights``: index label → nominal weight
    (equal by default); ``tables``: dataset → tidy table (default: the clean tables)."""
    unknown = [n for n in editions if n not in PILLARS]
    if unknown:
        raise ValidationError(
            f"framework_audit: no pillars known for {unknown}; audited indices: {list(PILLARS)}"
        )
    if tables is None:
        from smartresearch import datasets

        tables = {PILLARS[n][0]: datasets.load(PILLARS[n][0]) for n in editions}
    countries = pd.Index(composite_scores.dropna().index, name="iso3")
    pillars, indices = _pillars(tables, editions, countries)
    names = list(editions)
    w = {n: 1.0 / len(names) for n in names} if weights is None else dict(weights)
    values = pd.concat([pillars, pd.DataFrame(indices)], axis=1)
    values["Composite"] = composite_scores.reindex(countries)
    values = values.dropna()
    if len(values) < 10:
        raise ValidationError(f"framework_audit: only {len(values)} complete countries")
    corr = values.corr(method="pearson")

    stated: dict[str, float] = {}
    fits: dict[str, float] = {}
    for name in names:
        own = [c for c in pillars.columns if c.startswith(f"{name}: ")]
        coef, fits[name] = pillar_weights(values[name], values[own])
        share = coef / coef.sum()
        stated.update({c: w[name] * float(share[c]) for c in own})
        stated[name] = w[name]
    rows = []
    for level, members in (("pillar", list(pillars.columns)), ("index", names)):
        r2 = {c: corr.at[c, "Composite"] ** 2 for c in members}
        total = sum(r2.values())
        for c in members:
            parent = c.split(": ")[0]
            rows.append(
                {
                    "component": c,
                    "level": level,
                    "index": parent,
                    "stated_weight": stated[c],
                    "r_index": float(corr.at[c, parent]),
                    "r_composite": float(corr.at[c, "Composite"]),
                    "r2_composite": float(r2[c]),
                    "effective_share": float(r2[c] / total),
                }
            )
    sets: list[tuple[str, str | None, Sequence[str]]] = [("index", None, names)]
    sets += [("pillar", n, [c for c in pillars.columns if c.startswith(f"{n}: ")]) for n in names]
    sets.append(("pillar", None, list(pillars.columns)))
    coherence = pd.DataFrame(
        [
            {
                "level": level,
                "index": index,
                "k": len(cols),
                "alpha": cronbach_alpha(values[list(cols)]),
                "pc1_share": first_component_share(values[list(cols)]),
            }
            for level, index, cols in sets
        ]
    )
    service = [(n, f"{n}: {p}") for n in names for p in SERVICE_PILLARS.get(n, ())]
    overlap = pd.DataFrame(
        [
            {"a": a, "b": b, "r": float(corr.at[a, b]), "r2": float(corr.at[a, b] ** 2)}
            for i, (na, a) in enumerate(service)
            for nb, b in service[i + 1 :]
            if na != nb
        ],
        columns=["a", "b", "r", "r2"],
    )
    return FrameworkAudit(
        values=values,
        correlations=corr,
        coherence=coherence,
        information=pd.DataFrame(rows),
        overlap=overlap,
        fits=fits,
        editions={n: int(y) for n, y in editions.items()},
        n=len(values),
    )
