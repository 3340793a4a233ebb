"""Shared fixtures: the mirror of raw files, and a scratch copy of the project's data folder.

The mirror is found the way users find it, through ``SMARTRESEARCH_MIRROR``; when the
variable is unset and a ``shared`` folder sits beside the repository (the CI layout), the
suite points the variable at it once, at collection, so every test module sees it.
Tests that write tables use ``scratch_data``: a copy of ``data/`` selected through
``SMARTRESEARCH_DATA``, so the committed tables are never rewritten by a test.
The analysis notebooks are executed once per session (``executed_notebooks``) and the
report rendered with the real Quarto once (``rendered_report``); every test of them shares
those runs. The suite runs on two workers (pytest-xdist, ``--dist loadgroup``): the tests of
the real report all go to one of them (:func:`pytest_collection_modifyitems`).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from smartresearch.config import DATA_ENV, MIRROR_ENV

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = REPO.parent / "shared"

# Bytecode caches on, as Python has them by default: a machine that sets
# PYTHONDONTWRITEBYTECODE (ours do) would otherwise have every one of the suite's workers,
# kernels and subprocesses compile the package again, and pytest rewrite every test
# module's asserts again, on every run (about 12 s of collection per worker). The caches
# are in __pycache__ folders, which git and the report's fingerprints ignore.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

if not os.environ.get(MIRROR_ENV) and (DEFAULT_MIRROR / "data" / "raw").is_dir():
    os.environ[MIRROR_ENV] = str(DEFAULT_MIRROR)


#: The fixtures that run the real report's build in ``report/`` (its notebooks, its render).
REPORT_FIXTURES = frozenset({"executed_notebooks", "rendered_report"})
#: The xdist group of every test that uses the real ``report/`` folder: one worker runs them
#: all, so the notebooks run and the book renders once, and no other test's build meets the
#: build lock of this one.
REPORT_GROUP = "report"


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups off the markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of the real report (they use :data:`REPORT_FIXTURES` or are marked
    ``report_folder``) join one xdist group and run first, so that the worker that takes
    them starts the long build at once while the other works through the rest."""
    shared = [
        item
        for item in items
        if REPORT_FIXTURES & set(getattr(item, "fixturenames", ()))
        or item.get_closest_marker("report_folder")
    ]
    for item in shared:
        item.add_marker(pytest.mark.xdist_group(REPORT_GROUP))
    ids = {id(item) for item in shared}
    items[:] = shared + [item for item in items if id(item) not in ids]


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The mirror root; tests that need raw files skip (with the reason) when it is absent."""
    value = os.environ.get(MIRROR_ENV, "")
    if not value or not (Path(value) / "data" / "raw").is_dir():
        pytest.skip(
            f"{MIRROR_ENV} is not set to a mirror with data/raw (expected e.g. {DEFAULT_MIRROR})"
        )
    return Path(value).resolve()


@pytest.fixture
def scratch_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the repository's ``data/`` folder, selected via ``SMARTRESEARCH_DATA``."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    monkeypatch.setenv(DATA_ENV, str(target))
    yield target


@pytest.fixture(scope="session")
def executed_notebooks() -> dict[str, Any]:
    """Every analysis notebook executed ONCE for the whole session, every warning an error.

    The executed copies are written to ``report/chapters/`` exactly as a build writes them
    (the warnings cell is taken out again, see ``execute.without_warnings_cell``), under the
    build lock, so the real-render test (:func:`rendered_report`) renders these runs rather
    than executing every notebook a second time. Returns notebook name -> executed notebook.
    """
    from smartresearch.reporting import default_layout, execute_notebooks
    from smartresearch.reporting.build import ensure_data
    from smartresearch.reporting.guard import build_lock

    layout = default_layout()
    notebooks = layout.notebooks()
    if not notebooks:
        pytest.skip("notebooks/ holds no notebooks yet")
    with build_lock(layout.build_dir):
        ensure_data(layout)  # as the build does first, so that its notebooks are current
        runs = execute_notebooks(layout, notebooks, warnings_as_errors=True)
    return {run.notebook.name: run.node for run in runs}


@dataclass(frozen=True)
class RenderedReport:
    """The report as the README's first command builds it with the real Quarto, once a session."""

    code: int
    #: Lines of Quarto's output (Quarto, Pandoc, Typst) that report a warning.
    warnings: tuple[str, ...]
    site: Path
    pdf: Path | None
    #: Whether the second build, with nothing changed, rendered again (it should not).
    second_build_rendered: bool
    #: The render fingerprint after the first and after the second build.
    keys: tuple[str, str]
    #: ``git status --porcelain`` before and after the two builds.
    status: tuple[str, str]
    #: Executed copies the build wrote again although the session had just executed them.
    executed_again: tuple[str, ...]


@pytest.fixture(scope="session")
def rendered_report(executed_notebooks: dict[str, Any]) -> RenderedReport:
    """``smartresearch report`` with Quarto on PATH, forced to render (the stamp removed, so
    Quarto's warnings are this run's), then the same build again with nothing changed.

    In CI (``CI`` set) a missing Quarto fails; elsewhere the render tests skip.
    """
    from render_support import require_tool

    from smartresearch.reporting import build_report, default_layout
    from smartresearch.reporting.quarto import LOG_FILE, STAMP_FILE, render_key, render_warnings

    quarto = require_tool("quarto")
    layout = default_layout()
    before = git_status(layout.root)
    copies = {p.name: p.stat().st_mtime_ns for p in layout.chapters_dir.glob("*.ipynb")}
    (layout.build_dir / STAMP_FILE).unlink(missing_ok=True)
    code = build_report(render=True)
    executed_again = tuple(
        sorted(n for n, t in copies.items() if (layout.chapters_dir / n).stat().st_mtime_ns != t)
    )
    warnings = tuple(render_warnings(layout))
    log = layout.build_dir / LOG_FILE
    first = render_key(layout, quarto)
    logged = log.stat().st_mtime_ns if log.is_file() else None
    build_report(render=True)
    second = render_key(layout, quarto)
    rendered_again = (log.stat().st_mtime_ns if log.is_file() else None) != logged
    pdfs = sorted(layout.site_dir.glob("*.pdf"))
    return RenderedReport(
        code,
        warnings,
        layout.site_dir,
        pdfs[0] if len(pdfs) == 1 else None,
        rendered_again,
        (first, second),
        (before, git_status(layout.root)),
        executed_again,
    )


def git_status(root: Path) -> str:
    import subprocess

    return subprocess.run(
        ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True
    ).stdout
