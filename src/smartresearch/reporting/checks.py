"""Checks that a notebook or page will publish properly, before Quarto is ever run.

Quarto turns ``#| label: fig-…`` cells into numbered figures and ``@fig-…`` into links;
a typo there renders as "?@fig-x" in the report, and a missing ``fig-alt`` leaves a
figure unreadable to a screen reader. These checks find such problems in the committed
sources, so the tests (and the build) can name the file and cell before a reviewer does.
Each check returns a list of problems (empty when all is well), never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import yaml

from smartresearch.reporting.outputs import output_html

#: ``#| key: value`` lines at the top of a code cell (Quarto's cell options).
_OPTION = re.compile(r"^#\|\s?(.*)$")
#: Cross-references in prose: @fig-x, @tbl-x (Quarto's figure and table prefixes).
CROSSREF = re.compile(r"(?<![\w@/.])@((?:fig|tbl)-[A-Za-z0-9_-]*[A-Za-z0-9_])")
#: ``{{< embed path#label >}}`` shortcodes (options after the address are allowed).
EMBED = re.compile(r"\{\{<\s*embed\s+([^\s#>]+)(?:#([^\s>]+))?[^>]*>\}\}")
#: Labels defined in Markdown: ``{#fig-x}`` / ``{#tbl-x}`` attributes.
MD_LABEL = re.compile(r"\{#((?:fig|tbl|sec)-[A-Za-z0-9_-]+)[^}]*\}")


@dataclass(frozen=True)
class LabelledCell:
    source: str  # file the cell is in
    index: int  # cell number (0-based) in that file
    options: Mapping[str, object]

    @property
    def label(self) -> str:
        return str(self.options.get("label", ""))

    def where(self) -> str:
        return f"{self.source} cell {self.index}"


def cell_options(source: str) -> dict[str, object]:
    """Parse the ``#|`` option lines at the top of a code cell as YAML."""
    lines = []
    for line in source.splitlines():
        match = _OPTION.match(line)
        if not match:
            break
        lines.append(match.group(1))
    if not lines:
        return {}
    try:
        parsed = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as exc:
        return {"__error__": f"cell options are not valid YAML: {exc}"}
    return (
        parsed
        if isinstance(parsed, dict)
        else {"__error__": f"cell options are not a mapping: {parsed!r}"}
    )


#: A cell option line: ``key: value`` (value may be empty only for a nested mapping).
_OPTION_LINE = re.compile(r"^([A-Za-z][\w-]*):(?:\s+(.*))?$")


def option_line_problems(source: str, *, where: str) -> list[str]:
    """Every ``#|`` option is one ``key: value`` line that Quarto 1.9 reads as written.

    Quarto joins a cell's option lines with an extra newline before parsing them, so a YAML
    block scalar (``>-``, ``|``), a value continued on the next line, or an empty value
    keeps line breaks that Pandoc cannot parse as an attribute: the figure or table loses
    its number and caption and every ``@label`` prints ``?@label`` (QUARTO.md item 8).
    Write such values as one quoted line instead.
    """
    problems = []
    for n, line in enumerate(source.splitlines(), start=1):
        match = _OPTION.match(line)
        if not match:
            break
        text = match.group(1)
        option = _OPTION_LINE.match(text)
        if option is None:
            problems.append(
                f"{where} option line {n} {text!r}: not a one-line 'key: value' "
                "(a continuation line?); write the whole value on one line"
            )
            continue
        key, value = option.group(1), (option.group(2) or "").strip()
        if not value:
            problems.append(f"{where} option {key!r}: empty value (continued on the next line?)")
        elif value[0] in ">|":
            problems.append(
                f"{where} option {key!r}: YAML block scalar {value!r}; Quarto 1.9 keeps its "
                "line breaks and the caption is lost: write it as one quoted line"
            )
    return problems


def notebook_option_problems(nb: nbformat.NotebookNode, *, where: str) -> list[str]:
    return [
        problem
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for problem in option_line_problems(cell.source, where=f"{where} cell {i}")
    ]


def code_cells(nb: nbformat.NotebookNode, source: str) -> list[LabelledCell]:
    return [
        LabelledCell(source, i, cell_options(cell.source))
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
    ]


def markdown_text(nb: nbformat.NotebookNode) -> str:
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def _nonempty(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def figure_problems(cells: Iterable[LabelledCell]) -> list[str]:
    """Every ``fig-`` cell has a non-empty ``fig-cap`` and ``fig-alt``; every ``tbl-`` cell a
    ``tbl-cap``; option blocks parse; labels use only fig-/tbl- for figures and tables."""
    problems = []
    for cell in cells:
        if "__error__" in cell.options:
            problems.append(f"{cell.where()}: {cell.options['__error__']}")
            continue
        label = cell.label
        caption_keys = {"fig-cap", "fig-alt"} & set(cell.options)
        if label.startswith("fig-"):
            for key in ("fig-cap", "fig-alt"):
                if not _nonempty(cell.options.get(key)):
                    problems.append(f"{cell.where()} ({label}): missing or empty '#| {key}:'")
        elif label.startswith("tbl-"):
            if not _nonempty(cell.options.get("tbl-cap")):
                problems.append(f"{cell.where()} ({label}): missing or empty '#| tbl-cap:'")
        elif caption_keys:
            problems.append(
                f"{cell.where()}: has {sorted(caption_keys)} but its label {label!r} does not "
                "start with 'fig-', so Quarto will not number it as a figure"
            )
    return problems


def duplicate_labels(labels: Iterable[tuple[str, str]]) -> list[str]:
    """``labels`` are (label, where) pairs across the project; a label may be defined once."""
    seen: dict[str, str] = {}
    problems = []
    for label, where in labels:
        if label in seen:
            problems.append(f"label {label!r} is defined twice: {seen[label]} and {where}")
        else:
            seen[label] = where
    return problems


def unresolved_crossrefs(text: str, labels: Iterable[str], *, where: str) -> list[str]:
    known = set(labels)
    return [
        f"{where}: cross-reference @{ref} has no matching label"
        for ref in sorted(set(CROSSREF.findall(text)))
        if ref not in known
    ]


def embeds(text: str) -> list[tuple[str, str]]:
    """(path, label) of every embed shortcode; label is '' for a whole-notebook embed."""
    return [(path, label or "") for path, label in EMBED.findall(text)]


#: A fenced div's opening line (``::: {.class key="value"}``) and closing line (``:::``).
_DIV_OPEN = re.compile(r"^:{3,}\s*\{(?P<attrs>[^}]*)\}\s*$")
_DIV_CLOSE = re.compile(r"^:{3,}\s*$")
#: Attributes of a div that Quarto shows in the HTML only, never in the Typst PDF.
_HTML_ONLY = re.compile(
    r"\.content-visible[^}]*when-format=\"html\"|\.content-hidden[^}]*when-format=\"typst\""
)


def typst_visible_text(text: str) -> str:
    """A page's text without its HTML-only divs: what the book's Typst document contains."""
    kept: list[str] = []
    stack: list[bool] = []  # for each open div: is it (or an enclosing div) HTML-only?
    for line in text.splitlines():
        hidden = bool(stack and stack[-1])
        opened = _DIV_OPEN.match(line.strip())
        if opened:
            stack.append(hidden or bool(_HTML_ONLY.search(opened.group("attrs"))))
        elif _DIV_CLOSE.match(line.strip()) and stack:
            stack.pop()
        elif not hidden:
            kept.append(line)
    return "\n".join(kept)


def output_problems(nb: nbformat.NotebookNode, *, where: str) -> list[str]:
    """A committed notebook carries no outputs and no execution counts."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"{where} cell {i}: has {len(cell.outputs)} stored output(s)")
        if cell.get("execution_count") is not None:
            problems.append(f"{where} cell {i}: has execution_count {cell.execution_count}")
    return problems


#: Output types that show something meant to be read besides plain text.
_SHOWN = {"image/png", "image/svg+xml", "image/jpeg", "text/html", "text/markdown", "text/latex"}


def stray_repr_problems(nb: nbformat.NotebookNode, *, where: str) -> list[str]:
    """No executed cell shows a bare repr (an ``execute_result`` holding only ``text/plain``).

    A cell that ends in an expression such as ``srp.add_titles(...)`` prints its return
    value's repr (``TitleArtists(title=Text(…``); in a figure cell Quarto then lays the cell
    out as sub-figures "(a)" the repr and "(b)" the chart, with an empty caption (QUARTO.md
    item 13). Tables (DataFrame, great_tables) and Markdown carry HTML/Markdown and pass.
    End such a cell with ``;`` or assign the value to ``_``.
    """
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") not in {"execute_result", "display_data"}:
                continue
            data = output.get("data", {})
            if data and not set(data) & _SHOWN:
                text = str(data.get("text/plain", ""))
                problems.append(f"{where} cell {i}: prints a bare repr {text[:60]!r}")
    return problems


class _Cells(HTMLParser):
    """Texts of the ``td``/``th`` cells of HTML tables."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"td", "th"}:
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._open is not None:
            self.cells.append("".join(self._open).strip())
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def truncated_cell_problems(nb: nbformat.NotebookNode, *, where: str) -> list[str]:
    """No displayed table cuts a cell to "…" or "..." (pandas' display.max_colwidth, or its
    row/column elision, which shows "..." cells)."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            page = output_html(output)
            if not page:
                continue
            parser = _Cells()
            parser.feed(page)
            cut = [c for c in parser.cells if c.endswith(("…", "..."))]
            if cut:
                problems.append(
                    f"{where} cell {i}: {len(cut)} table cell(s) cut off, e.g. {cut[0][-40:]!r}"
                )
    return problems


def read_notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)
