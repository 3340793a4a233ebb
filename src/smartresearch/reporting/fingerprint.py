"""Content fingerprints that decide whether a build step can be skipped.

A step is re-run when any of its inputs changed, judged by content (sha256), never by
modification time: a fresh checkout has new mtimes and the same answers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from smartresearch._io import sha256_file

_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}


def files_under(*roots: Path, suffixes: Iterable[str] | None = None) -> list[Path]:
    """Every file below ``roots`` (a root may be a single file), sorted, caches skipped."""
    wanted = tuple(suffixes) if suffixes is not None else None
    found: list[Path] = []
    for root in roots:
        if root.is_file():
            found.append(root)
            continue
        if not root.is_dir():
            continue
        for path in root.rglob("*"):
            if not path.is_file() or any(part in _SKIP_DIRS for part in path.parts):
                continue
            if wanted is None or path.suffix in wanted:
                found.append(path)
    return sorted(set(found))


def fingerprint(paths: Iterable[Path], *, base: Path, extra: Iterable[str] = ()) -> str:
    """sha256 over (relative path, content hash) of each file plus ``extra`` strings."""
    digest = hashlib.sha256()
    for item in extra:
        digest.update(item.encode("utf-8") + b"\0")
    for path in sorted(paths):
        try:
            name = path.relative_to(base).as_posix()
        except ValueError:
            name = path.as_posix()
        digest.update(f"{name}\0{sha256_file(path)}\0".encode())
    return digest.hexdigest()


def combine(*parts: str | None) -> str:
    """One fingerprint from several (None stands for "nothing to check")."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(("-" if part is None else part).encode("utf-8") + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class SharedInputs:
    """What every notebook and generated page reads besides itself, in two parts.

    ``local`` covers the checkout (package source, ``data/``, Python and kernel);
    ``mirror`` the mirror's files, or None when ``SMARTRESEARCH_MIRROR`` is unset and
    they cannot be read. Each output records the mirror fingerprint it was made with, so
    that a later run without the variable (a bare ``quarto render`` whose pre-render
    step inherits no mirror) can still recognise outputs that are current: it checks
    every local input and takes the read-only mirror as unchanged, and says so.
    """

    local: str
    mirror: str | None

    def key(self, recorded_mirror: str | None = None) -> tuple[str, str | None]:
        """(fingerprint to compare, mirror fingerprint it assumes).

        With the mirror readable its own fingerprint counts; without it, the one an
        output recorded (``recorded_mirror``).
        """
        mirror = self.mirror if self.mirror is not None else recorded_mirror
        return combine(self.local, mirror), mirror


def is_current(stamp: Path, key: str, outputs: Sequence[Path]) -> bool:
    """Whether ``stamp`` records ``key`` and every output of that step still exists."""
    return (
        stamp.is_file()
        and stamp.read_text(encoding="utf-8") == key
        and all(p.is_file() for p in outputs)
    )
