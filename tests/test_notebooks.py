"""Every analysis notebook runs cleanly and will publish properly.

Execution is the slow part: all notebooks run once per session (the ``executed_notebooks``
fixture of conftest.py), two at a time, with every warning an error; their executed copies
are the ones the real-render test (test_report_render.py) renders. The other checks read
the committed files only.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from smartresearch.reporting import (
    checks,
    crossrefs,
    default_layout,
    execute_notebooks,
    html_export,
)

LAYOUT = default_layout()
NOTEBOOKS = LAYOUT.notebooks()
PAGES = sorted(LAYOUT.report_dir.glob("*.qmd"))
IDS = [p.stem for p in NOTEBOOKS]


@pytest.fixture(scope="session")
def executed(executed_notebooks) -> dict[str, nbformat.NotebookNode]:
    return executed_notebooks


def committed(path: Path) -> nbformat.NotebookNode:
    return checks.read_notebook(path)


def notebook_labels(path: Path) -> list[str]:
    nb = committed(path)
    cells = [c.label for c in checks.code_cells(nb, path.name) if c.label]
    return cells + checks.MD_LABEL.findall(checks.markdown_text(nb))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_executes_with_warnings_as_errors(path, executed):
    nb = executed[path.name]
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_every_figure_cell_draws_a_figure(path, executed):
    nb = executed[path.name]
    for cell in checks.code_cells(nb, path.name):
        if cell.label.startswith("fig-"):
            outputs = nb.cells[cell.index].get("outputs", [])
            assert any(
                "image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
                for o in outputs
            ), f"{path.name}: {cell.label} produced no image"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_plain_html_export_links_every_reference_and_describes_every_figure(path, executed):
    nb = executed[path.name]
    page = html_export.notebook_html(nb, path.stem)
    targets = crossrefs.notebook_targets(nb)
    figures = [t for t in targets.values() if t.kind == "Figure"]
    assert "?@" not in page and "No description has been provided" not in page
    for target in targets.values():
        assert f'<div class="sr-caption" id="{target.label}"><p><strong>{target.name}:' in page
    alts = [img.get("alt") for img in BeautifulSoup(page, "html.parser").find_all("img")]
    assert all(alts) and {f.alt for f in figures} <= set(alts), path.name


#: The resolution every figure is stored at (the house style's figure.dpi): sharp on a
#: high-density screen and in the A4 PDF, where an 8-inch figure is scaled to the text width.
FIGURE_DPI = 200


def png_dpi(data: str | bytes) -> tuple[tuple[float, float] | None, tuple[int, int]]:
    """(dpi from the PNG's pHYs chunk or None, pixel size) of a base64-encoded PNG."""
    import base64
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(base64.b64decode(data)))
    assert image.format == "PNG"
    return image.info.get("dpi"), image.size


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_figures_are_high_resolution_in_the_book_and_the_plain_export(path, executed):
    """Quarto's book embeds the executed copies' PNGs as they are, the plain export as data
    URIs: both must carry 200 dpi (pHYs) and the pixels for it (at least 5 inches wide)."""
    nb = executed[path.name]
    stored = [
        o["data"]["image/png"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "image/png" in o.get("data", {})
    ]
    if any(c.label.startswith("fig-") for c in checks.code_cells(nb, path.name)):
        assert stored, f"{path.name}: figure cells but no PNG output"
    page = BeautifulSoup(html_export.notebook_html(nb, path.stem), "html.parser")
    exported = [
        img["src"].removeprefix("data:image/png;base64,")
        for img in page.find_all("img")
        if img.get("src", "").startswith("data:image/png;base64,")
    ]
    assert len(exported) == len(stored), f"{path.name}: the export lost or added images"
    for where, images in (("executed copy", stored), ("plain export", exported)):
        for data in images:
            dpi, (width, _) = png_dpi(data)
            assert dpi is not None and all(round(d) == FIGURE_DPI for d in dpi), (
                f"{path.name} {where}: a figure at {dpi} dpi, not {FIGURE_DPI}"
            )
            assert width >= 5 * FIGURE_DPI, f"{path.name} {where}: only {width} px wide"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_no_cell_prints_a_stray_repr_or_cuts_a_table_cell(path, executed):
    """What Quarto would show as "(a)" repr sub-figures, or as cells cut to "…"."""
    nb = executed[path.name]
    assert checks.stray_repr_problems(nb, where=path.name) == []
    assert checks.truncated_cell_problems(nb, where=path.name) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_notebook_has_no_outputs(path):
    assert checks.output_problems(committed(path), where=path.name) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_figures_and_tables_have_labels_captions_and_alt_text(path):
    assert checks.figure_problems(checks.code_cells(committed(path), path.name)) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_cross_references_resolve(path):
    text = checks.markdown_text(committed(path))
    assert checks.unresolved_crossrefs(text, notebook_labels(path), where=path.name) == []


#: The notebook whose executed copy is compared byte for byte with a second run: it has
#: great_tables tables (whose reprs held memory addresses), Markdown and a figure.
STABLE_NOTEBOOK = "05-composite-sensitivity.ipynb"


@pytest.mark.slow
def test_an_executed_notebook_is_byte_identical_when_run_again(executed):
    """Same inputs, same bytes: no memory address, timestamp or process id is stored, so a
    rebuild leaves the executed copies (and Quarto's render fingerprint) as they were."""
    [path] = [p for p in NOTEBOOKS if p.name == STABLE_NOTEBOOK]
    written = LAYOUT.executed_path(path).read_text(encoding="utf-8")
    assert written == nbformat.writes(executed[path.name])
    [again] = execute_notebooks(LAYOUT, [path], write=False)
    assert nbformat.writes(again.node) == written


def test_no_page_embeds_a_chapter_label_where_the_pdf_sees_it():
    """A book is one Typst document: a chapter's label embedded on another page occurs twice
    and Typst stops (QUARTO.md 21). An embed is allowed only inside an HTML-only block."""
    chapter_labels = {label for nb in NOTEBOOKS for label in notebook_labels(nb)}
    problems = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        printed = checks.typst_visible_text(text)
        for target, label in checks.embeds(printed):
            if not label or label in chapter_labels:
                problems.append(f"{page.name}: embeds {target}#{label} outside an HTML-only block")
    assert problems == []


def test_labels_are_unique_across_the_project():
    pairs = [(label, nb.name) for nb in NOTEBOOKS for label in notebook_labels(nb)]
    pairs += [
        (label, page.name)
        for page in PAGES
        for label in checks.MD_LABEL.findall(page.read_text("utf-8"))
    ]
    assert checks.duplicate_labels(pairs) == []


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_embeds_and_cross_references_resolve(page):
    text = page.read_text(encoding="utf-8")
    labels = checks.MD_LABEL.findall(text)
    for target, label in checks.embeds(text):
        executed_copy = (page.parent / target).resolve()
        assert executed_copy.parent == LAYOUT.chapters_dir.resolve(), (
            f"{page.name}: embed {target} must point at report/chapters/ (the executed copies)"
        )
        source = LAYOUT.source_notebook(executed_copy)
        assert source.is_file(), (
            f"{page.name}: embed {target} has no notebook {source.name} in notebooks/"
        )
        if label:
            assert label in notebook_labels(source), (
                f"{page.name}: {source.name} has no cell {label}"
            )
            labels.append(label)
    assert checks.unresolved_crossrefs(text, labels, where=page.name) == []


@pytest.mark.slow
def test_plain_html_pages_in_a_real_browser(executed, tmp_path):
    """Every exported page in headless Chromium at 1,280 px: every image loads, no console
    error, no horizontal overflow, and nothing is requested from outside the page's files."""
    from render_support import headless_chromium

    pages = []
    for path in NOTEBOOKS:
        page = tmp_path / f"{path.stem}.html"
        page.write_text(html_export.notebook_html(executed[path.name], path.stem), "utf-8")
        pages.append(page)
    problems: list[str] = []
    with headless_chromium() as driver:
        driver.execute_cdp_cmd("Network.enable", {})
        for page in pages:
            driver.get(page.as_uri())
            broken = driver.execute_script(
                "return [...document.images].filter(i => !(i.complete && i.naturalWidth > 0))"
                ".map(i => i.alt || i.src.slice(0, 40))"
            )
            width = driver.execute_script("return document.scrollingElement.scrollWidth")
            viewport = driver.execute_script("return window.innerWidth")
            resources = driver.execute_script(
                "return performance.getEntriesByType('resource').map(e => e.name)"
            )
            errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            if broken:
                problems.append(f"{page.name}: images that did not load: {broken}")
            if width > max(1280, viewport):
                problems.append(f"{page.name}: {width} px wide at a {viewport} px viewport")
            external = [r for r in resources if not r.startswith(("file:", "data:"))]
            if external:
                problems.append(f"{page.name}: external requests {external}")
            if errors:
                problems.append(f"{page.name}: console errors {errors}")
            driver.save_screenshot(str(tmp_path / f"{page.stem}.png"))
    assert problems == []
