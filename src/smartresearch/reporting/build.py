"""The report build: clean data, executed notebooks, generated pages, rendered site.

``build_report`` is what ``smartresearch report`` (and the README's first command) runs.
Each step is skipped when its inputs have not changed, so the second build with nothing
changed takes seconds. ``prepare`` is the part without rendering; it is also the Quarto
project's pre-render step, which is what makes a bare ``quarto render`` work from a clean
checkout while the committed notebooks stay clean (see ``_quarto.yml``); ``publish``
renders what ``prepare`` made. ``benchmark`` times a cold and a warm build end to end.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from smartresearch._io import atomic_write_text
from smartresearch._progress import progress_bar
from smartresearch.config import MIRROR_ENV, data_dir, mirror_root
from smartresearch.errors import SmartResearchError, ValidationError
from smartresearch.reporting.execute import (
    WORKERS,
    NotebookExecutionError,
    NotebookRun,
    Progress,
    execute_notebooks,
    pending_notebooks,
    shared_inputs_fingerprint,
    validate_parameters,
)
from smartresearch.reporting.fingerprint import SharedInputs, files_under, fingerprint
from smartresearch.reporting.guard import build_lock, remove_stale_files
from smartresearch.reporting.layout import (
    BIBLIOGRAPHY_FILE,
    METHODS_FILE,
    PROJECT_ROOT,
    REFERENCE_PAGE,
    SUMMARY_FILE,
    ReportLayout,
    default_layout,
)
from smartresearch.reporting.quarto import PREPARED_ENV, quarto_executable, render_if_changed

DATA_STAMP = "data.sha256"
PAGES_STAMP = "pages.sha256"
HTML_STAMP = "html.sha256"
#: Exit status of a build stopped by Ctrl-C (128 + SIGINT), as shells expect.
EXIT_INTERRUPTED = 130
#: Where one-off parameterised runs go (``build -p``, ``smartresearch profile``): never
#: ``report/chapters/``, which holds the report's own chapters.
PROFILES_DIR = "_profiles"
#: Generated pages, in the order the plain-HTML index lists them.
PAGE_TITLES = (
    (SUMMARY_FILE, "Summary"),
    (METHODS_FILE, "Methods and data"),
    (BIBLIOGRAPHY_FILE, "Bibliography"),
)


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


def say(message: str) -> None:
    print(message, flush=True)


@contextmanager
def progress_display() -> Iterator[Progress]:
    """Which notebook runs, for how long, and how many are left: a live bar on a terminal,
    one line per notebook started otherwise (CI logs)."""
    if not sys.stderr.isatty():
        start = time.perf_counter()

        def plain(event: str, name: str, done: int, total: int) -> None:
            if event == "start":
                say(
                    f"notebooks: running {name} ({total - done} of {total} left, "
                    f"{time.perf_counter() - start:.0f} s elapsed)"
                )

        yield plain
        return
    running: list[str] = []
    with progress_bar("notebooks") as update:

        def live(event: str, name: str, done: int, total: int) -> None:
            if event == "start":
                running.append(name)
            elif name in running:
                running.remove(name)
            update(", ".join(running), done, total)

        yield live


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


def is_current(stamp: Path, key: str, outputs: Sequence[Path]) -> bool:
    """Whether ``stamp`` records ``key`` and every output of that step still exists."""
    return (
        stamp.is_file()
        and stamp.read_text(encoding="utf-8") == key
        and all(p.is_file() for p in outputs)
    )


def write_generated_pages(
    layout: ReportLayout, *, shared: SharedInputs | None = None, force: bool = False
) -> list[Path]:
    """Methods, bibliography and summary Markdown for the report's pages to include.

    They depend on the same inputs as the notebooks (package, data, mirror texts), so the
    same fingerprint decides whether they are regenerated; the stamp records the mirror's
    part like an executed notebook does (see :class:`.fingerprint.SharedInputs`).
    """
    from smartresearch.reporting.api_reference import write_reference
    from smartresearch.reporting.colophon import write_colophon

    write_reference(layout, force=force)  # the API reference appendix, its own fingerprint
    # the PDF's title page: the toolkit's own CITATION.cff, whichever layout is built
    write_colophon(PROJECT_ROOT / "CITATION.cff", layout.build_dir)
    outputs = [layout.build_dir / name for name, _ in PAGE_TITLES]
    stamp = layout.build_dir / PAGES_STAMP
    shared = shared or shared_inputs_fingerprint(layout)
    key, mirror = shared.key(_recorded_mirror(stamp))
    record = json.dumps({"inputs_sha256": key, "mirror_sha256": mirror}, sort_keys=True)
    if not force and is_current(stamp, record, outputs):
        return outputs
    from smartresearch.chapters.summary import headline_markdown, load_tables, load_verdicts
    from smartresearch.reporting.crossrefs import safe_markdown
    from smartresearch.reporting.pages import write_pages

    write_pages(layout.build_dir)
    # names in the findings come from data: any markup or script link in them is text
    summary = safe_markdown(headline_markdown(load_tables(), load_verdicts()))
    atomic_write_text(layout.build_dir / SUMMARY_FILE, summary)
    atomic_write_text(stamp, record)
    return outputs


def _recorded_mirror(stamp: Path) -> str | None:
    """The mirror fingerprint a JSON stamp recorded (None if there is none)."""
    try:
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return recorded.get("mirror_sha256") if isinstance(recorded, dict) else None


def page_wrappers(layout: ReportLayout) -> dict[str, Path]:
    """Generated page file name -> the report page that includes it (``summary.md`` ->
    ``report/index.qmd``), so the plain export shows the page's own prose and figures too."""
    from smartresearch.reporting.html_export import INCLUDE

    found: dict[str, Path] = {}
    for page in sorted(layout.report_dir.glob("*.qmd")):
        for target in INCLUDE.findall(page.read_text(encoding="utf-8")):
            resolved = (page.parent / target).resolve()
            if resolved.parent == layout.build_dir.resolve():
                found[resolved.name] = page
    return found


def export_plain_html(
    layout: ReportLayout, executed: Sequence[Path], pages: Sequence[Path]
) -> Path:
    """Plain HTML of every executed notebook and page, redone only when one of them changed."""
    from smartresearch.reporting.html_export import INDEX, exporter_fingerprint

    index = layout.html_dir / INDEX
    reference = layout.reference_dir / REFERENCE_PAGE
    wrappers = page_wrappers(layout)
    sources = [
        *executed,
        *pages,
        *wrappers.values(),
        *([reference] if reference.is_file() else []),
    ]
    key = fingerprint(sources, base=layout.root, extra=[exporter_fingerprint()])
    stamp = layout.build_dir / HTML_STAMP
    if is_current(stamp, key, [index]):
        return index
    from smartresearch.reporting.html_export import export_html

    titles = dict(PAGE_TITLES)
    export_html(
        executed,
        [(titles[p.name], p) for p in pages],
        layout.html_dir,
        reference=reference if reference.is_file() else None,
        wrappers=wrappers,
    )
    atomic_write_text(stamp, key)
    return index


def write_published_data(layout: ReportLayout) -> None:
    """``report/data/``: every figure's data files and archive, and the explorer's dataset."""
    from smartresearch.reporting.explorer_data import write_explorer_data
    from smartresearch.reporting.figure_data import write_figure_files

    executed = [
        layout.executed_path(p) for p in layout.notebooks() if layout.executed_path(p).is_file()
    ]
    files, missing = write_figure_files(layout.report_dir, executed, layout.root)
    if (layout.report_dir / "explorer.qmd").is_file():  # a report with the explorer page
        write_explorer_data(layout.report_dir)
    say(f"data: {sum(n.endswith('.csv') for n in files)} figures' data files in report/data/.")
    for figure in missing:
        say(f"  warning: {figure} has no data file (not drawn by smartresearch.plots)")


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
        written = _export_one_off([r.executed for r in runs], staging, title=title, stem=stem)
    say(f"report: written to {final}: " + ", ".join(p.name for p in written))
    return 0


def _export_one_off(
    executed: Sequence[Path], folder: Path, *, title: str | None, stem: str | None
) -> list[Path]:
    """HTML (and, with Quarto, PDF) of each executed notebook, named ``stem`` and titled
    ``title`` when one notebook was run; the paths written."""
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
            # Typst, as the book's PDF (no LaTeX needed), without code
            subprocess.run(
                [quarto, "render", str(path), "--to", "typst", "--no-execute", "-M", "echo:false"],
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


@dataclass(frozen=True)
class TimedBuild:
    """One end-to-end build (:func:`prepare` then :func:`publish`) and its timings."""

    prepared: Prepared
    render_seconds: float
    seconds: float


def timed_build(layout: ReportLayout) -> TimedBuild:
    """Build the report end to end, as ``smartresearch report`` does, and time each step."""
    start = time.perf_counter()
    prepared = prepare(layout=layout)
    step = time.perf_counter()
    code = publish(layout, prepared)
    if code != 0:
        raise SmartResearchError(f"rendering failed with exit code {code}")
    end = time.perf_counter()
    return TimedBuild(prepared, end - step, end - start)


def pre_render_command(layout: ReportLayout) -> list[str] | None:
    """The ``project.pre-render`` command of ``report/_quarto.yml``, as arguments."""
    import yaml

    config_file = layout.config_file
    if not config_file.is_file():
        return None
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    command = config.get("project", {}).get("pre-render")
    return shlex.split(command) if isinstance(command, str) else None


def time_pre_render(layout: ReportLayout) -> tuple[list[str], float] | None:
    """Run the pre-render command as Quarto would (from the project folder, fresh process).

    Returns the command and its seconds, or None when the project has none or its
    program is not on PATH. Raises when the command fails, with its output.
    """
    command = pre_render_command(layout)
    if not command or shutil.which(command[0]) is None:
        return None
    env = {k: v for k, v in os.environ.items() if k != PREPARED_ENV}
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=layout.project_dir, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SmartResearchError(
            f"the pre-render step `{shlex.join(command)}` failed with exit code "
            f"{result.returncode}:\n{result.stdout}{result.stderr}"
        )
    return command, seconds


def benchmark_rows(builds: Mapping[str, TimedBuild]) -> list[tuple[str, dict[str, float | None]]]:
    """(step, seconds per build) rows; a notebook kept from the cache has None."""
    renderer = "Quarto" if quarto_executable() else "plain HTML export, no Quarto"
    rows: list[tuple[str, dict[str, float | None]]] = [
        ("data (clean tables)", {k: b.prepared.data_seconds for k, b in builds.items()}),
        (
            f"notebooks (wall time, {WORKERS} at a time)",
            {k: b.prepared.notebooks_seconds for k, b in builds.items()},
        ),
    ]
    runs = {k: {r.notebook.name: r for r in b.prepared.runs} for k, b in builds.items()}
    names = dict.fromkeys(name for by_name in runs.values() for name in by_name)
    for name in names:
        rows.append(
            (
                f"  {name}",
                {
                    k: None
                    if name not in by_name or by_name[name].cached
                    else by_name[name].seconds
                    for k, by_name in runs.items()
                },
            )
        )
    rows += [
        ("generated pages", {k: b.prepared.pages_seconds for k, b in builds.items()}),
        (f"render ({renderer})", {k: b.render_seconds for k, b in builds.items()}),
        ("total", {k: b.seconds for k, b in builds.items()}),
    ]
    return rows


def benchmark(*, layout: ReportLayout | None = None, pre_render: bool = True) -> dict[str, float]:
    """Time the report build end to end, cold and warm, per step and per notebook.

    Cold: ``report/chapters/`` and ``report/_build/`` are deleted first, so the clean
    tables are rebuilt, every notebook runs and every page is generated and rendered.
    Warm: the same build again with nothing changed. Rendering is Quarto's when it is
    installed, else the plain-HTML export. With ``pre_render``, the project's Quarto
    pre-render command is then timed in a fresh process (what a bare ``quarto render``
    pays when everything is current). Prints a table; returns seconds by
    ``"<cold|warm>: <step>"`` (cached notebooks left out) and ``"pre-render"``.
    """
    layout = layout or default_layout()
    for folder in (layout.chapters_dir, layout.build_dir):
        shutil.rmtree(folder, ignore_errors=True)
    builds = {"cold": timed_build(layout), "warm": timed_build(layout)}
    rows = benchmark_rows(builds)
    width = max(len(label) for label, _ in rows)
    say("\nbenchmark: report build end to end, seconds")
    say("  cold: report/chapters/ and report/_build/ deleted first; warm: nothing changed")
    say(f"  {'step':<{width}}  {'cold':>8}  {'warm':>8}")
    timings: dict[str, float] = {}
    for label, values in rows:
        cells = ["cached" if v is None else f"{v:.2f}" for v in values.values()]
        say(f"  {label:<{width}}  " + "  ".join(f"{c:>8}" for c in cells))
        timings.update({f"{k}: {label.strip()}": v for k, v in values.items() if v is not None})
    timed = time_pre_render(layout) if pre_render else None
    if timed is not None:
        command, seconds = timed
        timings["pre-render"] = seconds
        say(f"  Quarto's pre-render step with everything current, `{shlex.join(command)}`")
        say(f"  in a fresh process from the project root: {seconds:.2f}")
    return timings
