"""Chapter 5's statistical audit of the framework: tables and the sentences that say what
follows for the ranking, all computed from :func:`smartresearch.analysis.audit.framework_audit`
(thresholds: :data:`~smartresearch.analysis.audit.ALPHA_COHERENT`,
:data:`~smartresearch.analysis.audit.REDUNDANT_R`)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from smartresearch.analysis.audit import (
    ALPHA_COHERENT,
    REDUNDANT_R,
    SERVICE_PILLARS,
    FrameworkAudit,
    framework_audit,
)
from smartresearch.analysis.uncertainty import RankUncertainty
from smartresearch.wording import is_missing, join_names


def audit_of(
    result: RankUncertainty, tables: Mapping[str, pd.DataFrame] | None = None
) -> FrameworkAudit:
    """The framework audit of ``result``'s composite: its countries, editions and scores."""
    editions = dict(zip(result.editions["component"], result.editions["year"], strict=True))
    scores = result.ranks.set_index("iso3")["score"]
    return framework_audit(scores, {n: int(y) for n, y in editions.items()}, tables=tables)


def _label(component: str) -> str:
    """ "EGDI: OSI" → "OSI (EGDI)"; an index stays as it is."""
    index, _, pillar = component.partition(": ")
    return f"{pillar} ({index})" if pillar else index


def correlation_table(audit: FrameworkAudit) -> pd.DataFrame:
    """Pearson correlations between the pillars, the indices and the composite."""
    corr = audit.correlations.round(2)
    labels = [_label(c) for c in corr.columns]
    out = pd.DataFrame(corr.to_numpy(), columns=labels)
    out.insert(0, "", labels)
    return out


def items_name(level: str, index: object) -> str:
    """A coherence row's set of items, as read: "the indices", "EGDI's pillars", "all
    pillars" (``level`` and ``index`` of ``FrameworkAudit.coherence``)."""
    if level == "index":
        return "the indices"
    return "all pillars" if is_missing(index) else f"{index}'s pillars"


def coherence_table(audit: FrameworkAudit) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Items": [
                items_name(level, index)
                for level, index in zip(
                    audit.coherence["level"], audit.coherence["index"], strict=True
                )
            ],
            "Number": audit.coherence["k"],
            "Cronbach's α (standardised)": audit.coherence["alpha"].round(2),
            "First component's share of variance (%)": (100 * audit.coherence["pc1_share"]).round(
                1
            ),
        }
    )


def information_table(audit: FrameworkAudit) -> pd.DataFrame:
    """Each index and pillar: stated weight in the composite, correlation with its own index,
    r² with the composite and its effective share (r² over the level's sum), in %."""
    info = audit.information
    return pd.DataFrame(
        {
            "Component": [_label(c) for c in info["component"]],
            "Stated weight (%)": (100 * info["stated_weight"]).round(1),
            "r with own index": info["r_index"].round(2),
            "r² with the composite": info["r2_composite"].round(2),
            "Effective weight (%)": (100 * info["effective_share"]).round(1),
        }
    )


def overlap_table(audit: FrameworkAudit) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Service measure": [_label(a) for a in audit.overlap["a"]],
            "Against": [_label(b) for b in audit.overlap["b"]],
            "r": audit.overlap["r"].round(2),
            "Shared variance r² (%)": (100 * audit.overlap["r2"]).round(1),
        }
    )


def coherence_phrase(audit: FrameworkAudit) -> str:
    """How far the two indices pull in one direction, and what that means for the ranking."""
    row = audit.coherence.iloc[0]
    a, b = list(audit.editions)
    r = audit.r(a, b)
    verdict = (
        f"at least {ALPHA_COHERENT:g}, the Handbook's rule of thumb, so the two pull in one "
        "direction and averaging them is defensible"
        if row["alpha"] >= ALPHA_COHERENT
        else f"below {ALPHA_COHERENT:g}, the Handbook's rule of thumb: the two indices do not "
        "pull in one direction, and an average of them hides the disagreement"
    )
    redundancy = (
        f"above {REDUNDANT_R:g}, high enough to call one of them redundant"
        if abs(r) > REDUNDANT_R
        else f"not above {REDUNDANT_R:g} (COINr's flag for double counting), so neither is "
        "redundant"
    )
    return (
        f"Over the {audit.n} ranked countries the {a} and the {b} correlate at r = {r:.2f}, "
        f"{redundancy}. Their standardised Cronbach's α is {row['alpha']:.2f}, {verdict}; the "
        f"first principal component carries {row['pc1_share']:.0%} of their variance. Yet "
        f"{1 - r**2:.0%} of each index's variance is not shared with the other (1 − r²): "
        "that is where the two disagree about a country, and where its composite rank "
        "depends on the method"
    )


def information_phrase(audit: FrameworkAudit) -> str:
    """How much of each index and pillar the composite keeps, and how effective weights
    compare with stated ones."""
    info = audit.information.set_index("component")
    indices = info[info["level"] == "index"]
    pillars = info[info["level"] == "pillar"]
    kept = join_names(f"{r2:.0%} of the {name}'s" for name, r2 in indices["r2_composite"].items())
    low, high = pillars["r2_composite"].idxmin(), pillars["r2_composite"].idxmax()
    gaps = pillars["effective_share"] - pillars["stated_weight"]
    over, under = gaps.idxmax(), gaps.idxmin()
    return (
        f"The composite keeps {kept} variance (r²); among the pillars, from "
        f"{pillars.at[low, 'r2_composite']:.0%} of {_label(low)} to "
        f"{pillars.at[high, 'r2_composite']:.0%} of {_label(high)}. Weighed by what the "
        f"composite keeps (effective weights), {_label(over)} counts most above its stated "
        f"weight ({info.at[over, 'effective_share']:.1%} against "
        f"{info.at[over, 'stated_weight']:.1%}) and {_label(under)} most below it "
        f"({info.at[under, 'effective_share']:.1%} against "
        f"{info.at[under, 'stated_weight']:.1%})"
    )


def overlap_phrase(audit: FrameworkAudit) -> str:
    """The double counting of online services across the two indices."""
    info = audit.information.set_index("component")
    egdi, gtmi = list(audit.editions)
    own = [c for c in audit.correlations.columns if c.startswith(f"{egdi}: ")]
    service = [f"{egdi}: {p}" for p in SERVICE_PILLARS.get(egdi, ())]
    siblings = [c for c in own if c not in service]
    pairs = audit.overlap
    lines = join_names(
        f"{_label(b)} at r = {r:.2f}" for b, r in zip(pairs["b"], pairs["r"], strict=True)
    )
    members = service + [f"{gtmi}: {p}" for p in SERVICE_PILLARS.get(gtmi, ())]
    stated = float(info.loc[members, "stated_weight"].sum())
    effective = float(info.loc[members, "effective_share"].sum())
    closer = all(
        audit.r(s, b) > audit.r(s, sib) for s in service for b in pairs["b"] for sib in siblings
    )
    sib = join_names(f"{c.partition(': ')[2]} ({audit.r(service[0], c):.2f})" for c in siblings)
    relation = "more closely than" if closer else "not more closely than"
    return (
        f"Online services enter twice: {_label(service[0])} correlates with {lines}, "
        f"{relation} with its own index's {sib}. Together the three service pillars hold "
        f"{stated:.0%} of the composite's stated weight and {effective:.0%} of its effective "
        "weight, so a country strong in online services is rewarded by both indices"
    )


def ranking_consequence(audit: FrameworkAudit, result: RankUncertainty) -> str:
    """What the audit means for reading the ranking, tied to the largest Sobol' share."""
    row = audit.coherence.iloc[0]
    shares = result.variance_shares.sort_values("first_order", ascending=False)
    lead = str(shares.iloc[0]["choice"]) if len(shares) else "none"
    coherent = row["alpha"] >= ALPHA_COHERENT
    weighed = (
        "which is why the weights move ranks most"
        if lead == "weights"
        else f"while the {lead} move ranks most"
    )
    return (
        "For the ranking this means: "
        + (
            "the composite's order is largely the order both indices share, and where they "
            "disagree (a country far ahead on one and behind on the other) its rank depends on "
            f"how they are weighed, {weighed}"
            if coherent
            else "the two indices disagree enough that the composite's order is set by the "
            f"{lead} more than by the data"
        )
        + "; and because online services count in both, the composite is not neutral between "
        "service delivery and the infrastructure and skills the EGDI's other pillars measure"
    )
