"""What an executed copy stores as a cell's output: stable bytes, and HTML Quarto keeps offline.

Two rewrites, applied once when a notebook has been executed (before it is written to
``report/chapters/``), and one undone for the plain export:

* **Stable text.** A display output's ``text/plain`` is a repr, and reprs of objects such as
  a great_tables ``GT`` hold memory addresses (``<… object at 0x7f42…>``) that change on
  every run, so two builds of the same inputs wrote different files. The address is dropped
  (:func:`stable_text`).
* **HTML as raw Markdown.** Quarto 1.10 (``core/jupyter/widgets.ts``,
  ``extractJupyterWidgetDependencies``) treats ANY ``text/html`` or
  ``application/javascript`` display output as a possible JavaScript widget and then puts
  require.js and jQuery from cdn.jsdelivr.net in the page's head (and in every page that
  embeds from that notebook). Offline, the page then logs ``define is not defined``. The
  report's tables are great_tables HTML with no script at all, so each ``text/html`` output
  is stored as ``text/markdown`` holding the same HTML in a raw ```` ```{=html} ```` block,
  which is what Quarto itself writes into the page's Markdown for a ``text/html`` output
  (``mdHtmlOutput``): the HTML page and the Typst PDF (Quarto parses the raw HTML table)
  get the same table, without the CDN scripts (:func:`html_as_raw_markdown`).
  :func:`restore_html` turns such outputs back into ``text/html`` for nbconvert's plain
  export, and :func:`output_html` reads the HTML of an output in either form.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import nbformat

HTML = "text/html"
MARKDOWN = "text/markdown"
PLAIN = "text/plain"
#: ``<great_tables._gt_data.Body object at 0x7f423de37f10>`` → ``<…Body object>``.
_ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")
#: A raw-HTML Markdown output written by :func:`html_as_raw_markdown`.
_RAW_HTML = re.compile(r"\A(?P<fence>`{3,})\{=html\}\n(?P<html>.*)\n(?P=fence)\n?\Z", re.DOTALL)


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _display_outputs(nb: nbformat.NotebookNode) -> list[dict[str, Any]]:
    return [
        output
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") in {"display_data", "execute_result"}
    ]


def stable_text(nb: nbformat.NotebookNode) -> int:
    """Drop memory addresses from every ``text/plain`` repr, in place; returns how many changed."""
    changed = 0
    for output in _display_outputs(nb):
        data = output.get("data", {})
        if PLAIN in data:
            text = _text(data[PLAIN])
            stable = _ADDRESS.sub("", text)
            if stable != text:
                data[PLAIN] = stable
                changed += 1
    return changed


def raw_html_block(html: str) -> str:
    """``html`` as a Pandoc raw HTML block, fenced with more backticks than it holds."""
    longest = max((len(run) for run in re.findall(r"`+", html)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{{=html}}\n{html.rstrip(chr(10))}\n{fence}\n"


def html_as_raw_markdown(nb: nbformat.NotebookNode) -> int:
    """Store every ``text/html`` display output as a raw HTML Markdown block, in place.

    Outputs that also carry Markdown keep it (and lose the HTML, which Quarto would not
    show anyway); returns how many outputs changed.
    """
    changed = 0
    for output in _display_outputs(nb):
        data = output.get("data", {})
        if HTML not in data:
            continue
        html = _text(data.pop(HTML))
        data.setdefault(MARKDOWN, raw_html_block(html))
        changed += 1
    return changed


def output_html(output: dict[str, Any]) -> str | None:
    """The HTML an output shows: its ``text/html``, or the raw HTML block it is stored as."""
    data = output.get("data", {})
    if HTML in data:
        return _text(data[HTML])
    if MARKDOWN in data:
        match = _RAW_HTML.match(_text(data[MARKDOWN]))
        if match:
            return match.group("html")
    return None


def restore_html(nb: nbformat.NotebookNode) -> int:
    """Turn raw-HTML Markdown outputs back into ``text/html``, in place (for nbconvert,
    which would show the fenced block as code); returns how many changed."""
    changed = 0
    for output in _display_outputs(nb):
        data = output.get("data", {})
        if HTML in data or MARKDOWN not in data:
            continue
        html = output_html(output)
        if html is not None:
            del data[MARKDOWN]
            data[HTML] = html
            changed += 1
    return changed
