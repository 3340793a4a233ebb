"""Readable HTML without Quarto: one page per executed notebook, the generated pages, an index.

Quarto cannot be installed everywhere (it downloads a binary). The build must still
leave something a policy analyst can open, so when ``quarto`` is missing each executed
notebook is exported with nbconvert's HTML exporter, and the generated Markdown pages
(summary, methods, bibliography, and the API reference quartodoc writes) are wrapped in
a one-cell notebook and exported the same way, so they share one look. The export's
template (``templates/smartresearch-plain``) and :mod:`smartresearch.reporting.crossrefs`
add what Quarto would: folded code, numbered captions, alt text on figures and working
``@fig-``/``@tbl-`` links.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import nbformat

from smartresearch._io import atomic_write_many
from smartresearch.errors import ValidationError
from smartresearch.reporting.checks import cell_options
from smartresearch.reporting.crossrefs import notebook_targets, plain_markdown, plain_notebook
from smartresearch.reporting.fingerprint import files_under, fingerprint

INDEX = "index.html"
#: The API reference appendix in the export.
REFERENCE = "reference.html"
TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "smartresearch-plain"


def exporter_fingerprint() -> str:
    """The export's own code, template and nbconvert version: a change to any redoes it."""
    import nbconvert

    here = Path(__file__).parent
    code = files_under(here, suffixes=(".py", ".j2", ".json"))
    return fingerprint(code, base=here, extra=[f"nbconvert {nbconvert.__version__}"])


def _exporter():
    from nbconvert import HTMLExporter

    # Quarto shows no In/Out prompts; the template folds the code itself
    return HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name=TEMPLATE,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )


def notebook_title(nb: nbformat.NotebookNode) -> str | None:
    """The title Quarto shows: a first raw cell's front matter, else the first heading."""
    for cell in nb.cells:
        front = _front_matter(cell)
        if front and front.get("title"):
            return str(front["title"])
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def _front_matter(cell: nbformat.NotebookNode) -> dict[str, object] | None:
    import yaml

    if cell.cell_type != "raw" or not cell.source.startswith("---"):
        return None
    try:
        front = yaml.safe_load(cell.source.strip().strip("-"))
    except yaml.YAMLError:
        return None
    return front if isinstance(front, dict) else None


def with_title_heading(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy whose Quarto front matter is shown as a heading, not as raw YAML text.

    Quarto turns the raw front-matter cell into the page title; nbconvert would print it
    verbatim, so the fallback export replaces it with a Markdown title and subtitle.
    """
    if not nb.cells:
        return nb
    front = _front_matter(nb.cells[0])
    if not front or not front.get("title"):
        return nb
    copy = nbformat.from_dict(nb)
    heading = f"# {front['title']}"
    if front.get("subtitle"):
        heading += f"\n\n*{front['subtitle']}*"
    # keep the raw cell's id: nbformat would draw a random one, and the export must not vary
    copy.cells[0] = nbformat.v4.new_markdown_cell(heading, id=nb.cells[0].get("id", "title"))
    return copy


def markdown_page(title: str, markdown: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\n{markdown}", id="page")]
    nb.metadata["title"] = title
    return nb


def notebook_html(nb: nbformat.NotebookNode, title: str, exporter=None) -> str:
    """One executed notebook as a plain HTML page (``title`` in the browser tab)."""
    exporter = exporter or _exporter()
    page = plain_notebook(with_title_heading(nb))
    page.metadata["title"] = title
    body, _ = exporter.from_notebook_node(page)
    return str(body)


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """A Quarto page's YAML front matter (empty if it has none) and the Markdown after it."""
    import yaml

    match = re.match(r"---[ \t]*\n(.*?\n)---[ \t]*(?:\n|$)", text, re.S)
    if not match:
        return {}, text
    try:
        front = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    return (front if isinstance(front, dict) else {}), text[match.end() :]


def reference_page(path: Path) -> tuple[str, str]:
    """The API reference appendix (``report/reference/index.qmd``, quartodoc's page) as
    (title, plain Markdown): front matter removed, its title kept for the heading."""
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    return str(front.get("title") or "API reference"), body


#: ``{{< include file >}}`` and ``{{< embed nb.ipynb#label >}}`` in a Quarto page.
INCLUDE = re.compile(r"\{\{<\s*include\s+(\S+?)\s*>\}\}")
_EMBED = re.compile(r"\{\{<\s*embed\s+(\S+?\.ipynb)#([A-Za-z][\w-]*)\s*>\}\}")


def embedded_cell(notebook: Path, label: str, *, page: Path) -> nbformat.NotebookNode:
    """The cell ``{{< embed notebook#label >}}`` shows: its outputs, with its cell options
    (label, caption, alt text) and no code, as Quarto's embed shows it."""
    if not notebook.is_file():
        raise ValidationError(
            f"{page}: embeds {notebook.name}#{label}, but {notebook} does not exist"
        )
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell_options(cell.source).get("label") == label:
            options = [line for line in cell.source.splitlines() if line.startswith("#|")]
            copy = nbformat.from_dict(cell)
            copy.source = "\n".join(options)
            copy.metadata = {"transient": {"remove_source": True}}
            copy.id = f"embed-{label}"
            return copy
    raise ValidationError(f"{page}: embeds {notebook.name}#{label}, but no cell has that label")


def qmd_notebook(page: Path) -> nbformat.NotebookNode:
    """A Quarto page (``report/index.qmd``, ``methods.qmd``...) as the notebook the plain
    export renders: its front matter as the title, includes inlined, each embed replaced by
    the embedded chapter cell, so the page carries the same prose, figures and numbering as
    in the Quarto book (a page's figures are numbered in order, as in the book's HTML)."""
    import yaml

    front, body = split_front_matter(page.read_text(encoding="utf-8"))
    body = INCLUDE.sub(lambda m: (page.parent / m.group(1)).read_text(encoding="utf-8"), body)
    heading = {k: front[k] for k in ("title", "subtitle") if front.get(k)}
    texts: list[str] = []
    embeds: list[nbformat.NotebookNode] = []
    position = 0
    for match in _EMBED.finditer(body):
        texts.append(body[position : match.start()])
        embeds.append(embedded_cell(page.parent / match.group(1), match.group(2), page=page))
        position = match.end()
    texts.append(body[position:])
    # the embedded figures' numbers, for the references in the text around them
    figures = notebook_targets(nbformat.v4.new_notebook(cells=embeds))
    nb = nbformat.v4.new_notebook()
    # the title as a chapter's raw front-matter cell, which with_title_heading shows
    nb.cells = [
        nbformat.v4.new_raw_cell(
            f"---\n{yaml.safe_dump(heading, allow_unicode=True)}---", id="title"
        )
    ]
    for i, text in enumerate(texts):
        nb.cells.append(
            nbformat.v4.new_markdown_cell(plain_markdown(text, figures), id=f"text-{i}")
        )
        nb.cells += embeds[i : i + 1]
    return nb


#: A Markdown link to another page of the book: ``[methods](methods.qmd#sec-x)``,
#: ``[chapter](chapters/02-x.ipynb)``, ``[x](../methods.qmd)``; not ``https://…``.
_PAGE_LINK = re.compile(r"\]\((?![a-z][a-z0-9+.-]*:)([^)\s#]+\.(?:qmd|ipynb))(#[^)\s]*)?\)")


def relink(text: str, names: Mapping[str, str]) -> str:
    """Links to the book's pages pointed at their plain exports (``methods.qmd`` →
    ``methods.html``); ``names`` maps a page's path relative to ``report/`` (or a chapter's
    file name) to its export. A link to a page with no export is left as it is."""

    def swap(match: re.Match[str]) -> str:
        target = match.group(1)
        while target.startswith(("./", "../")):
            target = target.split("/", 1)[1]
        name = names.get(target) or names.get(Path(target).name)
        return f"]({name}{match.group(2) or ''})" if name else match.group(0)

    return _PAGE_LINK.sub(swap, text)


def relink_notebook(nb: nbformat.NotebookNode, names: Mapping[str, str]) -> None:
    """:func:`relink` every Markdown cell and computed Markdown output, in place."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = relink(cell.source, names)
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            if "text/markdown" in data:
                raw = data["text/markdown"]
                data["text/markdown"] = relink(
                    "".join(raw) if isinstance(raw, list) else raw, names
                )


#: Appendix pages, in the book's order (report/_quarto.yml: methods, bibliography, the chart
#: gallery, the API reference); the summary comes first and the chapters after it.
_APPENDICES = ("methods", "bibliography", "90-", "reference")


def _book_order(name: str) -> tuple[int, str]:
    """Where a page stands in the book: summary, chapters by number, then the appendices."""
    if name.startswith("summary"):
        return (0, name)
    for rank, prefix in enumerate(_APPENDICES, start=2):
        if name.startswith(prefix):
            return (rank, name)
    return (1, name)


def export_html(
    executed: Sequence[Path],
    pages: Sequence[tuple[str, Path]],
    out_dir: Path,
    *,
    reference: Path | None = None,
    wrappers: Mapping[str, Path] | None = None,
    data_dir: Path | None = None,
) -> Path:
    """Write ``out_dir/<name>.html`` for each notebook and page, and an index; return it.

    ``data_dir`` is the folder of the published figure data (``report/data/``): the "Data
    behind this figure" links, written for a chapter of the site (``../data/``), are pointed
    there from ``out_dir``.

    ``reference`` is the API reference page quartodoc wrote (the book's last appendix); it
    becomes ``REFERENCE`` (its own name, ``index``, is the export's index). ``wrappers``
    maps a generated page's file name (``summary.md``) to the Quarto page that includes it
    (``report/index.qmd``): that page is exported instead, with its prose and embedded
    figures, under the generated page's name.
    """
    exporter = _exporter()
    files: dict[Path, bytes] = {}
    links: list[tuple[str, str]] = []
    wrappers = wrappers or {}
    # where each page of the book went: its links to the others must point there
    names = {path.name: f"{path.stem}.html" for path in executed}
    names |= {f"chapters/{path.name}": f"{path.stem}.html" for path in executed}
    names |= {
        wrappers[path.name].name: f"{path.stem}.html" for _, path in pages if path.name in wrappers
    }
    if reference is not None:
        names[f"{reference.parent.name}/{reference.name}"] = REFERENCE
    generated = []
    for title, path in pages:
        if path.name in wrappers:
            nb = qmd_notebook(wrappers[path.name])
            relink_notebook(nb, names)
            files[out_dir / f"{path.stem}.html"] = notebook_html(nb, title, exporter).encode()
            links.append((f"{path.stem}.html", title))
        else:
            generated.append((title, path.stem, path.read_text(encoding="utf-8")))
    if reference is not None:
        title, body = reference_page(reference)
        generated.append((title, Path(REFERENCE).stem, body))
    for title, stem, markdown in generated:
        page = markdown_page(title, plain_markdown(relink(markdown, names)))
        body, _ = exporter.from_notebook_node(page)
        name = f"{stem}.html"
        files[out_dir / name] = body.encode("utf-8")
        links.append((name, title))
    for path in executed:
        nb = nbformat.read(path, as_version=4)
        relink_notebook(nb, names)
        name, title = f"{path.stem}.html", notebook_title(nb) or path.stem
        files[out_dir / name] = notebook_html(nb, title, exporter).encode("utf-8")
        links.append((name, title))
    links.sort(key=lambda link: _book_order(link[0]))
    items = "\n".join(f'<li><a href="{html.escape(n)}">{html.escape(t)}</a></li>' for n, t in links)
    files[out_dir / INDEX] = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>The Smarter State: report (plain HTML)</title></head><body>\n"
        "<h1>The Smarter State: report</h1>\n"
        "<p>Plain HTML exports, written because Quarto is not installed. "
        "Install Quarto and run the build again for the full report (HTML and PDF).</p>\n"
        f"<ul>\n{items}\n</ul>\n</body></html>\n"
    ).encode()
    if data_dir is not None:
        files = {path: relinked_data(body, data_dir, out_dir) for path, body in files.items()}
    atomic_write_many(files)
    return out_dir / INDEX


def relinked_data(body: bytes, data_dir: Path, out_dir: Path) -> bytes:
    """``body`` with its links to a chapter's figure data (``../data/``, see
    :func:`.figure_data.data_line`) pointing at ``data_dir`` as seen from ``out_dir``."""
    from smartresearch.reporting.figure_data import CHAPTER_TO_DATA

    target = Path(os.path.relpath(data_dir, out_dir)).as_posix()
    return body.replace(f'href="{CHAPTER_TO_DATA}/'.encode(), f'href="{target}/'.encode())
