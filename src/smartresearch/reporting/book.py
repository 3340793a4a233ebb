"""Which notebooks are the report's chapters: the book's list in ``report/_quarto.yml``.

A notebook in ``notebooks/`` that the book does not list is never executed into the
report, and the executed copy of one that stopped being a chapter is removed, so that
what is published is exactly what the book lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from smartresearch.errors import ValidationError
from smartresearch.reporting.console import say
from smartresearch.reporting.layout import ReportLayout


def book_notebooks(layout: ReportLayout) -> list[Path] | None:
    """The notebooks the book lists (``book.chapters`` and ``book.appendices`` entries
    ``chapters/NAME.ipynb`` in ``report/_quarto.yml``), in file-name order; None when the
    project has no book configuration (then every committed notebook is a chapter)."""
    import yaml

    if not layout.config_file.is_file():
        return None
    config = yaml.safe_load(layout.config_file.read_text(encoding="utf-8")) or {}
    book = config.get("book") or {}
    entries = [*(book.get("chapters") or []), *(book.get("appendices") or [])]
    chapters = layout.chapters_dir.relative_to(layout.project_dir).as_posix()
    names = {
        Path(e).name
        for e in entries
        if isinstance(e, str) and Path(e).parent.as_posix() == chapters and e.endswith(".ipynb")
    }
    return [p for p in layout.notebooks() if p.name in names]


def select_notebooks(layout: ReportLayout, names: Sequence[str] | None) -> list[Path]:
    """Committed notebooks named by stem or file name; when ``names`` is None, the book's
    chapters only (a notebook the book does not list is never executed into the report)."""
    available = layout.notebooks()
    if names is None:
        listed = book_notebooks(layout)
        if listed is None:
            return available
        for extra in sorted(set(available) - set(listed)):
            say(
                f"notebooks: {extra.name} is not a chapter of {layout.config_file.name}, so the "
                "report leaves it out (your own analyses belong in analyses/, see its README)."
            )
        return listed
    by_name = {p.stem: p for p in available} | {p.name: p for p in available}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValidationError(
            f"unknown notebook(s) {unknown}; notebooks/ has {[p.stem for p in available]}"
        )
    return sorted({by_name[n] for n in names})


def remove_orphan_chapters(layout: ReportLayout) -> list[Path]:
    """Delete executed copies, and their plain-HTML pages, of notebooks that are no longer
    chapters (deleted, or dropped from the book), so they are not published."""
    listed = book_notebooks(layout)
    chapters = {p.name for p in (layout.notebooks() if listed is None else listed)}
    orphans = [
        p
        for p in layout.chapters_dir.glob("*.ipynb")
        if p.name not in chapters and not p.name.endswith(".out.ipynb")
    ]
    for path in orphans:
        path.unlink()
        (layout.html_dir / f"{path.stem}.html").unlink(missing_ok=True)
    return orphans
