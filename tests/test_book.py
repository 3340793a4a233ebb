"""Chapter numbers from the book's chapter list (smartresearch.book), and no typed ones."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from smartresearch.book import CONFIG, chapter, chapter_numbers

ROOT = Path(__file__).resolve().parents[1]


def test_the_home_page_is_not_a_chapter_so_chapters_number_from_one():
    numbers = chapter_numbers()
    assert "index" not in numbers
    assert numbers["01-conversation"] == 1
    assert numbers["06-country-profile"] == 6
    # appendices are not chapters
    assert "90-chart-gallery" not in numbers and "methods" not in numbers
    assert chapter("05-composite-sensitivity") == "chapter 5"
    assert chapter("02-three-approaches", capital=True) == "Chapter 2"


def _book(tmp_path: Path, home_title: str, chapters: list[str]) -> Path:
    project = tmp_path / "report"
    project.mkdir()
    (project / "index.qmd").write_text(f'---\ntitle: "{home_title}"\n---\n', encoding="utf-8")
    config = {"book": {"chapters": ["index.qmd", *chapters]}}
    (project / "_quarto.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return project / "_quarto.yml"


def test_a_numbered_home_page_shifts_every_chapter(tmp_path):
    """The fault the review found: the home page numbered as chapter 1."""
    config = _book(tmp_path, "Home", ["chapters/01-a.ipynb", "chapters/02-b.ipynb"])
    assert chapter_numbers(config) == {"index": 1, "01-a": 2, "02-b": 3}


def test_reordered_chapters_renumber(tmp_path):
    config = _book(tmp_path, "Home {.unnumbered}", ["chapters/02-b.ipynb", "chapters/01-a.ipynb"])
    assert chapter_numbers(config) == {"02-b": 1, "01-a": 2}


def test_an_unknown_chapter_is_refused_naming_the_chapters():
    with pytest.raises(KeyError, match="'07-nothing' is not a numbered chapter"):
        chapter("07-nothing")


def test_a_missing_configuration_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="_quarto.yml does not exist"):
        chapter_numbers(tmp_path / "_quarto.yml")


def test_the_book_configuration_is_the_report_one():
    assert CONFIG == ROOT / "report" / "_quarto.yml"


_TYPED = re.compile(r"\b[Cc]hapters? \d")


def _prose_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module that are not docstrings (what a reader may see)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_prose_types_a_chapter_number():
    """Chapter numbers in what the report prints come from the book's list: none is typed in
    the package's strings, the report's pages or the notebooks' text."""
    package = ROOT / "src" / "smartresearch"
    typed = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()[:60]}"
        for path in package.rglob("*.py")
        for line, text in _prose_strings(path)
        if _TYPED.search(text)
    ]
    pages = [*(ROOT / "report").glob("*.qmd"), *(ROOT / "notebooks").glob("*.ipynb")]
    typed += [
        f"{page.relative_to(ROOT)}: {match.group(0)}"
        for page in pages
        for match in _TYPED.finditer(re.sub(r"^\s*\"#.*$", "", page.read_text("utf-8"), flags=re.M))
    ]
    assert typed == []
