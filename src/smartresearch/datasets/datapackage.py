"""The generated descriptor of every shipped table: ``data/datapackage.json``.

A Frictionless-style data package lists each table the repository ships (clean tables,
reference lists, hand-curated tables) with its sources, licence, columns (type, unit,
description), sha256, size and row count. It is generated from the dataset specs, the
registry and the files themselves by ``smartresearch data build``, never written by hand,
so it cannot drift from the tables; :func:`check_descriptor` proves that it has not.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from smartresearch import registry
from smartresearch._io import sha256_bytes
from smartresearch.config import data_dir
from smartresearch.datasets.catalogue import DATASET_NAMES, available, get_spec
from smartresearch.datasets.spec import TIDY_COLUMNS, DatasetSpec
from smartresearch.errors import ValidationError

PROFILE = "tabular-data-resource"

#: Column documentation of every tidy index table.
TIDY_FIELDS: dict[str, dict[str, str]] = {
    "iso3": {
        "type": "string",
        "description": "ISO 3166-1 alpha-3 code from data/reference/countries.csv.",
    },
    "country": {
        "type": "string",
        "description": "The reference list's display name of iso3 (one spelling everywhere).",
    },
    "year": {
        "type": "integer",
        "description": "Edition year: survey or publication year of an index (measurement year for "
        "the EU "
        "benchmark, observation year for WDI).",
    },
    "indicator": {
        "type": "string",
        "description": "Indicator name in lower snake case; see 'indicators'.",
    },
    "value": {
        "type": "number",
        "unit": "per indicator (see 'indicators')",
        "description": "The indicator's value. Missing means not assessed: such rows are absent, "
        "never 0.",
    },
    "source_file": {
        "type": "string",
        "description": "Mirror-relative path of the raw file the value came from (see "
        "data/sources.toml).",
    },
}

#: Column documentation of the reference tables, by path relative to ``data/``.
REFERENCE_TABLES: dict[str, dict[str, Any]] = {
    "reference/countries.csv": {
        "name": "countries",
        "title": "Country reference list (ISO 3166-1)",
        "description": "The one list every table's iso3 and country name come from; compiled from "
        "ISO 3166-1 "
        "by scripts/make_country_reference.py (plus XKX for Kosovo, used by the World Bank).",
        "sources": [{"title": "ISO 3166-1 (via the pycountry package)"}],
        "licence": "ISO 3166 codes and names are facts; the compiled list is part of this "
        "repository (MIT)",
        "fields": {
            "iso3": {
                "type": "string",
                "description": "ISO 3166-1 alpha-3 code (XKX: Kosovo, not ISO).",
            },
            "iso2": {"type": "string", "description": "ISO 3166-1 alpha-2 code."},
            "numeric": {
                "type": "string",
                "description": "ISO 3166-1 numeric code, zero-padded (empty for XKX).",
            },
            "name": {
                "type": "string",
                "description": "Display name used in every table and figure.",
            },
            "iso_name": {"type": "string", "description": "ISO 3166-1 short name."},
            "official_name": {
                "type": "string",
                "description": "ISO 3166-1 official name where ISO gives one.",
            },
        },
    },
    "reference/country_groups.csv": {
        "name": "country_groups",
        "title": "Region and income group of each country (default profile peers)",
        "description": "Region, sub-region and World Bank income group (as of 2019) of the 193 "
        "countries in UNU-EGOV's country file; compiled by scripts/make_country_groups.py. "
        "analysis.peers.default_peers picks a country's peers from it.",
        "sources": [
            {
                "title": "UNU-EGOV countries-data_EN.csv (UNU-EGOV/datasets, commit 3b9c435, "
                "2019); income groups: World Bank classification"
            }
        ],
        "licence": "classification facts as published by UNU-EGOV and the World Bank",
        "fields": {
            "iso3": {"type": "string", "description": "ISO 3166-1 alpha-3 code."},
            "region": {"type": "string", "description": "Region as UNU-EGOV gives it."},
            "sub_region": {"type": "string", "description": "Sub-region as UNU-EGOV gives it."},
            "income_group": {
                "type": "string",
                "description": "World Bank income group as of 2019: low, lower-middle, "
                "upper-middle or high.",
            },
            "source": {"type": "string", "description": "Where the row comes from."},
        },
    },
    "reference/country_aliases.csv": {
        "name": "country_aliases",
        "title": "Per-source country name aliases",
        "description": "Names a source writes that the reference list cannot match after "
        "whitespace and "
        "Unicode normalisation; every alias must be used when its source is read.",
        "sources": [{"title": "Compiled for this repository from the raw files' country names"}],
        "licence": "part of this repository (MIT)",
        "fields": {
            "source": {
                "type": "string",
                "description": "source_id in data/sources.toml whose files use the name.",
            },
            "name": {
                "type": "string",
                "description": "The name as the source writes it (surrounding spaces aside).",
            },
            "iso3": {
                "type": "string",
                "description": "The country it denotes (ISO 3166-1 alpha-3).",
            },
            "note": {"type": "string", "description": "Why the name needs an alias."},
        },
    },
}


def descriptor_path() -> Path:
    return data_dir() / "datapackage.json"


def _header(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    first = next(csv.reader(io.StringIO(text)), [])
    return [c.strip() for c in first]


def _rows(data: bytes) -> int:
    return len(pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False))


def _file_facts(data: bytes) -> dict[str, Any]:
    return {"hash": f"sha256:{sha256_bytes(data)}", "bytes": len(data), "rows": _rows(data)}


def _sources_of(spec: DatasetSpec) -> list[dict[str, str]]:
    out = []
    for source_id in spec.source_ids:
        src = registry.source(source_id)
        entry = {"title": src.title, "publisher": src.publisher, "licence": src.licence}
        if src.urls:
            entry["path"] = src.urls[0]
        out.append(entry)
    return out


def clean_resource(spec: DatasetSpec, data: bytes) -> dict[str, Any]:
    """Descriptor entry of one clean index table."""
    raw_files = registry.load_registry().files
    return {
        "name": spec.name,
        "path": f"clean/{spec.name}.csv",
        "profile": PROFILE,
        "title": spec.title,
        "description": f"Tidy index table built by smartresearch.datasets.{spec.name} from "
        f"{len(spec.files)} registered raw file(s); read the caveats before comparing values.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        **_file_facts(data),
        "sources": _sources_of(spec),
        "licenses": [{"title": spec.licence}],
        "homepage": spec.url,
        "schema": {
            "fields": [{"name": c, **TIDY_FIELDS[c]} for c in TIDY_COLUMNS],
            "primaryKey": ["iso3", "year", "indicator"],
        },
        "indicators": [
            {
                "name": i.name,
                "title": i.label,
                "unit": i.unit,
                "minimum": i.minimum,
                "maximum": i.maximum,
                "higherIsBetter": i.higher_is_better,
                "description": i.description,
            }
            for i in spec.indicators
        ],
        "rawFiles": [
            {"path": f, "sha256": raw_files[f].sha256 if f in raw_files else "unregistered"}
            for f in spec.files
        ],
        "caveats": list(spec.caveats),
    }


def reference_resource(relpath: str, data: bytes) -> dict[str, Any]:
    meta = REFERENCE_TABLES[relpath]
    return {
        "name": meta["name"],
        "path": relpath,
        "profile": PROFILE,
        "title": meta["title"],
        "description": meta["description"],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        **_file_facts(data),
        "sources": meta["sources"],
        "licenses": [{"title": meta["licence"]}],
        "schema": {"fields": [{"name": n, **f} for n, f in meta["fields"].items()]},
    }


def _infer_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series.dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(series.dtype):
        return "integer"
    if pd.api.types.is_float_dtype(series.dtype):
        return "number"
    return "string"


#: The curated tables' column documentation, beside them (written from the schemas the
#: corpus loaders validate with, by ``smartresearch.corpus.schema_file``; a test keeps the
#: two equal). Read here as a file, so ``datasets`` does not import ``corpus``.
CURATED_SCHEMAS_FILE = "curated/schemas.json"


def curated_schemas() -> dict[str, Any]:
    """File name -> ``{"name", "title", "fields"}`` of every documented curated table."""
    path = data_dir() / CURATED_SCHEMAS_FILE
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ValidationError(
            f"{path}: not valid JSON ({error}); rewrite it with "
            "`uv run python -m smartresearch.corpus.schema_file`"
        ) from None


def curated_resource(relpath: str, data: bytes) -> dict[str, Any]:
    """Descriptor entry of a hand-compiled table.

    Columns, types and descriptions come from ``data/curated/schemas.json``, written from
    the table's schema in ``smartresearch.corpus.CURATED_SCHEMAS`` (the same schema its
    loader validates with); a csv without a schema is still described, with types read from
    the file, and ``check_descriptor`` reports its columns as undocumented. Curated rows
    carry their own citations, so the resource names no single source.
    """
    filename = Path(relpath).name
    schema = curated_schemas().get(filename)
    if schema is not None:
        name, title = f"curated_{schema['name']}", schema["title"]
        fields = [
            {"name": f["name"], "type": f["type"], "description": f["description"]}
            for f in schema["fields"]
        ]
    else:
        frame = pd.read_csv(io.BytesIO(data))
        name, title = (
            f"curated_{Path(relpath).stem}",
            f"Curated table {Path(relpath).stem} (no schema)",
        )
        fields = [
            {"name": str(c), "type": _infer_type(frame[c]), "description": ""}
            for c in frame.columns
        ]
    return {
        "name": name,
        "path": relpath,
        "profile": PROFILE,
        "title": title,
        "description": "Compiled by hand; every row carries its own citation.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        **_file_facts(data),
        "sources": [{"title": "Cited per row"}],
        "licenses": [
            {"title": "part of this repository (MIT); cited facts belong to their sources"}
        ],
        "schema": {"fields": fields},
    }


def curated_files() -> list[str]:
    folder = data_dir() / "curated"
    if not folder.is_dir():
        return []
    return sorted(f"curated/{p.name}" for p in folder.glob("*.csv"))


def descriptor(clean_tables: Mapping[str, bytes] | None = None) -> dict[str, Any]:
    """The data package as a dict; ``clean_tables`` overrides stored bytes (a build in progress)."""
    clean_tables = dict(clean_tables or {})
    root = data_dir()
    resources: list[dict[str, Any]] = []
    for name in DATASET_NAMES:
        if name not in available():
            continue
        data = clean_tables.get(name)
        path = root / "clean" / f"{name}.csv"
        if data is None and path.is_file():
            data = path.read_bytes()
        if data is not None:
            resources.append(clean_resource(get_spec(name), data))
    for relpath in REFERENCE_TABLES:
        path = root / relpath
        if path.is_file():
            resources.append(reference_resource(relpath, path.read_bytes()))
    for relpath in curated_files():
        resources.append(curated_resource(relpath, (root / relpath).read_bytes()))
    return {
        "profile": "tabular-data-package",
        "name": "smartresearch",
        "title": "smartresearch: clean, reference and curated tables",
        "description": "Generated by `smartresearch data build` from the dataset specs, "
        "data/sources.toml and the "
        "tables themselves. Do not edit by hand.",
        "resources": resources,
    }


def descriptor_bytes(clean_tables: Mapping[str, bytes] | None = None) -> bytes:
    text = json.dumps(descriptor(clean_tables), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def shipped_tables() -> list[str]:
    """Every csv the repository ships under data/clean, data/reference and data/curated."""
    root = data_dir()
    found: list[str] = []
    for folder in ("clean", "reference", "curated"):
        base = root / folder
        if base.is_dir():
            found.extend(f"{folder}/{p.name}" for p in sorted(base.glob("*.csv")))
    return found


def check_descriptor(doc: Mapping[str, Any] | None = None) -> list[str]:
    """Problems with the descriptor against the files on disk (empty list = consistent).

    Reports undocumented tables and columns, documented columns or tables that do not exist,
    fields without a type or a description, and stale hashes, sizes or row counts.
    """
    if doc is None:
        path = descriptor_path()
        if not path.is_file():
            return [f"{path} does not exist; run `smartresearch data build`"]
        doc = json.loads(path.read_text(encoding="utf-8"))
    root = data_dir()
    problems: list[str] = []
    described: set[str] = set()
    for resource in doc.get("resources", []):
        relpath = resource.get("path", "")
        described.add(relpath)
        path = root / relpath
        if not path.is_file():
            problems.append(f"{relpath}: described in datapackage.json but the file does not exist")
            continue
        data = path.read_bytes()
        header = _header(data)
        fields = [f.get("name") for f in resource.get("schema", {}).get("fields", [])]
        undocumented = [c for c in header if c not in fields]
        phantom = [c for c in fields if c not in header]
        if undocumented:
            problems.append(
                f"{relpath}: column(s) {undocumented} are not documented in datapackage.json"
            )
        if phantom:
            problems.append(
                f"{relpath}: datapackage.json documents column(s) {phantom} that the file lacks"
            )
        for field in resource.get("schema", {}).get("fields", []):
            if not field.get("type"):
                problems.append(f"{relpath}: column {field.get('name')!r} has no type")
            if not field.get("description"):
                problems.append(f"{relpath}: column {field.get('name')!r} has no description")
        facts = _file_facts(data)
        for key, value in facts.items():
            if resource.get(key) != value:
                problems.append(
                    f"{relpath}: datapackage.json says {key}={resource.get(key)!r}, the file has "
                    f"{value!r}"
                )
    for relpath in shipped_tables():
        if relpath not in described:
            problems.append(f"{relpath}: shipped but not described in datapackage.json")
    return problems
