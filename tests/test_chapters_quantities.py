"""How chapters 1 and 4 write a figure with its unit ("£350 million", "33%")."""

from __future__ import annotations

import pytest

from smartresearch.chapters.quantities import format_quantity


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (33.0, "% of central government purchasing", "33% of central government purchasing"),
        (26.5, "%", "26.5%"),
        (350_000_000.0, "GBP", "£350 million"),
        (7_400_000.0, "GBP", "£7.4 million"),
        (25_000_000.0, "users", "25 million users"),
        (5_170_000.0, "citizens", "5.17 million citizens"),
        (2.5e9, "USD", "$2.5 billion"),
        (3827.0, "vacancies", "3,827 vacancies"),
        (0.0, "services", "0 services"),
        (89.72183, "services", "89.7 services"),
        (float("nan"), "users", "no value"),
        # a calendar year is a date: no thousands separator, no unit ("2,020 year")
        (2020.0, "year", "2020"),
        (2025, "year", "2025"),
        # a span of years is a count and keeps its unit
        (10.0, "years", "10 years"),
    ],
)
def test_format_quantity(value: float, unit: str, expected: str) -> None:
    assert format_quantity(value, unit) == expected


def test_a_fractional_calendar_year_is_refused() -> None:
    with pytest.raises(ValueError, match="2020.5.*not a whole calendar year"):
        format_quantity(2020.5, "year")
