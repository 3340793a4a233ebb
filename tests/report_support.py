"""Scratch notebooks for the report-build tests (a project's notebooks written on the fly)."""

from __future__ import annotations

from pathlib import Path

import nbformat


def write_notebook(path: Path, cells: list[nbformat.NotebookNode]) -> Path:
    """A notebook with the ``python3`` kernel the build starts, holding ``cells``."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = cells
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def code(source: str, tags: list[str] | None = None) -> nbformat.NotebookNode:
    """A code cell, tagged (e.g. ``["parameters"]``) when ``tags`` are given."""
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = tags
    return cell
