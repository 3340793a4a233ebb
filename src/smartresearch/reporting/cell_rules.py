"""How a notebook shows figure descriptions and tables: one way each, checked in the source.

Quarto 1.9 renders a cell's result as it finds it. A description printed with ``print``
becomes a monospace line running off the page, one wrapped in ``Markdown`` a paragraph
that looks different on every page; a raw DataFrame renders in the Typst PDF with centred
text and an extra header row for its index. The project's helpers do it properly
(:func:`smartresearch.plots.describe` and :func:`smartresearch.tables.table`), and these
checks read the committed notebooks' code (statically, with :mod:`ast`) to make sure every
cell uses them:

* no cell prints a figure's alt text or wraps it in ``Markdown``/``HTML``
  (:func:`description_problems`);
* a ``fig-`` cell ends with an assignment (``_ = srp.add_titles(...)``), so no repr is
  printed beside the image, and the cell right after it ends with ``srp.describe(...)``
  (:func:`figure_cell_problems`);
* a ``tbl-`` cell ends with a ``table(...)`` call, with no ``.set_index(...)`` inside it
  (:func:`table_cell_problems`).

Each check returns a list of problems naming the file, the cell and its label; it never
raises, also not on a cell that does not parse (IPython magics are skipped).
"""

from __future__ import annotations

import ast
import re

import nbformat

from smartresearch.reporting.checks import cell_options

#: Calls that must not receive a figure's alt text: ``srp.describe`` shows it instead.
_WRAPPERS = frozenset({"print", "Markdown", "HTML", "display"})
#: A line of IPython syntax (magics, shell escapes) that :mod:`ast` cannot parse.
_MAGIC = re.compile(r"^\s*[%!]")


def _tree(source: str) -> ast.Module | None:
    code = "\n".join("" if _MAGIC.match(line) else line for line in source.splitlines())
    try:
        return ast.parse(code)
    except SyntaxError:
        return None


def _callee(call: ast.Call) -> str:
    """The called name: ``print`` for ``print(...)``, ``describe`` for ``srp.describe(...)``."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _mentions(node: ast.AST, name: str) -> bool:
    return any(
        (isinstance(n, ast.Name) and n.id == name)
        or (isinstance(n, ast.Attribute) and n.attr == name)
        for n in ast.walk(node)
    )


def _label(cell: nbformat.NotebookNode) -> str:
    return str(cell_options(cell.source).get("label", ""))


def _where(where: str, index: int, label: str) -> str:
    return f"{where} cell {index}" + (f" ({label})" if label else "")


def _last_statement(source: str) -> ast.stmt | None:
    tree = _tree(source)
    return tree.body[-1] if tree is not None and tree.body else None


def _code(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."


def description_problems(nb: nbformat.NotebookNode, *, where: str) -> list[str]:
    """No cell passes ``alt_text(...)`` to ``print``, ``Markdown``, ``HTML`` or ``display``.

    The computed description is shown by ``srp.describe(ax)`` as the cell's last
    expression: a collapsed "Description" block in HTML, a paragraph in the PDF.
    """
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tree = _tree(cell.source)
        if tree is None:
            # unparsable: fall back on the text, so a broken cell cannot hide the pattern
            if re.search(r"\b(print|Markdown|HTML)\s*\(.*alt_text", cell.source, re.S):
                problems.append(
                    f"{_where(where, index, _label(cell))}: shows alt_text(...) through "
                    "print/Markdown; end the cell with srp.describe(ax) instead"
                )
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and _callee(node) in _WRAPPERS
                and any(_mentions(arg, "alt_text") for arg in [*node.args, *node.keywords])
            ):
                problems.append(
                    f"{_where(where, index, _label(cell))}: {_callee(node)}(...) of alt_text "
                    f"({_code(node)}); end the cell with srp.describe(ax) instead"
                )
                break  # one problem a cell: display(Markdown(alt_text)) is one mistake
    return problems


def _is_call_to(statement: ast.stmt | None, name: str) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and _callee(statement.value) == name
    )


def figure_cell_problems(nb: nbformat.NotebookNode, *, where: str) -> list[str]:
    """A ``fig-`` cell ends with an assignment, and the next cell with ``srp.describe(...)``.

    A figure cell ending in an expression prints its repr beside the chart, which Quarto
    lays out as sub-figures "(a)" and "(b)" with an empty caption (QUARTO.md item 13); a
    trailing ``;`` hides it in Jupyter but is easy to lose, so the rule is ``_ = ...``.
    """
    problems = []
    cells = nb.cells
    for index, cell in enumerate(cells):
        label = _label(cell) if cell.cell_type == "code" else ""
        if not label.startswith("fig-"):
            continue
        here = _where(where, index, label)
        last = _last_statement(cell.source)
        if isinstance(last, ast.Expr):
            problems.append(
                f"{here}: ends with the expression {_code(last)!r}; assign it "
                "(`_ = ...`) so no repr is shown beside the figure"
            )
        after = cells[index + 1] if index + 1 < len(cells) else None
        if (
            after is None
            or after.cell_type != "code"
            or not _is_call_to(_last_statement(after.source), "describe")
        ):
            problems.append(
                f"{here}: the next cell must end with srp.describe(...) (the figure's "
                "computed description, collapsed under it)"
            )
    return problems


def table_cell_problems(nb: nbformat.NotebookNode, *, where: str) -> list[str]:
    """A ``tbl-`` cell ends with a ``table(...)`` call with no ``.set_index(...)`` in it.

    :func:`smartresearch.tables.table` renders in the HTML site and the Typst PDF alike and
    prints meaningful columns itself; a raw DataFrame or Styler does neither, and an index
    set for display comes out in Typst as an extra header row.
    """
    problems = []
    for index, cell in enumerate(nb.cells):
        label = _label(cell) if cell.cell_type == "code" else ""
        if not label.startswith("tbl-"):
            continue
        here = _where(where, index, label)
        last = _last_statement(cell.source)
        if not _is_call_to(last, "table"):
            shown = _code(last) if last is not None else "nothing that parses"
            problems.append(
                f"{here}: ends with {shown!r}, not a table(...) call "
                "(from smartresearch.tables import table)"
            )
            continue
        assert isinstance(last, ast.Expr)
        if _mentions(last.value, "set_index"):
            problems.append(
                f"{here}: .set_index(...) inside table(...); pass the columns as they are "
                "(table() shows every column, in order)"
            )
    return problems


def cell_rule_problems(nb: nbformat.NotebookNode, *, where: str) -> list[str]:
    """All three rules on one notebook."""
    return [
        *description_problems(nb, where=where),
        *figure_cell_problems(nb, where=where),
        *table_cell_problems(nb, where=where),
    ]
