"""A place for one's own work: the report builds only the chapters its book lists.

The issue's case: a user's notebook saved in ``notebooks/`` was executed into the report,
listed in its index and failed the test suite; deleted, its page stayed. Now the build
runs exactly ``report/_quarto.yml``'s chapters, says which notebooks it leaves out and
where one's own work belongs (``analyses/``, untracked), and removes the executed copies
and pages of chapters that no longer exist.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest
from report_support import code, write_notebook

from smartresearch.reporting import ReportLayout, book

REPO = Path(__file__).resolve().parents[1]
BOOK = """
project:
  type: book
book:
  title: Scratch
  chapters:
    - index.qmd
    - chapters/01-plain.ipynb
  appendices:
    - chapters/90-gallery.ipynb
"""


@pytest.fixture
def project(tmp_path: Path) -> ReportLayout:
    layout = ReportLayout(tmp_path)
    for name in ("01-plain", "02-mine", "90-gallery"):
        write_notebook(layout.notebooks_dir / f"{name}.ipynb", [code(f"print('{name}')")])
    layout.config_file.parent.mkdir(parents=True, exist_ok=True)
    layout.config_file.write_text(BOOK, encoding="utf-8")
    return layout


def test_the_book_decides_which_notebooks_are_chapters(project, capsys):
    assert [p.name for p in book.book_notebooks(project)] == [
        "01-plain.ipynb",
        "90-gallery.ipynb",
    ]
    selected = book.select_notebooks(project, None)
    assert [p.stem for p in selected] == ["01-plain", "90-gallery"]
    out = capsys.readouterr().out
    assert "02-mine.ipynb is not a chapter of _quarto.yml" in out and "analyses/" in out
    # named explicitly, a notebook still runs (e.g. the profile, a one-off)
    assert book.select_notebooks(project, ["02-mine"])[0].stem == "02-mine"


def test_without_a_book_every_notebook_is_a_chapter(tmp_path):
    layout = ReportLayout(tmp_path)
    write_notebook(layout.notebooks_dir / "01-a.ipynb", [code("1")])
    assert book.book_notebooks(layout) is None
    assert [p.stem for p in book.select_notebooks(layout, None)] == ["01-a"]


def test_pages_of_chapters_that_no_longer_exist_are_removed(project):
    project.chapters_dir.mkdir(parents=True)
    for stem in ("02-mine", "03-gone", "01-plain"):
        nbformat.write(nbformat.v4.new_notebook(), project.chapters_dir / f"{stem}.ipynb")
        (project.html_dir).mkdir(parents=True, exist_ok=True)
        (project.html_dir / f"{stem}.html").write_text("old", encoding="utf-8")
    removed = book.remove_orphan_chapters(project)
    assert sorted(p.name for p in removed) == ["02-mine.ipynb", "03-gone.ipynb"]
    assert sorted(p.name for p in project.chapters_dir.iterdir()) == ["01-plain.ipynb"]
    assert sorted(p.name for p in project.html_dir.iterdir()) == ["01-plain.html"]


def test_the_real_book_lists_every_committed_chapter_and_analyses_is_untracked():
    from smartresearch.reporting.layout import default_layout

    layout = default_layout()
    assert book.book_notebooks(layout) == layout.notebooks()
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "analyses/my-analysis.ipynb"], cwd=REPO, check=False
    )
    kept = subprocess.run(
        ["git", "check-ignore", "-q", "analyses/README.md"], cwd=REPO, check=False
    )
    assert ignored.returncode == 0 and kept.returncode == 1
    assert "analyses/" in (REPO / "README.md").read_text(encoding="utf-8")
