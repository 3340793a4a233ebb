"""The package's layers import downwards only (design/ARCHITECTURE.md), checked from the source.

Every ``import``/``from ... import`` of ``smartresearch`` anywhere in a module (also inside a
function, where a lazy import hides a dependency just as well) and every
``importlib.import_module("smartresearch....")`` with a literal name is read with ``ast``, so
a lower layer reaching into a higher one fails here naming the file, the line and the
import. Only rules the package keeps today are listed; ``plots`` still reads ``analysis``
for two charts and ``datasets`` reads the corpus's curated schemas for its descriptor.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "smartresearch"

#: The bottom of the package: what every layer may use.
BOTTOM = ("errors", "_io", "_columns", "_progress", "config", "registry", "countries")
#: Layer -> the layers it must never import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    **{
        low: ("datasets", "corpus", "analysis", "plots", "tables", "chapters", "reporting", "cli")
        for low in BOTTOM
    },
    "datasets": ("analysis", "plots", "tables", "chapters", "reporting", "cli"),
    "corpus": ("datasets", "analysis", "plots", "tables", "chapters", "reporting", "cli"),
    "analysis": ("corpus", "plots", "tables", "chapters", "reporting", "cli"),
    "plots": ("corpus", "tables", "chapters", "reporting", "cli"),
    "tables": ("datasets", "corpus", "analysis", "plots", "chapters", "reporting", "cli"),
    "chapters": ("reporting", "cli"),
    "reporting": ("cli",),
}


def _layer(module: str) -> str:
    """``smartresearch.corpus.themes`` -> ``corpus``; ``smartresearch`` -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) for every smartresearch module ``path`` imports, wherever it does."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # "from smartresearch import plots" imports the plots layer
            names = (
                [f"smartresearch.{alias.name}" for alias in node.names]
                if node.module == "smartresearch"
                else [node.module]
            )
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        else:
            continue
        for name in names:
            if name.startswith("smartresearch."):
                yield node.lineno, name


def _violations(layer: str) -> list[str]:
    base = PACKAGE / layer
    files = sorted(base.rglob("*.py")) if base.is_dir() else [base.with_suffix(".py")]
    found = []
    for path in files:
        for line, module in _imports(path):
            if _layer(module) in FORBIDDEN[layer]:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(layer: str) -> None:
    assert (PACKAGE / layer).is_dir() or (PACKAGE / f"{layer}.py").is_file(), layer
    assert _violations(layer) == []


def test_the_scan_sees_lazy_and_dynamic_imports(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text(
        "import importlib\n"
        "from smartresearch import plots\n"
        "def f():\n"
        "    from smartresearch.chapters import pledges\n"
        "    return importlib.import_module('smartresearch.reporting')\n",
        encoding="utf-8",
    )
    assert [m for _, m in _imports(source)] == [
        "smartresearch.plots",
        "smartresearch.chapters",
        "smartresearch.reporting",
    ]
