"""Where a one-off run (``smartresearch profile --out DIR``) may write, and how it writes.

A command told ``--out notebooks`` once overwrote a committed notebook, and ``--out
report/_build/html`` replaced the report's index. The rules here keep a user's files safe:

* **Only a folder the toolkit may own**: a new folder, an empty one, or one this command
  made before (it holds :data:`MARKER`). Never the checkout itself, a folder of it that git
  tracks files in, or the report's own outputs (``report/`` apart from ``report/_profiles/``),
  nor a folder that holds the checkout.
* **Written as a set**: everything is made in a staging folder beside the target, then
  swapped in whole with two renames, so a full disk or a Ctrl-C leaves the previous
  outputs as they were and no half-new set. Files a user added to a folder made before are
  carried over.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from smartresearch.errors import SmartResearchError
from smartresearch.reporting.guard import process_alive
from smartresearch.reporting.layout import ReportLayout

#: The file that marks a folder as made by a one-off run (safe to replace).
MARKER = ".smartresearch-output"
#: Prefix of staging and retired folders beside the target (removed when a run ends).
STAGING_PREFIX = ".sr-staging-"


class OutputFolderError(SmartResearchError):
    """The output folder is one the toolkit must not write into."""


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _tracked_files(folder: Path, root: Path) -> list[str]:
    """Files git tracks under ``folder`` (none when there is no git or no repository)."""
    if not (root / ".git").exists() or shutil.which("git") is None:
        return []
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "ls-files", "--", str(folder)],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return result.stdout.split() if result.returncode == 0 else []


def check_output_folder(out: Path, layout: ReportLayout, *, option: str = "--out") -> Path:
    """``out`` resolved, or :class:`OutputFolderError` saying why it may not be written."""
    target = Path(out).expanduser().resolve()
    root = layout.root.resolve()
    profiles = (layout.report_dir / "_profiles").resolve()
    if target.exists() and not target.is_dir():
        raise OutputFolderError(f"{option} {out}: it is a file, not a folder; choose a folder.")
    if _within(root, target):
        raise OutputFolderError(
            f"{option} {out}: that folder holds the project checkout; choose a new folder."
        )
    protected = [
        layout.notebooks_dir,
        layout.report_dir,
        layout.root / "src",
        layout.root / "tests",
        layout.root / "data",
        layout.root / "scripts",
        layout.root / ".git",
    ]
    inside = next((p for p in protected if _within(target, p.resolve())), None)
    if inside is not None and not _within(target, profiles):
        raise OutputFolderError(
            f"{option} {out}: it is inside the project's {inside.relative_to(layout.root)}/, "
            "which holds the project's own files or the report's outputs; choose a new folder "
            "(for example under analyses/ or outside the checkout)."
        )
    tracked = _tracked_files(target, root) if _within(target, root) else []
    if tracked:
        raise OutputFolderError(
            f"{option} {out}: git tracks {len(tracked)} file(s) there (e.g. {tracked[0]}); "
            "choose a new folder."
        )
    # report/_profiles/ is the toolkit's own output area (ignored by git): always ours
    if target.is_dir() and not (target / MARKER).is_file() and not _within(target, profiles):
        entries = sorted(p.name for p in target.iterdir())
        if entries:
            raise OutputFolderError(
                f"{option} {out}: the folder already holds files this command did not write "
                f"({', '.join(entries[:3])}{', ...' if len(entries) > 3 else ''}); choose a "
                "new or empty folder."
            )
    return target


@contextmanager
def staged_output(target: Path) -> Iterator[Path]:
    """A staging folder to write a complete set of outputs into, swapped in for ``target``
    when the block ends without an error (and removed, leaving ``target`` as it was, when it
    does not)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f"{STAGING_PREFIX}{target.name}-{os.getpid()}"
    retired = target.parent / f"{STAGING_PREFIX}{target.name}-{os.getpid()}-old"
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        if target.is_dir():
            shutil.copytree(target, staging, symlinks=True)  # cached results, a user's notes
        else:
            staging.mkdir()
        yield staging
        (staging / MARKER).write_text(
            "Made by smartresearch; the next run with this folder as --out replaces it.\n",
            encoding="utf-8",
        )
        if target.exists():
            os.replace(target, retired)
        try:
            os.replace(staging, target)
        except OSError:
            if retired.exists() and not target.exists():
                os.replace(retired, target)  # put the previous outputs back
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if target.exists():
            shutil.rmtree(retired, ignore_errors=True)


def stale_staging_folders(parent: Path) -> list[Path]:
    """Staging folders a killed run left in ``parent`` (their process is gone)."""
    found = []
    if parent.is_dir():
        for path in parent.glob(f"{STAGING_PREFIX}*"):
            pid = path.name.rsplit("-old", 1)[0].rsplit("-", 1)[-1]
            if pid.isdigit() and not process_alive(int(pid)):
                found.append(path)
    return found

    return True
