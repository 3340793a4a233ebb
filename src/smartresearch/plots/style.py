"""The house style, installed only through matplotlib's public style API.

The style lives in ``smartresearch.mplstyle`` next to this module (shipped as package
data), so users can also apply it without our code: ``plt.style.use(STYLE_PATH)``.
We never touch matplotlib's style library or internals: ``use_style`` calls
``matplotlib.style.use`` and ``style_context`` wraps ``matplotlib.style.context``, which
restores every rcParam on exit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import matplotlib.style
import pandas as pd

#: Path of the shipped ``.mplstyle`` file.
STYLE_PATH: Path = Path(str(resources.files("smartresearch.plots") / "smartresearch.mplstyle"))


#: pandas display options for published notebooks: a cell's text is never cut to "…" and
#: no column is hidden (the report shows every table in full; long ones belong in
#: :func:`smartresearch.tables.table`, which wraps text instead of cutting it).
PANDAS_DISPLAY: dict[str, object] = {
    "display.max_colwidth": None,
    "display.max_columns": None,
    "display.width": None,
}


def use_style() -> None:
    """Apply the house style for the rest of the session (e.g. at the top of a notebook).

    Every notebook calls this once at the top, so it is also the one place that sets the
    pandas display options published tables need (:data:`PANDAS_DISPLAY`): without them
    pandas cuts long cells to "…" in the report. Figures display at the style's
    ``figure.dpi`` (200), sharp on screen and in the PDF.
    """
    matplotlib.style.use(STYLE_PATH)
    for option, value in PANDAS_DISPLAY.items():
        pd.set_option(option, value)


@contextmanager
def style_context() -> Iterator[None]:
    """Apply the house style inside a ``with`` block and restore the previous rcParams after.

    Figures should be both created and saved inside the block: sizes and fonts are read
    when artists are made, the SVG salt and DPI when the file is written.
    """
    with matplotlib.style.context(STYLE_PATH):
        yield
