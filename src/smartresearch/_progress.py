"""One live progress bar (rich, on stderr) for the CLI's data build and the report's notebooks.

Both show the same columns (title, bar, done of total, elapsed, what is running); they differ
only in what drives the bar, so the bar is made here once and each caller updates it.
rich is imported when a bar is made, never at import time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(title: str) -> Iterator[Callable[[str, int, int], None]]:
    """A transient bar on stderr, driven by ``update(description, done, total)`` calls."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(f"[bold]{title}[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True, highlight=False, soft_wrap=True),
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def update(description: str, done: int, total: int) -> None:
            progress.update(task, description=description, completed=done, total=total)

        yield update
