"""The report build: clean data, executed notebooks, generated pages, rendered site.

``build_report`` is what ``smartresearch report`` (and the README's first command) runs.
Each step is skipped when its inputs have not changed, so the second build with nothing
changed takes seconds. ``prepare`` is the part without rendering; it is also the Quarto
project's pre-render step, which is what makes a bare ``quarto render`` work from a clean
checkout while the committed notebooks stay clean (see ``_quarto.yml``); ``publish``
renders what ``prepare`` made.

This module is the sequence and its guard (one build at a time, Ctrl-C, exit codes); the
steps are their own modules: which notebooks are chapters (:mod:`.book`), running them
(:mod:`.execute`), the generated pages and published data (:mod:`.generated_pages`), the
plain-HTML fallback (:mod:`.plain_export`), one-off parameterised runs (:mod:`.one_off`).
:mod:`.build_benchmark` times a cold and a warm build end to end.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from smartresearch._io import atomic_write_text
from smartresearch.config import MIRROR_ENV, data_dir, mirror_root
from smartresearch.errors import SmartResearchError
from smartresearch.reporting.book import remove_orphan_chapters, select_notebooks
from smartresearch.reporting.console import progress_display, say
from smartresearch.reporting.execute import (
    NotebookExecutionError,
    NotebookRun,
    execute_notebooks,
)
from smartresearch.reporting.fingerprint import files_under, fingerprint
from smartresearch.reporting.freshness import pending_notebooks, shared_inputs_fingerprint
from smartresearch.reporting.generated_pages import write_generated_pages, write_published_data
from smartresearch.reporting.guard import build_lock, remove_stale_files
from smartresearch.reporting.layout import ReportLayout, default_layout
from smartresearch.reporting.one_off import PROFILES_DIR, build_one_off
from smartresearch.reporting.parameters import validate_parameters
from smartresearch.reporting.plain_export import export_plain_html
from smartresearch.reporting.quarto import quarto_executable, render_if_changed

DATA_STAMP = "data.sha256"
#: Exit status of a build stopped by Ctrl-C (128 + SIGINT), as shells expect.
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Prepared:
    """What :func:`prepare` did, with the wall-clock seconds of each step."""

    data_rebuilt: bool
    data_seconds: float
    runs: tuple[NotebookRun, ...]
    #: Wall time of all notebooks together (they run two at a time).
    notebooks_seconds: float
    pages: tuple[Path, ...]
    pages_seconds: float
    seconds: float


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
    if parameters:
        validate_parameters(selected, parameters)
    step = time.perf_counter()
    shared = shared_inputs_fingerprint(layout)
    pending = pending_notebooks(layout, selected, parameters or {}, shared, force=force)
    if pending:
        mirror_root()  # notebooks read the mirror: stop now, with its one clear sentence
    with progress_display() as progress:
        runs = execute_notebooks(
            layout,
            selected,
            parameters=parameters,
            force=force,
            shared=shared,
            progress=progress,
        )
    notebooks_seconds = time.perf_counter() - step
    for run in runs:
        state = "unchanged, kept" if run.cached else f"executed in {run.seconds:.1f} s"
        say(f"notebooks: {run.notebook.name} {state}.")
        for line in run.warnings:
            say(f"  warning in {run.notebook.name}: {line}")
        for line in run.kernel_log:
            say(f"  kernel log of {run.notebook.name}: {line}")
    if not runs:
        say("notebooks: none in notebooks/ yet.")
    if shared.mirror is None and any(r.cached for r in runs):
        say(
            f"notebooks: {MIRROR_ENV} is not set, so the mirror's corpus/ and research/ files "
            "were taken as unchanged since the kept chapters were executed."
        )
    step = time.perf_counter()
    pages = write_generated_pages(layout, shared=shared, force=force)
    write_published_data(layout)  # report/data/: each figure's CSV + metadata, the explorer's
    pages_seconds = time.perf_counter() - step
    return Prepared(
        data_rebuilt,
        data_seconds,
        tuple(runs),
        notebooks_seconds,
        tuple(pages),
        pages_seconds,
        time.perf_counter() - start,
    )


def publish(layout: ReportLayout, prepared: Prepared) -> int:
    """Render the prepared report: the Quarto site and PDFs, or plain HTML without Quarto.

    Returns a process exit code. Without Quarto on PATH the build says so, writes plain
    HTML exports to ``report/_build/html/`` and succeeds.
    """
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
    code = render_if_changed(layout, quarto, say=say)
    if code != 0:
        return code
    pdfs = sorted(p.name for p in layout.site_dir.glob("*.pdf"))
    say(
        f"report: site written to {layout.site_dir}"
        + (f", with the PDF {pdfs[0]}" if pdfs else "")
        # from file:// the browser blocks Quarto's scripts and search (QUARTO.md 28)
        + f"; to read it, serve it: python3 -m http.server -d {layout.site_dir}"
        + ", then open http://localhost:8000/."
    )
    return 0


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
    plain HTML exports to ``report/_build/html/``, and succeeds. With ``parameters`` the
    run is a one-off: it goes to its own folder (:func:`build_one_off`), not the report.
    One build runs at a time (a lock in ``report/_build/``); Ctrl-C stops it with exit
    status 130 and one line, and files a killed build left behind are removed first.
    """
    layout = layout or default_layout()
    try:
        if parameters:  # a misspelt or hostile parameter is refused at once, lock or not
            validate_parameters(select_notebooks(layout, notebooks), parameters)
        with guarded(layout):
            if parameters:
                return build_one_off(layout, notebooks, parameters, force=force)
            prepared = prepare(notebooks, parameters=parameters, force=force, layout=layout)
            if not render:
                say(
                    f"report: executed chapters are in {layout.chapters_dir} "
                    f"and generated pages in {layout.build_dir} (not rendered)."
                )
                return 0
            return publish(layout, prepared)
    except KeyboardInterrupt:
        return interrupted()
    except NotebookExecutionError as exc:
        if "KeyboardInterrupt" in str(exc):  # the kernels got the terminal's Ctrl-C first
            return interrupted()
        print(f"report build failed: {exc}", file=sys.stderr, flush=True)
        return 1
    except SmartResearchError as exc:
        print(f"report build failed: {exc}", file=sys.stderr, flush=True)
        return 1


def interrupted() -> int:
    """The one line and the exit status of a build stopped by Ctrl-C."""
    print("report build interrupted; nothing more was written.", file=sys.stderr, flush=True)
    return EXIT_INTERRUPTED


def _scratch_folders(layout: ReportLayout) -> list[Path]:
    data = data_dir()
    folders = [data, *(p for p in data.iterdir() if p.is_dir())] if data.is_dir() else []
    folders += [layout.chapters_dir, layout.build_dir, layout.html_dir]
    profiles = layout.report_dir / PROFILES_DIR
    if profiles.is_dir():
        folders += [profiles, *(p for p in profiles.rglob("*") if p.is_dir())]
    return folders


@contextmanager
def guarded(layout: ReportLayout) -> Iterator[None]:
    """The build lock, with what a killed build left removed before and after."""
    with build_lock(layout.build_dir):
        remove_stale_files(_scratch_folders(layout))
        try:
            yield
        finally:
            remove_stale_files(_scratch_folders(layout))
