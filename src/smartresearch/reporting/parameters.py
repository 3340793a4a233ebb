"""Notebook parameters (``-p NAME VALUE``): what a notebook declares, and what is refused.

A notebook takes parameters papermill-style, from its code cell tagged ``parameters``.
That cell is parsed, never run, for the names it assigns; only those names may be set,
and only to plain data (:func:`parameter_literal`), so that what the build injects into a
notebook is data whatever the caller passed. The checks run before anything executes.
"""

from __future__ import annotations

import ast
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from smartresearch.errors import ValidationError


def parameters_cell_index(nb: Mapping[str, Any]) -> int | None:
    """Index of the cell tagged ``parameters`` (a NotebookNode or the notebook's JSON)."""
    for index, cell in enumerate(nb.get("cells", [])):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") == "code" and "parameters" in tags:
            return index
    return None


def declared_parameters(nb: Mapping[str, Any]) -> tuple[str, ...]:
    """Names the ``parameters`` cell assigns (``name = ...``), in order; () without one.

    The cell is parsed, never run: these names are the only ones ``-p NAME VALUE`` may set.
    """
    index = parameters_cell_index(nb)
    if index is None:
        return ()
    source = nb["cells"][index].get("source", "")
    source = "".join(source) if isinstance(source, list) else source
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return ()
    names: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            if isinstance(target, ast.Name) and target.id not in names:
                names.append(target.id)
    return tuple(names)


def check_parameters(name: str, declared: Sequence[str], parameters: Mapping[str, object]) -> None:
    """Refuse a parameter the notebook's ``parameters`` cell does not declare, or a bad value.

    This is what keeps ``-p NAME VALUE`` data: NAME must be one of the declared names
    (so never code), VALUE must be plain data (see :func:`parameter_literal`).
    """
    unknown = [key for key in parameters if key not in declared]
    if unknown:
        known = ", ".join(declared) if declared else "none (it has no cell tagged 'parameters')"
        raise ValidationError(
            f"{name} has no parameter {', '.join(repr(k) for k in unknown)}; "
            f"the parameters it declares are: {known}"
        )
    for key, value in parameters.items():
        parameter_literal(value, name=f"{name} parameter {key!r}")


def parameter_literal(value: object, *, name: str = "parameter") -> str:
    """``value`` as a Python literal, when it is plain data (str, number, bool, None, lists
    and dicts of them); :class:`ValidationError` otherwise. ``ast.literal_eval`` of the
    result gives ``value`` back, which the injected cell relies on."""

    def check(item: object) -> None:
        if item is None or isinstance(item, (str, bool, int)):
            return
        if isinstance(item, float):
            if not math.isfinite(item):
                raise ValidationError(f"{name}: {item!r} is not a finite number")
            return
        if isinstance(item, (list, tuple)):
            for element in item:
                check(element)
            return
        if isinstance(item, dict):
            for key, element in item.items():
                if not isinstance(key, str):
                    raise ValidationError(f"{name}: dictionary key {key!r} is not text")
                check(element)
            return
        raise ValidationError(f"{name}: {type(item).__name__} values cannot be passed")

    check(value)
    literal = repr(value)
    if ast.literal_eval(literal) != value:  # pragma: no cover - guarded by check()
        raise ValidationError(f"{name}: {value!r} does not survive as a literal")
    return literal


def validate_parameters(paths: Sequence[Path], params: Mapping[str, object]) -> None:
    """Check ``params`` against every selected notebook's ``parameters`` cell, before any runs.

    Notebooks without such a cell take no parameters; if none of the selected has one,
    the parameters would go nowhere, which is refused too.
    """
    declaring = []
    for path in paths:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # reported when the notebook is run
        if parameters_cell_index(raw) is not None:
            declaring.append(path)
            check_parameters(path.name, declared_parameters(raw), params)
    if not declaring:
        raise ValidationError(
            f"parameters {sorted(params)} were given but none of the selected notebooks "
            f"({', '.join(p.name for p in paths) or 'none'}) has a cell tagged 'parameters'"
        )
