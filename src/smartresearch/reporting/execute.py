"""Execute the analysis notebooks: in memory, in parallel, and only when their inputs changed.

The committed notebooks are never written: each is read, optionally parameterised
(papermill-style, after its cell tagged ``parameters``), run by nbclient with the
``python3`` kernel in ``notebooks/`` (so relative paths behave as in JupyterLab), and the
executed copy is written atomically to ``report/chapters/``, where Quarto renders it.

An executed copy records a fingerprint of everything its results depend on (the
notebook, its parameters, the package source, the project's data, the mirror's corpus and
research files, the Python version) in its metadata; when the fingerprint still matches,
the notebook is not run again. That is what makes a second build with nothing changed
fast, and keeps it correct: any change to an input re-runs the notebooks.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from smartresearch._io import atomic_write_text
from smartresearch.config import MIRROR_ENV, data_dir
from smartresearch.errors import SmartResearchError
from smartresearch.reporting.fingerprint import files_under, fingerprint
from smartresearch.reporting.layout import ReportLayout

KERNEL = "python3"
#: Seconds one cell may run before the build gives up on the notebook.
CELL_TIMEOUT = 600
#: Notebooks executed at once (the project's machines have two cores).
WORKERS = 2
#: Key of this package's record in an executed notebook's metadata.
METADATA_KEY = "smartresearch"
#: Mirror folders whose files notebooks may read directly (the corpus and research facts);
#: the raw index files reach notebooks only through the clean tables in ``data/``.
MIRROR_INPUTS = ("corpus", "research")
#: The first cell the tests add to make every warning an error.
WARNINGS_AS_ERRORS_SOURCE = "import warnings\nwarnings.simplefilter('error')"


class NotebookExecutionError(SmartResearchError):
    """A notebook raised while executing; the message names the notebook and the cell."""


@dataclass(frozen=True)
class NotebookRun:
    notebook: Path
    executed: Path
    seconds: float
    cached: bool
    #: stderr lines that mention a warning, so the build can show them.
    warnings: tuple[str, ...] = ()
    #: The executed notebook when it was run now (None when the cached copy was kept).
    node: nbformat.NotebookNode | None = field(default=None, repr=False, compare=False)


def shared_inputs_fingerprint(layout: ReportLayout) -> str:
    """Fingerprint of the inputs every notebook shares (package, data, mirror texts)."""
    package = Path(__file__).resolve().parents[1]
    paths = files_under(package, data_dir())
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    extra = [f"python {sys.version}", f"kernel {KERNEL}"]
    if mirror:
        paths += files_under(*(Path(mirror) / sub for sub in MIRROR_INPUTS))
    return fingerprint(paths, base=layout.root, extra=extra)


def parameters_cell_index(nb: nbformat.NotebookNode) -> int | None:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return index
    return None


def parameterise(
    nb: nbformat.NotebookNode, parameters: Mapping[str, object]
) -> nbformat.NotebookNode:
    """A copy with papermill's ``injected-parameters`` cell after the ``parameters`` cell.

    Same convention as papermill (a code cell tagged ``injected-parameters`` whose
    assignments override the defaults), written here because papermill's own helper
    expects notebooks normalised by its loader. Values are written with ``repr``.
    """
    index = parameters_cell_index(nb)
    if index is None:
        raise NotebookExecutionError(
            "parameters were given but the notebook has no cell tagged 'parameters'"
        )
    out = copy.deepcopy(nb)
    body = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell(f"# Parameters\n{body}\n")
    cell.metadata["tags"] = ["injected-parameters"]
    out.cells.insert(index + 1, cell)
    return out


def with_warnings_as_errors(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy whose first code cell turns every warning into an error (used by the tests)."""
    out = copy.deepcopy(nb)
    out.cells.insert(0, nbformat.v4.new_code_cell(WARNINGS_AS_ERRORS_SOURCE))
    return out


def input_fingerprint(notebook: Path, parameters: Mapping[str, object], shared: str) -> str:
    params = json.dumps(dict(parameters), sort_keys=True, default=str)
    return fingerprint([notebook], base=notebook.parent, extra=[shared, f"parameters {params}"])


def recorded_fingerprint(executed: Path) -> str | None:
    """The fingerprint stored in an executed copy, or None if there is no usable copy."""
    try:
        with open(executed, encoding="utf-8") as handle:
            meta = json.load(handle).get("metadata", {})
    except (OSError, ValueError):
        return None
    return meta.get(METADATA_KEY, {}).get("inputs_sha256")


def _warning_lines(nb: nbformat.NotebookNode) -> tuple[str, ...]:
    lines: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                lines += [ln for ln in output.get("text", "").splitlines() if "Warning" in ln]
    return tuple(lines)


def _kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    # CI exports MPLBACKEND=Agg for scripts; inside a kernel that would hide every figure.
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    return env


async def _run(nb: nbformat.NotebookNode, *, cwd: Path, name: str) -> nbformat.NotebookNode:
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=CELL_TIMEOUT,
        record_timing=False,  # timings would make executed copies differ run to run
        resources={"metadata": {"path": str(cwd)}},
    )
    try:
        await client.async_execute(env=_kernel_env())
    except CellExecutionError as exc:
        raise NotebookExecutionError(f"notebook {name} failed:\n{exc}") from None
    return nb


def execute_notebooks(
    layout: ReportLayout,
    notebooks: Sequence[Path] | None = None,
    *,
    parameters: Mapping[str, object] | None = None,
    force: bool = False,
    warnings_as_errors: bool = False,
    write: bool = True,
    workers: int = WORKERS,
) -> list[NotebookRun]:
    """Execute ``notebooks`` (default: all) and write their executed copies.

    ``parameters`` go to every notebook that has a cell tagged ``parameters``.
    ``warnings_as_errors`` and ``write=False`` are for the tests: run, check, write nothing.
    Raises :class:`NotebookExecutionError` naming every notebook that failed.
    """
    paths = list(notebooks) if notebooks is not None else layout.notebooks()
    params = dict(parameters or {})
    shared = shared_inputs_fingerprint(layout)
    return asyncio.run(
        _execute_all(layout, paths, params, shared, force, warnings_as_errors, write, workers)
    )


async def _execute_all(
    layout: ReportLayout,
    paths: list[Path],
    params: dict[str, object],
    shared: str,
    force: bool,
    warnings_as_errors: bool,
    write: bool,
    workers: int,
) -> list[NotebookRun]:
    gate = asyncio.Semaphore(max(1, workers))

    async def one(path: Path) -> NotebookRun:
        nb = nbformat.read(path, as_version=4)
        own = params if parameters_cell_index(nb) is not None else {}
        key = input_fingerprint(path, own, shared)
        target = layout.executed_path(path)
        if write and not force and not warnings_as_errors and recorded_fingerprint(target) == key:
            return NotebookRun(path, target, 0.0, cached=True)
        if own:
            nb = parameterise(nb, own)
        if warnings_as_errors:
            nb = with_warnings_as_errors(nb)
        async with gate:
            start = time.perf_counter()
            await _run(nb, cwd=path.parent, name=path.name)
            seconds = time.perf_counter() - start
        nb.metadata[METADATA_KEY] = {
            "inputs_sha256": key,
            "source": path.name,
            "parameters": own,
        }
        if write:
            atomic_write_text(target, nbformat.writes(nb))
        return NotebookRun(
            path, target, seconds, cached=False, warnings=_warning_lines(nb), node=nb
        )

    results = await asyncio.gather(*(one(p) for p in paths), return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    if failures:
        for failure in failures:
            if not isinstance(failure, NotebookExecutionError):
                raise failure
        raise NotebookExecutionError("\n\n".join(str(f) for f in failures))
    return [r for r in results if isinstance(r, NotebookRun)]
