"""The plain export shows a Quarto page as the book does: its prose, its include, its embeds."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from smartresearch.errors import ValidationError
from smartresearch.reporting.html_export import export_html, qmd_notebook

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n fake").decode()


def chapter(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    figure = nbformat.v4.new_code_cell(
        '#| label: fig-egdi\n#| fig-cap: "EGDI over time"\n#| fig-alt: "Lines rising"\n'
        "ax = secret_code_here()",
        id="fig",
    )
    figure.outputs = [nbformat.v4.new_output("display_data", data={"image/png": PNG})]
    nb.cells = [nbformat.v4.new_code_cell("x = 1", id="a"), figure]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def report(tmp_path: Path) -> Path:
    chapter(tmp_path / "chapters" / "02-x.ipynb")
    (tmp_path / "_build").mkdir()
    (tmp_path / "_build" / "summary.md").write_text(
        "- **Finding.** Denmark first.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n"
        ": The focus countries {#tbl-focus}\n",
        encoding="utf-8",
    )
    page = tmp_path / "index.qmd"
    page.write_text(
        '---\ntitle: "The Smarter State"\nsubtitle: "Three approaches"\n---\n\n'
        "Intro.\n\n{{< include _build/summary.md >}}\n\n## Key figures\n\n"
        "See @fig-egdi and @tbl-focus.\n\n{{< embed chapters/02-x.ipynb#fig-egdi >}}\n",
        encoding="utf-8",
    )
    return page


def test_a_page_keeps_its_prose_include_and_embedded_figure(report, tmp_path):
    nb = qmd_notebook(report)
    kinds = [c.cell_type for c in nb.cells]
    assert kinds == ["raw", "markdown", "code", "markdown"]
    out = tmp_path / "html"
    export_html(
        [],
        [("Summary", tmp_path / "_build" / "summary.md")],
        out,
        wrappers={"summary.md": report},
    )
    soup = BeautifulSoup((out / "summary.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "The Smarter State" in text and "Three approaches" in text and "Intro." in text
    assert "Denmark first." in text and "Key figures" in text
    assert "{{<" not in text and "?@" not in text
    # the embedded figure: its image with alt text, numbered caption, no code
    [img] = soup.select("img")
    assert img["alt"] == "Lines rising" and img["src"].startswith("data:image/png;base64,")
    assert soup.select_one("#fig-egdi").get_text(" ", strip=True) == "Figure 1: EGDI over time"
    assert "secret_code_here" not in text
    refs = {a.get_text(strip=True): a["href"] for a in soup.select("a[href^='#']")}
    assert refs["Figure 1"] == "#fig-egdi" and refs["Table 1"] == "#tbl-focus"


def test_an_embed_of_a_missing_label_or_notebook_is_named(report):
    report.write_text(
        report.read_text(encoding="utf-8").replace("#fig-egdi >}}", "#fig-gone >}}"),
        encoding="utf-8",
    )
    with pytest.raises(
        ValidationError, match=r"index.qmd: embeds 02-x.ipynb#fig-gone, but no cell"
    ):
        qmd_notebook(report)
    report.write_text("---\ntitle: x\n---\n{{< embed chapters/99.ipynb#fig-a >}}\n", "utf-8")
    with pytest.raises(ValidationError, match=r"embeds 99.ipynb#fig-a, but .* does not exist"):
        qmd_notebook(report)


def test_the_report_pages_are_wrapped_by_their_quarto_pages():
    from smartresearch.reporting.layout import default_layout
    from smartresearch.reporting.plain_export import page_wrappers

    layout = default_layout()
    wrappers = {name: page.name for name, page in page_wrappers(layout).items()}
    assert wrappers == {
        "summary.md": "index.qmd",
        "methods.md": "methods.qmd",
        "bibliography.md": "bibliography.qmd",
    }


def test_the_export_index_lists_pages_in_the_book_order(tmp_path):
    pages = []
    for stem in ("methods", "summary", "bibliography"):
        (tmp_path / f"{stem}.md").write_text(f"{stem} text\n", encoding="utf-8")
        pages.append((stem.title(), tmp_path / f"{stem}.md"))
    executed = [chapter(tmp_path / "ch" / f"{n}.ipynb") for n in ("90-gallery", "02-b", "01-a")]
    index = export_html(executed, pages, tmp_path / "html")
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    order = [a["href"] for a in soup.select("li a")]
    assert order == [
        "summary.html",
        "01-a.html",
        "02-b.html",
        "methods.html",
        "bibliography.html",
        "90-gallery.html",
    ]


def test_links_between_pages_point_at_their_exports_and_every_page_has_the_navigation(
    report, tmp_path
):
    """The home page links to ``methods.qmd``: in the plain export that is ``methods.html``."""
    (tmp_path / "_build" / "methods.md").write_text(
        "See the [home page](index.qmd) and [chapter 2](chapters/02-x.ipynb#fig-egdi).\n",
        encoding="utf-8",
    )
    (tmp_path / "methods.qmd").write_text(
        "---\ntitle: Methods\n---\n\n{{< include _build/methods.md >}}\n", encoding="utf-8"
    )
    report.write_text(
        report.read_text(encoding="utf-8")
        + "\nThe [methods](methods.qmd) and [Quarto](https://quarto.org/a.qmd).\n",
        encoding="utf-8",
    )
    out = tmp_path / "html"
    index = export_html(
        [tmp_path / "chapters" / "02-x.ipynb"],
        [
            ("Summary", tmp_path / "_build" / "summary.md"),
            ("Methods", tmp_path / "_build" / "methods.md"),
        ],
        out,
        wrappers={"summary.md": report, "methods.md": tmp_path / "methods.qmd"},
    )
    hrefs: dict[str, list[str]] = {}
    for page in sorted(out.glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        hrefs[page.name] = [a["href"] for a in soup.select("a[href]")]
        if page != index:
            assert "index.html" in hrefs[page.name], f"{page.name} lost its navigation"
    local = {
        (name, href.split("#")[0])
        for name, found in hrefs.items()
        for href in found
        if not href.startswith(("#", "http://", "https://"))
    }
    assert {(name, target) for name, target in local if not (out / target).is_file()} == set()
    assert "methods.html" in hrefs["summary.html"]
    assert "https://quarto.org/a.qmd" in hrefs["summary.html"]
    assert {"summary.html", "02-x.html#fig-egdi"} <= set(hrefs["methods.html"])


def test_figure_data_links_point_at_the_published_data_from_the_export(tmp_path):
    """A chapter's "Data behind this figure" links are written for the site (``../data/``
    from ``chapters/``); the plain export, two folders down in ``_build/html/``, points
    them at the report's ``data/`` folder, so they open the files."""
    from smartresearch.reporting.figure_data import data_line

    path = chapter(tmp_path / "report" / "chapters" / "02-x.ipynb")
    nb = nbformat.read(path, as_version=4)
    line = data_line("fig-egdi")
    nb.cells[1].outputs.append(nbformat.v4.new_output("display_data", data={"text/markdown": line}))
    nbformat.write(nb, path)
    data = tmp_path / "report" / "data"
    data.mkdir()
    for name in ("fig-egdi.csv", "fig-egdi.json", "figure-data.zip"):
        (data / name).write_text("x", encoding="utf-8")
    out = tmp_path / "report" / "_build" / "html"
    export_html([path], [], out, data_dir=data)
    soup = BeautifulSoup((out / "02-x.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.find_all("a") if "fig-egdi" in a["href"] or "zip" in a["href"]]
    assert sorted(links) == [
        "../../data/fig-egdi.csv",
        "../../data/fig-egdi.json",
        "../../data/figure-data.zip",
    ]
    assert all((out / link).resolve().is_file() for link in links)
