"""One notebook run in a fresh kernel: nbclient, the kernel's own log, and Ctrl-C.

:func:`run_notebook` executes a notebook in place (the kernel's transport is
:mod:`.kernels`'); :func:`interrupt_cancels` makes one Ctrl-C stop every notebook the
build runs at once, within a second or two, rather than waiting for busy kernels.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartresearch.errors import SmartResearchError
from smartresearch.reporting.kernels import (
    connection_folder,
    kernel_config,
    kernel_env,
    kill_kernel_process,
)

if TYPE_CHECKING:  # nbformat and nbclient load only when a notebook has to run
    import nbformat

#: The kernel every notebook runs in (so also part of an executed copy's fingerprint).
KERNEL = "python3"
#: Seconds one cell may run before the build gives up on the notebook.
CELL_TIMEOUT = 600
#: File, in the kernel's private folder, that receives the kernel process's stderr.
KERNEL_LOG = "kernel-stderr.log"
#: Last lines of that log an error message quotes.
KERNEL_LOG_LINES = 40
#: Terminal colour codes in IPython tracebacks: noise in a log file or a CI page.
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class NotebookExecutionError(SmartResearchError):
    """A notebook raised while executing; the message names the notebook and the cell."""


def plain_text(message: str) -> str:
    """``message`` without terminal colour codes."""
    return _ANSI_ESCAPE.sub("", message)


async def run_notebook(nb: nbformat.NotebookNode, *, cwd: Path, name: str) -> tuple[str, ...]:
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
def interrupt_cancels(tasks: Sequence[asyncio.Future[Any]]) -> Iterator[list[bool]]:
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
