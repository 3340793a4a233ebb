"""The report as the README's first command renders it with the real Quarto, looked at as a
reader does: the site served over HTTP in headless Chromium, the PDF through poppler.

The render happens once per session (``rendered_report`` in conftest.py), from the
notebooks the session executed once (``executed_notebooks``); every test here reads that
one result. In CI (``CI`` set, as ``.ci/run`` does) a missing Quarto, Chromium or poppler
fails these tests; elsewhere they skip with the reason.
"""

from __future__ import annotations

import re

import pytest
from render_support import (
    blank_pages,
    crossref_problems,
    entity_problems,
    headless_chromium,
    layout_problems,
    page_problems,
    pdf_pages,
    search_hits,
    served,
)

import smartresearch
from smartresearch.reporting import checks, default_layout

pytestmark = [pytest.mark.quarto, pytest.mark.slow]

LAYOUT = default_layout()
PAGES = sorted(LAYOUT.report_dir.glob("*.qmd"))
NOTEBOOKS = LAYOUT.notebooks()
#: A date as a title page prints it: 7 December 2026, December 7, 2026, December 2026, 2026-12-07.
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
DATE = re.compile(
    rf"\b(?:\d{{1,2}} {MONTH} 20\d\d|{MONTH} (?:\d{{1,2}}, )?20\d\d|20\d\d-\d\d-\d\d)\b"
)


@pytest.fixture(scope="module")
def report(rendered_report):
    assert rendered_report.code == 0, "smartresearch report failed (see the captured output)"
    assert rendered_report.pdf is not None, "a book renders exactly one PDF"
    return rendered_report


@pytest.fixture(scope="module")
def pages(report):
    return pdf_pages(report.pdf)


def site_pages(site):
    return sorted(p for p in site.rglob("*.html") if "site_libs" not in p.parts)


def test_quarto_pandoc_and_typst_print_no_warning(report):
    assert list(report.warnings) == []


def test_every_page_chapter_and_the_search_index_are_built(report):
    site = report.site
    for page in PAGES:  # report/index.qmd is the book's home page, site/index.html
        assert (site / f"{page.stem}.html").is_file(), page.name
    assert (site / "reference" / "index.html").is_file(), "the API reference appendix"
    assert (site / "search.json").is_file(), "search needs search.json (QUARTO.md 22)"
    assert not list(site.rglob("*.out.html")), "an embed's .out.ipynb was rendered as a page"
    for nb_path in NOTEBOOKS:
        html = site / "chapters" / f"{nb_path.stem}.html"
        assert html.is_file(), nb_path.name
        text = html.read_text(encoding="utf-8")
        for cell in checks.code_cells(checks.read_notebook(nb_path), nb_path.name):
            if cell.label.startswith(("fig-", "tbl-")):
                assert f'id="{cell.label}"' in text, f"{nb_path.name}: {cell.label} missing"


def test_no_page_shows_an_unresolved_cross_reference(report):
    from bs4 import BeautifulSoup

    problems = []
    for page in site_pages(report.site):
        main = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("main")
        text = main.get_text(" ") if main else ""
        for raw in ("?@fig-", "?@tbl-", "Figure fig-", "Table tbl-"):
            if raw in text:
                problems.append(f"{page.relative_to(report.site)}: {raw!r}")
    assert problems == []


def test_the_render_leaves_the_working_tree_as_it_was(report):
    """No tracked file changed and no untracked one added (QUARTO.md 2, 11, 22)."""
    before, after = report.status
    assert after == before, f"the build changed the working tree:\n{after}"


def test_the_build_renders_the_notebooks_the_session_executed(report, executed_notebooks):
    """Each notebook runs once per test run: the build finds the session's copies current."""
    assert set(executed_notebooks) == {p.name for p in NOTEBOOKS}
    assert report.executed_again == ()


def test_a_second_build_with_nothing_changed_does_not_render(report):
    first, second = report.keys
    assert first == second, "the render fingerprint changed between two identical builds"
    assert not report.second_build_rendered


def test_every_page_in_a_browser_offline_with_no_error_and_no_overflow(report):
    """Served over HTTP (QUARTO.md 28), every page at 1,280 px: no console error, nothing
    requested from outside the site (QUARTO.md 24), no page wider than the window, every
    image loaded."""
    problems: list[str] = []
    with served(report.site) as origin, headless_chromium() as driver:
        for page in site_pages(report.site):
            url = f"{origin}/{page.relative_to(report.site).as_posix()}"
            problems += page_problems(driver, url, origin)
    assert problems == []


def test_the_search_box_finds_a_chapter(report):
    with served(report.site) as origin, headless_chromium() as driver:
        hits = search_hits(driver, origin, "pledges")
    assert any("/chapters/04-uk-pledges.html" in hit for hit in hits), hits


def test_every_pdf_cross_reference_and_caption_is_resolved(pages):
    assert crossref_problems(pages) == []
    text = " ".join(p.text for p in pages)
    assert re.search(r"Figure \d+\.\d+", text) and re.search(r"Table \d+\.\d+", text)


def test_the_pdf_prints_no_html_character_reference(pages):
    assert entity_problems(pages) == []


def test_no_pdf_text_is_off_the_page_or_printed_over_other_text(pages):
    assert layout_problems(pages) == []


def test_the_pdf_has_no_blank_page(report, tmp_path):
    assert blank_pages(report.pdf, tmp_path) == []


def test_the_title_page_has_the_date_and_the_version(pages):
    title = pages[0].text
    assert smartresearch.__version__ in title, title
    assert DATE.search(title), title


def test_a_failed_real_render_keeps_the_last_site_and_leaves_no_stray_file(tmp_path):
    """A scratch book whose page breaks the Typst step after Quarto wrote the HTML (how the
    report failed, QUARTO.md 22): exit non-zero, one sentence, the last good site kept,
    no ``index.typ`` or ``index_files/`` left."""
    from render_support import require_tool

    from smartresearch.reporting.layout import ReportLayout
    from smartresearch.reporting.quarto import render_if_changed

    quarto = require_tool("quarto")
    layout = ReportLayout(tmp_path)
    layout.report_dir.mkdir()
    layout.config_file.write_text(
        "project:\n  type: book\n  output-dir: _site\nbook:\n  title: Scratch\n"
        "  author: tests\n  chapters:\n    - index.qmd\n    - two.qmd\n"
        "format:\n  html: default\n  typst:\n    papersize: a4\n",
        encoding="utf-8",
    )
    (layout.report_dir / "index.qmd").write_text("# Home {.unnumbered}\n\nFine.\n", "utf-8")
    two = layout.report_dir / "two.qmd"
    two.write_text("# Two\n\nFine too.\n", encoding="utf-8")
    said: list[str] = []
    assert render_if_changed(layout, quarto, say=said.append) == 0
    good = (layout.site_dir / "two.html").read_text(encoding="utf-8")
    before = sorted(p.name for p in layout.report_dir.iterdir())
    two.write_text("# Two\n\nBroken.\n\n```{=typst}\n#let broken = (\n```\n", encoding="utf-8")
    code = render_if_changed(layout, quarto, say=said.append)
    assert code != 0
    assert (layout.site_dir / "two.html").read_text(encoding="utf-8") == good
    assert sorted(p.name for p in layout.report_dir.iterdir()) == before
    assert said[-1].startswith(f"report: quarto render failed with exit code {code}")
    assert said[-1].count(". ") == 0 and said[-1].endswith(".")
