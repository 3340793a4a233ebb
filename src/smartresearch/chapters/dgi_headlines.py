"""Chapter 4: the OECD Digital Government Index 2025 as headline figures from the record.

The 2025 edition exists in the project only as scores quoted in the record of outcomes
(rows O90 and O93), not as a loaded, checksummed dataset, so these figures are shown beside
the loaded 2019 and 2023 editions as cited facts, each with its record row and source, and
parsed from the record's text rather than typed in.
"""

from __future__ import annotations

import re

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.errors import ValidationError
from smartresearch.wording import ordinal, with_article

#: Record rows holding 2025 DGI composite scores (a country, a score, optionally a rank).
DGI_2025_ROWS: tuple[str, ...] = ("O90", "O93")
#: How the record names the focus countries.
_NAMES = {"UK": "GBR", "Korea": "KOR", "Denmark": "DNK"}
_SCORE = re.compile(
    r"(?P<name>UK|Korea|Denmark) (?P<score>0\.\d+)(?: \((?P<rank>\d+)(?:st|nd|rd|th)\))?"
)


def dgi_2025_headlines(outcomes: pd.DataFrame) -> pd.DataFrame:
    """One row per focus country with a 2025 DGI score in the record: iso3, score, rank (when
    the record gives one), the record row and its publisher and URL."""
    require_columns(outcomes, ("outcome_id", "value", "publisher", "url"), what="outcomes")
    record = outcomes.set_index("outcome_id")
    missing = [oid for oid in DGI_2025_ROWS if oid not in record.index]
    if missing:
        raise ValidationError(
            f"dgi_2025_headlines: record rows {missing} (OECD DGI 2025) are not in the outcomes."
        )
    rows = []
    for oid in DGI_2025_ROWS:
        found = list(_SCORE.finditer(str(record.loc[oid, "value"])))
        if not found:
            raise ValidationError(
                f"dgi_2025_headlines: record row {oid}, column 'value': "
                f"{record.loc[oid, 'value']!r} holds no 'Country 0.xx' score."
            )
        for m in found:
            rows.append(
                {
                    "iso3": _NAMES[m["name"]],
                    "year": 2025,
                    "dgi": float(m["score"]),
                    "dgi_rank": float(m["rank"]) if m["rank"] else float("nan"),
                    "outcome_id": oid,
                    "publisher": record.loc[oid, "publisher"],
                    "url": record.loc[oid, "url"],
                }
            )
    return pd.DataFrame(rows).drop_duplicates("iso3").sort_values("iso3", ignore_index=True)


def dgi_editions_table(dgi: pd.DataFrame, headlines: pd.DataFrame) -> pd.DataFrame:
    """The focus countries' DGI score in the loaded editions beside the 2025 headline figure,
    the 2025 column marked as the record's, with its record row."""
    require_columns(dgi, ("iso3", "country", "year", "indicator", "value"), what="oecd_dgi")
    loaded = dgi[(dgi["indicator"] == "dgi") & dgi["iso3"].isin(headlines["iso3"])]
    wide = loaded.pivot_table(index=["iso3", "country"], columns="year", values="value")
    wide.columns = [f"{int(y)} (loaded dataset)" for y in wide.columns]
    wide = wide.reset_index().merge(headlines, on="iso3", how="right")
    wide["2025 (headline figure from the record)"] = wide["dgi"].map("{:.2f}".format)
    wide["Record row"] = wide["outcome_id"] + " (" + wide["publisher"] + ")"
    shown = ["country", *[c for c in wide.columns if "loaded" in str(c)]]
    out = wide[[*shown, "2025 (headline figure from the record)", "Record row"]]
    return out.rename(columns={"country": "Country"})


#: The record row restating the 2023 edition (a check on the loaded data, cited beside it).
DGI_2023_ROW = "O95"


def latest_standing(
    dgi: pd.DataFrame, headlines: pd.DataFrame, countries: list[str]
) -> pd.DataFrame:
    """Each country's DGI score in the newest loaded edition beside the newer edition's
    headline score from the record (missing where the record quotes none): iso3, country,
    loaded_year, loaded_score, loaded_rank, headline_score, headline_rank, outcome_id."""
    require_columns(dgi, ("iso3", "country", "year", "indicator", "value"), what="oecd_dgi")
    year = int(dgi.loc[dgi["indicator"] == "dgi", "year"].max())
    latest = dgi[(dgi["year"] == year) & dgi["iso3"].isin(countries)]
    wide = latest.pivot_table(index=["iso3", "country"], columns="indicator", values="value")
    wide = wide.reset_index().rename(columns={"dgi": "loaded_score", "dgi_rank": "loaded_rank"})
    heads = headlines.rename(columns={"dgi": "headline_score", "dgi_rank": "headline_rank"})
    out = wide.merge(
        heads[["iso3", "headline_score", "headline_rank", "outcome_id"]], on="iso3", how="left"
    )
    out.insert(2, "loaded_year", year)
    order = {c: i for i, c in enumerate(countries)}
    return out.sort_values("iso3", key=lambda s: s.map(order), ignore_index=True)


def standing_phrase(dgi: pd.DataFrame, outcomes: pd.DataFrame, countries: list[str]) -> str:
    """Where the countries stand on the OECD DGI, newest first: the loaded edition and, beside
    it and marked as the record's headline figures (not a loaded dataset), the newer edition,
    saying which pairs of countries the newer edition puts the other way round. Chapters
    that place a country on the DGI call this, so none presents an order a newer edition
    reverses as current. One country: its two scores and ranks; "" if it has no DGI score."""
    frame = latest_standing(dgi, dgi_2025_headlines(outcomes), countries)
    if frame.empty:
        return ""
    frame["country"] = frame["country"].map(with_article)
    year = int(frame["loaded_year"].iloc[0])
    heads = frame.dropna(subset=["headline_score"])
    rows = sorted(set(heads["outcome_id"]))
    cite = f"headline scores quoted in the record ({', '.join(rows)}), not a loaded dataset"
    if len(frame) == 1:
        r = frame.iloc[0]
        text = f"On the OECD DGI, {r['country']} scores {r['loaded_score']:.2f}"
        if pd.notna(r.get("loaded_rank")):
            text += f" ({ordinal(r['loaded_rank'])})"
        text += f" in the latest loaded edition ({year})"
        if pd.isna(r["headline_score"]):
            return text + "; the record quotes no score for it from the 2025 edition."
        rank = f" ({ordinal(r['headline_rank'])})" if pd.notna(r["headline_rank"]) else ""
        return text + f"; the 2025 edition gives {r['headline_score']:.2f}{rank} ({cite})."

    def order(col: str, rows: pd.DataFrame) -> str:
        ranked = rows.sort_values(col, ascending=False, kind="stable")
        return ", ".join(f"{r['country']} ({r[col]:.2f})" for _, r in ranked.iterrows())

    loaded = order("loaded_score", frame)
    text = f"On the OECD DGI the latest loaded edition ({year}) orders them {loaded}."
    if heads.empty:
        return text + " The record quotes no 2025 score for them."
    text += (
        f" The 2025 edition, known only from {cite}, orders them {order('headline_score', heads)}"
    )
    flipped = [
        (a["country"], b["country"])
        for i, a in heads.iterrows()
        for j, b in heads.iterrows()
        if i < j
        and (a["loaded_score"] - b["loaded_score"]) * (a["headline_score"] - b["headline_score"])
        < 0
    ]
    if flipped:
        pairs = "; ".join(f"{a} and {b}" for a, b in flipped)
        return (
            text
            + f": it reverses the {year} order of {pairs}, so the {year} order is not the latest."
        )
    return text + f": the same order as {year}."
