"""Strip web-page furniture from a captured article and say exactly what was removed.

The corpus files are web captures: around the article sit cookie notices, staff contact
cards and biographies, news sidebars, comment prompts, share buttons and navigation. Left
in, they would count as words, themes and figures the author never wrote (a sidebar date,
a phone number, a colleague's degree). The cleaner works line by line (in these captures a
line is a paragraph) in four passes, each a documented, general rule rather than a fix for
one file, so it works on any article a user adds:

1. normalise: non-breaking spaces become spaces, the ``[email protected]`` placeholders
   left by e-mail obfuscation become ``[email]``, runs of spaces collapse;
2. :data:`LINE_RULES`: one regular expression per kind of furniture line;
3. contact cards: a person's name (often repeated) above a ``Role, Organisation`` line,
   ``Email:``/``Phone:`` labels with their values, and, when the card ends with a
   "Read more/less" toggle, the biography between the card and the toggle;
4. orphans: short heading-like lines (no closing full stop) wedged between removed lines,
   such as sidebar headlines and widget titles, go with their neighbours.

Everything removed is reported as :class:`RemovedBlock` (kind, characters, a short
preview), so a reader can audit the cleaning of every document.

The rules themselves are :mod:`smartresearch.corpus.cleaning_rules`; this module runs
the passes and keeps the audit trail.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from smartresearch.corpus.cleaning_rules import (
    CONTACT_LABEL,
    CONTACT_TOKENS,
    CONTACT_VALUE,
    EXPAND_TOGGLE,
    KINDS,
    LINE_RULES,
    NAME_LINE,
    ROLE_LINE,
)

#: How far (in non-blank lines) a biography may run from its card to the toggle that ends it.
MAX_BIOGRAPHY_LINES = 20
#: Orphans: at most this long, and not ending like a sentence or a lead-in.
MAX_ORPHAN_CHARS = 100
MAX_ORPHAN_RUN = 4
_SENTENCE_END = (".", ":", ";", ",")

_NBSP = re.compile("[\u00a0\u202f\u2007]")
_EMAIL_PLACEHOLDER = re.compile(r"\[email\s*protected\]", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
EMAIL_TOKEN = "[email]"
PREVIEW_CHARS = 60


@dataclass(frozen=True)
class RemovedBlock:
    """A run of removed lines of one kind: how many characters, and how it began."""

    kind: str
    chars: int
    preview: str
    lines: int = 1


@dataclass(frozen=True)
class CleanedText:
    """Cleaned text plus the audit trail of what was removed and normalised."""

    text: str
    removed: tuple[RemovedBlock, ...] = field(default=())
    nbsp_replaced: int = 0
    emails_replaced: int = 0

    @property
    def removed_chars(self) -> int:
        return sum(block.chars for block in self.removed)

    @property
    def removed_blocks(self) -> int:
        return len(self.removed)

    def removed_by_kind(self) -> dict[str, tuple[int, int]]:
        """``{kind: (blocks, chars)}`` for every kind that removed something."""
        blocks: Counter[str] = Counter()
        chars: Counter[str] = Counter()
        for block in self.removed:
            blocks[block.kind] += 1
            chars[block.kind] += block.chars
        return {kind: (blocks[kind], chars[kind]) for kind in KINDS if blocks[kind]}


def normalise(raw: str) -> tuple[str, int, int]:
    """Normalise line ends, non-breaking spaces and e-mail placeholders; count the changes."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text, nbsp = _NBSP.subn(" ", text)
    text, emails = _EMAIL_PLACEHOLDER.subn(EMAIL_TOKEN, text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines), nbsp, emails


def _non_blank(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line]


def _mark_line_rules(lines: list[str], kinds: list[str | None]) -> None:
    for i, line in enumerate(lines):
        if not line:
            continue
        for rule in LINE_RULES:
            if rule.matches(line):
                kinds[i] = rule.kind
                break


def _is_contact_value(line: str) -> bool:
    return bool(CONTACT_VALUE.match(line) or CONTACT_TOKENS.match(line))


def _mark_contacts(lines: list[str], kinds: list[str | None]) -> None:
    """Contact labels with their values ("Email:" then the address), and bare values.

    A label counts only with a value that looks like one ("Mobile: the next frontier" is a
    sentence, not a phone number).
    """
    order = _non_blank(lines)
    for pos, i in enumerate(order):
        label = CONTACT_LABEL.match(lines[i])
        value = label.group("value") if label else ""
        if label and value and _is_contact_value(value):
            kinds[i] = "contact_card"
        elif (
            label
            and not value
            and pos + 1 < len(order)
            and _is_contact_value(lines[order[pos + 1]])
        ):
            kinds[i] = kinds[order[pos + 1]] = "contact_card"
        elif CONTACT_VALUE.match(lines[i]):
            kinds[i] = "contact_card"


def _card_header(lines: list[str], order: list[int], pos: int) -> int:
    """Number of non-blank lines in a card header starting at ``order[pos]`` (0 if none)."""
    if not NAME_LINE.match(lines[order[pos]]):
        return 0
    nxt = pos + 1
    if nxt < len(order) and lines[order[nxt]] == lines[order[pos]]:
        nxt += 1  # the name printed twice (image caption and heading)
    if nxt < len(order) and ROLE_LINE.match(lines[order[nxt]]):
        return nxt - pos + 1
    return 0


def _mark_cards(lines: list[str], kinds: list[str | None]) -> None:
    order = _non_blank(lines)
    pos = 0
    while pos < len(order):
        size = _card_header(lines, order, pos)
        if not size:
            pos += 1
            continue
        for k in range(pos, pos + size):
            kinds[order[k]] = "contact_card"
        pos += size
        # An expandable biography: everything up to the "Read more/less" toggle.
        for end in range(pos, min(pos + MAX_BIOGRAPHY_LINES, len(order))):
            if _card_header(lines, order, end):
                break
            if EXPAND_TOGGLE.search(lines[order[end]]):
                for k in range(pos, end):
                    if kinds[order[k]] is None:
                        kinds[order[k]] = "staff_biography"
                pos = end
                break


def _is_orphan_candidate(line: str) -> bool:
    return len(line) <= MAX_ORPHAN_CHARS and not line.endswith(_SENTENCE_END)


def _absorb_orphans(lines: list[str], kinds: list[str | None]) -> None:
    """Give short heading-like runs wedged between removed lines the kind of what follows."""
    order = _non_blank(lines)
    pos = 0
    while pos < len(order):
        if kinds[order[pos]] is not None or pos == 0 or kinds[order[pos - 1]] is None:
            pos += 1
            continue
        end = pos
        while (
            end < len(order)
            and kinds[order[end]] is None
            and _is_orphan_candidate(lines[order[end]])
        ):
            end += 1
        closed = end == len(order) or kinds[order[end]] is not None
        if end > pos and closed and end - pos <= MAX_ORPHAN_RUN:
            kind = kinds[order[end]] if end < len(order) else kinds[order[pos - 1]]
            for k in range(pos, end):
                kinds[order[k]] = kind
        pos = max(end, pos + 1)


def _blocks(lines: list[str], kinds: list[str | None]) -> tuple[RemovedBlock, ...]:
    blocks: list[RemovedBlock] = []
    current: list[int] = []
    for i in _non_blank(lines):
        if kinds[i] is None:
            if current:
                blocks.append(_block(lines, kinds, current))
                current = []
            continue
        if current and kinds[current[-1]] != kinds[i]:
            blocks.append(_block(lines, kinds, current))
            current = []
        current.append(i)
    if current:
        blocks.append(_block(lines, kinds, current))
    return tuple(blocks)


def _block(lines: list[str], kinds: list[str | None], members: list[int]) -> RemovedBlock:
    first = lines[members[0]]
    preview = first if len(first) <= PREVIEW_CHARS else first[: PREVIEW_CHARS - 1] + "…"
    kind = kinds[members[0]]
    assert kind is not None
    return RemovedBlock(
        kind=kind, chars=sum(len(lines[i]) for i in members), preview=preview, lines=len(members)
    )


def clean_text(raw: str) -> CleanedText:
    """Clean one captured article: strip page furniture, normalise, report removals.

    The returned text keeps the article's lines and paragraph breaks (runs of blank lines
    collapse to one). ``removed`` lists every removed run of lines with its kind; characters
    are counted on the normalised lines (line breaks excluded).
    """
    text, nbsp, emails = normalise(raw)
    lines = text.split("\n")
    kinds: list[str | None] = [None] * len(lines)
    _mark_line_rules(lines, kinds)
    _mark_contacts(lines, kinds)
    _mark_cards(lines, kinds)
    _absorb_orphans(lines, kinds)
    kept = "\n".join(line for line, kind in zip(lines, kinds, strict=True) if kind is None)
    return CleanedText(
        text=_BLANK_RUNS.sub("\n\n", kept).strip(),
        removed=_blocks(lines, kinds),
        nbsp_replaced=nbsp,
        emails_replaced=emails,
    )
