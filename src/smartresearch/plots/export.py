"""Writing figures: byte-identical files for identical data, written atomically.

matplotlib stamps SVG and PDF files with the current date and draws SVG element ids from a
random salt, so two runs over the same data differ. :func:`figure_bytes` removes both: it
renders under the house style's output settings (fixed ``svg.hashsalt``, glyphs as paths,
fixed DPI; read from ``smartresearch.mplstyle`` so they are defined once) and passes
metadata without dates. The chart's alt text is embedded as the file's description, so an
exported figure carries its own accessible description.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from smartresearch._io import atomic_write_bytes
from smartresearch.plots.alt import alt_text
from smartresearch.plots.style import STYLE_PATH

#: Formats we can make deterministic.
FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
_OUTPUT_PREFIXES = ("savefig.", "svg.", "pdf.")


@lru_cache(maxsize=1)
def _output_rc() -> dict[str, object]:
    """The house style's output settings (savefig.*, svg.*, pdf.*), read from the style file."""
    params = mpl.rc_params_from_file(STYLE_PATH, use_default_template=False)
    return {k: v for k, v in params.items() if k.startswith(_OUTPUT_PREFIXES)}


def _metadata(fmt: str, description: str | None) -> dict[str, str | None]:
    software = f"matplotlib {mpl.__version__} with smartresearch"
    if fmt == "png":
        meta: dict[str, str | None] = {"Software": software}
        if description:
            meta["Description"] = description
    elif fmt == "svg":
        meta = {"Date": None, "Creator": software}
        if description:
            meta["Description"] = description
    else:
        meta = {"CreationDate": None, "ModDate": None, "Creator": software}
        if description:
            meta["Subject"] = description
    return meta


def _figure_of(target: Figure | Axes) -> Figure:
    if isinstance(target, Axes):
        return target.get_figure(root=True)
    if isinstance(target, Figure):
        return target
    raise TypeError(f"expected a matplotlib Figure or Axes, got {type(target).__name__}")


def figure_bytes(
    target: Figure | Axes, fmt: str = "png", *, alt: str | None = None, dpi: float | None = None
) -> bytes:
    """Render a figure to ``fmt`` bytes deterministically (same figure -> same bytes).

    ``alt`` defaults to the alt text a chart recorded on the figure (if any); ``dpi``
    defaults to the house style's ``savefig.dpi``.
    """
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"figure format {fmt!r} is not supported; use one of {FORMATS}")
    fig = _figure_of(target)
    if alt is None:
        try:
            alt = alt_text(fig)
        except LookupError:
            alt = None
    buffer = io.BytesIO()
    with mpl.rc_context(_output_rc()):
        fig.savefig(
            buffer, format=fmt, metadata=_metadata(fmt, alt), **({"dpi": dpi} if dpi else {})
        )
    return buffer.getvalue()


def save_figure(
    target: Figure | Axes, path: str | Path, *, alt: str | None = None, dpi: float | None = None
) -> Path:
    """Write a figure to ``path`` (format from its suffix) atomically and deterministically.

    The file is rendered completely in memory first, so a failure leaves any previous file
    untouched. Returns the path written.
    """
    path = Path(path)
    data = figure_bytes(target, path.suffix, alt=alt, dpi=dpi)
    atomic_write_bytes(path, data)
    return path
