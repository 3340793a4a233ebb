"""The curated tables' column documentation, written beside them as ``data/curated/schemas.json``.

Why a file: the data-package descriptor (``smartresearch.datasets.datapackage``) documents
every shipped table, the curated ones included, but ``datasets`` and ``corpus`` stand side
by side and neither imports the other. The schemas are defined once, in Python, next to
the loaders that validate with them (:data:`smartresearch.corpus.CURATED_SCHEMAS`); this
module writes what the descriptor needs of them (each table's name, title and columns
with their Frictionless type and description) into one JSON file beside the data, which
the descriptor reads. tests/test_corpus_curated.py fails when the committed file differs
from what the schemas give, naming the command that rewrites it:
``uv run python -m smartresearch.corpus.schema_file``.
"""

from __future__ import annotations

import json
from pathlib import Path

from smartresearch._io import atomic_write_bytes
from smartresearch.corpus.schema import TableSchema, curated_dir

#: The file beside the curated tables (read by ``datasets.datapackage``).
SCHEMAS_FILE = "schemas.json"

#: Frictionless field types of the curated schemas' column types.
FRICTIONLESS_TYPES: dict[str, str] = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "date": "date",
}


def schema_document(schemas: dict[str, TableSchema] | None = None) -> bytes:
    """The JSON text of ``schemas`` (default: every curated table's), keys sorted."""
    if schemas is None:
        from smartresearch.corpus import CURATED_SCHEMAS

        schemas = CURATED_SCHEMAS
    document = {
        filename: {
            "name": schema.name,
            "title": schema.title,
            "fields": [
                {
                    "name": c.name,
                    "type": FRICTIONLESS_TYPES.get(c.type, "string"),
                    "description": c.description,
                }
                for c in schema.columns
            ],
        }
        for filename, schema in sorted(schemas.items())
    }
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def schema_path() -> Path:
    return curated_dir() / SCHEMAS_FILE


def write_schema_document() -> Path:
    """Rewrite ``data/curated/schemas.json`` from the schemas (atomically)."""
    path = schema_path()
    atomic_write_bytes(path, schema_document())
    return path


if __name__ == "__main__":  # pragma: no cover - the command the test's message names
    print(write_schema_document())
