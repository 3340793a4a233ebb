"""Compile data/reference/countries.csv, the one country reference list, from ISO 3166-1.

Run once by a maintainer (``uv run --with pycountry python scripts/make_country_reference.py``);
the output is committed so that the toolkit itself needs no country package at run time.
Display names are ISO's common name where it has one, shortened where ISO's is long-winded,
so that every table and figure spells a country the same way.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry

# Shorter display names than ISO's; kept here, reviewed, and cited by the csv's source column.
DISPLAY = {
    "KOR": "South Korea",
    "PRK": "North Korea",
    "GBR": "United Kingdom",
    "USA": "United States",
    "RUS": "Russia",
    "IRN": "Iran",
    "SYR": "Syria",
    "VNM": "Viet Nam",
    "LAO": "Laos",
    "BOL": "Bolivia",
    "VEN": "Venezuela",
    "TZA": "Tanzania",
    "MDA": "Moldova",
    "FSM": "Micronesia",
    "COD": "DR Congo",
    "COG": "Congo",
    "PSE": "Palestine",
    "TWN": "Taiwan",
    "BRN": "Brunei",
    "CPV": "Cabo Verde",
    "CZE": "Czechia",
    "TUR": "Türkiye",
    "MKD": "North Macedonia",
    "SWZ": "Eswatini",
    "FLK": "Falkland Islands",
    "VAT": "Holy See",
}


def main(out: Path) -> None:
    rows = []
    for c in pycountry.countries:
        name = DISPLAY.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
        rows.append(
            {
                "iso3": c.alpha_3,
                "iso2": c.alpha_2,
                "numeric": c.numeric,
                "name": name,
                "iso_name": c.name,
                "official_name": getattr(c, "official_name", "") or "",
            }
        )
    # Kosovo has no ISO 3166-1 code; the World Bank and others use XKX.
    rows.append(
        {
            "iso3": "XKX",
            "iso2": "XK",
            "numeric": "",
            "name": "Kosovo",
            "iso_name": "Kosovo",
            "official_name": "Republic of Kosovo",
        }
    )
    rows.sort(key=lambda r: r["iso3"])
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(
        f"wrote {len(rows)} countries to {out} "
        f"(pycountry {getattr(pycountry, '__version__', 'unknown version')})"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("data/reference/countries.csv"))
