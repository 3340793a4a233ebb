"""Execute the analysis notebooks: in memory, in parallel, and only when their inputs changed.

The committed notebooks are never written: each is read, optionally parameterised
(papermill-style, after its cell tagged ``parameters``), run by nbclient with the
``python3`` kernel in ``notebooks/`` (so relative paths behave as in JupyterLab), and the
executed copy is written atomically to ``report/chapters/``, where Quarto renders it.

An executed copy records a fingerprint of everything its results depend on (the
notebook, its parameters, the package source, the project's data, the mirror's corpus and
research files, the Python version) in its metadata; when the fingerprint still matches,
the notebook is not run again. That is what makes a second build with nothing changed
fast, and keeps it correct: any change to an input re-runs the notebooks. Without
``SMARTRESEARCH_MIRROR`` the mirror's part of the fingerprint is the one the copy recorded
(see :class:`~smartresearch.reporting.fingerprint.SharedInputs`), so that Quarto's
pre-render step, which may inherit no mirror, still finds current chapters current.
"""

from __future__ import annotations

import ast
import asyncio
import copy
import json
import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartresearch._io import atomic_write_text
from smartresearch.config import MIRROR_ENV, data_dir
from smartresearch.errors import SmartResearchError, ValidationError
from smartresearch.reporting.crossrefs import escape_markdown_outputs
from smartresearch.reporting.figure_data import take_figure_data
from smartresearch.reporting.fingerprint import SharedInputs, files_under, fingerprint
from smartresearch.reporting.kernels import (
    connection_folder,
    kernel_config,
    kernel_env,
    kill_kernel_process,
)
from smartresearch.reporting.layout import ReportLayout
from smartresearch.reporting.outputs import html_as_raw_markdown, stable_text

if TYPE_CHECKING:  # nbformat and nbclient load only when a notebook has to run
    import nbformat

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
#: The first cell the tests add to make every warning an error. ipykernel's own shutdown
#: handler warns about ipykernel itself (a PendingDeprecationWarning that its authors
#: must act on, not us); as an error it would print a traceback after the last cell.
WARNINGS_AS_ERRORS_SOURCE = (
    "import warnings\n"
    "warnings.simplefilter('error')\n"
    "warnings.filterwarnings('ignore', category=PendingDeprecationWarning, module='ipykernel')"
)
#: File, in the kernel's private folder, that receives the kernel process's stderr.
KERNEL_LOG = "kernel-stderr.log"
#: Last lines of that log an error message quotes.
KERNEL_LOG_LINES = 40
#: Terminal colour codes in IPython tracebacks: noise in a log file or a CI page.
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


#: ``progress(event, notebook name, finished, total)``: see :func:`execute_notebooks`.
Progress = Callable[[str, str, int, int], None]


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
    #: What the kernel process itself logged while the cells ran (see :func:`_run`).
    kernel_log: tuple[str, ...] = ()
    #: The executed notebook when it was run now (None when the cached copy was kept).
    node: nbformat.NotebookNode | None = field(default=None, repr=False, compare=False)


def shared_inputs_fingerprint(layout: ReportLayout) -> SharedInputs:
    """Fingerprint of the inputs every notebook shares (package, data, mirror texts)."""
    package = Path(__file__).resolve().parents[1]
    local = fingerprint(
        files_under(package, data_dir()),
        base=layout.root,
        extra=[f"python {sys.version}", f"kernel {KERNEL}"],
    )
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    if not mirror:
        return SharedInputs(local, None)
    root = Path(mirror)
    return SharedInputs(
        local, fingerprint(files_under(*(root / sub for sub in MIRROR_INPUTS)), base=root)
    )


def parameters_cell_index(nb: Mapping[str, Any]) -> int | None:
    """Index of the cell tagged ``parameters`` (a NotebookNode or the notebook's JSON)."""
    for index, cell in enumerate(nb.get("cells", [])):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") == "code" and "parameters" in tags:
            return index
    return None


def declared_parameters(nb: Mapping[str, Any]) -> tuple[str, ...]:
    """Names the ``parameters`` cell assigns (``name = ...``), in order; () without one.

    The cell is parsed, never run: these names are the only ones ``-p NAME VALUE`` may set.
    """
    index = parameters_cell_index(nb)
    if index is None:
        return ()
    source = nb["cells"][index].get("source", "")
    source = "".join(source) if isinstance(source, list) else source
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ()
    names: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            if isinstance(target, ast.Name) and target.id not in names:
                names.append(target.id)
    return tuple(names)


def check_parameters(name: str, declared: Sequence[str], parameters: Mapping[str, object]) -> None:
    """Refuse a parameter the notebook's ``parameters`` cell does not declare, or a bad value.

    This is what keeps ``-p NAME VALUE`` data: NAME must be one of the declared names
    (so never code), VALUE must be plain data (see :func:`parameter_literal`).
    """
    unknown = [key for key in parameters if key not in declared]
    if unknown:
        known = ", ".join(declared) if declared else "none (it has no cell tagged 'parameters')"
        raise ValidationError(
            f"{name} has no parameter {', '.join(repr(k) for k in unknown)}; "
            f"the parameters it declares are: {known}"
        )
    for key, value in parameters.items():
        parameter_literal(value, name=f"{name} parameter {key!r}")


def parameter_literal(value: object, *, name: str = "parameter") -> str:
    """``value`` as a Python literal, when it is plain data (str, number, bool, None, lists
    and dicts of them); :class:`ValidationError` otherwise. ``ast.literal_eval`` of the
    result gives ``value`` back, which the injected cell relies on."""

    def check(item: object) -> None:
        if item is None or isinstance(item, (str, bool, int)):
            return
        if isinstance(item, float):
            if not math.isfinite(item):
                raise ValidationError(f"{name}: {item!r} is not a finite number")
            return
        if isinstance(item, (list, tuple)):
            for element in item:
                check(element)
            return
        if isinstance(item, dict):
            for key, element in item.items():
                if not isinstance(key, str):
                    raise ValidationError(f"{name}: dictionary key {key!r} is not text")
                check(element)
            return
        raise ValidationError(f"{name}: {type(item).__name__} values cannot be passed")

    check(value)
    literal = repr(value)
    if ast.literal_eval(literal) != value:  # pragma: no cover - guarded by check()
        raise ValidationError(f"{name}: {value!r} does not survive as a literal")
    return literal


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


def input_fingerprint(notebook: Path, parameters: Mapping[str, object], shared: str) -> str:
    params = json.dumps(dict(parameters), sort_keys=True, default=str)
    return fingerprint([notebook], base=notebook.parent, extra=[shared, f"parameters {params}"])


def recorded_inputs(executed: Path) -> Mapping[str, Any] | None:
    """The record an executed copy keeps of its inputs, or None if there is no usable copy."""
    try:
        with open(executed, encoding="utf-8") as handle:
            record = json.load(handle).get("metadata", {}).get(METADATA_KEY)
    except (OSError, ValueError, AttributeError):
        return None
    return record if isinstance(record, dict) else None


def plain_text(message: str) -> str:
    """``message`` without terminal colour codes."""
    return _ANSI_ESCAPE.sub("", message)


def _warning_lines(nb: nbformat.NotebookNode) -> tuple[str, ...]:
    lines: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                lines += [ln for ln in output.get("text", "").splitlines() if "Warning" in ln]
    return tuple(lines)


async def _run(nb: nbformat.NotebookNode, *, cwd: Path, name: str) -> tuple[str, ...]:
    """Execute ``nb`` in place with a fresh kernel (see :mod:`.kernels` for its transport).

    Returns what the kernel process logged on its own stderr while the cells ran. The
    kernel's stderr goes to a file in its private folder rather than to the build's
    stderr: what it logs while running the notebook is returned (and put in the error
    when the notebook fails), what it logs while being shut down after the last cell is
    not the notebook's business and is dropped with the folder. ipykernel 7.4 can log a
    ``ZMQError`` traceback there when its IOPub socket closes under a last flush
    (ipython/ipykernel#1518), a race with no bearing on the executed notebook.
    """
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    with connection_folder() as folder:
        log = KernelLog(folder / KERNEL_LOG)
        client = _client_class()(
            nb,
            kernel_name=KERNEL,
            timeout=CELL_TIMEOUT,
            record_timing=False,  # timings would make executed copies differ run to run
            resources={"metadata": {"path": str(cwd)}},
            config=kernel_config(folder),
            on_cell_executed=log.mark,
            # Stop the kernel at once when the notebook is done or the build is interrupted:
            # a graceful shutdown waits up to 5 s for a busy kernel, which Ctrl-C must not.
            shutdown_kernel="immediate",
        )
        with log.path.open("wb") as sink:
            try:
                await client.async_execute(env=kernel_env(), stderr=sink)
            except CellExecutionError as exc:
                raise NotebookExecutionError(
                    f"notebook {name} failed:\n{plain_text(str(exc))}{log.section()}"
                ) from None
            except CellTimeoutError:
                raise NotebookExecutionError(
                    f"notebook {name} failed: a cell ran for more than {CELL_TIMEOUT} s"
                    f"{log.section()}"
                ) from None
            except DeadKernelError as exc:
                raise NotebookExecutionError(
                    f"notebook {name} failed: its kernel died ({exc}){log.section(whole=True)}"
                ) from None
        return log.lines()


class KernelLog:
    """The kernel process's own stderr, in a file, and how much of it the cells produced.

    :meth:`mark` is nbclient's ``on_cell_executed`` hook: after each cell it records how
    long the file is, so that what came later (the shutdown) can be told apart.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.during_cells = 0

    def mark(self, **_: object) -> None:
        self.during_cells = self.path.stat().st_size

    def text(self, *, whole: bool = False) -> str:
        try:
            data = self.path.read_bytes()
        except OSError:
            return ""
        kept = data if whole else data[: self.during_cells]
        return plain_text(kept.decode("utf-8", errors="replace"))

    def lines(self) -> tuple[str, ...]:
        return tuple(line for line in self.text().splitlines() if line.strip())

    def section(self, *, whole: bool = False) -> str:
        """The log as a block to append to an error message ('' when it is empty)."""
        body = self.text(whole=whole).rstrip()
        if not body.strip():
            return ""
        tail = body.splitlines()[-KERNEL_LOG_LINES:]
        return "\n\nthe kernel's own log:\n" + "\n".join(f"  {line}" for line in tail)


@contextmanager
def _interrupt_cancels(tasks: Sequence[asyncio.Future[Any]]) -> Iterator[list[bool]]:
    """While the notebooks run, Ctrl-C (SIGINT) cancels every one of them at once.

    Cancelling a task makes nbclient shut its kernel down (``shutdown_kernel="immediate"``
    kills it), so the build can stop within a second or two. The yielded list is truthy
    once interrupted; what the cancelled notebooks raise meanwhile (a kernel that saw the
    terminal's Ctrl-C too, nbclient's own watcher tasks) is not the user's business and is
    kept off stderr. Where signal handlers cannot be added (not the main thread, Windows)
    Python's default KeyboardInterrupt applies.
    """
    import signal

    loop = asyncio.get_running_loop()
    interrupted: list[bool] = []

    def on_interrupt() -> None:
        if not interrupted:
            interrupted.append(True)
            loop.set_exception_handler(lambda _loop, _context: None)
        for task in tasks:
            task.cancel()

    try:
        loop.add_signal_handler(signal.SIGINT, on_interrupt)
    except (NotImplementedError, RuntimeError, ValueError):
        yield interrupted
        return
    _SIGINT_HANDLER[:] = [on_interrupt]
    try:
        yield interrupted
    finally:
        _SIGINT_HANDLER.clear()
        loop.remove_signal_handler(signal.SIGINT)


#: The running build's SIGINT handler. nbclient installs its own for each notebook (which
#: shuts down only that notebook's kernel) and removes it when the notebook ends (leaving
#: none); :func:`_client_class` takes SIGINT back each time.
_SIGINT_HANDLER: list[Callable[[], None]] = []


def _reclaim_sigint() -> None:
    if _SIGINT_HANDLER:
        import signal

        asyncio.get_running_loop().add_signal_handler(signal.SIGINT, _SIGINT_HANDLER[0])


def _client_class() -> type:
    """nbclient's ``NotebookClient``, with SIGINT left to the build (see above)."""
    import atexit
    from contextlib import asynccontextmanager

    from nbclient import NotebookClient

    class Client(NotebookClient):  # type: ignore[misc]
        async def async_start_new_kernel(self, **kwargs: Any) -> None:
            _reclaim_sigint()  # nbclient has just installed its handler; starting takes ~1 s
            await super().async_start_new_kernel(**kwargs)

        @asynccontextmanager
        async def async_setup_kernel(self, **kwargs: Any) -> Any:
            try:
                async with super().async_setup_kernel(**kwargs):
                    _reclaim_sigint()
                    yield
            finally:
                _reclaim_sigint()
                # a start cancelled by Ctrl-C is outside nbclient's cleanup: the kernel
                # process may still run, and must die before its folder is removed
                kill_kernel_process(getattr(self, "km", None))
                # nbclient unregisters its at-exit cleanup only when its own cleanup
                # finished; when cancelled, the kernel is gone and that would only complain
                atexit.unregister(self._cleanup_kernel)

    return Client


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


def validate_parameters(paths: Sequence[Path], params: Mapping[str, object]) -> None:
    """Check ``params`` against every selected notebook's ``parameters`` cell, before any runs.

    Notebooks without such a cell take no parameters; if none of the selected has one,
    the parameters would go nowhere, which is refused too.
    """
    declaring = []
    for path in paths:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # reported when the notebook is run
        if parameters_cell_index(raw) is not None:
            declaring.append(path)
            check_parameters(path.name, declared_parameters(raw), params)
    if not declaring:
        raise ValidationError(
            f"parameters {sorted(params)} were given but none of the selected notebooks "
            f"({', '.join(p.name for p in paths) or 'none'}) has a cell tagged 'parameters'"
        )


def pending_notebooks(
    layout: ReportLayout,
    paths: Sequence[Path],
    params: Mapping[str, object],
    shared: SharedInputs,
    *,
    force: bool = False,
) -> list[Path]:
    """The notebooks of ``paths`` that would run (their executed copy is missing or stale)."""
    if force:
        return list(paths)
    pending = []
    for path in paths:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pending.append(path)
            continue
        own = params if parameters_cell_index(raw) is not None else {}
        record = recorded_inputs(layout.executed_path(path)) or {}
        shared_key, _ = shared.key(record.get("mirror_sha256"))
        if record.get("inputs_sha256") != input_fingerprint(path, own, shared_key):
            pending.append(path)
    return pending


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
                kernel_log = await _run(nb, cwd=path.parent, name=path.name)
            finally:
                finished += 1
            seconds = time.perf_counter() - start
            tell("done", path)
        if warnings_as_errors:
            without_warnings_cell(nb)
        escape_markdown_outputs(nb)  # text from data reaches Pandoc as text, never as HTML
        take_figure_data(nb, path.name)  # each figure's CSV payload, by its fig- label
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
    with _interrupt_cancels(tasks) as interrupted:
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
