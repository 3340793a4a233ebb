"""The mirror for everyone: fetch the registered public files into a folder of one's own.

Every raw file the toolkit reads is registered in ``data/sources.toml`` with its sha256,
size and, for files published in a public repository, its ``origin``
(``https://github.com/OWNER/REPO @ COMMIT : PATH``): a pinned commit, so the bytes are the
registered ones. :func:`fetch` downloads each such file with pooch into
``<folder>/<registered path>`` (the layout ``SMARTRESEARCH_MIRROR`` expects), checks its
sha256 and size, and skips a file already there and intact. Files with no direct download
(the articles, the extractions made from PDFs, the research notes) are listed with where to
get them: :func:`unavailable`.

``base_url`` fetches from another mirror laid out like the shared one (a lab's web server,
or the tests' server on 127.0.0.1) instead of the recorded origins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from smartresearch.errors import ChecksumMismatchError, RawFileError
from smartresearch.registry import RawFile, load_registry

#: ``origin`` of a file in a public GitHub repository, pinned to a commit.
ORIGIN = re.compile(r"^https://github\.com/([^/\s]+)/([^/\s]+) @ ([0-9a-f]{40}) : (\S.*)$")
#: Folder name under the user's cache (``pooch.os_cache``) when no folder is given.
CACHE_NAME = "smartresearch"


def default_folder() -> Path:
    """The user cache the mirror goes to by default (``~/.cache/smartresearch`` on Linux)."""
    import pooch

    return Path(pooch.os_cache(CACHE_NAME)) / "mirror"


def download_url(record: RawFile, base_url: str | None = None) -> str | None:
    """Where ``record``'s bytes can be downloaded, or None when no direct URL is recorded."""
    if base_url:
        return f"{base_url.rstrip('/')}/{record.path}"
    match = ORIGIN.match(record.origin)
    if not match:
        return None
    owner, repo, commit, path = match.groups()
    return f"https://raw.githubusercontent.com/{owner}/{repo}/{commit}/{path}"


def unavailable(base_url: str | None = None) -> list[tuple[str, str]]:
    """(registered path, where to get it) for every file without a direct download."""
    registry = load_registry()
    out = []
    for record in sorted(registry.files.values(), key=lambda r: r.path):
        if download_url(record, base_url) is None:
            source = registry.source(record.source_id)
            where = ", ".join(source.urls) if source.urls else "not published online"
            out.append((record.path, f"{source.title}: {where}"))
    return out


@dataclass(frozen=True)
class Fetched:
    """What :func:`fetch` did: files downloaded, files already present and intact, files
    with no direct download (path, where to get it), and the folder."""

    folder: Path
    downloaded: tuple[str, ...]
    present: tuple[str, ...]
    unavailable: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        lines = [
            f"mirror: {len(self.downloaded)} file(s) downloaded, {len(self.present)} already "
            f"present and intact, in {self.folder}",
        ]
        if self.unavailable:
            lines.append(f"{len(self.unavailable)} file(s) have no direct download:")
            lines += [f"  {path}  ({where})" for path, where in self.unavailable]
        lines.append(f"Use it with: export SMARTRESEARCH_MIRROR={self.folder}")
        return "\n".join(lines)


def fetch(
    folder: Path | None = None,
    *,
    base_url: str | None = None,
    sources: Iterable[str] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Fetched:
    """Download every registered file that has a direct URL into ``folder`` (default:
    :func:`default_folder`), verified against the registry's sha256 and size.

    ``sources`` restricts the files to those source ids; ``progress(path, done, total)`` is
    called before each file. A download that fails or whose bytes differ raises
    (:class:`RawFileError`, :class:`ChecksumMismatchError`) naming the file and the URL, and
    leaves no partial file (pooch writes to a temporary file and moves it when verified).
    """
    import pooch

    pooch.get_logger().setLevel("WARNING")  # our progress bar says which file is fetched
    folder = Path(folder).expanduser().resolve() if folder else default_folder()
    registry = load_registry()
    wanted = set(sources) if sources is not None else None
    records = [
        r
        for r in sorted(registry.files.values(), key=lambda r: r.path)
        if wanted is None or r.source_id in wanted
    ]
    reachable = [r for r in records if download_url(r, base_url) is not None]
    downloaded: list[str] = []
    present: list[str] = []
    for done, record in enumerate(reachable):
        if progress is not None:
            progress(record.path, done, len(reachable))
        target = folder / record.path
        if _intact(target, record):
            present.append(record.path)
            continue
        url = str(download_url(record, base_url))
        try:
            pooch.retrieve(
                url,
                known_hash=f"sha256:{record.sha256}",
                fname=target.name,
                path=target.parent,
                progressbar=False,
            )
        except ValueError as exc:  # pooch: the downloaded bytes' hash differs
            raise ChecksumMismatchError(
                f"{record.path} downloaded from {url} differs from the registry "
                f"(sha256 {record.sha256}); it was not kept. {exc}"
            ) from None
        except Exception as exc:  # requests' errors: connection, HTTP status
            raise RawFileError(
                f"could not download {record.path} from {url}: {exc}. Files already fetched "
                "are kept; run the command again to resume."
            ) from None
        size = target.stat().st_size
        if size != record.bytes:  # the hash matched, so the registry itself is inconsistent
            target.unlink()
            raise ChecksumMismatchError(
                f"{record.path} from {url} has {size} bytes, the registry {record.bytes}; it "
                "was not kept."
            )
        downloaded.append(record.path)
    if progress is not None:
        progress("", len(reachable), len(reachable))
    missing = [
        (p, w) for p, w in unavailable(base_url) if wanted is None or _source_of(p) in wanted
    ]
    return Fetched(folder, tuple(downloaded), tuple(present), tuple(missing))


def _source_of(path: str) -> str:
    return load_registry().file(path).source_id


def _intact(path: Path, record: RawFile) -> bool:
    from smartresearch._io import sha256_file

    if not path.is_file() or path.stat().st_size != record.bytes:
        return False
    return sha256_file(path) == record.sha256
