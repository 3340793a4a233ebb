"""Where the toolkit finds things: the read-only mirror and the project's own data folder.

The mirror (the publishers' raw files and the corpus) is never inside the repository and
never at a path written into the package: it is located through ``SMARTRESEARCH_MIRROR``.
The project's own data (registry, reference lists, clean and curated tables) lives in
``data/`` at the repository root; ``SMARTRESEARCH_DATA`` may point elsewhere, for example
at a scratch copy used by tests that must not touch the committed tables.
"""

from __future__ import annotations

import os
from pathlib import Path

from smartresearch.errors import MirrorNotConfiguredError

MIRROR_ENV = "SMARTRESEARCH_MIRROR"
DATA_ENV = "SMARTRESEARCH_DATA"

_HOW_TO = (
    f"Set {MIRROR_ENV} to the folder that holds data/raw/... and corpus/... "
    f"(in a checkout beside ../shared: export {MIRROR_ENV}=$(realpath ../shared))."
)


def mirror_root() -> Path:
    """Return the mirror folder named by ``SMARTRESEARCH_MIRROR``, checked to exist.

    Raises :class:`MirrorNotConfiguredError` with instructions when the variable is unset
    or points at a folder that does not look like a mirror.
    """
    value = os.environ.get(MIRROR_ENV, "").strip()
    if not value:
        raise MirrorNotConfiguredError(
            f"{MIRROR_ENV} is not set, so the raw files cannot be read. {_HOW_TO}"
        )
    root = Path(value).expanduser()
    if not root.is_dir():
        where = (
            ""
            if root.is_absolute()
            else f" (a relative path is taken from the current folder, {Path.cwd()}; a "
            "Jupyter kernel runs in the notebook's folder, so give an absolute path)"
        )
        raise MirrorNotConfiguredError(f"{MIRROR_ENV}={value!r} is not a folder{where}. {_HOW_TO}")
    if not (root / "data" / "raw").is_dir() and not (root / "corpus").is_dir():
        raise MirrorNotConfiguredError(
            f"{MIRROR_ENV}={value!r} has neither data/raw/ nor corpus/ inside it. {_HOW_TO}"
        )
    return root.resolve()


#: Where a built wheel carries its copy of ``data/`` (``force-include`` in pyproject.toml).
PACKAGED_DATA = Path(__file__).resolve().parent / "_data"


def checkout_data_dir() -> Path | None:
    """The ``data/`` folder of the checkout this package runs from, or None when installed.

    A checkout is recognised by its ``pyproject.toml`` beside ``src/`` and the registry in
    ``data/``; an installed wheel lives in ``site-packages`` with neither.
    """
    root = Path(__file__).resolve().parents[2]
    data = root / "data"
    if (root / "pyproject.toml").is_file() and (data / "sources.toml").is_file():
        return data
    return None


def data_dir() -> Path:
    """Return the project's data folder (registry, reference, clean and curated tables).

    ``SMARTRESEARCH_DATA`` wins; then the ``data/`` folder of the checkout this package
    runs from (an editable install: the folder the build writes); otherwise the copy a
    built wheel carries as package data (read-only use: loading, describing, charts).
    """
    value = os.environ.get(DATA_ENV, "").strip()
    if value:
        return Path(value).expanduser().resolve()
    return checkout_data_dir() or PACKAGED_DATA


def is_packaged_data() -> bool:
    """Whether data comes from an installed wheel's copy (so it cannot be rebuilt in place)."""
    return data_dir() == PACKAGED_DATA
