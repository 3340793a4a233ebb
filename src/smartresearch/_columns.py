"""The one check every helper makes first: is the input a frame with the columns I need?

Analysis helpers, charts, the corpus tables, the chapters' answers and the report pages
all take tables from users' notebooks. When a column is missing, the analyst must learn
which input, which columns, and what the table has instead, without reading our code; each
caller adds only the hint that fits its own inputs.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from smartresearch.errors import ValidationError

#: A country's standing among its peers in one edition, as ``analysis.peer_views`` computes
#: it and ``plots.plot_peer_band`` draws it (one definition for both sides of that hand-over).
PEER_STANDING_COLUMNS: tuple[str, ...] = (
    "value",
    "peer_rank",
    "peer_n",
    "peer_median",
    "peer_min",
    "peer_max",
    "gap_to_median",
)


def require_columns(
    frame: pd.DataFrame, columns: Iterable[str], *, what: str, hint: str = ""
) -> None:
    """Raise unless ``frame`` is a DataFrame holding every one of ``columns``.

    ``what`` names the input in the message (a function and argument, or a file);
    ``hint`` says what to pass instead. A non-frame is a :class:`TypeError`, a missing
    column a :class:`~smartresearch.errors.ValidationError`.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what}: expected a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        message = f"{what}: missing column(s) {missing}; it has {list(frame.columns)}."
        raise ValidationError(f"{message} {hint}" if hint else message)
