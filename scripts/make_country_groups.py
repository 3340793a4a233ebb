"""Compile data/reference/country_groups.csv: each country's region and income group.

Run by a maintainer with the mirror set
(``uv run python scripts/make_country_groups.py``); the output is committed so that default
peers (:func:`smartresearch.analysis.peers.default_peers`) need no mirror.

Source: UNU-EGOV's ``countries-data_EN.csv`` (repository UNU-EGOV/datasets, commit
3b9c435 of 2019-03-13). Its README says the income and development status follow the
World Bank's classification; it names no scheme for the regions (continents, with UN
M49-style sub-regions such as "Eastern Africa"). The file dates from 2019, so the income
groups are the World Bank's as of 2019: a country reclassified since keeps its 2019 group.
Only the classification columns are kept, not the names.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "data/raw/unu_egov_egdi/countries-data_EN.csv"
CITATION = (
    "UNU-EGOV countries-data_EN.csv (UNU-EGOV/datasets 3b9c435, 2019); "
    "income groups: World Bank classification as of 2019"
)
#: UNU's income labels, as the World Bank's group names.
INCOME = {
    "Low": "low",
    "Lower-Middle": "lower-middle",
    "Upper-Middle": "upper-middle",
    "High": "high",
}


def main() -> int:
    mirror = os.environ.get("SMARTRESEARCH_MIRROR", "").strip()
    if not mirror:
        print("set SMARTRESEARCH_MIRROR to the mirror folder", file=sys.stderr)
        return 1
    text = (Path(mirror) / SOURCE).read_text(encoding="utf-8-sig")
    rows = [
        r for r in csv.DictReader(io.StringIO(text), delimiter=";") if r["COUNTRY CODE"].strip()
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["iso3", "region", "sub_region", "income_group", "source"])
    for row in sorted(rows, key=lambda r: r["COUNTRY CODE"]):
        income = INCOME.get(row["INCOME"].strip())
        if income is None:
            print(
                f"unknown income label {row['INCOME']!r} for {row['COUNTRY CODE']}", file=sys.stderr
            )
            return 1
        writer.writerow(
            [
                row["COUNTRY CODE"].strip(),
                row["REGION"].strip(),
                row["SUB-REGION"].strip(),
                income,
                CITATION,
            ]
        )
    target = ROOT / "data" / "reference" / "country_groups.csv"
    target.write_text(out.getvalue(), encoding="utf-8")
    print(f"wrote {target} ({len(rows)} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
