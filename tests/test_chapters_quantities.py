"""How chapters 1 and 4 date a reading ("Apr 2020"); the figure itself is
:func:`smartresearch.wording.quantity`, tested in test_wording.py."""

from __future__ import annotations

import pandas as pd
import pytest

from smartresearch.chapters.quantities import month


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        (pd.Timestamp("2020-04-30"), "Apr 2020"),
        ("2024-12-01", "Dec 2024"),
        (pd.NaT, ""),
        (None, ""),
    ],
)
def test_month(stamp: object, expected: str) -> None:
    assert month(stamp) == expected
