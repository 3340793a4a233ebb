"""Reading a rendered PDF the way a reader would, for the real-render test.

The report's PDF passed a render test that never opened it while its tables printed rows over
each other, ``&#x27;`` stood in the text, captions sat under the page number and nine pages
were blank. These helpers read the PDF with poppler's command-line tools (``pdftotext``,
``pdftoppm``, ``pdfinfo``; the ``poppler-utils`` package) and return what is wrong, so a
test asserts ``== []`` and its failure names the page and the words:

* :func:`html_entities` — character references printed literally (``&#x27;``, ``&quot;``);
* :func:`overlapping_words` — words printed over other words (rows piled up, a caption
  under the page number), from the words' boxes;
* :func:`words_off_page` — words outside the page (a table running off its edge);
* :func:`blank_pages` — pages with nothing on them (no text, no image: all white);
* :func:`unresolved_references` — ``?@fig-x`` or a bare ``fig-x``/``tbl-x`` label printed
  where a cross-reference should be;
* :func:`title_page_problems` — the title page's version, date and licence missing;
* :func:`page_texts` / :func:`page_count` — for assertions on what a page says.

:func:`pdf_problems` runs every check: the real-render test asserts it returns ``{}``.

Page numbers in the results count from 1, as a PDF viewer shows them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

#: The command-line tools these helpers run.
TOOLS = ("pdftotext", "pdftoppm", "pdfinfo")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,7});")
#: a label printed raw; not a figure-data file name such as ``fig-pledges-trackers.csv``
_UNRESOLVED = re.compile(
    r"\?@[\w-]+|(?<![\w/.#-])(?:fig|tbl|sec)-[a-z0-9]+(?:-[a-z0-9]+)*(?![\w-])(?!\.[a-z])"
)


def have_tools() -> bool:
    """Whether poppler's tools are on PATH (tests skip, naming them, when not)."""
    return all(shutil.which(tool) for tool in TOOLS)


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@dataclass(frozen=True)
class Word:
    """One word as pdftotext places it: page (from 1), text and box in points, origin top left."""

    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlap(self, other: Word) -> float:
        """The shared area as a share of the smaller box's area (0 when they only touch)."""
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        if width <= 0 or height <= 0:
            return 0.0
        smaller = min(
            (self.x1 - self.x0) * (self.y1 - self.y0), (other.x1 - other.x0) * (other.y1 - other.y0)
        )
        return width * height / smaller if smaller > 0 else 0.0


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]


def page_count(pdf: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), flags=re.M)
    if not match:
        raise ValueError(f"{pdf}: pdfinfo reports no page count")
    return int(match.group(1))


def page_texts(pdf: Path) -> list[str]:
    """Each page's text in reading order (pdftotext's layout mode)."""
    text = _run("pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-")
    pages = text.split("\f")
    return pages[: page_count(pdf)]


def pages(pdf: Path) -> list[Page]:
    """Every page with its size and its words' boxes (``pdftotext -bbox``)."""
    xml = _run("pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-")
    # pdftotext writes an XHTML document; its namespace is dropped to keep the paths short
    root = ElementTree.fromstring(re.sub(r'\sxmlns="[^"]+"', "", xml, count=1))
    out = []
    for number, page in enumerate(root.iter("page"), start=1):
        words = tuple(
            Word(
                number,
                unescape(word.text or ""),
                *(float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")),
            )
            for word in page.iter("word")
        )
        out.append(Page(number, float(page.get("width")), float(page.get("height")), words))
    return out


def html_entities(pdf: Path) -> list[tuple[int, str]]:
    """(page, entity) for every HTML character reference printed as text."""
    return [
        (number, match.group(0))
        for number, text in enumerate(page_texts(pdf), start=1)
        for match in _ENTITY.finditer(text)
    ]


def overlapping_words(pdf: Path, *, share: float = 0.3) -> list[tuple[int, str, str]]:
    """(page, word, word) for words whose boxes share more than ``share`` of the smaller
    box: text printed over text. Neighbours on a line only touch, so they never count."""
    found = []
    for page in pages(pdf):
        words = sorted(page.words, key=lambda w: w.y0)
        for i, word in enumerate(words):
            for other in words[i + 1 :]:
                if other.y0 >= word.y1:
                    break  # sorted by top: no later word reaches up into this one
                if word.overlap(other) > share:
                    found.append((page.number, word.text, other.text))
    return found


def words_off_page(pdf: Path) -> list[tuple[int, str]]:
    """(page, word) for words that extend past the page's edges."""
    return [
        (page.number, w.text)
        for page in pages(pdf)
        for w in page.words
        if w.x0 < 0 or w.y0 < 0 or w.x1 > page.width or w.y1 > page.height
    ]


def _grey_image(pgm: bytes) -> tuple[int, int, bytes]:
    """Width, height and pixel bytes of a binary PGM (P5) image with maxval 255, as
    pdftoppm writes it."""
    fields = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    if not fields or fields.group(3) != b"255":
        raise ValueError("not an 8-bit binary PGM image")
    return int(fields.group(1)), int(fields.group(2)), pgm[fields.end() :]


def blank_pages(pdf: Path, *, resolution: int = 20, band: float = 0.1) -> list[int]:
    """Pages with nothing on them but, at most, a running header or footer: every pixel
    white at ``resolution`` dpi between the top and bottom ``band`` of the page (a book
    template's empty left-hand page still carries its page number)."""
    blank = []
    with tempfile.TemporaryDirectory() as scratch:
        _run("pdftoppm", "-gray", "-r", str(resolution), str(pdf), f"{scratch}/p")
        for image in sorted(Path(scratch).glob("p-*.pgm")):
            width, height, pixels = _grey_image(image.read_bytes())
            body = pixels[int(height * band) * width : int(height * (1 - band)) * width]
            if not body or min(body) >= 250:
                blank.append(int(image.stem.rsplit("-", 1)[1]))
    return blank


def unresolved_references(pdf: Path) -> list[tuple[int, str]]:
    """(page, text) for cross-references printed as their label: ``?@fig-x``, ``fig-x``."""
    return [
        (number, match.group(0))
        for number, text in enumerate(page_texts(pdf), start=1)
        for match in _UNRESOLVED.finditer(text)
    ]


def title_page_problems(pdf: Path, facts: Mapping[str, str], *, pages: int = 2) -> list[str]:
    """What the title page (its first ``pages`` pages) fails to say of ``facts`` (the
    colophon: version, date, licence), one line each."""
    text = " ".join(" ".join(t.split()) for t in page_texts(pdf)[:pages])
    return [
        f"the title page does not give the {key} ({value!r})"
        for key, value in facts.items()
        if " ".join(str(value).split()) not in text
    ]


def pdf_problems(pdf: Path) -> dict[str, list]:
    """Every check above on one PDF, keyed by check, checks that found nothing left out:
    the real-render test asserts ``pdf_problems(pdf) == {}`` and its failure lists pages."""
    checks = {
        "html entities": html_entities,
        "overlapping words": overlapping_words,
        "words off the page": words_off_page,
        "blank pages": blank_pages,
        "unresolved references": unresolved_references,
    }
    found = {name: check(pdf) for name, check in checks.items()}
    return {name: problems for name, problems in found.items() if problems}
