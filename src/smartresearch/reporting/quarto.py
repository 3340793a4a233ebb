"""Running the Quarto CLI, when it is installed, and only when something it reads changed.

``quarto render`` re-renders every page of the project even when nothing changed (about
5–6 s a page with 1.9.38, QUARTO.md item 14), which made a no-change rebuild take over a
minute. :func:`render_if_changed` fingerprints everything the render reads — the project
file, the pages, the generated includes and the executed chapters — and skips the render
when the fingerprint matches the stamp the last successful render left in
``report/_build/`` and the site is still there.

When something did change the whole book is rendered again, not only the changed file: a
book numbers chapters and cross-references across all of them, the summary page embeds
figures from four chapters, and the one PDF is made from every chapter, so rendering a
single file (``quarto render report/chapters/x.ipynb``) would leave the PDF and the
numbering of the other pages stale.

A render is all or nothing (:func:`render_staged`): the last good site is set aside first,
and when Quarto fails (a Typst error comes after the HTML pages are written, QUARTO.md item
22) the half-built site and the files Quarto left in ``report/`` (``index.typ``,
``index_files/``) are removed and the last good site is put back. Quarto's messages are kept
in ``report/_build/quarto-render.log`` as well as shown, so that warnings can be counted.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from smartresearch.reporting.fingerprint import files_under, fingerprint
from smartresearch.reporting.layout import ReportLayout

#: Set by ``build_report`` for the ``quarto render`` it starts, so that the project's
#: pre-render step (which prepares everything when a user runs ``quarto render`` by hand)
#: does not redo the work the build has just done.
PREPARED_ENV = "SMARTRESEARCH_REPORT_PREPARED"
#: The fingerprint of the inputs of the last successful render, in ``report/_build/``.
STAMP_FILE = "quarto-render.stamp"
#: Everything the last render printed (Quarto, Pandoc and Typst), in ``report/_build/``.
LOG_FILE = "quarto-render.log"
#: Where the last good site waits, in ``report/_build/``, while a new one is rendered.
PREVIOUS_SITE = "site.previous"
#: Files Quarto writes itself beside the inputs while rendering (never inputs).
_QUARTO_WRITES = (".out.ipynb", ".quarto_ipynb")
#: A warning in Quarto's output, in any of its tools' spellings (``WARN``, Typst's
#: ``warning:``, Pandoc's ``[WARNING]``).
WARNING = re.compile(r"warn", re.IGNORECASE)


def quarto_executable() -> str | None:
    return shutil.which("quarto")


def render_site(project_dir: Path, quarto: str, log: Path | None = None) -> int:
    """``quarto render`` the project in ``project_dir`` (``report/``: HTML and Typst PDF);
    returns its exit code. What it prints is shown as it comes and, with ``log``, kept."""
    env = dict(os.environ, **{PREPARED_ENV: "1"})
    with subprocess.Popen(
        [quarto, "render"],
        cwd=project_dir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    ) as process:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            lines.append(line)
        code = process.wait()
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("".join(lines), encoding="utf-8")
    return code


def render_warnings(layout: ReportLayout) -> list[str]:
    """The lines of the last render's log that report a warning."""
    log = layout.build_dir / LOG_FILE
    if not log.is_file():
        return []
    return [ln for ln in log.read_text(encoding="utf-8").splitlines() if WARNING.search(ln)]


def render_inputs(layout: ReportLayout) -> list[Path]:
    """Every file ``quarto render`` reads from the project (sorted).

    Not the build's own bookkeeping in ``report/_build/`` (the lock, holding the running
    build's process id, temporary files, the render's stamp and log, the set-aside site),
    which changes between builds of the same inputs.
    """
    ignored = {layout.html_dir, layout.build_dir / PREVIOUS_SITE}
    build = [
        p
        for p in files_under(layout.build_dir)
        if not ignored & set(p.parents)
        and p.name not in {STAMP_FILE, LOG_FILE}
        and not p.name.startswith(".")
    ]
    chapters = [p for p in files_under(layout.chapters_dir) if not p.name.endswith(_QUARTO_WRITES)]
    pages = [p for p in files_under(layout.report_dir) if p.parent == layout.report_dir]
    # copied into the site as resources (_quarto.yml): the figures' data, the explorer's script;
    # and the PDF's print rules (Typst header, title-page partial, Lua filter)
    resources = files_under(
        layout.report_dir / "data", layout.report_dir / "explorer", layout.report_dir / "print"
    )
    return sorted({layout.config_file, *pages, *build, *chapters, *resources})


def render_key(layout: ReportLayout, quarto: str) -> str:
    """Fingerprint of the render's inputs and of the Quarto installation used."""
    executable = Path(quarto).resolve()
    stat = executable.stat() if executable.exists() else None
    version = (
        f"quarto {executable} {stat.st_size if stat else '?'} {stat.st_mtime_ns if stat else '?'}"
    )
    inputs = [p for p in render_inputs(layout) if p.is_file()]
    return fingerprint(inputs, base=layout.root, extra=[version])


def _site_present(layout: ReportLayout) -> bool:
    return (layout.site_dir / "index.html").is_file()


def _entries(layout: ReportLayout) -> set[Path]:
    """What is in ``report/`` and ``report/chapters/`` (where Quarto leaves files)."""
    folders = (layout.project_dir, layout.chapters_dir)
    return {p for folder in folders if folder.is_dir() for p in folder.iterdir()}


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def render_staged(layout: ReportLayout, render: Callable[[], int]) -> int:
    """Run ``render`` so that the site is replaced whole or not at all.

    The current site is moved to ``report/_build/site.previous``; if ``render`` fails
    (non-zero, or an exception such as Ctrl-C), everything it added to ``report/`` and
    ``report/chapters/`` is removed, the half-built site too, and the previous site moved
    back. Returns ``render``'s exit code.
    """
    site, previous = layout.site_dir, layout.build_dir / PREVIOUS_SITE
    _remove(previous)
    before = _entries(layout) - {site}
    if site.exists():
        previous.parent.mkdir(parents=True, exist_ok=True)
        site.rename(previous)
    code = 1
    try:
        code = render()
    finally:
        if code != 0:
            for path in sorted(_entries(layout) - before):
                _remove(path)
            if previous.exists():
                previous.rename(site)
        else:
            _remove(previous)
    return code


def render_if_changed(
    layout: ReportLayout,
    quarto: str,
    *,
    force: bool = False,
    say: Callable[[str], None] = print,
) -> int:
    """Render the book unless nothing it reads changed since the last successful render.

    A failed render leaves the site as it was (:func:`render_staged`) and says so.
    """
    stamp = layout.build_dir / STAMP_FILE
    key = render_key(layout, quarto)
    if not force and _site_present(layout) and stamp.is_file():
        if stamp.read_text(encoding="utf-8").strip() == key:
            say(f"report: nothing Quarto reads has changed; keeping {layout.site_dir}.")
            return 0
    say(f"report: rendering with {quarto} ...")
    stamp.unlink(missing_ok=True)
    log = layout.build_dir / LOG_FILE
    code = render_staged(layout, lambda: render_site(layout.project_dir, quarto, log))
    if code == 0:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(key + "\n", encoding="utf-8")
        warnings = render_warnings(layout)
        if warnings:
            say(f"report: Quarto printed {len(warnings)} warning(s), listed in {log}.")
        return 0
    kept = (
        f"{layout.site_dir} is as the last successful render left it"
        if _site_present(layout)
        else f"no site was written to {layout.site_dir}"
    )
    say(
        f"report: quarto render failed with exit code {code}, so nothing was published: "
        f"{kept}, the files the render left in {layout.project_dir} were removed, and its "
        f"messages are in {log}."
    )
    return code


@dataclass(frozen=True)
class RenderTiming:
    """Seconds for a full render and for a no-change one (the check only)."""

    full: float
    no_change: float


def time_render(layout: ReportLayout, quarto: str | None = None) -> RenderTiming | None:
    """Time a forced render and then a no-change render (for ``scripts/benchmark.py``).

    Returns None when Quarto is not installed. The report must already be prepared.
    """
    quarto = quarto or quarto_executable()
    if quarto is None:
        return None
    quiet: Callable[[str], None] = lambda _message: None  # noqa: E731
    start = time.perf_counter()
    render_if_changed(layout, quarto, force=True, say=quiet)
    full = time.perf_counter() - start
    start = time.perf_counter()
    render_if_changed(layout, quarto, say=quiet)
    return RenderTiming(full=full, no_change=time.perf_counter() - start)
