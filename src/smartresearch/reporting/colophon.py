"""The PDF's title page facts (version, date, licence, how to cite), read from CITATION.cff.

The printed book is forwarded without the site around it, so its title page must say which
version it is, when it was built, under which licence, and how to cite it. Typing those into
the Quarto configuration would let them drift from ``CITATION.cff``, the file GitHub and
Zenodo read; instead the preparation step writes ``report/_build/colophon.yml`` from it, and
``report/_quarto.yml`` reads that file (``metadata-files``) for the title-page template
(``report/print/typst-show.typ``).

The date is CITATION.cff's ``date-released`` when it has one, else the day of the build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from smartresearch._io import atomic_write_text
from smartresearch.errors import ValidationError

#: The generated metadata file, in ``report/_build/``.
COLOPHON_FILE = "colophon.yml"
_REQUIRED = ("title", "version", "license", "authors")


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _author_names(authors: list[Mapping[str, Any]]) -> str:
    names = []
    for author in authors:
        if "name" in author:
            names.append(str(author["name"]))
        else:
            names.append(
                " ".join(str(author[k]) for k in ("given-names", "family-names") if k in author)
            )
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def colophon(citation: Mapping[str, Any], *, today: dt.date) -> dict[str, str]:
    """Version, date, licence and a citation line from a parsed CITATION.cff."""
    missing = [key for key in _REQUIRED if not citation.get(key)]
    if missing:
        raise ValidationError(
            f"CITATION.cff: missing {', '.join(missing)} (the PDF's title page needs them)"
        )
    released = citation.get("date-released")
    if isinstance(released, str):
        released = dt.date.fromisoformat(released)
    day = released or today
    version = str(citation["version"])
    licence = citation["license"]
    licence = ", ".join(licence) if isinstance(licence, list) else str(licence)
    where = citation.get("repository-code") or citation.get("url")
    cite = (
        f"{_author_names(citation['authors'])} ({day.year}). *{citation['title']}*. "
        f"Version {version}." + (f" <{where}>" if where else "")
    )
    return {"version": version, "date": _long_date(day), "licence": licence, "cite": cite}


def write_colophon(citation_file: Path, build_dir: Path, *, today: dt.date | None = None) -> Path:
    """Write ``colophon.yml`` (the ``colophon`` metadata) into ``build_dir``; return its path."""
    try:
        citation = yaml.safe_load(citation_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError(
            f"{citation_file} does not exist (the PDF's title page reads it)"
        ) from None
    facts = colophon(citation, today=today or dt.date.today())
    target = build_dir / COLOPHON_FILE
    text = yaml.safe_dump({"colophon": facts}, allow_unicode=True, sort_keys=True, width=1000)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        atomic_write_text(target, text)  # unchanged facts leave the file (and its time) alone
    return target
