"""Chapter numbers as the book prints them, from the book's own chapter list.

Prose that points to another chapter ("chapter 2 compares ...") must name the number the
reader sees. Typed numbers went wrong once already: the home page was numbered as chapter 1,
so every typed "chapter 5" pointed one chapter too early. The numbers here come from
``book.chapters`` in ``report/_quarto.yml``, counted the way Quarto counts them: in order,
skipping a page whose title is marked ``{.unnumbered}`` (the home page). Appendices are
lettered, not numbered, and are not chapters here.

A chapter is named by its notebook's file stem (``"02-three-approaches"``), which stays the
same when chapters are reordered; its number follows the list.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import yaml

#: The Quarto book's configuration (the repository's ``report/_quarto.yml``).
CONFIG = Path(__file__).resolve().parents[2] / "report" / "_quarto.yml"
_FRONT_MATTER = re.compile(r"^---\n(.*?)\n---", re.S)
_HEADING = re.compile(r"^#\s+(.+)$", re.M)


def _title_line(path: Path) -> str:
    """A page's title as written (front matter ``title`` or first level-1 heading), or ""."""
    if not path.is_file():
        return ""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        text = "\n".join("".join(c.get("source", "")) for c in cells[:2])
    else:
        text = path.read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(text.lstrip())
    if front:
        title = (yaml.safe_load(front.group(1)) or {}).get("title")
        if title:
            return str(title)
    heading = _HEADING.search(text)
    return heading.group(1) if heading else ""


def _source(project: Path, entry: str) -> Path:
    """The file a chapter entry is written from: an executed copy ``chapters/x.ipynb`` comes
    from the committed ``notebooks/x.ipynb`` (the copy may not exist before a build)."""
    listed = project / entry
    committed = project.parent / "notebooks" / Path(entry).name
    return committed if entry.endswith(".ipynb") and committed.is_file() else listed


def chapter_numbers(config: Path = CONFIG) -> dict[str, int]:
    """File stem -> printed chapter number, for every numbered chapter of the book."""
    try:
        book = yaml.safe_load(config.read_text(encoding="utf-8"))["book"]
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{config} does not exist: chapter numbers are read from the report's book "
            "configuration, which only a checkout of the repository has"
        ) from None
    numbers: dict[str, int] = {}
    for entry in book["chapters"]:
        if ".unnumbered" in _title_line(_source(config.parent, entry)):
            continue
        numbers[Path(entry).stem] = len(numbers) + 1
    return numbers


@cache
def _numbers() -> dict[str, int]:
    return chapter_numbers()


def chapter(stem: str, *, capital: bool = False) -> str:
    """``"chapter 2"`` for the notebook ``02-three-approaches`` (``capital``: "Chapter 2")."""
    numbers = _numbers()
    if stem not in numbers:
        raise KeyError(
            f"{stem!r} is not a numbered chapter of the book; chapters: {sorted(numbers)}"
        )
    return f"{'Chapter' if capital else 'chapter'} {numbers[stem]}"
