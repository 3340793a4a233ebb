"""What the build prints while it runs: one line per step, and the notebooks' progress.

Its own module because the report build (:mod:`.build`), the one-off runs (:mod:`.one_off`)
and the benchmark all speak the same way, and none of them should import another for it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from smartresearch._progress import progress_bar

if TYPE_CHECKING:
    from smartresearch.reporting.execute import Progress


def say(message: str) -> None:
    """One line on stdout, flushed at once (the build's lines interleave with kernels')."""
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
