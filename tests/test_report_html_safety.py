"""The plain HTML export (no Quarto) is safe with hostile data and works offline."""

from __future__ import annotations

import re

import nbformat
from bs4 import BeautifulSoup

from smartresearch.plots.describe import Description
from smartresearch.reporting import html_export
from smartresearch.reporting.crossrefs import plain_markdown, safe_markdown

HOSTILE = "South <script>alert('x')</script> Korea <img src=x onerror=alert(1)>"


def hostile_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("display(Markdown(f'**{country}** leads'))", id="c1")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/markdown": f"**{HOSTILE}** leads", "text/plain": "<Markdown>"},
        ),
        nbformat.v4.new_output(
            "execute_result",
            data={
                "text/markdown": Description("A chart of Denmark.").markdown(),
                "text/plain": "Description",
            },
            execution_count=1,
        ),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Chapter", id="m1"), cell]
    return nb


def test_markup_from_data_is_shown_as_text_and_own_tags_stay():
    assert safe_markdown(HOSTILE).count("&lt;") == 3
    kept = '<details class="figure-description">\n<summary>Description</summary>\n\nx\n\n</details>'
    assert safe_markdown(kept) == kept
    assert "<script" not in plain_markdown(f"| {HOSTILE} |")


def test_exported_page_escapes_data_and_loads_nothing_from_the_network():
    page = html_export.notebook_html(hostile_notebook(), "Chapter <script>")
    soup = BeautifulSoup(page, "html.parser")
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    assert not soup.find_all("img", attrs={"onerror": True})
    assert "South <script>" not in page and "alert('x')" in soup.get_text()
    # the description is a collapsed block with its summary
    details = soup.find("details", class_="figure-description")
    assert details and details.summary.get_text() == "Description"
    # offline: no script, style or font from another host
    remote = [
        tag.get("src") or tag.get("href")
        for tag in soup.find_all(["script", "link", "img"])
        if re.match(r"(https?:)?//", tag.get("src") or tag.get("href") or "")
    ]
    assert remote == []
    assert "cdnjs" not in page and "mathjax" not in page.lower()
