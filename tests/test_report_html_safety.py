"""The plain HTML export (no Quarto) is safe with hostile data and works offline."""

from __future__ import annotations

import dataclasses
import re

import nbformat
import pandas as pd
from bs4 import BeautifulSoup

from smartresearch.plots.describe import Description
from smartresearch.reporting import crossrefs, html_export
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


# --- links from data: only http(s) addresses become links -----------------------------

SCRIPT_URLS = [
    "javascript:alert(1)",
    " JavaScript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "java\tscript:alert(1)",
    "jav&#x61;script:alert(1)",
]
#: A country or document name as hostile as data can make it: markup and a script link.
HOSTILE_NAME = "Denmark <script>alert('x')</script> [click](javascript:alert(1))"


def unsafe_links(page: str) -> list[str]:
    """Every href/src on an HTML page that is neither http(s), an anchor, a relative page
    nor an embedded PNG: what a script address from data would become."""
    soup = BeautifulSoup(page, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attribute in ("href", "src", "action", "formaction"):
            value = (tag.get(attribute) or "").strip()
            if value and not re.match(
                r"(https?://|#|data:image/png;base64,|[\w./-]+\.html(#[\w-]*)?$)", value
            ):
                found.append(f"<{tag.name} {attribute}={value[:40]!r}>")
    return found


def exported(tmp_path, markdown: str) -> str:
    """``markdown`` as a generated page through the real plain export."""
    source = tmp_path / "page.md"
    source.write_text(markdown, encoding="utf-8")
    html_export.export_html([], [("Page", source)], tmp_path / "html")
    return (tmp_path / "html" / "page.html").read_text(encoding="utf-8")


def test_web_url_accepts_only_http_and_https():
    from smartresearch.reporting.links import web_url

    for url in SCRIPT_URLS + ["ftp://x.org/a", "//evil.example/x", "mailto:a@b.c", "", None]:
        assert web_url(url) is None, url
    assert web_url(" https://gov.uk/a b(c)") == "https://gov.uk/a%20b%28c%29"
    assert web_url('http://x.org/"onmouseover="a') == "http://x.org/%22onmouseover=%22a"


def test_bibliography_shows_a_script_address_from_data_as_text(tmp_path):
    from smartresearch.registry import load_registry
    from smartresearch.reporting.pages import bibliography_markdown

    documents = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(SCRIPT_URLS))] + ["ok"],
            "title": [f"{HOSTILE_NAME} {i}" for i in range(len(SCRIPT_URLS))] + ["Fine"],
            "author": "A",
            "publisher": "<b>P</b>",
            "published": "2024-01-01",
            "edition": "2024",
            "url": SCRIPT_URLS + ["https://www.techuk.org/x.html"],
        }
    )
    sources = [
        dataclasses.replace(s, urls=(SCRIPT_URLS[2],)) if s.source_id == "egdi" else s
        for s in load_registry().sources.values()
    ]
    markdown = bibliography_markdown(sources, documents)
    assert "](javascript" not in markdown.lower() and "](data:" not in markdown
    assert "[Fine](https://www.techuk.org/x.html)" in markdown
    page = exported(tmp_path, markdown)
    assert unsafe_links(page) == []
    soup = BeautifulSoup(page, "html.parser")
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    assert "Denmark <script>alert('x')</script>" in soup.get_text()  # shown, as text
    assert soup.find("a", href="https://www.techuk.org/x.html").get_text() == "Fine"


def test_methods_page_shows_a_script_source_path_as_text(tmp_path):
    from smartresearch.reporting.pages import methods_markdown

    descriptor = {
        "resources": [
            {
                "name": "x",
                "path": "clean/x.csv",
                "title": HOSTILE_NAME,
                "sources": [
                    {"title": HOSTILE_NAME, "path": url, "publisher": "P"} for url in SCRIPT_URLS
                ],
                "schema": {"fields": [{"name": "a", "description": HOSTILE_NAME}]},
            }
        ]
    }
    page = exported(tmp_path, methods_markdown(descriptor))
    assert unsafe_links(page) == []
    assert "<script>" not in page


def test_summary_escapes_a_hostile_country_name(monkeypatch, tmp_path):
    from smartresearch.chapters import summary
    from smartresearch.reporting.crossrefs import safe_markdown

    real = summary.country_name
    monkeypatch.setattr(
        summary, "country_name", lambda iso3: HOSTILE_NAME if iso3 == "DNK" else real(iso3)
    )
    # as the build writes it: the composed findings, escaped
    markdown = safe_markdown(summary.headline_markdown(summary.load_tables()))
    assert "Denmark &lt;script>" in markdown  # the composite finding, through the real builder
    assert "<script" not in markdown and "](javascript" not in markdown
    page = exported(tmp_path, markdown)
    assert unsafe_links(page) == [] and "<script>alert" not in page


def test_computed_markdown_and_descriptions_with_script_links_stay_text():
    nb = hostile_notebook()
    links = " ".join(f"[doc {i}]({url})" for i, url in enumerate(SCRIPT_URLS))
    nb.cells[1].outputs[0]["data"]["text/markdown"] += (
        f"\n\nSee {links}, [ref][r], <{SCRIPT_URLS[0]}> and [the survey](https://un.org/x)."
        f"\n\n[r]: {SCRIPT_URLS[3]}\n"
    )
    nb.cells[1].outputs[1]["data"]["text/markdown"] = Description(HOSTILE_NAME).markdown()
    # the Quarto path: the executed copy's Markdown is defused before Pandoc reads it
    quarto = nbformat.from_dict(nb)
    crossrefs.escape_markdown_outputs(quarto)
    text = quarto.cells[1].outputs[0]["data"]["text/markdown"]
    assert "](javascript" not in text.lower() and "[r]: " not in text
    assert "[the survey](https://un.org/x)" in text
    # the plain export
    page = html_export.notebook_html(nb, "Chapter")
    assert unsafe_links(page) == []
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("a", href="https://un.org/x").get_text() == "the survey"
    description = soup.find("details", class_="figure-description")
    assert "[click](javascript:alert(1))" in description.get_text()
    assert not description.find_all(["a", "script"])
