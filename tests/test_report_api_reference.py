"""The API reference appendix: quartodoc's page from the docstrings, complete and stable."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from smartresearch import analysis, datasets, tables
from smartresearch.reporting import ReportLayout, default_layout
from smartresearch.reporting.api_reference import (
    REFERENCE_STAMP,
    missing_functions,
    public_functions,
    quartodoc_config,
    write_reference,
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportLayout, Path, bytes]:
    layout = ReportLayout(tmp_path_factory.mktemp("project"))
    page = write_reference(layout)
    return layout, page, page.read_bytes()


def test_configuration_lists_every_public_function():
    assert missing_functions(quartodoc_config(default_layout())) == []


def test_a_function_left_out_of_the_configuration_is_named():
    config = quartodoc_config(default_layout())
    config["sections"] = [
        {**s, "contents": [c for c in s["contents"] if c != "datasets.load"]}
        for s in config["sections"]
    ]
    assert missing_functions(config) == ["datasets.load"]


def test_page_documents_every_public_function_under_its_package(built):
    _, page, _ = built
    text = page.read_text(encoding="utf-8")
    anchors = set(re.findall(r"^#{3} \S+ \{ #smartresearch\.([\w.]+) \}$", text, flags=re.M))
    functions = public_functions()
    assert set(functions) == {"datasets", "corpus", "analysis", "plots", "tables"}
    assert sum(len(v) for v in functions.values()) > 60
    for package, names in functions.items():
        for name in names:
            # the anchor is the defining path: package.name or package.submodule.name
            assert any(a.split(".")[0] == package and a.split(".")[-1] == name for a in anchors), (
                f"{package}.{name} missing from the reference"
            )


def test_docstrings_and_signatures_appear(built):
    _, page, _ = built
    text = page.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "API reference"\n---\n')
    for func in (datasets.load, analysis.composite, tables.table):
        first_line = inspect.getdoc(func).splitlines()[0]
        assert first_line in text, func.__qualname__
    assert "datasets.load(" in text
    # a submodule sharing its function's name is documented as the function, not a module
    section = text.split("{ #smartresearch.analysis.composite.composite }", 1)[1]
    assert inspect.getdoc(analysis.composite).splitlines()[0] in section.split("\n### ", 1)[0]


def test_rebuild_is_byte_identical_and_skipped_when_nothing_changed(built):
    layout, page, first = built
    stamp = layout.build_dir / REFERENCE_STAMP
    recorded = stamp.read_text(encoding="utf-8")
    mtime = page.stat().st_mtime_ns
    assert write_reference(layout) == page
    assert page.stat().st_mtime_ns == mtime  # skipped: same inputs
    write_reference(layout, force=True)
    assert page.read_bytes() == first
    assert stamp.read_text(encoding="utf-8") == recorded
    # nothing beside the page: the inventory stays in the scratch directory
    assert sorted(p.name for p in layout.reference_dir.iterdir()) == ["index.qmd"]


def test_a_changed_configuration_rewrites_the_page(built, monkeypatch):
    layout, page, first = built
    from smartresearch.reporting import api_reference

    config = quartodoc_config(layout)
    config["title"] = "Functions"
    monkeypatch.setattr(api_reference, "quartodoc_config", lambda _layout: config)
    write_reference(layout)
    assert page.read_text(encoding="utf-8").startswith('---\ntitle: "Functions"\n---')
    monkeypatch.undo()
    write_reference(layout)
    assert page.read_bytes() == first


def test_a_changed_reference_triggers_the_quarto_render(built):
    """The render is skipped when its inputs are unchanged; the reference's stamp is one
    (it lives in report/_build/, which the render fingerprint covers), so a docstring
    edit re-renders the book."""
    from smartresearch.reporting.quarto import render_inputs

    layout, _, _ = built
    assert layout.build_dir / REFERENCE_STAMP in render_inputs(layout)


def test_plain_export_has_the_reference_linked_from_its_index(built, tmp_path):
    """Without Quarto the appendix is still there: reference.html, linked from the index,
    every function under its own anchor, every in-page link resolving, nothing remote."""
    from bs4 import BeautifulSoup

    from smartresearch.reporting import html_export

    _, page, _ = built
    out = tmp_path / "html"
    html_export.export_html([], [], out, reference=page)
    index = BeautifulSoup((out / html_export.INDEX).read_text("utf-8"), "html.parser")
    assert index.find("a", href=html_export.REFERENCE).get_text() == "API reference"
    text = (out / html_export.REFERENCE).read_text("utf-8")
    soup = BeautifulSoup(text, "html.parser")
    assert soup.h1.get_text().startswith("API reference")
    assert "title:" not in soup.get_text()[:300] and "{ #" not in soup.get_text()
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    for package, names in public_functions().items():
        for name in names:
            assert any(
                i.startswith(f"smartresearch.{package}.") and i.endswith(f".{name}") for i in ids
            ), f"{package}.{name} has no anchor in reference.html"
    local = [a["href"][1:] for a in soup.find_all("a", href=True) if a["href"].startswith("#")]
    assert local and set(local) <= ids
    assert "as a readable great_tables table (see the module docstring" in soup.get_text()
    remote = [t for t in soup.find_all(["script", "link", "img"]) if t.get("src") or t.get("href")]
    assert [t for t in remote if re.match(r"(https?:)?//", t.get("src") or t.get("href"))] == []


def test_plain_reference_escapes_docstring_markup(tmp_path):
    from bs4 import BeautifulSoup

    from smartresearch.reporting import html_export

    page = tmp_path / "index.qmd"
    page.write_text(
        '---\ntitle: "API reference"\n---\n\n### f { #smartresearch.x.f }\n\n'
        "Reads <doc_id>.txt; <script>alert(1)</script> [run](javascript:alert(1)).\n",
        encoding="utf-8",
    )
    html_export.export_html([], [], tmp_path / "html", reference=page)
    soup = BeautifulSoup((tmp_path / "html" / "reference.html").read_text("utf-8"), "html.parser")
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    assert not soup.find_all("a", href=re.compile("^javascript", re.I))
    assert "Reads <doc_id>.txt; <script>alert(1)</script>" in soup.get_text()
    assert soup.find(id="smartresearch.x.f") is not None
