"""How the report writes a number in words: ordinals, lists of names, quantities, ranks.

Why one module at the bottom of the package: the same fact ("7th of 17", "Denmark, Korea
and the United Kingdom", "25 million users") appears in a chart's alt text, a chapter's
sentence and the summary; written by one function each it reads the same everywhere and a
change of house style is one edit. It imports nothing of the package, so every layer
(``plots`` for alt text, ``chapters`` for sentences, ``corpus`` for labels) may use it.

The house style, stated once:

* ordinals are digits with a suffix ("1st", "22nd", "113th");
* a list of names joins with commas and a final "and" (no serial comma);
* a quantity is written out in words above a million ("25 million", "5.17 million",
  "£350 million"), with thousands separated below it ("3,827"), three significant figures;
  a percentage sign sits against the number ("33%"); a calendar year is bare ("2020");
* a rank within a field is "3 of 17", and a missing rank is "not assessed";
* a country name takes "the" in running prose where English needs it ("the United
  Kingdom"), and a sentence starts with a capital without lower-casing the names in it.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "CURRENCY_SYMBOLS",
    "NOT_ASSESSED",
    "YEAR_UNIT",
    "count",
    "is_missing",
    "is_percentage",
    "join_names",
    "number",
    "ordinal",
    "quantity",
    "rank_of",
    "sentence_case",
    "with_article",
]

#: Currency codes printed as symbols by :func:`quantity`.
CURRENCY_SYMBOLS: dict[str, str] = {"GBP": "£", "USD": "$", "EUR": "€"}
#: The unit of a calendar year ("launched in 2020"): printed bare, without a thousands
#: separator or the unit, so a table reads "2020", never "2,020 year".
YEAR_UNIT = "year"
#: What a missing rank reads as, in tables, sentences and alt text alike.
NOT_ASSESSED = "not assessed"


def is_missing(value: object) -> bool:
    """None, NaN, ``pd.NA`` or ``pd.NaT`` (without importing pandas)."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN is the only value not equal to itself
    except TypeError:  # pd.NA refuses bool(); it is missing
        return True


def ordinal(n: float) -> str:
    """1 -> '1st', 22 -> '22nd', 13 -> '13th', 111 -> '111th' (a whole number is required)."""
    if is_missing(n) or float(n) != int(float(n)):  # type: ignore[arg-type]
        raise ValueError(f"ordinal: expected a whole number, got {n!r}")
    whole = int(float(n))  # type: ignore[arg-type]
    suffix = "th" if 10 <= whole % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")
    return f"{whole}{suffix}"


def join_names(items: Iterable[object], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' ('' for none); ``conjunction`` may be "or"."""
    words = [str(i) for i in items]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """'1 country', '17 countries' (``plural`` defaults to ``singular`` + 's')."""
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def number(value: float) -> str:
    """25000000 -> '25 million', 5170000 -> '5.17 million', 3827 -> '3,827', 27.1 -> '27.1',
    0.0345 -> '0.0345': three significant figures, words above a million."""
    if is_missing(value):
        return "no value"
    value = float(value)
    magnitude = abs(value)
    for threshold, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if magnitude >= threshold:
            return f"{value / threshold:.3g} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.3g}" if magnitude >= 1 else f"{value:.3g}"


def is_percentage(unit: str | None) -> bool:
    """Whether values in ``unit`` are percentages ("%", "% of civil service")."""
    return bool(unit) and str(unit).strip().startswith("%")


def quantity(value: float, unit: str | None = None) -> str:
    """A figure with its unit as a reader would write it.

    ``(33, "% of central government purchasing")`` -> ``"33% of central government
    purchasing"``; ``(350000000, "GBP")`` -> ``"£350 million"``; ``(25000000, "users")`` ->
    ``"25 million users"``; a calendar year ``(2020, "year")`` -> ``"2020"`` (a date, not a
    count of years). A missing value gives ``"no value"``.
    """
    if is_missing(value):
        return "no value"
    unit = str(unit or "").strip()
    if unit == YEAR_UNIT:
        if float(value) != int(float(value)):
            raise ValueError(
                f"quantity: value {value!r} with unit {YEAR_UNIT!r} is not a whole calendar "
                "year; use a duration unit such as 'years' for a span of time."
            )
        return str(int(float(value)))
    written = number(value)
    if is_percentage(unit):
        return f"{written}{unit}"
    if unit in CURRENCY_SYMBOLS:
        return f"{CURRENCY_SYMBOLS[unit]}{written}"
    return f"{written} {unit}".strip()


def rank_of(rank: object, n: object) -> str:
    """'3 of 17', or :data:`NOT_ASSESSED` when the rank (or the field) is missing."""
    if is_missing(rank) or is_missing(n):
        return NOT_ASSESSED
    return f"{int(rank)} of {int(n)}"  # type: ignore[call-overload]


#: Country names that read with "the" in running text.
_WITH_ARTICLE = frozenset(
    {
        "United Kingdom",
        "United States",
        "Netherlands",
        "United Arab Emirates",
        "Philippines",
        "Czech Republic",
        "Russian Federation",
    }
)


def with_article(name: str, *, capital: bool = False) -> str:
    """ "the United Kingdom" for names that take an article in running prose, else the name."""
    if name in _WITH_ARTICLE:
        return f"{'The' if capital else 'the'} {name}"
    return name


def sentence_case(phrase: str) -> str:
    """``phrase`` with its first letter upper-case and the rest untouched (``str.capitalize``
    would lower-case the country names inside it)."""
    return phrase[:1].upper() + phrase[1:]
