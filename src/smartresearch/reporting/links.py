"""Links built from data: only web addresses become links.

The bibliography, the methods page and the chapters' computed Markdown turn addresses from
data (a document's ``url``, a source's ``path``) into links. Neither Pandoc (for Quarto)
nor every Markdown renderer refuses a dangerous scheme, so a record holding
``javascript:alert(1)``, ``data:text/html,…`` or ``vbscript:…`` would become a link that
runs code when clicked. Here an address from data becomes a link only when it is an
absolute ``http``/``https`` address; anything else is shown as plain text, and Markdown
links in computed text whose destination has another scheme are made literal.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

#: The schemes a link from data may have.
WEB_SCHEMES = frozenset({"http", "https"})
#: Where a Markdown link's destination starts: an inline link or image ``[text](`` and a
#: reference definition ``[label]:`` at the start of a line.
_OPENER = re.compile(r"\]\(|^[ ]{0,3}\[[^\]\n]+\]:", re.M)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
#: Backslash escapes Markdown removes from a destination (``javascript\:`` is ``javascript:``).
_BACKSLASH = re.compile(r"\\([!-/:-@\[-`{-~])")
#: Characters browsers drop from an address before reading its scheme (``java\tscript:``).
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
#: Characters that would end or break a Markdown link destination, percent-encoded.
_UNSAFE_IN_URL = "".join(chr(c) for c in range(0x21)) + "()<>\"'`\\\x7f"


def web_url(value: object) -> str | None:
    """``value`` as a link target if it is an absolute http(s) address, else None.

    Spaces, parentheses, quotes and angle brackets are percent-encoded, so the address can
    neither end a Markdown link early nor break out of an HTML attribute.
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return None
    return "".join(quote(ch, safe="") if ch in _UNSAFE_IN_URL else ch for ch in url)


def _scheme_allowed(destination: str) -> bool:
    """Whether a Markdown destination (the text after ``](``) is a web address or has no
    scheme at all (``#fig-x``, ``methods.html``), read the way a renderer and a browser
    would: entities decoded, backslash escapes removed, control characters dropped."""
    head = _BACKSLASH.sub(r"\1", html.unescape(destination[:256]))
    head = _IGNORED.sub("", head).lstrip("<")
    match = _SCHEME.match(head)
    return match is None or match.group(1).lower() in WEB_SCHEMES


def defuse_links(text: str) -> str:
    """Markdown ``text`` with every link, image or reference definition whose destination
    has a scheme other than http(s) made literal text (the ``(`` or ``:`` after its ``]``
    written as a character reference, which shows the same but opens no link)."""

    def defuse(match: re.Match[str]) -> str:
        if _scheme_allowed(text[match.end() :]):
            return match.group(0)
        opener = match.group(0)
        return opener[:-1] + ("&#40;" if opener.endswith("(") else "&#58;")

    return _OPENER.sub(defuse, text)
