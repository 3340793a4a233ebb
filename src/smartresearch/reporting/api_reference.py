"""The API reference appendix, written from the docstrings by quartodoc's Python API.

quartodoc is the Quarto-native tool, but its CLI (``quartodoc build``) is one more step
to remember and writes into the working directory. The preparation step calls its
Python API instead (``Builder.from_quarto_config(...).build()``) with the ``quartodoc:``
section of ``_quarto.yml``, so a bare ``quarto render`` (whose pre-render step is the
preparation) and ``smartresearch report`` both get a current reference. quartodoc reads
the package by static analysis (griffe): no import, no Quarto, no network.

The docstrings are written for ``help()`` and Sphinx, so the page is rendered with
:class:`~smartresearch.reporting.api_markup.ReferenceRenderer` (a parameter table from
each signature) and passed through :func:`~smartresearch.reporting.api_markup.rewrite_markup`
(Sphinx roles as links to the documented objects, doctests as code blocks).

The build runs in a scratch directory (quartodoc also writes an ``objects.json``
inventory beside the working directory, which the book does not use) and only the page
is moved into ``report/reference/``, atomically, with a title in its front matter. It
is redone only when the package source, the ``quartodoc:`` section or the versions of
quartodoc and griffe changed (a content fingerprint, like every other step), so a
no-change rebuild pays nothing for it.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import json
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from smartresearch._io import atomic_write_text
from smartresearch.errors import ValidationError
from smartresearch.reporting.fingerprint import files_under, fingerprint
from smartresearch.reporting.layout import PROJECT_ROOT, REFERENCE_PAGE, ReportLayout

#: The packages whose public functions the reference documents (``__all__``, or for a
#: plain module its own public functions).
DOCUMENTED = ("datasets", "corpus", "analysis", "plots", "tables")
#: The stamp in ``report/_build/`` recording what the page was made from.
REFERENCE_STAMP = "reference.sha256"
PACKAGE = Path(__file__).resolve().parents[1]


def quartodoc_config(layout: ReportLayout) -> dict[str, Any]:
    """The ``quartodoc:`` section of the project's ``_quarto.yml`` (a scratch layout in the
    tests has none of its own and uses the checkout's)."""
    import yaml

    config_file = layout.config_file
    if not config_file.is_file():
        config_file = ReportLayout(PROJECT_ROOT).config_file
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    section = config.get("quartodoc")
    if not isinstance(section, dict) or not section.get("sections"):
        raise ValidationError(f"{config_file}: no `quartodoc:` section with `sections`")
    return section


def public_functions() -> dict[str, list[str]]:
    """Package -> the names of its public functions, as a user imports them."""
    found: dict[str, list[str]] = {}
    for name in DOCUMENTED:
        module = importlib.import_module(f"smartresearch.{name}")
        names = getattr(module, "__all__", None)
        if names is None:
            names = [
                n
                for n, v in vars(module).items()
                if not n.startswith("_")
                and inspect.isfunction(v)
                and v.__module__ == module.__name__
            ]
        found[name] = [n for n in names if inspect.isfunction(getattr(module, n))]
    return found


def listed_functions(config: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(package, function name) for every entry of the ``quartodoc:`` sections."""
    listed = set()
    for section in config.get("sections", []):
        for entry in section.get("contents", []):
            path = entry if isinstance(entry, str) else entry.get("name", "")
            parts = path.split(".")
            listed.add((parts[0], parts[-1]))
    return listed


def missing_functions(config: Mapping[str, Any]) -> list[str]:
    """Public functions the configuration does not list, as ``package.name``."""
    listed = listed_functions(config)
    return [
        f"{package}.{name}"
        for package, names in public_functions().items()
        for name in names
        if (package, name) not in listed
    ]


def reference_fingerprint(config: Mapping[str, Any]) -> str:
    """Package source, the configuration and the tools' versions."""
    versions = [f"{d} {metadata.version(d)}" for d in ("quartodoc", "griffe")]
    return fingerprint(
        files_under(PACKAGE, suffixes=(".py",)),
        base=PACKAGE,
        extra=[json.dumps(config, sort_keys=True), *versions],
    )


def render_reference(config: Mapping[str, Any]) -> str:
    """The reference page's Markdown: quartodoc's single page, with a title."""
    from quartodoc import Builder

    from smartresearch.reporting.api_markup import ReferenceRenderer, rewrite_markup

    settings = {k: v for k, v in config.items()}
    options = {k: v for k, v in dict(settings.get("renderer") or {}).items() if k != "style"}
    renderer = ReferenceRenderer(**options)
    settings["renderer"] = renderer
    title = str(settings.get("title", "API reference"))
    with tempfile.TemporaryDirectory(prefix="sr-quartodoc-") as scratch:
        with contextlib.chdir(scratch):
            builder = Builder.from_quarto_config({"quartodoc": settings})
            # the single-page builder names its page after ``out_index`` ("index.qmd")
            # and then appends the page suffix: no suffix, so it is "index.qmd"
            builder.out_page_suffix = ""
            builder.out_inventory = str(Path(builder.dir) / "objects.json")
            # the inventory (unused here) as text: quartodoc's JSON writer leaves its file
            # open, a ResourceWarning; the text writer closes it
            builder._fast_inventory = True
            builder.build()
            body = (Path(builder.dir) / REFERENCE_PAGE).read_text(encoding="utf-8")
    body = rewrite_markup(body, renderer.documented, renderer.kinds)
    version = metadata.version("quartodoc")
    front = f"---\ntitle: {json.dumps(title)}\n---\n\n"
    intro = (
        "The public functions of the toolkit's packages, written from their docstrings by "
        f"quartodoc {version} when the report is prepared.\n\n"
    )
    return front + intro + body.rstrip() + "\n"


def write_reference(layout: ReportLayout, *, force: bool = False) -> Path:
    """Write ``report/reference/index.qmd`` unless it is current; return its path."""
    config = quartodoc_config(layout)
    page = layout.reference_dir / REFERENCE_PAGE
    stamp = layout.build_dir / REFERENCE_STAMP
    key = reference_fingerprint(config)
    if (
        not force
        and page.is_file()
        and stamp.is_file()
        and stamp.read_text(encoding="utf-8") == key
    ):
        return page
    atomic_write_text(page, render_reference(config))
    atomic_write_text(stamp, key)
    return page
