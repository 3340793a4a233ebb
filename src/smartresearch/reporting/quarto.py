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
"""

from __future__ import annotations

import os
import shutil
import subprocess
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
#: Files Quarto writes itself beside the inputs while rendering (never inputs).
_QUARTO_WRITES = (".out.ipynb", ".quarto_ipynb")


def quarto_executable() -> str | None:
    return shutil.which("quarto")


def render_site(project_dir: Path, quarto: str) -> int:
    """``quarto render`` the project in ``project_dir`` (``report/``: HTML and Typst PDF);
    returns its exit code."""
    env = dict(os.environ, **{PREPARED_ENV: "1"})
    return subprocess.run([quarto, "render"], cwd=project_dir, env=env, check=False).returncode


def render_inputs(layout: ReportLayout) -> list[Path]:
    """Every file ``quarto render`` reads from the project (sorted)."""
    build = [
        p
        for p in files_under(layout.build_dir)
        if layout.html_dir not in p.parents and p.name != STAMP_FILE
    ]
    chapters = [p for p in files_under(layout.chapters_dir) if not p.name.endswith(_QUARTO_WRITES)]
    pages = [p for p in files_under(layout.report_dir) if p.parent == layout.report_dir]
    # copied into the site as resources (_quarto.yml): the figures' data, the explorer's script
    resources = files_under(layout.report_dir / "data", layout.report_dir / "explorer")
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


def render_if_changed(
    layout: ReportLayout,
    quarto: str,
    *,
    force: bool = False,
    say: Callable[[str], None] = print,
) -> int:
    """Render the book unless nothing it reads changed since the last successful render."""
    stamp = layout.build_dir / STAMP_FILE
    key = render_key(layout, quarto)
    if not force and _site_present(layout) and stamp.is_file():
        if stamp.read_text(encoding="utf-8").strip() == key:
            say(f"report: nothing Quarto reads has changed; keeping {layout.site_dir}.")
            return 0
    say(f"report: rendering with {quarto} ...")
    stamp.unlink(missing_ok=True)
    code = render_site(layout.project_dir, quarto)
    if code == 0:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(key + "\n", encoding="utf-8")
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
