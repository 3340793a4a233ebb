"""Quarto's figure and table numbering, done by hand for the plain HTML export.

Without Quarto, ``@fig-egdi`` would reach the reader as literal text, captions and alt
texts (held in ``#|`` cell options) would not be shown at all, and a Markdown table's
``: caption {#tbl-x}`` line would print verbatim. This module numbers the targets of one
page the way a Quarto website does (figures and tables counted separately, in order, per
page), rewrites the references into links ("Figure 2"), and hands each figure or table
cell its number, caption and alt text in ``cell.metadata["smartresearch"]`` for the
export's template to show. Unknown references become ``?@fig-x``, as Quarto prints them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import nbformat

from smartresearch.reporting.checks import CROSSREF, cell_options
from smartresearch.reporting.links import defuse_links
from smartresearch.reporting.outputs import restore_html

#: Quarto's cross-reference prefixes and the word it prints for each.
KINDS = {"fig": "Figure", "tbl": "Table"}
#: A pipe table's caption line with its label: ``: The caption {#tbl-x}``.
_TABLE_CAPTION = re.compile(r"^:[ \t]+(.*?)[ \t]*\{#(tbl-[A-Za-z0-9_-]+)[^}]*\}[ \t]*$", re.M)
#: A heading with an identifier: ``## Title {#sec-x}``, or quartodoc's
#: ``### datasets.load { #smartresearch.datasets.load }``.
_HEADING_ID = re.compile(r"^(#{1,6}[ \t].*?)[ \t]*\{[ \t]*#([A-Za-z][\w.:-]*)[^}]*\}[ \t]*$", re.M)
#: A heading with classes only: ``## Key figures {.unnumbered}`` (the book's numbering).
_HEADING_CLASSES = re.compile(r"^(#{1,6}[ \t].*?)[ \t]*\{[ \t]*\.[\w.\s-]*\}[ \t]*$", re.M)


@dataclass(frozen=True)
class Target:
    """A numbered figure or table: what a reference to ``label`` prints and links to."""

    label: str
    kind: str  # "Figure" or "Table"
    number: int
    caption: str = ""
    alt: str = ""

    @property
    def name(self) -> str:
        return f"{self.kind} {self.number}"


class _Counter:
    def __init__(self) -> None:
        self.counts = dict.fromkeys(KINDS, 0)

    def next(self, label: str, caption: str = "", alt: str = "") -> Target | None:
        prefix = label.split("-", 1)[0]
        if prefix not in KINDS:
            return None
        self.counts[prefix] += 1
        return Target(label, KINDS[prefix], self.counts[prefix], caption, alt)


def _cell_targets(nb: nbformat.NotebookNode) -> dict[int, Target]:
    """Cell index -> target, for every ``fig-``/``tbl-`` labelled code cell, in order."""
    counter = _Counter()
    found: dict[int, Target] = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        options = cell_options(cell.source)
        label = str(options.get("label", ""))
        prefix = label.split("-", 1)[0]
        target = counter.next(
            label,
            caption=str(options.get(f"{prefix}-cap") or ""),
            alt=str(options.get("fig-alt") or ""),
        )
        if target is not None:
            found[index] = target
    return found


def notebook_targets(nb: nbformat.NotebookNode) -> dict[str, Target]:
    """Every ``fig-``/``tbl-`` labelled code cell of a notebook, numbered in order."""
    return {target.label: target for target in _cell_targets(nb).values()}


def resolve(text: str, targets: Mapping[str, Target]) -> str:
    """``@fig-x`` becomes a Markdown link ``[Figure 1](#fig-x)``; unknown ones ``?@fig-x``."""

    def link(match: re.Match[str]) -> str:
        target = targets.get(match.group(1))
        return f"[{target.name}](#{target.label})" if target else f"?@{match.group(1)}"

    return CROSSREF.sub(link, text)


#: A "<" that does not open one of the few tags the report's own Markdown uses (the
#: collapsed figure descriptions, with at most a plain class, and line breaks) or a web
#: autolink ``<https://…>``. Any other attribute (``ontoggle=…``) makes it text.
_UNSAFE_TAG = re.compile(
    r"<(?!(?:details|summary)(?:[ \t]+class=\"[\w -]*\")?>|/(?:details|summary)>"
    r"|br[ \t]*/?>|https?://[^\s<>\"']+>)"
)
#: Code, where a "<" is already literal text: fenced blocks and inline code spans, as
#: Pandoc reads them. Raw-HTML code (``{=html}`` after a span or a fence) is not code, a
#: backslash-escaped backtick opens nothing, and a span never crosses a blank line, so
#: text from data cannot hide markup from the escaping by looking like code.
_CODE = re.compile(
    r"^(`{3,}|~{3,})(?![ \t]*\{=)[^\n]*\n.*?^\1[ \t]*$"
    r"|(?<![\\`])(`+)(?!`|[ \t]*\{=)(?:(?!\n[ \t]*\n).)+?(?<!`)\2(?!`|\{=)",
    re.M | re.S,
)


def safe_markdown(text: str) -> str:
    """Markdown computed from data with any other HTML made literal text.

    Notebooks display Markdown built from data (country names, document titles); a title
    containing ``<script>`` would otherwise reach the page as markup. Only ``<details>``,
    ``<summary>``, ``<br>`` (which the report's own helpers write) and web autolinks stay
    as they are; code spans and fenced code are left alone (a "<" there is already text,
    and "&lt;" would print). A Markdown link whose destination has a scheme other than
    http(s) (``javascript:``, ``data:``) is made literal text too
    (:func:`~smartresearch.reporting.links.defuse_links`). Applying it twice changes
    nothing, so text escaped when the executed copy was written is not escaped again by
    the plain export.
    """

    def prose(part: str) -> str:
        return defuse_links(_UNSAFE_TAG.sub("&lt;", part))

    parts: list[str] = []
    last = 0
    for match in _CODE.finditer(text):
        parts += [prose(text[last : match.start()]), match.group(0)]
        last = match.end()
    parts.append(prose(text[last:]))
    return "".join(parts)


def escape_markdown_outputs(nb: nbformat.NotebookNode) -> int:
    """Make HTML in every computed Markdown output literal text (:func:`safe_markdown`),
    in place; returns how many outputs changed.

    Quarto hands ``text/markdown`` outputs to Pandoc as they are, so the executed copies
    are escaped when they are written, once, before Quarto or the plain export reads them.
    """
    changed = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            if "text/markdown" not in data:
                continue
            raw = data["text/markdown"]
            text = "".join(raw) if isinstance(raw, list) else str(raw)
            escaped = safe_markdown(text)
            if escaped != text:
                data["text/markdown"] = escaped
                changed += 1
    return changed


def plain_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of an executed notebook ready for the plain export; ``nb`` is untouched.

    References in Markdown cells and in computed Markdown outputs are resolved, and HTML in
    computed Markdown outputs is made literal (:func:`safe_markdown`); each figure or
    table cell carries its :class:`Target` in ``metadata["smartresearch"]``. Tables stored
    as raw HTML Markdown for Quarto become ``text/html`` again (:mod:`.outputs`).
    """
    copy = nbformat.from_dict(nb)
    restore_html(copy)
    by_cell = _cell_targets(copy)
    targets = {target.label: target for target in by_cell.values()}
    for index, cell in enumerate(copy.cells):
        if cell.cell_type == "markdown":
            cell.source = resolve(cell.source, targets)
        elif cell.cell_type == "code":
            if index in by_cell:
                cell.metadata["smartresearch"] = asdict(by_cell[index])
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "text/markdown" in data:
                    text = safe_markdown(str(data["text/markdown"]))
                    data["text/markdown"] = resolve(text, targets)
    return copy


def plain_markdown(text: str, known: Mapping[str, Target] | None = None) -> str:
    """A generated Markdown page with Quarto-only syntax made plain.

    ``: caption {#tbl-x}`` becomes an anchored "**Table 1:** caption" line, a heading's
    ``{#sec-x}`` an anchor after its text, a heading's classes (``{.unnumbered}``) are
    dropped, and references to the tables are resolved, as
    are references to ``known`` targets (the figures a page embeds from the chapters).
    """
    counter = _Counter()
    targets: dict[str, Target] = dict(known or {})
    text = safe_markdown(text)

    def caption(match: re.Match[str]) -> str:
        target = counter.next(match.group(2), caption=match.group(1))
        assert target is not None  # the pattern only matches tbl- labels
        targets[target.label] = target
        return f'<a id="{target.label}"></a>**{target.name}:** {target.caption}'

    text = _TABLE_CAPTION.sub(caption, text)
    text = _HEADING_ID.sub(lambda m: f'{m.group(1)} <a id="{m.group(2)}"></a>', text)
    text = _HEADING_CLASSES.sub(lambda m: m.group(1), text)
    return resolve(text, targets)
