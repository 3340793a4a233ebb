"""The report as plain HTML, for a machine without Quarto: redone only when an input changed.

The conversion of one notebook or page is :mod:`.html_export`'s; this module decides what
goes in (every executed chapter, the generated pages with the report pages that include
them, the API reference) and skips the export when none of it changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from smartresearch._io import atomic_write_text
from smartresearch.reporting.fingerprint import fingerprint, is_current
from smartresearch.reporting.generated_pages import PAGE_TITLES
from smartresearch.reporting.layout import REFERENCE_PAGE, ReportLayout

HTML_STAMP = "html.sha256"


def page_wrappers(layout: ReportLayout) -> dict[str, Path]:
    """Generated page file name -> the report page that includes it (``summary.md`` ->
    ``report/index.qmd``), so the plain export shows the page's own prose and figures too."""
    from smartresearch.reporting.html_export import INCLUDE

    found: dict[str, Path] = {}
    for page in sorted(layout.report_dir.glob("*.qmd")):
        for target in INCLUDE.findall(page.read_text(encoding="utf-8")):
            resolved = (page.parent / target).resolve()
            if resolved.parent == layout.build_dir.resolve():
                found[resolved.name] = page
    return found


def export_plain_html(
    layout: ReportLayout, executed: Sequence[Path], pages: Sequence[Path]
) -> Path:
    """Plain HTML of every executed notebook and page, redone only when one of them changed."""
    from smartresearch.reporting.html_export import INDEX, exporter_fingerprint

    index = layout.html_dir / INDEX
    reference = layout.reference_dir / REFERENCE_PAGE
    wrappers = page_wrappers(layout)
    sources = [
        *executed,
        *pages,
        *wrappers.values(),
        *([reference] if reference.is_file() else []),
    ]
    key = fingerprint(sources, base=layout.root, extra=[exporter_fingerprint()])
    stamp = layout.build_dir / HTML_STAMP
    if is_current(stamp, key, [index]):
        return index
    from smartresearch.reporting.figure_data import DATA_DIR
    from smartresearch.reporting.html_export import export_html

    titles = dict(PAGE_TITLES)
    export_html(
        executed,
        [(titles[p.name], p) for p in pages],
        layout.html_dir,
        reference=reference if reference.is_file() else None,
        wrappers=wrappers,
        data_dir=layout.report_dir / DATA_DIR,
    )
    atomic_write_text(stamp, key)
    return index
