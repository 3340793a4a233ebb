"""Find every quantitative statement in a text: percentages, money, counts, multiples, targets.

The articles lean on figures ("only 4% of civil servants", "25 million users by 2020",
"a £350m fund"). :func:`extract_figures` finds them with a small set of documented patterns
so that each can be checked against the record. What is deliberately *not* a figure:

* a year on its own ("Voices of 2030", "Building the Smarter State 2022"); a year counts as
  a target after "by" ("by 2020"), and as a date only with its month or quarter, or after
  a verb of happening ("launched in 2020"): see :mod:`smartresearch.corpus.figure_dates`;
* labels and names that contain digits ("Mission 6", "COVID-19", "5G", "3rd party");
* list numbering ("1. Interoperability"), phone numbers, URLs and e-mail addresses;
* "one" (in "One Login", "one of the", it is almost never a count).

Kinds and how the value is stored:

==============  =======================================  ===========================
kind            examples                                 value / unit
==============  =======================================  ===========================
percentage      "33%", "70 per cent", "half of"          33.0 / "%"
money           "£350m", "$2.5bn", "KRW 499.1bn"         350000000.0 / "GBP"
count           "25 million users", "three key areas"    25000000.0 / "users"
duration        "in 50 years", "next five to ten years"  50.0 / "years"
multiple        "three times", "2x", "doubling the"      3.0 / "times"
target_year     "by 2020", "in 2030" (if future)         2020.0 / "year"
date            "10 September 2025", "launched in 2020"  2025.0 / "date"
rank            "the seventh edition", "our first"       7.0 / "edition"
==============  =======================================  ===========================

A range ("400-600 words", "five to ten years") is one figure whose ``value`` is the low
end and ``value_high`` the high end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from smartresearch.corpus.figure_dates import MONTHS, find_dates_and_ranks

#: Columns of :func:`extract_figures`, in order.
FIGURE_COLUMNS: tuple[str, ...] = (
    "value",
    "value_high",
    "unit",
    "kind",
    "text",
    "sentence",
    "start",
    "end",
)
KINDS: tuple[str, ...] = (
    "percentage",
    "money",
    "count",
    "duration",
    "multiple",
    "target_year",
    "date",
    "rank",
)

_NUMBER_WORDS: dict[str, float] = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a hundred": 100,
    "a thousand": 1000,
    "dozen": 12,
    "a dozen": 12,
}
_SCALES: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}
_CURRENCIES: dict[str, str] = {
    "£": "GBP",
    "$": "USD",
    "€": "EUR",
    "gbp": "GBP",
    "usd": "USD",
    "eur": "EUR",
    "krw": "KRW",
    "pounds": "GBP",
    "dollars": "USD",
    "euros": "EUR",
    "won": "KRW",
}
#: Fractions in words ("a third of", "two-thirds of", "one in four") become percentages.
_NUMERATORS: dict[str, float] = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_DENOMINATORS: dict[str, float] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "quarter": 4,
    "fifth": 5,
    "sixth": 6,
    "eighth": 8,
    "tenth": 10,
}
_MULTIPLE_VERBS: dict[str, float] = {"doubl": 2.0, "tripl": 3.0, "quadrupl": 4.0, "halv": 0.5}
_MONTHS = MONTHS
_TIME_UNITS = re.compile(
    r"^(years?|months?|weeks?|days?|decades?|hours?|minutes?)\b", re.IGNORECASE
)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))
_SCALE = r"(?:bn|billion|mn|million|m|k|thousand|tn|trillion)"
_COUNT_SCALE = r"(?:billion|million|thousand|trillion)"  # "25 million users"
_SHORT_SCALE = r"(?:bn|mn|m|k|tn)"  # attached: "3.6m users"
_NUM = rf"(?:{_DIGITS})"
_RANGE_SEP = r"\s?(?:-|–|—|to)\s?"

#: Spans that are never figures (masked before matching).
_IGNORE = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|\[email\]"  # links and e-mail
    r"|\+?\d{2,5}[ -]\d{3,4}[ -]\d{3,4}\b"  # phone numbers
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"  # numeric dates
    r"|\b(?:19|20)\d{2}\s?[-/–]\s?(?:19|20)?\d{2}\b"  # fiscal years, year ranges: 2013-14
    r"|\bFY\s?\d{2,4}(?:\s?[-/–]\s?\d{2,4})?\b"  # FY23, FY2013-14
    r"|\bc\.(?=\s?\d)"  # "c." (circa) before a number, so "c.3.5m" reads as 3.5m
    r"|\b\d{1,2}(?:st|nd|rd|th)?(?:\s?(?:-|–)\s?\d{1,2}(?:st|nd|rd|th)?)?"  # 10 September,
    rf"\s{_MONTHS}\b"  # 13 – 17 September
    rf"|\b{_MONTHS}\s\d{{1,2}}(?:st|nd|rd|th)?\b"  # September 26
    r"|(?<![\w£$€])\d+(?:st|nd|rd|th)\b"  # ordinals
    r"|(?-i:\b(?:Mission|Phase|Step|Section|Part|Chapter|Level|Tier|Stage|Version|Figure|Table"
    r"|Article|Paragraph|Clause|Schedule|Annex|Room|No\.?|Q)\s?\d+(?:\.\d+)?\b)"  # labels
    r"|\b[A-Za-z]+-\d+\b"  # COVID-19
    r"|(?<![\w.£$€])\d+(?!(?:bn|mn|m|k|tn|x)\b)[A-Za-z]+\d*\b"  # 5G, 149x260, 1990s
    r"|(?m:^\s*\d{1,2}[.)](?=\s))",  # list numbering
    re.IGNORECASE,
)

#: Words that end the unit phrase of a count ("43 systems remain" → "systems").
_UNIT_STOP = frozenset(
    "a an the of in on at to for from by with and or but as that which who were was are is be been "
    "have has had will would can could should may might remain remains across into over under than "
    "since ago per each every this these those its their our your his her it they we".split()
)
_UNIT_WORD = rf"(?!(?:{'|'.join(sorted(_UNIT_STOP))})\b)[A-Za-z][\w’'-]*"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "target_year",
        re.compile(
            r"\bby (?:the end of |end of |the end-|end-)?(?P<year>(?:19|20)\d{2})\b(?![/\-–]\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "money",
        re.compile(
            rf"(?P<cur>[£$€]|\b(?:GBP|USD|EUR|KRW)\s?)(?P<num>{_NUM})(?:{_RANGE_SEP}[£$€]?(?P<high>{_NUM}))?"
            rf"\s?(?P<scale>{_SCALE})?(?![\w])",
            re.IGNORECASE,
        ),
    ),
    (
        "money",
        re.compile(
            rf"(?<![\w.,])(?P<num>{_NUM})\s?(?P<scale>{_SCALE})?\s(?P<cur>pounds|dollars|euros|won)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "percentage",
        re.compile(
            rf"(?<![\w.,])(?P<num>{_NUM})(?:\s?%?{_RANGE_SEP}(?P<high>{_NUM}))?"
            r"\s?(?:%|per ?cent\b|percent\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "percentage",
        re.compile(
            r"\b(?:(?P<numer>a|one|two|three|four|five)[- ])?"
            r"(?P<denom>half|halves|third|quarter|fifth|sixth|eighth|tenth)s?(?= of\b)"
            r"|\b(?P<a>one|\d+) in (?P<b>two|three|four|five|ten|\d+)\b(?! \d)",
            re.IGNORECASE,
        ),
    ),
    (
        "multiple",
        re.compile(
            rf"(?<![\w.,])(?P<num>{_NUM}|{_WORDS}|twice)\s?(?:x\b|times\b)"
            r"(?! (?:a|per|each|every)\b)"
            rf"|\b(?P<verb>doubl|tripl|quadrupl|halv)(?:e|es|ed|ing)\s(?=(?:the|its|their|our|this)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "count",
        re.compile(
            rf"(?<![\w.,£$€])(?P<num>{_NUM}|{_WORDS})(?:{_RANGE_SEP}(?P<high>{_NUM}|{_WORDS}))?"
            rf"(?:\s(?P<scale>{_COUNT_SCALE})\b|(?P<short>{_SHORT_SCALE})\b)?\+?"
            rf"(?:(?P<sep>-|\s)(?P<unit>{_UNIT_WORD}(?:\s{_UNIT_WORD}){{0,2}}))?",
            re.IGNORECASE,
        ),
    ),
)

_YEAR = re.compile(r"^(?:19|20)\d{2}$")


@dataclass(frozen=True)
class _Figure:
    value: float
    value_high: float
    unit: str
    kind: str
    start: int
    end: int


def _number(token: str) -> float:
    token = token.strip().lower()
    if token in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[token])
    return float(token.replace(",", ""))


def _scaled(value: float, scale: str | None) -> float:
    return value * _SCALES[scale.lower()] if scale else value


def _from_match(kind: str, m: re.Match[str]) -> _Figure | None:
    groups = m.groupdict()
    nan = float("nan")
    if kind == "target_year":
        return _Figure(float(groups["year"]), nan, "year", kind, m.start(), m.end())
    if kind == "money":
        scale = groups.get("scale")
        value = _scaled(_number(groups["num"]), scale)
        high = _scaled(_number(groups["high"]), scale) if groups.get("high") else nan
        currency = _CURRENCIES[groups["cur"].strip().lower()]
        return _Figure(value, high, currency, kind, m.start(), m.end())
    if kind == "percentage":
        if groups.get("denom"):
            numerator = _NUMERATORS[(groups.get("numer") or "a").lower()]
            value = 100.0 * numerator / _DENOMINATORS[groups["denom"].lower()]
            return _Figure(value, nan, "%", kind, m.start(), m.end())
        if groups.get("a"):
            a = 1.0 if groups["a"].lower() == "one" else _number(groups["a"])
            b = _number(groups["b"])
            return _Figure(100.0 * a / b, nan, "%", kind, m.start(), m.end()) if b else None
        high = _number(groups["high"]) if groups.get("high") else nan
        return _Figure(_number(groups["num"]), high, "%", kind, m.start(), m.end())
    if kind == "multiple":
        if groups.get("verb"):
            return _Figure(
                _MULTIPLE_VERBS[groups["verb"].lower()], nan, "times", kind, m.start(), m.end()
            )
        token = groups["num"].lower()
        return _Figure(
            2.0 if token == "twice" else _number(token), nan, "times", kind, m.start(), m.end()
        )
    # count or duration
    num, high_token = groups["num"], groups.get("high")
    scale = groups.get("scale") or groups.get("short")
    if _YEAR.match(num) and not high_token and not scale:
        return None  # a year on its own is a date, not a count
    unit_text = (groups.get("unit") or "").strip("’'-").lower()
    if unit_text and re.fullmatch(_MONTHS, unit_text.split()[0], re.IGNORECASE):
        return None  # a day of a month
    if not unit_text and num.lower() in _NUMBER_WORDS:
        return None  # a number word counts only with the noun it counts ("three areas")
    value = _scaled(_number(num), scale)
    high = _scaled(_number(high_token), scale) if high_token else nan
    kind = "duration" if unit_text and _TIME_UNITS.match(unit_text) else "count"
    if unit_text:
        end = m.start("unit") + len(groups["unit"].split()[0])
    else:
        end = max(m.end(name) for name in ("num", "high", "scale", "short") if groups.get(name))
    return _Figure(value, high, unit_text, kind, m.start(), end)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries: after . ! ? followed by space, and at line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=\S)|\n+", text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


_LINKS = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|\[email\]|\+?\d{2,5}[ -]\d{3,4}[ -]\d{3,4}\b",
    re.IGNORECASE,
)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())  # same length: offsets hold


def extract_figures(text: str, *, year: int | None = None) -> pd.DataFrame:
    """Every quantitative statement in ``text``, in order of appearance.

    Columns: value (float, in units: 25 million users is 25000000.0, £7.4m is 7400000.0),
    value_high (the top of a range, else NaN), unit ("%", a currency code, "year", "times", or
    the counted noun), kind (see the module table), text (the matched words), sentence (the
    sentence around it), start and end (character offsets into ``text``).

    Dates and ranks come from :mod:`smartresearch.corpus.figure_dates`; ``year`` (the
    document's year) is the value of a date that states no year ("22 September").
    """
    nan = float("nan")
    figures = [
        _Figure(f.value, nan, f.unit, f.kind, f.start, f.end)
        for f in find_dates_and_ranks(_LINKS.sub(_blank, text), year)
    ]
    taken = [(f.start, f.end) for f in figures]
    masked = _IGNORE.sub(_blank, text)
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(masked):
            figure = _from_match(kind, m)
            if figure is None or any(figure.start < e and s < figure.end for s, e in taken):
                continue
            figures.append(figure)
            taken.append((figure.start, figure.end))
    figures.sort(key=lambda f: f.start)
    spans = _sentence_spans(text)
    rows = []
    for f in figures:
        sentence = next((text[s:e].strip() for s, e in spans if s <= f.start < e), "")
        rows.append(
            {
                "value": f.value,
                "value_high": f.value_high,
                "unit": f.unit,
                "kind": f.kind,
                "text": text[f.start : f.end],
                "sentence": sentence,
                "start": f.start,
                "end": f.end,
            }
        )
    frame = pd.DataFrame(rows, columns=list(FIGURE_COLUMNS))
    return frame.astype(
        {
            "value": "float64",
            "value_high": "float64",
            "unit": "str",
            "kind": "str",
            "text": "str",
            "sentence": "str",
            "start": "int64",
            "end": "int64",
        }
    )
