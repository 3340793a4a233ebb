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

#: Path of the shipped ``.mplstyle`` file.
STYLE_PATH: Path = Path(str(resources.files("smartresearch.plots") / "smartresearch.mplstyle"))


def use_style() -> None:
    """Apply the house style for the rest of the session (e.g. at the top of a notebook)."""
    matplotlib.style.use(STYLE_PATH)


@contextmanager
def style_context() -> Iterator[None]:
    """Apply the house style inside a ``with`` block and restore the previous rcParams after.

    Figures should be both created and saved inside the block: sizes and fonts are read
    when artists are made, the SVG salt and DPI when the file is written.
    """
    with matplotlib.style.context(STYLE_PATH):
        yield
