"""The words of a pledge tracker: readings, targets, dates and how a reading stands.

Kept apart from the drawing so the panel's labels and its alt text say a number the same
way: a percentage target is compared in percentage points, a floor is reached or a share
of it, a ceiling kept or exceeded (:func:`against_target`), and a decimal year reads as a
month ('Mar 2019', :func:`when`).
"""

from __future__ import annotations

import numpy as np

from smartresearch.wording import is_percentage, number, quantity

#: The chart these words serve, named in its error messages.
CHART = "plot_pledge_tracker"
#: Whether a target is a floor or a ceiling (the values of the pledge table's ``direction``).
DIRECTIONS: tuple[str, ...] = ("at least", "at most")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def reading(value: float, unit: str | None) -> str:
    """An observed value, short: '26.5%' for percentages, else the bare number ('3.9 million')
    (the unit is said once, with the target)."""
    return f"{number(value)}%" if is_percentage(unit) else number(value)


def _points_phrase(difference: float) -> str:
    written = number(difference)
    return f"{written} percentage point{'' if written == '1' else 's'}"


def against_target(value: float, target: float, direction: str, unit: str | None) -> str:
    """How an observed ``value`` stands against a ``target``, in words that fit its direction.

    A floor (``"at least"``) is reached ("at or above the target") or not yet, as a share
    of it ("16% of the target", never rounded up to 100%); a ceiling (``"at most"``) is
    kept ("9 percentage points under the ceiling") or exceeded. Targets that are
    percentages are compared in percentage points, since "80% of a 33% target" is not what
    a reader means.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"{CHART}: direction must be one of {list(DIRECTIONS)}, not {direction!r}")
    points = is_percentage(unit)
    gap = value - target
    if direction == "at least":
        if gap >= 0:
            return "at or above the target"
        if points:
            return f"{_points_phrase(-gap)} short of the target"
        if target <= 0:
            return "below the target"
        return f"{min(round(value / target * 100), 99)}% of the target"
    if gap <= 0:
        return (
            f"{_points_phrase(-gap)} under the ceiling"
            if points and gap < 0
            else "within the ceiling"
        )
    if points:
        return f"{_points_phrase(gap)} over the ceiling"
    if target <= 0:
        return "over the ceiling"
    return f"{max(round(gap / target * 100), 1)}% over the ceiling"


def target_text(value: float, unit: str | None) -> str:
    """The target's number as its label prints it: '33%' for a percentage (the axis says
    of what), else the number with its unit ('25 million users', '100 services')."""
    return reading(value, unit) if is_percentage(unit) else quantity(value, unit)


def when(decimal_year: float) -> str:
    """2019.17 -> 'Mar 2019'; a whole year stays '2020'."""
    year = int(np.floor(decimal_year))
    fraction = decimal_year - year
    if fraction < 1e-9:
        return str(year)
    return f"{MONTHS[min(int(fraction * 12 + 1e-6), 11)]} {year}"
