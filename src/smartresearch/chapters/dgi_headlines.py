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
