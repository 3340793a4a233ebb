"""How the report writes a figure with its unit and a date: "£350 million", "Apr 2020".

Chapters 1 (the figures the articles quote) and 4 (the pledges' targets and readings) put
the same kinds of figures into tables and sentences; writing them one way, here, keeps a
figure that appears in both chapters identical.
"""

from __future__ import annotations

import math

import pandas as pd

#: Currency codes printed as symbols by :func:`format_quantity`.
CURRENCY_SYMBOLS: dict[str, str] = {"GBP": "£", "USD": "$", "EUR": "€"}
#: The unit of a calendar year ("launched in 2020"): printed bare, without a thousands
#: separator or the unit, so a table reads "2020", never "2,020 year".
YEAR_UNIT = "year"


def _number(value: float) -> str:
    """25000000 -> '25 million', 5170000 -> '5.17 million', 3827 -> '3,827', 27.1 -> '27.1'."""
    magnitude = abs(value)
    for threshold, word in ((1e9, "billion"), (1e6, "million")):
        if magnitude >= threshold:
            return f"{value / threshold:.3g} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.3g}" if magnitude >= 1 else f"{value:.3g}"


def format_quantity(value: float, unit: str) -> str:
    """A figure with its unit as a reader would write it.

    ``(33, "% of central government purchasing")`` -> ``"33% of central government
    purchasing"``; ``(350000000, "GBP")`` -> ``"£350 million"``; ``(25000000, "users")`` ->
    ``"25 million users"``; a calendar year ``(2020, "year")`` -> ``"2020"`` (a date, not a
    count of years: "in 2020" reads, "2,020 year" does not). A missing value gives
    ``"no value"``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "no value"
    unit = str(unit).strip()
    if unit == YEAR_UNIT:
        if float(value) != int(value):
            raise ValueError(
                f"format_quantity: value {value!r} with unit {YEAR_UNIT!r} is not a whole "
                "calendar year; use a duration unit such as 'years' for a span of time."
            )
        return str(int(value))
    number = _number(float(value))
    if unit.startswith("%"):
        return f"{number}{unit}"
    if unit in CURRENCY_SYMBOLS:
        return f"{CURRENCY_SYMBOLS[unit]}{number}"
    return f"{number} {unit}".strip()


def month(stamp: object) -> str:
    """'Apr 2020' for a date, '' for a missing one."""
    return "" if pd.isna(stamp) else pd.Timestamp(stamp).strftime("%b %Y")
