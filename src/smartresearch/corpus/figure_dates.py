"""Dates of things that happened and ranks: the two kinds of figure that need their own rules.

:func:`smartresearch.corpus.figures.extract_figures` masks calendar text before it looks for
amounts, so that "10 September" is never read as a count of ten. A reader still marks
"launched in 2020" or "the seventh edition" as facts about the world, so this module finds
them on the unmasked text, with rules narrow enough not to take a title's year:

* ``date``: a day with its month ("22 September", "Thursday 9 September", "13 – 17
  September 2021"), a month with its year ("January 2024"), a quarter ("Q3 2023"), or a
  bare year only after a verb of happening ("launched in 2020", "since 2015", "as of 2019").
  The value is the year; a date without one takes ``year`` (the document's year) or NaN.
* ``target_year``, a horizon: "in 2030" or "for 2023" when that year is after ``year``
  (in a 2022 text, "what the world might look like in 2030"); without ``year``, nothing.
* ``rank``: an ordinal after a determiner or a possessive ("the seventh edition", "our
  first session", "techUK's eighth annual conference"); "first, ..." and "at first" are
  not ranks, and neither is "the first time". The value is the position (7.0).
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

#: Month names and their abbreviations (shared with the masking rules of ``figures``).
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WORD = r"(?!(?:of|the|and|or|in|on|to|a|an|is|was|for|with)\b)[A-Za-z][\w’'-]*"


class Found(NamedTuple):
    """A date or rank: value, unit, kind and its character span in the text."""

    value: float
    unit: str
    kind: str
    start: int
    end: int


#: Capitalised only: "may 2" in running text is a verb and a number.
_MONTH = (
    r"(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DATE = re.compile(
    rf"\b(?:{_WEEKDAY},?\s)?{_DAY}(?:\s?[-–]\s?{_DAY})?\s(?P<m1>{_MONTH})\b(?:,?\s(?P<y1>{_YEAR})\b)?"
    rf"|\b(?P<m2>{_MONTH})\s{_DAY}\b(?:,\s(?P<y2>{_YEAR})\b)?"
    rf"|\b(?P<m3>{_MONTH})\s(?P<y3>{_YEAR})\b"
    rf"|\bQ[1-4]\s(?P<y4>{_YEAR})\b"
    r"|\b(?:launched|founded|introduced|began|started|published|established|created|passed"
    r"|adopted|opened|announced|held|signed|since|as of)"
    rf"(?:\sin)?\s(?P<y5>{_YEAR})\b(?![/\-–]\d)",
    re.IGNORECASE,
)
_HORIZON = re.compile(rf"\b(?:in|for)\s(?P<year>{_YEAR})\b(?![/\-–]\d)", re.IGNORECASE)
_ORDINALS: dict[str, float] = {
    w: float(i)
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
        start=1,
    )
}
_NOT_RANKED = frozenset("time times place half quarter glance sight hand instance look".split())
_RANK = re.compile(
    r"(?:\b(?:the|a|an|our|its|their|his|her|this|my|your)|[’']s)\s"
    rf"(?P<ord>{'|'.join(_ORDINALS)}|\d{{1,3}}(?:st|nd|rd|th))\s"
    rf"(?P<unit>(?:(?:annual|yearly)\s)?{_WORD})",
    re.IGNORECASE,
)


def _ordinal(token: str) -> float:
    token = token.lower()
    return _ORDINALS[token] if token in _ORDINALS else float(token[:-2])


def find_dates_and_ranks(text: str, year: int | None = None) -> list[Found]:
    """Every date and rank in ``text`` (links already blanked), in order of appearance."""
    found: list[Found] = []
    for m in _DATE.finditer(text):
        stated = next((m.group(g) for g in ("y1", "y2", "y3", "y4", "y5") if m.group(g)), None)
        value = float(stated) if stated else (float(year) if year is not None else math.nan)
        unit = "quarter" if m.group().upper().startswith("Q") else "date"
        found.append(Found(value, unit, "date", m.start(), m.end()))
    if year is not None:
        for m in _HORIZON.finditer(text):
            if int(m.group("year")) > year:
                found.append(Found(float(m.group("year")), "year", "target_year", *m.span()))
    for m in _RANK.finditer(text):
        unit = m.group("unit").lower()
        if unit.split()[-1] in _NOT_RANKED:
            continue
        found.append(Found(_ordinal(m.group("ord")), unit, "rank", m.start("ord"), m.end()))
    return sorted(found, key=lambda f: f.start)
