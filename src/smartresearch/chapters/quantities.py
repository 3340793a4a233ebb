"""The month a reading is dated by, as the report writes it: "Apr 2020".

Chapters 1 (the figures the articles quote) and 4 (the pledges' targets and readings) date
their figures by month. The figure itself is written by :func:`smartresearch.wording.quantity`
(the one house style for quantities, shared with the charts' labels and alt text), which
the chapters import from there; this module holds only what is theirs alone.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["month"]


def month(stamp: object) -> str:
    """'Apr 2020' for a date, '' for a missing one."""
    return "" if pd.isna(stamp) else pd.Timestamp(stamp).strftime("%b %Y")
