"""What keeps a report build safe to interrupt and to start twice: a lock, and cleanup.

* One build at a time: :func:`build_lock` holds an ``fcntl.flock`` on
  ``report/_build/.build.lock``; a second build refuses at once with a message naming
  the holder's process id (the lock is the kernel's, so a killed build never leaves it
  held).
* Temporary files: atomic writes (:mod:`smartresearch._io`) leave ``.NAME.XXXX.tmp``
  files and kernels ``sr-kernel-*`` folders (holding their keys) only when the process is
  killed outright. :func:`remove_stale_files` deletes them at the start and at the end of
  every build, while the lock is held, so no other build is writing them. A kernel folder
  is removed only when the process that made it (recorded in it) is gone, since other
  processes of this user (tests, JupyterLab) make them too.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from smartresearch.errors import SmartResearchError

LOCK_FILE = ".build.lock"
#: Name pattern of ``_io.atomic_write_bytes``'s temporary files (``mkstemp`` adds 8 chars).
TMP_PATTERN = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
#: File, in each kernel folder, naming the process that made it (see kernels.py).
OWNER_FILE = "owner.pid"
KERNEL_PREFIX = "sr-kernel-"
#: A kernel folder with no owner file (made by an older version) counts as stale after this.
UNOWNED_AGE = 24 * 3600


class BuildLockedError(SmartResearchError):
    """Another build of the same report is running."""


@contextmanager
def build_lock(build_dir: Path) -> Iterator[Path]:
    """Hold the report's build lock, or refuse with :class:`BuildLockedError`."""
    import fcntl

    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / LOCK_FILE
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the whole build
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildLockedError(
                f"another build of this report is running (process {holder}, lock {path}); "
                "wait for it to finish, then run this again"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield path
    finally:
        handle.close()


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (one we may not signal counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale_temporary_files(folders: Iterable[Path]) -> list[Path]:
    """``.NAME.XXXX.tmp`` files left by interrupted atomic writes, directly in ``folders``."""
    found: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            found += [p for p in folder.iterdir() if p.is_file() and TMP_PATTERN.match(p.name)]
    return sorted(found)


def stale_kernel_folders(tmp: Path | None = None) -> list[Path]:
    """This user's ``sr-kernel-*`` folders whose maker is no longer running."""
    tmp = Path(tmp or tempfile.gettempdir())
    stale: list[Path] = []
    for folder in tmp.glob(f"{KERNEL_PREFIX}*"):
        try:
            if not folder.is_dir() or folder.stat().st_uid != os.getuid():
                continue
            owner = folder / OWNER_FILE
            if owner.is_file():
                if not process_alive(int(owner.read_text(encoding="utf-8").strip() or 0)):
                    stale.append(folder)
            elif time.time() - folder.stat().st_mtime > UNOWNED_AGE:
                stale.append(folder)
        except (OSError, ValueError):
            continue
    return sorted(stale)


def remove_stale_files(folders: Iterable[Path], tmp: Path | None = None) -> list[Path]:
    """Delete stale temporary files in ``folders`` and stale kernel folders; return them."""
    removed = []
    for path in stale_temporary_files(folders):
        path.unlink(missing_ok=True)
        removed.append(path)
    for folder in stale_kernel_folders(tmp):
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed
