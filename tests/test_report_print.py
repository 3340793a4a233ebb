"""The book's print layout, checked without Quarto: the configuration that applies it, the
Typst rules it consists of, the title page template and the pages the PDF leaves out.

A real render (tests/test_notebooks.py, with tests/pdf_support.py) checks the PDF itself;
these tests fail first, and say which rule went missing, when a file is edited.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from smartresearch.reporting import default_layout

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "report"
PRINT = PROJECT / "print"


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return yaml.safe_load(default_layout().config_file.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def header() -> str:
    return (PRINT / "header.typ").read_text(encoding="utf-8")


def test_the_typst_format_uses_the_print_files(config):
    typst = config["format"]["typst"]
    assert (PROJECT / typst["include-in-header"]).is_file()
    assert [Path(p).name for p in typst["template-partials"]] == ["typst-show.typ"]
    assert all((PROJECT / p).is_file() for p in typst["template-partials"])
    [layout_filter] = config["filters"]
    assert layout_filter["at"] == "post-quarto"  # after Quarto's own filters, as orange-book's
    assert (PROJECT / layout_filter["path"]).is_file()


def test_the_contents_are_short(config):
    """Five pages of contents, most of them the API reference: chapters only now."""
    assert config["format"]["typst"]["toc-depth"] in (1, 2)


def test_captioned_tables_break_across_pages(header):
    # a captioned table is a figure of this kind, and figures do not break by default
    assert re.search(
        r'#show figure\.where\(kind: "quarto-float-tbl"\): set block\(breakable: true\)', header
    )


def test_table_cells_are_ragged_and_unhyphenated(header):
    assert "#show table: set par(justify: false)" in header
    assert "#show table: set text(hyphenate: false)" in header


def test_no_rule_turns_chapter_breaks_into_blank_pages(header):
    rule = re.search(r'#show pagebreak\.where\(to: "odd"\): it => (.*?)\n\}', header, re.S)
    assert rule and "pagebreak(weak: true)" in rule.group(1)
    assert "to:" not in rule.group(1)


def test_the_tables_font_is_the_one_the_header_measures_with(header):
    from smartresearch.tables import FONT

    assert f'font: "{FONT}"' in header


def test_wide_tables_have_a_print_layout(header):
    many = int(re.search(r"#let print-many-columns = (\d+)", header).group(1))
    wide = int(re.search(r"#let print-wide-table = (\d+)", header).group(1))
    # the pledge verdict table has 11 columns: it must get the print layout
    assert many <= wide <= 11
    assert "page(flipped: true, it)" in header


def test_the_html_only_pages_are_book_appendices(config):
    """The chart gallery and the API reference stay in the HTML; the filter drops them from
    the PDF by the file name Quarto gives each page, so the names must be the book's."""
    html_only = config["html-only-pages"]
    assert set(html_only) == {"chapters/90-chart-gallery.ipynb", "reference/index.qmd"}
    assert set(html_only) <= set(config["book"]["appendices"])
    lua = (PRINT / "book-layout.lua").read_text(encoding="utf-8")
    assert 'meta["html-only-pages"]' in lua and "bookItemFile" in lua


def test_no_chapter_refers_to_the_html_only_pages(config):
    """A PDF cross-reference into a dropped page would not resolve."""
    labels = set()
    for page in config["html-only-pages"]:
        source = ROOT / "notebooks" / Path(page).name if page.endswith(".ipynb") else None
        if source and source.is_file():
            labels |= set(re.findall(r"#\| label: ((?:fig|tbl)-[\w-]+)", source.read_text("utf-8")))
    assert labels, "the chart gallery has labelled figures to check"
    printed = [
        p
        for p in [*(ROOT / "notebooks").glob("*.ipynb"), *PROJECT.glob("*.qmd")]
        if not p.name.startswith("90-")
    ]
    referring = {
        (p.name, label)
        for p in printed
        for label in labels
        if f"@{label}" in p.read_text(encoding="utf-8")
    }
    assert referring == set()


def test_the_home_page_is_unnumbered_and_so_are_its_sections():
    text = (PROJECT / "index.qmd").read_text(encoding="utf-8")
    # Quarto reads {.unnumbered} from the page's heading (its title pattern needs a "#")
    assert not re.search(r"^title:", text, flags=re.M)
    headings = re.findall(r"^#+ .*$", text, flags=re.M)
    assert headings and all(h.endswith("{.unnumbered}") for h in headings)


def test_the_home_page_key_figures_are_references_in_the_pdf():
    """Every figure the HTML home page embeds is shown in the PDF through key-figure, by the
    chapter's label, and no other page embeds a chapter's label."""
    text = (PROJECT / "index.qmd").read_text(encoding="utf-8")
    embedded = re.findall(r"\{\{< embed chapters/[\w-]+\.ipynb#([\w-]+) >\}\}", text)
    printed = re.findall(r"#key-figure\(<([\w-]+)>\)", text)
    assert embedded and printed == embedded
    html_only = re.search(
        r'::: \{\.content-visible when-format="html"\}(.*?)\n:::', text, flags=re.S
    ).group(1)
    assert all(f"#{label}" in html_only for label in embedded)
    for page in PROJECT.glob("*.qmd"):
        if page.name != "index.qmd":
            assert "{{< embed" not in page.read_text(encoding="utf-8"), page.name


def test_the_title_page_template_prints_the_colophon():
    show = (PRINT / "typst-show.typ").read_text(encoding="utf-8")
    for key in ("version", "date", "licence", "cite"):
        assert f"$colophon.{key}$" in show
    # the rest is Quarto's orange-book partial: the same package import and book call
    assert '#import "@preview/orange-book:' in show and "#show: book.with(" in show


def test_a_profiles_pdf_takes_the_books_print_options(tmp_path):
    """A one-off's PDF (a profile) is rendered with the book's page, type and print rules,
    read from the book's configuration: change them there and the profile follows."""
    from smartresearch.reporting.layout import ReportLayout, default_layout
    from smartresearch.reporting.one_off import book_print_options

    real = book_print_options(default_layout())
    header = (PROJECT / "print" / "header.typ").resolve()
    assert real[1::2] == [
        "echo:false",
        "papersize:a4",
        "fontsize:10pt",
        f"include-in-header:{header}",
    ]
    scratch = ReportLayout(tmp_path)
    scratch.report_dir.mkdir()
    scratch.config_file.write_text(
        "format:\n  typst:\n    papersize: us-letter\n    include-in-header: rules.typ\n", "utf-8"
    )
    assert book_print_options(scratch)[1::2] == [
        "echo:false",
        "papersize:us-letter",
        f"include-in-header:{(scratch.report_dir / 'rules.typ').resolve()}",
    ]
