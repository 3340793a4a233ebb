"""Execute the analysis notebooks: in memory, in parallel, and only when their inputs changed.

The committed notebooks are never written: each is read, optionally parameterised
(papermill-style, after its cell tagged ``parameters``), run by nbclient with the
``python3`` kernel in ``notebooks/`` (so relative paths behave as in JupyterLab), and the
executed copy is written atomically to ``report/chapters/``, where Quarto renders it.

An executed copy records a fingerprint of everything its results depend on (the
notebook, its parameters, the package source, the project's data, the mirror's corpus and
research files, the Python version) in its metadata; when the fingerprint still matches,
the notebook is not run again (:mod:`.freshness`). That is what makes a second build with
nothing changed fast, and keeps it correct: any change to an input re-runs the notebooks.
Without ``SMARTRESEARCH_MIRROR`` the mirror's part of the fingerprint is the one the copy
recorded (see :class:`~smartresearch.reporting.fingerprint.SharedInputs`), so that Quarto's
pre-render step, which may inherit no mirror, still finds current chapters current.

The parameters' checks are :mod:`.parameters`'; one notebook's run in its kernel is
:mod:`.notebook_runner`'s.
"""

from __future__ import annotations

import asyncio
import copy
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from smartresearch._io import atomic_write_text
from smartresearch.reporting.crossrefs import escape_markdown_outputs
from smartresearch.reporting.figure_data import take_figure_data
from smartresearch.reporting.fingerprint import SharedInputs
from smartresearch.reporting.freshness import (
    METADATA_KEY,
    input_fingerprint,
    recorded_inputs,
    shared_inputs_fingerprint,
)
from smartresearch.reporting.layout import ReportLayout
from smartresearch.reporting.notebook_runner import (
    NotebookExecutionError,
    interrupt_cancels,
    run_notebook,
)
from smartresearch.reporting.outputs import html_as_raw_markdown, stable_text
from smartresearch.reporting.parameters import (
    check_parameters,
    declared_parameters,
    parameter_literal,
    parameters_cell_index,
    validate_parameters,
)

if TYPE_CHECKING:  # nbformat and nbclient load only when a notebook has to run
    import nbformat

#: Notebooks executed at once (the project's machines have two cores).
WORKERS = 2
#: The first cell the tests add to make every warning an error. ipykernel's own shutdown
#: handler warns about ipykernel itself (a PendingDeprecationWarning that its authors
#: must act on, not us); as an error it would print a traceback after the last cell.
WARNINGS_AS_ERRORS_SOURCE = (
    "import warnings\n"
    "warnings.simplefilter('error')\n"
    "warnings.filterwarnings('ignore', category=PendingDeprecationWarning, module='ipykernel')"
)


#: ``progress(event, notebook name, finished, total)``: see :func:`execute_notebooks`.
Progress = Callable[[str, str, int, int], None]


@dataclass(frozen=True)
class NotebookRun:
    notebook: Path
    executed: Path
    seconds: float
    cached: bool
    #: stderr lines that mention a warning, so the build can show them.
    warnings: tuple[str, ...] = ()
    #: What the kernel process itself logged while the cells ran
    #: (see :func:`.notebook_runner.run_notebook`).
    kernel_log: tuple[str, ...] = ()
    #: The executed notebook when it was run now (None when the cached copy was kept).
    node: nbformat.NotebookNode | None = field(default=None, repr=False, compare=False)


def parameterise(
    nb: nbformat.NotebookNode, parameters: Mapping[str, object]
) -> nbformat.NotebookNode:
    """A copy with papermill's ``injected-parameters`` cell after the ``parameters`` cell.

    Same convention as papermill (a code cell tagged ``injected-parameters`` whose
    assignments override the defaults), written here because papermill's own helper
    expects notebooks normalised by its loader. Only names the ``parameters`` cell
    declares are accepted and values are written as checked literals, so what the cell
    holds is data whatever the caller passed (:func:`check_parameters`).
    """
    index = parameters_cell_index(nb)
    if index is None:
        raise NotebookExecutionError(
            "parameters were given but the notebook has no cell tagged 'parameters'"
        )
    declared = declared_parameters(nb)
    check_parameters("the notebook", declared, parameters)
    import nbformat

    out = copy.deepcopy(nb)
    body = "\n".join(
        f"{name} = {parameter_literal(value)}"
        for name, value in parameters.items()
        if name.isidentifier() and name in declared
    )
    cell = nbformat.v4.new_code_cell(f"# Parameters\n{body}\n")
    cell.metadata["tags"] = ["injected-parameters"]
    out.cells.insert(index + 1, cell)
    return out


def with_warnings_as_errors(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy whose first code cell turns every warning into an error (used by the tests)."""
    import nbformat

    out = copy.deepcopy(nb)
    out.cells.insert(0, nbformat.v4.new_code_cell(WARNINGS_AS_ERRORS_SOURCE))
    return out


def without_warnings_cell(nb: nbformat.NotebookNode) -> None:
    """Remove the cell :func:`with_warnings_as_errors` added, in place, and number the
    executions as if it had never run: the executed copy is then byte for byte the one a
    build writes, so the tests' run can stand for the build's (each notebook runs once)."""
    first = nb.cells[0] if nb.cells else None
    if first is None or first.get("source") != WARNINGS_AS_ERRORS_SOURCE:
        return
    del nb.cells[0]
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count"):
            cell.execution_count -= 1
        for output in cell.get("outputs", []):
            if output.get("execution_count"):
                output["execution_count"] -= 1


def _warning_lines(nb: nbformat.NotebookNode) -> tuple[str, ...]:
    lines: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                lines += [ln for ln in output.get("text", "").splitlines() if "Warning" in ln]
    return tuple(lines)


def execute_notebooks(
    layout: ReportLayout,
    notebooks: Sequence[Path] | None = None,
    *,
    parameters: Mapping[str, object] | None = None,
    force: bool = False,
    warnings_as_errors: bool = False,
    write: bool = True,
    workers: int = WORKERS,
    shared: SharedInputs | None = None,
    progress: Progress | None = None,
) -> list[NotebookRun]:
    """Execute ``notebooks`` (default: all) and write their executed copies.

    ``parameters`` go to every notebook that has a cell tagged ``parameters``.
    ``warnings_as_errors`` is for the tests: every warning is an error (the cell that makes
    it so is removed again, so what is written is what a build writes); with
    ``write=False`` nothing is written.
    ``shared`` is :func:`shared_inputs_fingerprint`, when the caller has it already.
    ``progress(event, notebook, done, total)`` is told when a notebook starts and ends
    (``event`` is ``"start"`` or ``"done"``), for the build's progress display.
    Raises :class:`NotebookExecutionError` naming every notebook that failed.
    """
    paths = list(notebooks) if notebooks is not None else layout.notebooks()
    params = dict(parameters or {})
    if params:
        validate_parameters(paths, params)
    shared = shared or shared_inputs_fingerprint(layout)
    return asyncio.run(
        _execute_all(
            layout, paths, params, shared, force, warnings_as_errors, write, workers, progress
        )
    )


async def _execute_all(
    layout: ReportLayout,
    paths: list[Path],
    params: dict[str, object],
    shared: SharedInputs,
    force: bool,
    warnings_as_errors: bool,
    write: bool,
    workers: int,
    progress: Progress | None = None,
) -> list[NotebookRun]:
    gate = asyncio.Semaphore(max(1, workers))
    finished = 0

    def tell(event: str, path: Path) -> None:
        if progress is not None:
            progress(event, path.name, finished, len(paths))

    async def one(path: Path) -> NotebookRun:
        text = path.read_text(encoding="utf-8")
        try:
            raw = json.loads(text)  # enough to decide whether to run, without nbformat
        except ValueError as exc:
            raise NotebookExecutionError(
                f"{path} is not a notebook (invalid JSON: {exc})"
            ) from None
        own = params if parameters_cell_index(raw) is not None else {}
        target = layout.executed_path(path)
        record = recorded_inputs(target) or {}
        shared_key, mirror = shared.key(record.get("mirror_sha256"))
        key = input_fingerprint(path, own, shared_key)
        nonlocal finished
        if write and not force and not warnings_as_errors and record.get("inputs_sha256") == key:
            finished += 1
            tell("done", path)
            return NotebookRun(path, target, 0.0, cached=True)
        import nbformat

        nb = nbformat.reads(text, as_version=4)
        if own:
            nb = parameterise(nb, own)
        if warnings_as_errors:
            nb = with_warnings_as_errors(nb)
        async with gate:
            tell("start", path)
            start = time.perf_counter()
            try:
                kernel_log = await run_notebook(nb, cwd=path.parent, name=path.name)
            finally:
                finished += 1
            seconds = time.perf_counter() - start
            tell("done", path)
        if warnings_as_errors:
            without_warnings_cell(nb)
        escape_markdown_outputs(nb)  # text from data reaches Pandoc as text, never as HTML
        # each figure's CSV payload, by its fig- label, linked from where the page will be
        take_figure_data(nb, path.name, href=layout.figure_data_href)
        stable_text(nb)  # no memory addresses: the same inputs give the same bytes
        html_as_raw_markdown(nb)  # no text/html output, so Quarto adds no CDN scripts
        nb.metadata[METADATA_KEY] = {
            "inputs_sha256": key,
            "mirror_sha256": mirror,
            "source": path.name,
            "parameters": own,
        }
        if write:
            atomic_write_text(target, nbformat.writes(nb))
        return NotebookRun(
            path,
            target,
            seconds,
            cached=False,
            warnings=_warning_lines(nb),
            kernel_log=kernel_log,
            node=nb,
        )

    tasks = [asyncio.ensure_future(one(p)) for p in paths]
    with interrupt_cancels(tasks) as interrupted:
        results = await asyncio.gather(*tasks, return_exceptions=True)
    if interrupted:
        raise KeyboardInterrupt
    failures = [r for r in results if isinstance(r, BaseException)]
    if failures:
        for failure in failures:
            if not isinstance(failure, NotebookExecutionError):
                raise failure
        raise NotebookExecutionError("\n\n".join(str(f) for f in failures))
    return [r for r in results if isinstance(r, NotebookRun)]
