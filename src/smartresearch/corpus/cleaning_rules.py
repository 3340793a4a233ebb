"""The patterns that recognise web-page furniture, one documented rule per kind.

:data:`LINE_RULES` are the rules that decide from one line alone (pass 2 of
:func:`smartresearch.corpus.clean_text`); the contact patterns below them recognise the
pieces of a staff card (a name, a ``Role, Organisation`` line, ``Email:`` labels and their
values, the "Read more" toggle that ends a biography), which pass 3 puts together from
neighbouring lines. Each rule says why it is furniture, so the cleaning can be audited
rule by rule and a rule added for a new kind of page without touching the passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Kinds of furniture, in the order reports list them.
KINDS: tuple[str, ...] = (
    "cookie_notice",
    "staff_biography",
    "contact_card",
    "news_sidebar",
    "related_links",
    "comment_prompt",
    "share_buttons",
    "newsletter_signup",
    "advert",
    "navigation",
    "dateline",
    "byline",
)


@dataclass(frozen=True)
class LineRule:
    """A kind of furniture recognised from one line alone."""

    kind: str
    name: str
    pattern: re.Pattern[str]
    why: str
    max_chars: int = 400

    def matches(self, line: str) -> bool:
        return len(line) <= self.max_chars and self.pattern.search(line) is not None


def _rule(
    kind: str, name: str, pattern: str, why: str, *, max_chars: int = 400, ignore_case: bool = True
) -> LineRule:
    flags = re.IGNORECASE if ignore_case else 0
    return LineRule(kind, name, re.compile(pattern, flags), why, max_chars)


_DATE = (
    r"(?:\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8} \d{1,2}, \d{4}"
    r"|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"
)
_NAME_WORD = r"[A-Z][a-zà-öø-ÿ'’]+(?:-[A-Z][a-zà-öø-ÿ'’]+)?"

#: "Read more / Read less" under a staff card: the end of the biography it expands.
EXPAND_TOGGLE = re.compile(r"^read\s*(less|more)\s*(less|more)?$", re.IGNORECASE)

#: Line rules, applied to each stripped, normalised line. A line matching any rule is removed.
LINE_RULES: tuple[LineRule, ...] = (
    _rule(
        "cookie_notice",
        "cookie text",
        r"\b(this|our) (web)?site uses cookies\b|\bwe use cookies\b"
        r"|\bcookies? (information )?(is|are) stored\b|\baccept (all )?cookies\b"
        r"|\bby continuing to (browse|use) (this|our) (web)?site\b",
        "the site's own consent banner (an article about cookie rules is not furniture)",
        max_chars=2000,
    ),
    _rule(
        "cookie_notice",
        "cookie banner heading",
        r"^(privacy overview|cookie (settings|policy|preferences|notice)|accept( all)?( cookies)?"
        r"|reject( all)?|manage (consent|cookies)|(strictly )?necessary( cookies)?)$",
        "headings and buttons of consent banners",
    ),
    _rule(
        "comment_prompt",
        "comment prompt",
        r"^(there are no comments\b.*|add (a |your )?comment|leave a (reply|comment)"
        r"|post a comment|\d+ comments?|comments? \(\d+\))$",
        "invitations to comment below the article",
    ),
    _rule(
        "share_buttons",
        "share buttons",
        r"^(share (this|on|via)\b.{0,40}|tweet|email this|print( this page)?)$",
        "share and print buttons",
    ),
    _rule(
        "share_buttons",
        "social prompt",
        r"\b(join the conversation|follow us|find us) on (twitter|x|linkedin|facebook)\b",
        "calls to follow the publisher on social media",
        max_chars=160,
    ),
    _rule(
        "navigation",
        "site navigation",
        r"^(skip to (main )?content|loading\.{0,3}|back to top|(main )?menu|search|home"
        r"|next (post|article)|previous (post|article))$",
        "navigation links and widget placeholders",
    ),
    _rule(
        "navigation",
        "more link",
        r"^(read )?more\b[^.]{0,60}>$",
        "'more videos >' style links to other pages",
    ),
    LineRule(
        "navigation",
        "expand toggle",
        EXPAND_TOGGLE,
        "the show/hide toggle under an expandable biography (also ends its card's biography)",
    ),
    _rule(
        "news_sidebar",
        "dated teaser",
        r"^\d{1,2}/\d{1,2}/\d{2,4}\S",
        "sidebar items: a date glued to the headline of another story",
    ),
    _rule(
        "news_sidebar",
        "teaser ending 'more >'",
        r"\.\.\.\s*(read )?more\s*>",
        "sidebar teasers cut off with '... more >'",
        max_chars=1000,
    ),
    _rule(
        "news_sidebar",
        "news heading",
        r"^latest\b.{0,40}\bnews$",
        "sidebar section headings such as 'latest public sector news'",
    ),
    _rule(
        "advert",
        "advert placeholder",
        r"\bsubscribe button\b|^\d{2,4}x\d{2,4}\b|^advertisement$",
        "image placeholders and buttons of adverts",
        max_chars=120,
    ),
    _rule(
        "newsletter_signup",
        "newsletter sign-up",
        r"^(sign[- ]?up|subscribe)\b.{0,40}\b(latest|updates|newsletter)\b",
        "invitations to subscribe to a mailing list",
        max_chars=200,
    ),
    _rule(
        "related_links",
        "link prompt",
        r"^(read more (from|about|on|here)|for more (on|about)|you can (also )?(read|find out)"
        r"|find out more|view our|click here|see also|related (articles|posts|stories|content))\b"
        r"[^.!?]*[.!?]?$",
        "a paragraph that only points to another page (one sentence, no claim of its own)",
        max_chars=220,
    ),
    _rule(
        "dateline",
        "date line",
        rf"^{_DATE}$",
        "the publication date on a line of its own",
        ignore_case=False,
    ),
    _rule(
        "byline",
        "byline",
        rf"^(?:[Bb]y|[Pp]osted by|[Ww]ritten by) {_NAME_WORD}(?: {_NAME_WORD}){{0,3}}$",
        "'by Name' under the headline (the author is in the document record)",
        ignore_case=False,
    ),
    _rule("byline", "source line", r"^source:\s.{1,60}$", "the capture's 'Source: ...' line"),
)

#: A line that is a contact label ("Email:"), whose value sits on the next line.
CONTACT_LABEL = re.compile(
    r"^(e-?mail|phone|tel(ephone)?|mobile|twitter|x|linkedin|website|web|fax)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
#: Lines that are only a contact value: e-mail placeholder, URL, phone number, handles.
CONTACT_VALUE = re.compile(
    r"^(\[email\]|(https?://|www\.)\S+(,\s*(https?://|www\.)\S+)*|\+?\d[\d ()-]{8,}\d"
    r"|@\w+(,\s*@?\w+)*)$",
    re.IGNORECASE,
)
#: A value under a contact label: one token or comma-separated tokens ("anniecollings24").
CONTACT_TOKENS = re.compile(r"^\S{2,80}(,\s*\S{2,80})*$")
#: A person's name on a line of its own (2-4 capitalised words, optional honours).
NAME_LINE = re.compile(rf"^{_NAME_WORD}(?: (?:{_NAME_WORD}|[A-Z]\.|MBE|OBE|CBE)){{1,3}}$")
#: "Role, Organisation" under a name: a job word and a comma, no sentence punctuation.
ROLE_LINE = re.compile(
    r"^(?=[A-Z])[^.!?:•]{0,110}\b(Manager|Director|Head|Assistant|Officer|CEO|CTO|CIO|COO|Chief|Lead"
    r"|Partner|Associate|Executive|Consultant|Analyst|Advis[eo]r|President|Founder|Editor"
    r"|Coordinator|Specialist|Secretary|Chair)\b[^.!?:•]{0,110},\s*[^,.!?:•]+$"
)
