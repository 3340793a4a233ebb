"""The pages the build generates beside the chapters, and the data files it publishes.

Methods, bibliography and summary Markdown (included by the report's pages), the API
reference and the title page's colophon, and ``report/data/`` (every figure's data and
the explorer's dataset). The pages are regenerated only when their inputs changed, judged
by the same fingerprint as the notebooks.
"""

from __future__ import annotations

import json
from pathlib import Path

from smartresearch._io import atomic_write_text
from smartresearch.reporting.console import say
from smartresearch.reporting.fingerprint import SharedInputs, is_current
from smartresearch.reporting.freshness import shared_inputs_fingerprint
from smartresearch.reporting.layout import (
    BIBLIOGRAPHY_FILE,
    METHODS_FILE,
    PROJECT_ROOT,
    SUMMARY_FILE,
    ReportLayout,
)

PAGES_STAMP = "pages.sha256"
#: Generated pages, in the order the plain-HTML index lists them.
PAGE_TITLES = (
    (SUMMARY_FILE, "Summary"),
    (METHODS_FILE, "Methods and data"),
    (BIBLIOGRAPHY_FILE, "Bibliography"),
)


def write_generated_pages(
    layout: ReportLayout, *, shared: SharedInputs | None = None, force: bool = False
) -> list[Path]:
    """Methods, bibliography and summary Markdown for the report's pages to include.

    They depend on the same inputs as the notebooks (package, data, mirror texts), so the
    same fingerprint decides whether they are regenerated; the stamp records the mirror's
    part like an executed notebook does (see :class:`.fingerprint.SharedInputs`).
    """
    from smartresearch.reporting.api_reference import write_reference
    from smartresearch.reporting.colophon import write_colophon

    write_reference(layout, force=force)  # the API reference appendix, its own fingerprint
    # the PDF's title page: the toolkit's own CITATION.cff, whichever layout is built
    write_colophon(PROJECT_ROOT / "CITATION.cff", layout.build_dir)
    outputs = [layout.build_dir / name for name, _ in PAGE_TITLES]
    stamp = layout.build_dir / PAGES_STAMP
    shared = shared or shared_inputs_fingerprint(layout)
    key, mirror = shared.key(_recorded_mirror(stamp))
    record = json.dumps({"inputs_sha256": key, "mirror_sha256": mirror}, sort_keys=True)
    if not force and is_current(stamp, record, outputs):
        return outputs
    from smartresearch.chapters.summary import headline_markdown, load_tables, load_verdicts
    from smartresearch.reporting.crossrefs import safe_markdown
    from smartresearch.reporting.pages import write_pages

    write_pages(layout.build_dir)
    # names in the findings come from data: any markup or script link in them is text
    summary = safe_markdown(headline_markdown(load_tables(), load_verdicts()))
    atomic_write_text(layout.build_dir / SUMMARY_FILE, summary)
    atomic_write_text(stamp, record)
    return outputs


def _recorded_mirror(stamp: Path) -> str | None:
    """The mirror fingerprint a JSON stamp recorded (None if there is none)."""
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return recorded.get("mirror_sha256") if isinstance(recorded, dict) else None


def write_published_data(layout: ReportLayout) -> None:
    """``report/data/``: every figure's data files and archive, and the explorer's dataset."""
    from smartresearch.reporting.explorer_data import write_explorer_data
    from smartresearch.reporting.figure_data import write_figure_files

    executed = [
        layout.executed_path(p) for p in layout.notebooks() if layout.executed_path(p).is_file()
    ]
    files, missing = write_figure_files(layout.report_dir, executed, layout.root)
    if (layout.report_dir / "explorer.qmd").is_file():  # a report with the explorer page
        write_explorer_data(layout.report_dir)
    say(f"data: {sum(n.endswith('.csv') for n in files)} figures' data files in report/data/.")
    for figure in missing:
        say(f"  warning: {figure} has no data file (not drawn by smartresearch.plots)")
