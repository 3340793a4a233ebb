"""Small I/O primitives shared by every writer: hashing and atomic, deterministic writes.

Atomic means a reader never sees a half-written file: we write to a temporary file in the
same folder and ``os.replace`` it over the target only once it is complete.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is only needed by callers; importing it here costs ~1 s
    import pandas as pd


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _default_mode() -> int:
    """The mode an ordinary ``open(..., "w")`` would give: 0o666 less the process umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is either old or complete, never partial.

    ``mkstemp`` creates private (0600) files; the result gets the permissions a plain
    write would have given, so published tables and figures stay readable by others.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _default_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def frame_to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Serialise a table the one way this project does: UTF-8, LF, no index, repr floats.

    ``float_format`` is left to pandas' shortest round-trip repr so that values survive a
    write/read cycle exactly and the bytes are identical on every run.
    """
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def atomic_write_many(files: Mapping[Path, bytes] | Iterable[tuple[Path, bytes]]) -> None:
    """Write several files as a set: every one complete beside its target first, then all
    renamed into place, so a full disk or a read-only folder leaves every previous file as it
    was (never half the set new and half old).

    Callers build and validate every table first and pass the finished bytes here. Renames
    need no new space, so once every temporary file is written the swap does not fail for
    lack of it.
    """
    items = list(files.items()) if isinstance(files, Mapping) else list(files)
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in items:
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            os.fchmod(fd, _default_mode())
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
