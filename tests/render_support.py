"""Looking at the rendered report as a reader does: the PDF's text and pixels, the site served.

The PDF is read with poppler (``pdftotext -bbox-layout`` for every word and its box,
``pdftoppm`` for the pixels); the site is served over HTTP on 127.0.0.1 (opened from
``file://`` Quarto's own script and search are blocked, QUARTO.md item 28). The checks are
plain functions over those, so tests/test_report_render_checks.py can show on constructed
input that each one catches what it is for.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

#: Share of the smaller of two word boxes that may be covered by the other before the two
#: count as printed over each other. Word boxes span the font's full height, so the boxes
#: of adjacent lines touch or overlap slightly in normal text; rows piled on each other, a
#: caption under a page number or an identifier running into the next column overlap more.
OVERLAP_SHARE = 0.3
#: Header and footer bands (share of the page height) left out when judging a page blank:
#: a page with only its running header and number is a blank page to a reader.
MARGIN_BAND = 0.09
#: Character references that print literally when HTML reaches the PDF as text.
ENTITY = re.compile(r"&(?:#x?[0-9A-Fa-f]+|[A-Za-z]+);")
#: What an unresolved Quarto cross-reference prints: ``?@fig-x``, or the bare label; not a
#: file named after a label (``fig-x.csv``, the figure's data).
RAW_CROSSREF = re.compile(r"\?@|(?<![\w/.#-])@?(?:fig|tbl|sec)-[a-z0-9][\w-]*(?![\w-]|\.[A-Za-z])")


def require_tool(name: str) -> str:
    """The program's path; in CI (``CI`` set) a missing program fails the test, elsewhere
    it skips it with the reason (``.ci/run`` installs every one of them)."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not on PATH (.ci/run installs it)"
    if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def area(self) -> float:
        return max(0.0, self.x1 - self.x0) * max(0.0, self.y1 - self.y0)


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """The page's words in reading order, a word broken at a line end (``compo-``
        ``nent``, with a hyphen or a soft hyphen) joined again."""
        parts: list[str] = []
        for word in self.words:
            if parts and parts[-1].endswith(("-", "\xad")):
                parts[-1] = parts[-1].removesuffix("\xad") + word.text
            else:
                parts.append(word.text)
        return " ".join(parts)


def parse_bbox_layout(xhtml: str) -> list[Page]:
    """Pages and word boxes from ``pdftotext -bbox-layout`` output."""
    xhtml = re.sub(r"<!DOCTYPE[^>]*>", "", xhtml).replace(
        ' xmlns="http://www.w3.org/1999/xhtml"', ""
    )
    root = ET.fromstring(xhtml)
    pages = []
    for number, page in enumerate(root.iter("page"), start=1):
        words = tuple(
            Word(*(float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")), w.text or "")
            for w in page.iter("word")
        )
        pages.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


def pdf_pages(pdf: Path) -> list[Page]:
    result = subprocess.run(
        [require_tool("pdftotext"), "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return parse_bbox_layout(result.stdout)


def overlapping_words(page: Page, share: float = OVERLAP_SHARE) -> list[tuple[Word, Word]]:
    """Pairs of words printed over each other (see :data:`OVERLAP_SHARE`)."""
    found = []
    words = sorted(page.words, key=lambda w: w.y0)
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if b.y0 >= a.y1:
                break
            width = min(a.x1, b.x1) - max(a.x0, b.x0)
            height = min(a.y1, b.y1) - max(a.y0, b.y0)
            if width > 0 and height > 0 and width * height > share * min(a.area, b.area):
                found.append((a, b))
    return found


def words_outside(page: Page) -> list[Word]:
    """Words whose box is not wholly on the page."""
    return [
        w for w in page.words if w.x0 < 0 or w.y0 < 0 or w.x1 > page.width or w.y1 > page.height
    ]


def layout_problems(pages: Sequence[Page]) -> list[str]:
    """One line per page with text off the page or printed over other text."""
    problems = []
    for page in pages:
        pairs = overlapping_words(page)
        if pairs:
            shown = ", ".join(f"{a.text!r}/{b.text!r}" for a, b in pairs[:3])
            problems.append(f"page {page.number}: {len(pairs)} overlapping word pair(s): {shown}")
        outside = words_outside(page)
        if outside:
            problems.append(
                f"page {page.number}: text outside the page: {[w.text for w in outside[:5]]}"
            )
    return problems


def entity_problems(pages: Sequence[Page]) -> list[str]:
    return [
        f"page {p.number}: {sorted(set(ENTITY.findall(p.text)))}"
        for p in pages
        if ENTITY.search(p.text)
    ]


def crossref_problems(pages: Sequence[Page]) -> list[str]:
    return [
        f"page {p.number}: {sorted(set(RAW_CROSSREF.findall(p.text)))}"
        for p in pages
        if RAW_CROSSREF.search(p.text)
    ]


def is_blank(pixels: Sequence[Sequence[int]], band: float = MARGIN_BAND) -> bool:
    """A page image (rows of grey levels 0–255) with nothing between its header and footer
    bands darker than near-white."""
    rows = len(pixels)
    body = pixels[int(rows * band) : rows - int(rows * band)]
    return all(value > 235 for row in body for value in row)


def blank_pages(pdf: Path, folder: Path) -> list[int]:
    """Numbers of the pages with nothing but a running header or a page number."""
    from PIL import Image

    subprocess.run(
        [require_tool("pdftoppm"), "-r", "20", "-gray", str(pdf), str(folder / "page")],
        check=True,
        capture_output=True,
    )
    blank = []
    for image in sorted(folder.glob("page-*.pgm")):
        with Image.open(image) as picture:
            width, height = picture.size
            # one byte per pixel in grey (getdata is deprecated in Pillow 12 and warns)
            data = list(picture.convert("L").tobytes())
        rows = [data[r * width : (r + 1) * width] for r in range(height)]
        if is_blank(rows):
            blank.append(int(image.stem.rsplit("-", 1)[1]))
    return sorted(blank)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def headless_chromium(width: int = 1280, height: int = 900) -> Iterator[object]:
    """A Selenium driver for Debian's headless Chromium at ``width`` px, logging the console."""
    from selenium import webdriver

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    require_tool(Path(browser).name)
    driver_path = require_tool("chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(driver_path))
    try:
        yield driver
    finally:
        driver.quit()


#: Requested by the browser itself for every site; the site has none, which is no defect.
BROWSER_OWN = ("/favicon.ico",)


def page_problems(driver, url: str, origin: str) -> list[str]:  # noqa: ANN001 - selenium
    """What a reader would meet on ``url``: console errors, requests outside the site,
    a page wider than the window, images that did not load."""
    driver.get(url)
    errors = [
        e["message"]
        for e in driver.get_log("browser")
        if e["level"] == "SEVERE" and not any(own in e["message"] for own in BROWSER_OWN)
    ]
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    outside = [r for r in resources if not r.startswith((origin, "data:", "blob:"))]
    width = driver.execute_script("return document.scrollingElement.scrollWidth")
    window = driver.execute_script("return window.innerWidth")
    broken = driver.execute_script(
        "return [...document.images].filter(i => !(i.complete && i.naturalWidth > 0))"
        ".map(i => i.alt || i.src.slice(0, 60))"
    )
    name = url.removeprefix(origin)
    problems = [f"{name}: console error {m}" for m in errors]
    problems += [f"{name}: requested from outside the site: {r}" for r in outside]
    if width > window:
        problems.append(f"{name}: {width} px wide in a {window} px window")
    problems += [f"{name}: image did not load: {b}" for b in broken]
    return problems


def search_hits(driver, origin: str, query: str) -> list[str]:  # noqa: ANN001 - selenium
    """Links the site's search box offers for ``query`` (Quarto's search, on the home page)."""
    import time

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{origin}/index.html")
    driver.find_element(By.CSS_SELECTOR, "#quarto-search .aa-Input, #quarto-search button").click()
    box = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, ".aa-Input"))
    box.send_keys(query)
    deadline = time.monotonic() + 10
    links: list[str] = []
    while time.monotonic() < deadline and not links:
        links = driver.execute_script(
            "return [...document.querySelectorAll('.aa-Item a')].map(a => a.href)"
        )
        time.sleep(0.2)
    return links
