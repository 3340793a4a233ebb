"""How the report writes a figure with its unit and a date: "£350 million", "Apr 2020".

Chapters 1 (the figures the articles quote) and 4 (the pledges' targets and readings) put
the same kinds of figures into tables and sentences. The figure itself is written by
:func:`smartresearch.wording.quantity` (the one house style for quantities, shared with the
charts' labels and alt text); this module adds the month a reading is dated by.
"""

from __future__ import annotations

import pandas as pd

from smartresearch.wording import CURRENCY_SYMBOLS, YEAR_UNIT
from smartresearch.wording import quantity as format_quantity

__all__ = ["CURRENCY_SYMBOLS", "YEAR_UNIT", "format_quantity", "month"]


def month(stamp: object) -> str:
    """'Apr 2020' for a date, '' for a missing one."""
    return "" if pd.isna(stamp) else pd.Timestamp(stamp).strftime("%b %Y")
