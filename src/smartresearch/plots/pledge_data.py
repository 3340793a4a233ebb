"""The pledge tracker's input: a tidy table of dated points, and its dates as years.

:func:`pledge_points` turns the corpus module's pledge and observation tables into the
``points`` that :func:`smartresearch.plots.plot_pledge_tracker` draws, so the chart does
not depend on how the corpus module extracts pledges.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from smartresearch.errors import ValidationError
from smartresearch.plots import _data
from smartresearch.plots.pledge_words import CHART


def decimal_years(dates: pd.Series, *, source: pd.DataFrame) -> pd.Series:
    """Dates as decimal years (2019-02-01 -> 2019.083), from datetimes, ISO text or numbers."""
    if pd.api.types.is_numeric_dtype(dates):
        return dates.astype(float)
    try:
        parsed = (
            pd.to_datetime(dates, format="ISO8601")
            if not pd.api.types.is_datetime64_any_dtype(dates)
            else dates
        )
    except (ValueError, TypeError):
        bad = []
        for value in dates:
            try:
                pd.to_datetime(value, format="ISO8601")
            except (ValueError, TypeError):
                bad.append(repr(value))
        raise ValidationError(
            f"{CHART}: column 'date' of {_data.origin(source)} holds values that are not "
            f"ISO dates or decimal years: {sorted(set(bad))[:5]}"
        ) from None
    # Months are twelfths of a year, so the month read back from a position is exact.
    within_month = (parsed.dt.day - 1) / parsed.dt.days_in_month
    return parsed.dt.year + (parsed.dt.month - 1 + within_month) / 12


def pledge_points(pledge: Mapping[str, object], observations: pd.DataFrame) -> pd.DataFrame:
    """The ``points`` of one pledge, from the corpus module's tables.

    ``pledge`` is one row of ``load_pledges()`` or ``pledge_verdicts()`` (uses
    ``pledge_id``, ``unit``, ``target_value``, ``deadline`` and, if present,
    ``projected_value`` and ``direction``); ``observations`` is ``load_pledge_observations()`` (uses
    ``pledge_id``, ``date``, ``value``, ``unit``). Only observations in the pledge's own
    unit are drawn against its target, as the verdicts compare only those.
    """
    for key in ("pledge_id", "unit", "target_value", "deadline"):
        if key not in pledge:
            raise ValidationError(
                f"pledge_points: the pledge row has no {key!r}; it has {list(pledge)}"
            )
    _data.require_columns(
        observations, ("pledge_id", "date", "value", "unit"), chart="pledge_points"
    )
    own = observations[
        (observations["pledge_id"] == pledge["pledge_id"])
        & (observations["unit"] == pledge["unit"])
    ]
    points = [
        pd.DataFrame(
            {"date": pd.to_datetime(own["date"]), "value": own["value"], "kind": "observed"}
        )
    ]
    deadline = pd.to_datetime(pledge["deadline"])
    extra = []
    if pd.notna(deadline) and pd.notna(pledge["target_value"]):
        extra.append({"date": deadline, "value": float(pledge["target_value"]), "kind": "target"})
    projected = pledge.get("projected_value") if hasattr(pledge, "get") else None
    if pd.notna(deadline) and projected is not None and pd.notna(projected):
        extra.append({"date": deadline, "value": float(projected), "kind": "projection"})
    if extra:
        points.append(pd.DataFrame(extra))
    frame = pd.concat(points, ignore_index=True) if len(points) > 1 else points[0]
    frame = frame.assign(note="")
    if "direction" in pledge and pd.notna(pledge["direction"]):
        frame["direction"] = str(pledge["direction"])
    return frame.reset_index(drop=True)
