"""The package's layers import downwards only (design/ARCHITECTURE.md), checked from the source.

Every ``import``/``from ... import`` of ``smartresearch`` anywhere in a module (also inside a
function, where a lazy import hides a dependency just as well) and every
``importlib.import_module("smartresearch....")`` with a literal name is read with ``ast``, so
a lower layer reaching into a higher one fails here naming the file, the line and the
import. Only rules the package keeps today are listed. "Rank" is defined once, in the
bottom module ``ranking``: no other module calls a ``.rank()`` method.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "smartresearch"

#: The bottom of the package: what every layer may use.
BOTTOM = (
    "errors",
    "_io",
    "_columns",
    "_progress",
    "config",
    "registry",
    "countries",
    "wording",
    "ranking",
)
#: Layer -> the layers it must never import.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    **{
        low: ("datasets", "corpus", "analysis", "plots", "tables", "chapters", "reporting", "cli")
        for low in BOTTOM
    },
    "datasets": ("corpus", "analysis", "plots", "tables", "chapters", "reporting", "cli"),
    "corpus": ("datasets", "analysis", "plots", "tables", "chapters", "reporting", "cli"),
    "analysis": ("corpus", "plots", "tables", "chapters", "reporting", "cli"),
    "plots": ("corpus", "analysis", "tables", "chapters", "reporting", "cli"),
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
            # "from smartresearch import plots" imports the plots layer, and
            # "from smartresearch.chapters import composite" the composite module
            folder = PACKAGE.parent.joinpath(*node.module.split("."))
            names = [
                f"{node.module}.{alias.name}"
                if (folder / f"{alias.name}.py").is_file() or (folder / alias.name).is_dir()
                else node.module
                for alias in node.names
            ]
            names = list(dict.fromkeys(names))
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


#: The modules that each answer one report question (a notebook's chapter). Others in
#: ``chapters/`` are helpers they share (``_tables``, ``_caveats``, ``quantities``,
#: ``pledge_tables``, ``composite_views``...) and ``summary``, composed from the answers.
CHAPTERS = ("conversation", "approaches", "agreement", "pledges", "composite", "profile")


def _chapter_arrows() -> list[str]:
    """Imports of one chapter by another, and of private ``plots`` modules by any module
    of ``chapters``."""
    found = []
    for path in sorted((PACKAGE / "chapters").glob("*.py")):
        own = path.stem
        for line, module in _imports(path):
            parts = module.split(".")
            where = f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}"
            if parts[1:2] == ["plots"] and any(p.startswith("_") for p in parts[2:]):
                found.append(where)  # the charts' internals: use the public plots API
            if parts[1:2] != ["chapters"] or len(parts) < 3 or own == "summary":
                continue
            target = parts[2]
            if own in CHAPTERS and target in CHAPTERS and target != own:
                found.append(where)  # chapter -> chapter: share through a helper instead
    return found


def test_chapters_import_no_other_chapter_and_no_private_plots_module() -> None:
    """A chapter answers its own question from the layers below; what two chapters share
    lives in a helper module, and only ``summary`` composes other chapters."""
    assert _chapter_arrows() == []


def test_the_arrows_that_were_removed_stay_removed(tmp_path: Path) -> None:
    """Each rule above fails on the import it forbids (a scan that finds nothing is no test)."""
    for layer, module in (
        ("plots", "smartresearch.analysis.profiles"),
        ("datasets", "smartresearch.corpus"),
        ("wording", "smartresearch.plots"),
        ("ranking", "smartresearch.analysis.ranks"),
    ):
        assert _layer(module) in FORBIDDEN[layer], (layer, module)
    chapter = PACKAGE / "chapters" / "profile.py"
    source = tmp_path / "profile.py"
    source.write_text(
        "from smartresearch.chapters import composite\nfrom smartresearch.plots._data import x\n",
        encoding="utf-8",
    )
    found = [m for _, m in _imports(source)]
    assert found == ["smartresearch.chapters.composite", "smartresearch.plots._data"]
    assert chapter.is_file() and {"profile", "composite"} <= set(CHAPTERS)


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
        "smartresearch.chapters.pledges",
        "smartresearch.reporting",
    ]


#: The one module that computes a rank (tests/test_ranking.py checks it on the UN's ties).
RANKING = PACKAGE / "ranking.py"


def _rank_calls(path: Path) -> list[int]:
    """Lines of ``path`` that call a ``.rank(...)`` method (pandas' Series/DataFrame/groupby
    ranking): a rank computed there instead of by :mod:`smartresearch.ranking`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "rank"
    ]


def test_ranks_are_computed_in_one_module_only() -> None:
    """ "Rank" has one definition: ``analysis``, ``plots`` and ``chapters`` rank with
    :mod:`smartresearch.ranking`, so a chart's "3rd" and a table's "3rd" share a tie rule."""
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != RANKING
        for line in _rank_calls(path)
    ]
    assert found == []
    assert _rank_calls(RANKING)  # the scan finds the one definition it allows


def test_the_rank_scan_sees_method_calls_on_any_object(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text(
        "def f(s, g):\n"
        "    a = s.rank(method='min')\n"
        "    return g.groupby('year')['value'].rank(ascending=False), rank_values(s)\n",
        encoding="utf-8",
    )
    assert _rank_calls(source) == [2, 3]
