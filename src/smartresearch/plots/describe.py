"""One way to present a figure's computed description under it: collapsed, readable, the same
on every page.

Every chart records a one-sentence description computed from what it drew
(:func:`smartresearch.plots.alt_text`). Printed with ``print`` it became a monospace line
running off the page; shown as a Markdown paragraph it looked different again. Make it the
last expression of the cell after the figure instead::

    srp.describe(ax)          # or a Figure, or the array of Axes small multiples return

The cell then outputs Markdown: in the HTML report (Quarto or the plain export) a
collapsed ``<details>`` block headed "Description"; in the Typst PDF, where raw HTML tags
are dropped, the sentence as an ordinary paragraph. The text comes from data (country and
document names), so it is escaped: it can never inject markup into the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

from smartresearch.plots.alt import alt_text
from smartresearch.plots.figdata import MIME, payload

#: The summary line of every description block.
SUMMARY = "Description"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def _escape(text: str) -> str:
    """Text shown literally in Markdown: HTML escaped, Markdown emphasis/link characters too."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


class Description:
    """A figure description as displayed output (``_repr_markdown_``) and as plain text.

    ``data`` is the figure's published data (:func:`smartresearch.plots.figdata.payload`);
    it travels with the output under its own MIME type, which the report build takes out
    of the executed notebook and writes as the figure's CSV and metadata files.
    """

    def __init__(self, text: str, data: dict | None = None) -> None:
        self.text = text
        self.data = data

    def markdown(self) -> str:
        # Blank lines around the sentence: Pandoc and nbconvert parse it as Markdown inside
        # the HTML block, and Typst, which drops the tags, keeps it as a paragraph.
        return (
            f'<details class="figure-description">\n<summary>{SUMMARY}</summary>\n\n'
            f"{_escape(self.text)}\n\n</details>\n"
        )

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle: dict = {"text/markdown": self.markdown()}
        if self.data is not None:
            bundle[MIME] = self.data
        return bundle

    def __repr__(self) -> str:
        return f"{SUMMARY}: {self.text}"


def describe(target: Axes | Figure | SubFigure | np.ndarray | Sequence[Axes]) -> Description:
    """The computed description of the chart drawn on ``target``, for display under it.

    Raises ``LookupError`` (from :func:`alt_text`) when no chart recorded one, and
    ``ValidationError`` when the data a chart recorded is not what it drew.
    """
    return Description(alt_text(target), payload(target))
