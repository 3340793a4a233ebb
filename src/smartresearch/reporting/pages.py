"""Generated report pages: the methods and data appendix and the bibliography.

Both are rendered from the project's machine-readable records — the data package
descriptor (``data/datapackage.json``) and the registry of sources (``data/sources.toml``)
plus the corpus's bibliographic records — so they cannot drift from the data. The
functions here are pure (records in, Markdown out); ``write_pages`` reads the records and
writes the Markdown that ``report/methods.qmd`` and ``report/bibliography.qmd`` include.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch._io import atomic_write_many
from smartresearch.errors import ValidationError
from smartresearch.reporting.layout import BIBLIOGRAPHY_FILE, METHODS_FILE
from smartresearch.reporting.links import web_url

#: Where the corpus's bibliographic records come from (read by ``smartresearch.corpus``).
DOCUMENTS_FILE = "corpus/documents.csv"


def md_text(value: object) -> str:
    """Text from data, shown literally: ``<``, ``>`` and ``&`` escaped so that a title such
    as ``<script>`` can never become markup in the HTML report or the plain export."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value).replace("\n", " ").strip(), quote=False)


def md_cell(value: object) -> str:
    """One Markdown table cell: no pipes or newlines, missing shown as an en dash.

    Escaping text from data is the caller's job (:func:`md_text`, :func:`md_link`): cells
    also hold Markdown we build, such as code spans and links.
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return "–"
    return str(value).replace("|", "\\|").replace("\n", " ").strip()


def md_table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int] | None = None,
) -> str:
    """A pipe table; ``widths`` are relative column widths (percent).

    Pandoc reads a pipe table's relative widths from the dashes of its separator line when
    a row is wider than its line length, and then wraps cells in those widths, in HTML as in
    Typst; without them long cells overprint their neighbours in the PDF and push the table
    into the page margin in HTML. The separator is written with ``widths`` dashes each, so
    (widths summing to 100) it is itself longer than Pandoc's 72 columns.
    """
    if widths is not None and len(widths) != len(header):
        raise ValueError(f"md_table: {len(widths)} widths for {len(header)} columns")
    dashes = widths or [3] * len(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("-" * w for w in dashes) + "|"]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def md_link(title: object, url: object) -> str:
    """A Markdown link whose text (from data) is escaped; plain text when ``url`` is not an
    http(s) address (a ``javascript:`` or ``data:`` address from data never becomes a
    link, see :func:`~smartresearch.reporting.links.web_url`)."""
    text = md_text(title or "–").replace("[", "(").replace("]", ")")
    target = web_url(url)
    return f"[{text}]({target})" if target else text


def md_number(value: object) -> str:
    """A range end as a reader writes it: 1–193 and 0–1, not 1.0–193.0; large whole numbers
    with separators (10,000,000,000); others as short as they are exact (0.25)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "?"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return md_text(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:g}"


def source_line(source: Mapping[str, Any]) -> str:
    """A source as one line: its linked title, then publisher and licence when the
    descriptor gives them (a table compiled here has neither: no "— ; licence:" left)."""
    line = md_cell(md_link(source.get("title"), source.get("path")))
    publisher, licence = md_text(source.get("publisher")), md_text(source.get("licence"))
    if publisher:
        line += f" — {publisher}"
    if licence:
        line += f"{';' if publisher else ' —'} licence: {licence}"
    return line


def _require(doc: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in doc:
        raise ValidationError(f"{where}: missing key {key!r} (has {sorted(doc)})")
    return doc[key]


def methods_markdown(descriptor: Mapping[str, Any]) -> str:
    """Render a Frictionless data package descriptor as the methods and data appendix."""
    resources = _require(descriptor, "resources", "data/datapackage.json")
    parts = [
        "## Tables at a glance",
        "",
        # No file column: each table's section below gives its file, and long monospace
        # paths cannot wrap (they overprinted the next column in the PDF).
        md_table(
            ["Table", "Title", "Rows", "sha256 (start)"],
            (
                (
                    f"`{r.get('name')}`",
                    md_text(r.get("title")),
                    r.get("rows"),
                    f"`{str(r.get('hash', '')).removeprefix('sha256:')[:12]}`",
                )
                for r in resources
            ),
            widths=[34, 40, 9, 17],
        ),
    ]
    for resource in resources:
        where = f"data/datapackage.json resource {resource.get('name')!r}"
        name = _require(resource, "name", where)
        fields = _require(_require(resource, "schema", where), "fields", where)
        parts += [
            "",
            f"## {md_text(resource.get('title') or name)} {{#sec-data-{name.replace('_', '-')}}}",
            "",
        ]
        if resource.get("description"):
            parts += [md_text(resource["description"]), ""]
        parts.append(f"File `data/{resource.get('path')}`, {resource.get('rows', '?')} rows.")
        sources = resource.get("sources", [])
        if sources:
            parts += ["", "Sources:", ""]
            parts += [f"- {source_line(s)}" for s in sources]
        parts += [
            "",
            md_table(
                ["Column", "Type", "Unit", "Description"],
                (
                    (
                        f"`{f.get('name')}`",
                        md_text(f.get("type") or ""),
                        md_text(f.get("unit") or ""),
                        md_text(f.get("description") or ""),
                    )
                    for f in fields
                ),
                widths=[26, 10, 14, 50],
            ),
        ]
        indicators = resource.get("indicators", [])
        if indicators:
            parts += [
                "",
                md_table(
                    ["Indicator", "Meaning", "Unit", "Range", "Better"],
                    (
                        (
                            f"`{i.get('name')}`",
                            md_text(i.get("title") or ""),
                            md_text(i.get("unit") or ""),
                            (
                                f"{md_number(i.get('minimum'))}–{md_number(i.get('maximum'))}"
                                if "minimum" in i
                                else None
                            ),
                            {True: "higher", False: "lower"}.get(i.get("higherIsBetter")),
                        )
                        for i in indicators
                    ),
                    widths=[22, 40, 14, 14, 10],
                ),
            ]
        caveats = resource.get("caveats", [])
        if caveats:
            parts += ["", "Caveats:", "", *(f"- {md_text(c)}" for c in caveats)]
    return "\n".join(parts) + "\n"


def bibliography_markdown(sources: Iterable[Any], documents: pd.DataFrame) -> str:
    """Every data source (publisher, editions, URL, licence) and every corpus document."""
    required = ["doc_id", "title", "author", "publisher", "published", "edition", "url"]
    require_columns(documents, required, what=DOCUMENTS_FILE)
    data_rows = [
        (
            md_link(s.title, s.urls[0] if s.urls else ""),
            md_text(s.publisher),
            ", ".join(s.editions) if s.editions else None,
            md_text(s.licence),
            # plain text, not a code span: ids wrap at their hyphens in the PDF
            md_text(s.source_id),
        )
        for s in sorted(sources, key=lambda s: s.source_id)
        if s.source_id != "corpus"
    ]
    docs = documents.sort_values(["published", "doc_id"], kind="mergesort")
    doc_rows = [
        (
            md_link(d.title, d.url),
            md_text(d.author),
            md_text(d.publisher),
            md_text(d.published),
            md_text(d.edition),
            md_text(d.doc_id),
        )
        for d in docs.itertuples(index=False)
    ]
    return "\n".join(
        [
            "## Data sources",
            "",
            md_table(
                ["Source", "Publisher", "Editions", "Licence (as stated)", "Id"],
                data_rows,
                widths=[34, 20, 18, 16, 12],
            ),
            "",
            "## The Smarter State articles",
            "",
            md_table(
                ["Title", "Author", "Publisher", "Published", "Edition", "Id"],
                doc_rows,
                widths=[32, 14, 16, 11, 9, 18],
            ),
            "",
        ]
    )


#: Curated columns that cite rows of the record (``O01``...); the held-out figure list
#: samples the record's texts rather than citing facts, so it is not one of them.
_NOT_CITATIONS = ("figure_gold_holdout.csv", "record_unused.csv")
_OUTCOME_ID = re.compile(r"\bO\d{2}\b")


def cited_outcome_ids(curated_dir: Path) -> list[str]:
    """Every record row a curated table cites (columns named ``*outcome_id*``), sorted."""
    found: set[str] = set()
    for path in sorted(curated_dir.glob("*.csv")):
        if path.name in _NOT_CITATIONS:
            continue
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in (c for c in frame.columns if "outcome_id" in c):
            for value in frame[column]:
                found.update(_OUTCOME_ID.findall(value))
    return sorted(found)


def record_rows_markdown(outcomes: pd.DataFrame, cited: Sequence[str]) -> str:
    """The record rows the verdicts and claim checks cite, so that an id such as O47 in a
    chapter can be looked up: what it measures, its value and date, its source, its caveat."""
    require_columns(
        outcomes,
        [
            "outcome_id",
            "measure",
            "value",
            "unit",
            "value_date",
            "source_title",
            "publisher",
            "url",
            "caveat",
        ],
        what="research/policy_outcomes.csv",
    )
    unknown = sorted(set(cited) - set(outcomes["outcome_id"]))
    if unknown:
        raise ValidationError(
            f"data/curated: cited record row(s) {unknown} are not in research/policy_outcomes.csv"
        )
    rows = outcomes[outcomes["outcome_id"].isin(cited)].sort_values("outcome_id")
    return md_table(
        ["Id", "What", "Value", "Date", "Source", "Caveat"],
        (
            (
                md_text(r.outcome_id),
                md_text(r.measure),
                md_text(r.value),  # its unit is in the value or the measure ("8%", "% of...")
                md_text(r.value_date),
                f"{md_link(r.source_title, r.url)} ({md_text(r.publisher)})",
                md_text(r.caveat),
            )
            for r in rows.itertuples(index=False)
        ),
        widths=[6, 22, 14, 10, 30, 18],
    )


def write_pages(build_dir: Path) -> list[Path]:
    """Read the descriptor, the registry and the corpus records; write both pages atomically."""
    from smartresearch.config import data_dir
    from smartresearch.corpus.documents import METADATA_COLUMNS, load_metadata
    from smartresearch.registry import load_registry

    descriptor_file = data_dir() / "datapackage.json"
    try:
        descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError(
            f"{descriptor_file} does not exist: run `smartresearch data build` first"
        ) from None
    from smartresearch.corpus.outcomes import load_outcomes

    documents = load_metadata()[list(METADATA_COLUMNS)]
    cited = cited_outcome_ids(data_dir() / "curated")
    bibliography = bibliography_markdown(load_registry().sources.values(), documents)
    bibliography += (
        "\n## Record rows cited\n\n"
        f"The {len(cited)} rows of the record of outcomes (`research/policy_outcomes.csv`) that "
        "the pledge verdicts and claim checks cite, by the id the chapters give. Several "
        "are trade press: read the caveat.\n\n"
        f"{record_rows_markdown(load_outcomes(), cited)}\n"
    )
    pages = {
        build_dir / METHODS_FILE: methods_markdown(descriptor).encode("utf-8"),
        build_dir / BIBLIOGRAPHY_FILE: bibliography.encode("utf-8"),
    }
    atomic_write_many(pages)
    return list(pages)
