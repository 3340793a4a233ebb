"""One-off parameterised runs (``build -p``, ``smartresearch profile``), beside the report.

A one-off run executes the selected notebooks with the given parameters into a folder of
its own, never ``report/chapters/``, and exports them there as HTML (and PDF with Quarto):
the report's own chapters are left as they are. The outputs are made in a staging folder
and swapped in whole, so a failed run leaves the previous outputs untouched.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from smartresearch.config import mirror_root
from smartresearch.reporting.book import select_notebooks
from smartresearch.reporting.console import progress_display, say
from smartresearch.reporting.execute import execute_notebooks
from smartresearch.reporting.freshness import pending_notebooks, shared_inputs_fingerprint
from smartresearch.reporting.layout import ReportLayout
from smartresearch.reporting.parameters import validate_parameters
from smartresearch.reporting.quarto import quarto_executable

#: Where one-off parameterised runs go (``build -p``, ``smartresearch profile``): never
#: ``report/chapters/``, which holds the report's own chapters.
PROFILES_DIR = "_profiles"


@dataclass(frozen=True)
class OneOffLayout(ReportLayout):
    """A layout whose executed copies and HTML go to ``out``, leaving the report alone."""

    out: Path = Path()

    @property
    def chapters_dir(self) -> Path:
        return self.out

    @property
    def html_dir(self) -> Path:
        return self.out

    @property
    def figure_data_href(self) -> str:
        """A one-off's figure data is written beside its pages (``out/data/``)."""
        return "data"


def one_off_folder(layout: ReportLayout, parameters: Mapping[str, object]) -> Path:
    """``report/_profiles/<values>/``: a folder named by the parameters' values."""
    import re

    label = "-".join(str(v) for v in parameters.values()) or "default"
    return layout.report_dir / PROFILES_DIR / re.sub(r"[^A-Za-z0-9_.-]+", "_", label)[:80]


def build_one_off(
    layout: ReportLayout,
    notebooks: Sequence[str] | None,
    parameters: Mapping[str, object],
    *,
    out: Path | None = None,
    force: bool = False,
    title: str | None = None,
    stem: str | None = None,
) -> int:
    """Run parameterised notebooks into ``out`` (default :func:`one_off_folder`) and export
    them there as HTML (and PDF when Quarto is installed); the report is not touched.

    ``out`` must be a folder the run may own (:func:`.output_folder.check_output_folder`);
    the outputs are made in a staging folder and swapped in whole. ``title`` and ``stem``
    name a single notebook's page and files (a profile: "Estonia: country profile",
    ``estonia-profile.html``) instead of the notebook's own.
    """
    from smartresearch.reporting.output_folder import (
        check_output_folder,
        staged_output,
        stale_staging_folders,
    )

    selected = select_notebooks(layout, notebooks)
    validate_parameters(selected, parameters)
    final = check_output_folder(Path(out or one_off_folder(layout, parameters)), layout)
    for leftover in stale_staging_folders(final.parent):
        shutil.rmtree(leftover, ignore_errors=True)
    shared = shared_inputs_fingerprint(layout)
    previous = OneOffLayout(layout.root, out=final)
    if pending_notebooks(previous, selected, parameters, shared, force=force):
        mirror_root()
    with staged_output(final) as staging:
        target = OneOffLayout(layout.root, out=staging)
        with progress_display() as progress:
            runs = execute_notebooks(
                target,
                selected,
                parameters=parameters,
                force=force,
                shared=shared,
                progress=progress,
            )
        runs = [r for r in runs if r.executed.parent == staging and r.executed.is_file()]
        data = _write_figure_data([r.executed for r in runs], staging, layout.root)
        written = data + _export_one_off(
            [r.executed for r in runs],
            staging,
            title=title,
            stem=stem,
            pdf_options=book_print_options(layout),
        )
    say(f"report: written to {final}: " + ", ".join(p.name for p in written))
    return 0


#: The book's Typst options a one-off's PDF takes over (report/_quarto.yml, format typst).
#: Without the print rules (include-in-header) a long table did not break across pages and
#: its last rows were printed over each other at the foot of the page.
PRINT_KEYS = ("papersize", "fontsize", "include-in-header")


def book_print_options(layout: ReportLayout) -> list[str]:
    """``-M key:value`` options giving a one-off's PDF the book's page, type and print rules,
    read from the book's own configuration (a header path made absolute), without code."""
    import yaml

    config = {}
    if layout.config_file.is_file():
        config = yaml.safe_load(layout.config_file.read_text(encoding="utf-8")) or {}
    typst = ((config.get("format") or {}).get("typst")) or {}
    metadata = ["echo:false"]
    for key in PRINT_KEYS:
        value = typst.get(key)
        if key == "include-in-header" and isinstance(value, str):
            value = (layout.report_dir / value).resolve()
        if isinstance(value, str | Path):
            metadata.append(f"{key}:{value}")
    return [part for item in metadata for part in ("-M", item)]


def _write_figure_data(executed: Sequence[Path], folder: Path, root: Path) -> list[Path]:
    """The data behind the one-off's figures in ``folder/data/`` (CSV, metadata, archive),
    where the "Data behind this figure" links of its pages point; nothing without figures."""
    from smartresearch.reporting.figure_data import DATA_DIR, collect, figure_files, write_files

    payloads = collect(executed)
    if not payloads:
        return []
    write_files(folder / DATA_DIR, figure_files(payloads, root))
    return [folder / DATA_DIR]


def _export_one_off(
    executed: Sequence[Path],
    folder: Path,
    *,
    title: str | None,
    stem: str | None,
    pdf_options: Sequence[str] = (),
) -> list[Path]:
    """HTML (and, with Quarto, PDF) of each executed notebook, named ``stem`` and titled
    ``title`` when one notebook was run; the paths written. ``pdf_options`` go to Quarto's
    Typst render (the book's, :func:`book_print_options`)."""
    import nbformat

    from smartresearch._io import atomic_write_many
    from smartresearch.reporting.html_export import notebook_html, notebook_title

    single = len(executed) == 1
    files: dict[Path, bytes] = {}
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        name = (stem if single and stem else path.stem) + ".html"
        page_title = (title if single and title else None) or notebook_title(nb) or path.stem
        if single and title:
            nb = _retitled(nb, title)
            nbformat.write(nb, path)  # the PDF and the .ipynb carry the title too
        files[folder / name] = notebook_html(nb, page_title).encode("utf-8")
    atomic_write_many(files)
    written = sorted(files)
    quarto = quarto_executable()
    if quarto is not None:
        for path in executed:
            # Typst, as the book's PDF (no LaTeX needed), without code, with its print rules
            subprocess.run(
                [quarto, "render", str(path), "--to", "typst", "--no-execute", *pdf_options],
                cwd=folder,
                check=False,
                capture_output=True,
            )
            shutil.rmtree(folder / ".quarto", ignore_errors=True)
            pdf = path.with_suffix(".pdf")
            if pdf.is_file() and single and stem:
                pdf = pdf.rename(folder / f"{stem}.pdf")
            if pdf.is_file():
                written.append(pdf)
    return written


def _retitled(nb, title: str):
    """A copy of ``nb`` whose front-matter title is ``title`` (the page's heading)."""
    import copy

    import yaml

    from smartresearch.reporting.html_export import split_front_matter

    nb = copy.deepcopy(nb)
    if nb.cells and nb.cells[0].cell_type == "raw":
        front, _ = split_front_matter(nb.cells[0].source)
        front = dict(front or {}) | {"title": title}
        nb.cells[0].source = f"---\n{yaml.safe_dump(front, allow_unicode=True)}---"
    return nb
