"""Where the report's inputs and build products live.

One object holds every path so that the build, the Quarto configuration's pre-render
step, the tests (which point it at a scratch folder) and the checks agree, and so that
the mapping between a committed notebook and its executed copy is written once.

* ``notebooks/*.ipynb``  — committed, clean: no outputs, never written by the build.
* ``report/chapters/``   — executed copies that Quarto renders (ignored by git through
  ``report/.gitignore``). Not ``_``-prefixed: Quarto skips such paths even when listed in
  ``project.render``.
* ``report/reference/``  — the API reference page quartodoc writes from the docstrings
  (ignored by git), a book appendix.
* ``report/_build/``     — generated Markdown includes (methods, bibliography, summary),
  the data-build stamp and, without Quarto, plain HTML exports (ignored by git).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Generated Markdown pages in ``report/_build/`` that the report's .qmd pages include.
SUMMARY_FILE = "summary.md"
METHODS_FILE = "methods.md"
BIBLIOGRAPHY_FILE = "bibliography.md"
#: The API reference page in ``report/reference/`` (a book appendix).
REFERENCE_PAGE = "index.qmd"

#: The repository root: src/smartresearch/reporting/layout.py → three levels up.
PROJECT_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class ReportLayout:
    root: Path

    @property
    def notebooks_dir(self) -> Path:
        return self.root / "notebooks"

    @property
    def report_dir(self) -> Path:
        return self.root / "report"

    @property
    def project_dir(self) -> Path:
        """The Quarto project: ``report/`` holds ``_quarto.yml`` next to the book's home
        page, ``index.qmd`` (a book's home page must be ``index.*`` at the project root)."""
        return self.report_dir

    @property
    def config_file(self) -> Path:
        """The Quarto project's configuration, ``report/_quarto.yml``."""
        return self.project_dir / "_quarto.yml"

    @property
    def figure_data_href(self) -> str:
        """The published figure data (``report/data/``) as linked from an executed page:
        the site's chapters are in ``chapters/``."""
        return "../data"

    @property
    def chapters_dir(self) -> Path:
        return self.report_dir / "chapters"

    @property
    def reference_dir(self) -> Path:
        """The API reference quartodoc writes (``quartodoc.dir`` in ``report/_quarto.yml``)."""
        return self.report_dir / "reference"

    @property
    def build_dir(self) -> Path:
        return self.report_dir / "_build"

    @property
    def html_dir(self) -> Path:
        """Plain HTML exports written when Quarto is not installed."""
        return self.build_dir / "html"

    @property
    def site_dir(self) -> Path:
        return self.report_dir / "_site"

    def notebooks(self) -> list[Path]:
        """Committed notebooks, in file-name order (their chapter order)."""
        return sorted(
            p for p in self.notebooks_dir.glob("*.ipynb") if not p.name.endswith(".out.ipynb")
        )

    def executed_path(self, notebook: Path) -> Path:
        """Where the executed copy of a committed notebook is written."""
        return self.chapters_dir / notebook.name

    def source_notebook(self, executed: Path) -> Path:
        """The committed notebook an executed copy (or an embed target) was made from."""
        return self.notebooks_dir / executed.name


def default_layout() -> ReportLayout:
    return ReportLayout(PROJECT_ROOT)
