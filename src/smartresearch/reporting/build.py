"""The report build: clean data, executed notebooks, generated pages, rendered site.

``build_report`` is what ``smartresearch report`` (and the README's first command) runs.
Each step is skipped when its inputs have not changed, so the second build with nothing
changed takes seconds. ``prepare`` is the part without rendering; it is also the Quarto
project's pre-render step, which is what makes a bare ``quarto render`` work from a clean
checkout while the committed notebooks stay clean (see ``_quarto.yml``).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from smartresearch._io import atomic_write_text
from smartresearch.config import MIRROR_ENV, data_dir
from smartresearch.errors import SmartResearchError, ValidationError
from smartresearch.reporting.execute import (
    NotebookRun,
    execute_notebooks,
    shared_inputs_fingerprint,
)
from smartresearch.reporting.fingerprint import files_under, fingerprint
from smartresearch.reporting.layout import (
    BIBLIOGRAPHY_FILE,
    METHODS_FILE,
    SUMMARY_FILE,
    ReportLayout,
    default_layout,
)
from smartresearch.reporting.quarto import quarto_executable, render_site

DATA_STAMP = "data.sha256"
PAGES_STAMP = "pages.sha256"
HTML_STAMP = "html.sha256"
#: Generated pages, in the order the plain-HTML index lists them.
PAGE_TITLES = (
    (SUMMARY_FILE, "Summary"),
    (METHODS_FILE, "Methods and data"),
    (BIBLIOGRAPHY_FILE, "Bibliography"),
)


@dataclass(frozen=True)
class Prepared:
    data_rebuilt: bool
    data_seconds: float
    runs: tuple[NotebookRun, ...]
    pages: tuple[Path, ...]
    seconds: float


def say(message: str) -> None:
    print(message, flush=True)


def select_notebooks(layout: ReportLayout, names: Sequence[str] | None) -> list[Path]:
    """Committed notebooks named by stem or file name (all when ``names`` is None)."""
    available = layout.notebooks()
    if names is None:
        return available
    by_name = {p.stem: p for p in available} | {p.name: p for p in available}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValidationError(
            f"unknown notebook(s) {unknown}; notebooks/ has {[p.stem for p in available]}"
        )
    return sorted({by_name[n] for n in names})


def _data_fingerprint() -> str:
    """Inputs and outputs of the data build: if none changed, the build would be a no-op."""
    package = Path(__file__).resolve().parents[1]
    paths = files_under(package / "datasets", package / "registry.py", package / "countries.py")
    paths += files_under(data_dir())
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    if mirror:
        paths += files_under(Path(mirror) / "data" / "raw")
    return fingerprint(paths, base=data_dir().parent, extra=[f"mirror {bool(mirror)}"])


def ensure_data(layout: ReportLayout, *, force: bool = False) -> bool:
    """Rebuild the clean tables from the mirror unless nothing they depend on changed.

    Without a mirror the committed clean tables are used as they are (``load`` needs no
    mirror); the build says so rather than failing, since the tables are in the checkout.
    """
    if not os.environ.get(MIRROR_ENV, "").strip():
        say(f"data: {MIRROR_ENV} is not set, so the clean tables are used as committed.")
        return False
    stamp = layout.build_dir / DATA_STAMP
    if not force and stamp.is_file() and stamp.read_text(encoding="utf-8") == _data_fingerprint():
        say("data: clean tables are current.")
        return False
    from smartresearch import datasets

    report = datasets.build()
    atomic_write_text(stamp, _data_fingerprint())
    say(f"data: built ({report}).")
    return True


def is_current(stamp: Path, key: str, outputs: Sequence[Path]) -> bool:
    """Whether ``stamp`` records ``key`` and every output of that step still exists."""
    return (
        stamp.is_file()
        and stamp.read_text(encoding="utf-8") == key
        and all(p.is_file() for p in outputs)
    )


def write_generated_pages(layout: ReportLayout, *, force: bool = False) -> list[Path]:
    """Methods, bibliography and summary Markdown for the report's pages to include.

    They depend on the same inputs as the notebooks (package, data, mirror texts), so the
    same fingerprint decides whether they are regenerated.
    """
    outputs = [layout.build_dir / name for name, _ in PAGE_TITLES]
    stamp = layout.build_dir / PAGES_STAMP
    key = shared_inputs_fingerprint(layout)
    if not force and is_current(stamp, key, outputs):
        return outputs
    from smartresearch.reporting.pages import write_pages
    from smartresearch.reporting.summary import headline_markdown, load_tables, load_verdicts

    write_pages(layout.build_dir)
    summary = headline_markdown(load_tables(), load_verdicts())
    atomic_write_text(layout.build_dir / SUMMARY_FILE, summary)
    atomic_write_text(stamp, key)
    return outputs


def export_plain_html(
    layout: ReportLayout, executed: Sequence[Path], pages: Sequence[Path]
) -> Path:
    """Plain HTML of every executed notebook and page, redone only when one of them changed."""
    from smartresearch.reporting.html_export import INDEX

    index = layout.html_dir / INDEX
    key = fingerprint([*executed, *pages], base=layout.root)
    stamp = layout.build_dir / HTML_STAMP
    if is_current(stamp, key, [index]):
        return index
    from smartresearch.reporting.html_export import export_html

    titles = dict(PAGE_TITLES)
    export_html(executed, [(titles[p.name], p) for p in pages], layout.html_dir)
    atomic_write_text(stamp, key)
    return index


def remove_orphan_chapters(layout: ReportLayout) -> list[Path]:
    """Delete executed copies whose notebook no longer exists, so they are not published."""
    sources = {p.name for p in layout.notebooks()}
    orphans = [
        p
        for p in layout.chapters_dir.glob("*.ipynb")
        if p.name not in sources and not p.name.endswith(".out.ipynb")
    ]
    for path in orphans:
        path.unlink()
    return orphans


def prepare(
    notebooks: Sequence[str] | None = None,
    *,
    parameters: Mapping[str, object] | None = None,
    force: bool = False,
    layout: ReportLayout | None = None,
) -> Prepared:
    """Everything up to rendering: data, executed notebooks, generated pages."""
    layout = layout or default_layout()
    start = time.perf_counter()
    data_rebuilt = ensure_data(layout, force=force)
    data_seconds = time.perf_counter() - start
    selected = select_notebooks(layout, notebooks)
    if notebooks is None:
        for orphan in remove_orphan_chapters(layout):
            say(f"notebooks: removed {orphan.name}, whose notebook no longer exists.")
    runs = execute_notebooks(layout, selected, parameters=parameters, force=force)
    for run in runs:
        state = "unchanged, kept" if run.cached else f"executed in {run.seconds:.1f} s"
        say(f"notebooks: {run.notebook.name} {state}.")
        for line in run.warnings:
            say(f"  warning in {run.notebook.name}: {line}")
    if not runs:
        say("notebooks: none in notebooks/ yet.")
    pages = write_generated_pages(layout, force=force)
    return Prepared(
        data_rebuilt, data_seconds, tuple(runs), tuple(pages), time.perf_counter() - start
    )


def build_report(
    render: bool = True,
    notebooks: list[str] | None = None,
    *,
    parameters: Mapping[str, object] | None = None,
    force: bool = False,
    layout: ReportLayout | None = None,
) -> int:
    """Build the report end to end and return a process exit code (0 = success).

    Without Quarto on PATH the build says so, still executes every notebook and writes
    plain HTML exports to ``report/_build/html/``, and succeeds.
    """
    layout = layout or default_layout()
    try:
        prepared = prepare(notebooks, parameters=parameters, force=force, layout=layout)
        if not render:
            return 0
        quarto = quarto_executable()
        if quarto is None:
            executed = [r.executed for r in prepared.runs]
            index = export_plain_html(layout, executed, prepared.pages)
            say(
                "report: Quarto is not installed, so the site and PDF were not rendered. "
                f"Plain HTML exports of every notebook and page are in {index.parent} "
                f"(open {index.name}). "
                "Install Quarto (https://quarto.org) and run this again for the full report."
            )
            return 0
        say(f"report: rendering with {quarto} ...")
        code = render_site(layout.root, quarto)
        if code != 0:
            say(f"report: quarto render failed with exit code {code}.")
            return code
        say(f"report: site written to {layout.site_dir} (open report/index.html there).")
        return 0
    except SmartResearchError as exc:
        print(f"report build failed: {exc}", file=sys.stderr, flush=True)
        return 1


def benchmark(*, layout: ReportLayout | None = None) -> dict[str, float]:
    """Time a full build (data rebuilt, every notebook executed) and a second, unchanged one.

    Prints the end-to-end times and the time per notebook; returns them by name. Rendering
    is left out: it is Quarto's time, not the analysis's.
    """
    layout = layout or default_layout()
    start = time.perf_counter()
    cold = prepare(force=True, layout=layout)
    cold_total = time.perf_counter() - start
    start = time.perf_counter()
    prepare(layout=layout)
    warm_total = time.perf_counter() - start
    timings = {
        "build (data + notebooks + pages), cold": cold_total,
        "data build": cold.data_seconds,
    }
    timings |= {f"notebook {r.notebook.name}": r.seconds for r in cold.runs}
    timings["second build, nothing changed"] = warm_total
    width = max(len(k) for k in timings)
    say("\nbenchmark (seconds):")
    for name, seconds in timings.items():
        say(f"  {name:<{width}}  {seconds:7.2f}")
    return timings
