"""The registry of raw mirror files (``data/sources.toml``): what each file is, proof it is intact.

Every raw file the toolkit reads is listed with its sha256, size, source and role, and every
source with its publisher, URLs and licence as stated. Readers never open a mirror path
directly: they ask :func:`raw_path`, which resolves the path inside ``SMARTRESEARCH_MIRROR``
and refuses a file whose bytes differ from the registry, so an analysis can never silently
run on an edited or truncated copy. The URLs are recorded so that a user with a network can
fetch the publishers' originals (pooch is the usual tool); nothing here touches the network.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from smartresearch._io import sha256_file
from smartresearch.config import MIRROR_ENV, data_dir, mirror_root
from smartresearch.errors import ChecksumMismatchError, RawFileError, SmartResearchError

#: Roles a registered file can play (see the header of ``data/sources.toml``).
ROLES: frozenset[str] = frozenset(
    {"primary", "secondary", "derived", "crosscheck", "documentation", "corpus", "research"}
)


@dataclass(frozen=True)
class RawFile:
    """One registered mirror file."""

    path: str
    source_id: str
    role: str
    sha256: str
    bytes: int
    origin: str = ""
    #: Rows and distinct countries the clean table takes from this file (``coverage`` in
    #: sources.toml): a truncated or thinned file is refused even if its hash was
    #: re-registered (see :func:`check_coverage`).
    rows: int | None = None
    countries: int | None = None


@dataclass(frozen=True)
class Source:
    """One publisher's dataset, as PROVENANCE.md describes it."""

    source_id: str
    title: str
    publisher: str
    urls: tuple[str, ...]
    licence: str
    editions: tuple[str, ...]
    status: str
    caveats: tuple[str, ...]


@dataclass(frozen=True)
class Registry:
    """The parsed ``sources.toml``: sources by id and files by mirror-relative path."""

    path: Path
    sources: dict[str, Source]
    files: dict[str, RawFile]

    def __repr__(self) -> str:
        return f"Registry({self.path}: {len(self.sources)} sources, {len(self.files)} files)"

    def source(self, source_id: str) -> Source:
        try:
            return self.sources[source_id]
        except KeyError:
            raise RawFileError(
                f"{self.path}: no source {source_id!r}; known sources: "
                f"{', '.join(sorted(self.sources))}"
            ) from None

    def file(self, relpath: str) -> RawFile:
        try:
            return self.files[relpath]
        except KeyError:
            raise RawFileError(
                f"{relpath!r} is not registered in {self.path}. Register it (path, sha256, bytes, "
                "source_id, "
                "role) before reading it, so that its provenance is recorded."
            ) from None

    def files_of(self, source_id: str) -> tuple[RawFile, ...]:
        return tuple(f for f in self.files.values() if f.source_id == source_id)


def _coverage(entry: dict[str, object], key: str) -> int | None:
    coverage = entry.get("coverage")
    value = coverage.get(key) if isinstance(coverage, dict) else None
    return int(value) if isinstance(value, int) else None


def check_coverage(dataset: str, rel: str, record: RawFile, *, rows: int, countries: int) -> None:
    """Refuse a file whose clean rows or countries differ from its registered coverage."""
    problems = [
        f"{what} {got} (registered {want})"
        for what, got, want in (
            ("rows", rows, record.rows),
            ("countries", countries, record.countries),
        )
        if want is not None and got != want
    ]
    if problems:
        raise RawFileError(
            f"dataset {dataset!r}: {rel} gives {', '.join(problems)} in the clean table. The file "
            "is truncated or altered (or a new edition of it needs its coverage registered in "
            "data/sources.toml)."
        )


def registry_path() -> Path:
    return data_dir() / "sources.toml"


def load_registry() -> Registry:
    """Parse and check ``data/sources.toml`` (cached per file path and modification time)."""
    path = registry_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise RawFileError(
            f"The registry {path} does not exist; it ships with the repository."
        ) from None
    return _load_registry(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load_registry(path: Path, _mtime_ns: int, _size: int) -> Registry:
    with open(path, "rb") as handle:
        try:
            doc = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise RawFileError(f"{path} is not valid TOML: {exc}") from None
    problems: list[str] = []
    sources: dict[str, Source] = {}
    for source_id, entry in doc.get("sources", {}).items():
        missing = {"title", "publisher", "urls", "licence", "editions", "caveats"} - set(entry)
        if missing:
            problems.append(f"source {source_id!r} lacks {sorted(missing)}")
            continue
        sources[source_id] = Source(
            source_id=source_id,
            title=entry["title"],
            publisher=entry["publisher"],
            urls=tuple(entry["urls"]),
            licence=entry["licence"],
            editions=tuple(entry["editions"]),
            status=entry.get("status", ""),
            caveats=tuple(entry["caveats"]),
        )
    files: dict[str, RawFile] = {}
    for entry in doc.get("files", []):
        missing = {"path", "source_id", "role", "sha256", "bytes"} - set(entry)
        if missing:
            problems.append(f"file {entry.get('path', '?')!r} lacks {sorted(missing)}")
            continue
        record = RawFile(
            path=entry["path"],
            source_id=entry["source_id"],
            role=entry["role"],
            sha256=entry["sha256"].lower(),
            bytes=int(entry["bytes"]),
            origin=entry.get("origin", ""),
            rows=_coverage(entry, "rows"),
            countries=_coverage(entry, "countries"),
        )
        if record.path in files:
            problems.append(f"file {record.path!r} is registered twice")
        if record.source_id not in sources:
            problems.append(f"file {record.path!r} names unknown source {record.source_id!r}")
        if record.role not in ROLES:
            problems.append(
                f"file {record.path!r} has role {record.role!r}, not one of {sorted(ROLES)}"
            )
        if len(record.sha256) != 64 or any(c not in "0123456789abcdef" for c in record.sha256):
            problems.append(f"file {record.path!r} has a malformed sha256 {record.sha256!r}")
        files[record.path] = record
    if problems:
        raise RawFileError(f"{path} is inconsistent: " + "; ".join(problems))
    return Registry(path=path, sources=sources, files=files)


def sources() -> dict[str, Source]:
    """Every registered source by id (publisher, URLs, licence, editions, caveats)."""
    return load_registry().sources


def source(source_id: str) -> Source:
    return load_registry().source(source_id)


# Verification results within this process, keyed by (path, size, mtime): a file that has
# not changed on disk since we hashed it is not hashed again.
_VERIFIED: dict[tuple[str, int, int], str] = {}


def _hash_cached(path: Path) -> str:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    digest = _VERIFIED.get(key)
    if digest is None:
        digest = sha256_file(path)
        _VERIFIED[key] = digest
    return digest


def clear_verification_cache() -> None:
    """Forget which files were verified (tests use it; users never need to)."""
    _VERIFIED.clear()


def raw_path(relpath: str) -> Path:
    """Resolve a registered mirror-relative path to a verified local file.

    Raises :class:`RawFileError` when the path is not registered or the file is missing
    (saying how to point ``SMARTRESEARCH_MIRROR`` at a mirror) and
    :class:`ChecksumMismatchError` with both hashes when its bytes differ from the registry.
    """
    record = load_registry().file(relpath)
    root = mirror_root()
    path = root / record.path
    if not path.is_file():
        raise RawFileError(
            f"Raw file {record.path} (source {record.source_id}) is missing from the mirror at "
            f"{root}. "
            f"Set {MIRROR_ENV} to a folder that holds data/raw/... and corpus/... "
            f"(e.g. export {MIRROR_ENV}=$(realpath ../shared)), or fetch the original from "
            f"{_fetch_hint(record)}."
        )
    digest = _hash_cached(path)
    if digest != record.sha256:
        raise ChecksumMismatchError(
            f"Raw file {path} differs from the registry: sha256 is {digest} but {registry_path()} "
            f"expects {record.sha256} ({record.bytes} bytes, found {path.stat().st_size}). Raw "
            "files are never "
            "edited: restore the original bytes (or, if the publisher released a new version on "
            "purpose, "
            "register it with its new hash and provenance)."
        )
    return path


def _fetch_hint(record: RawFile) -> str:
    urls = load_registry().source(record.source_id).urls
    return ", ".join(urls) if urls else "the source named in the registry (no URL is recorded)"


@dataclass(frozen=True)
class FileCheck:
    """The outcome of verifying one registered file."""

    path: str
    source_id: str
    ok: bool
    message: str = ""


def verify_files(
    relpaths: Iterable[str] | None = None,
    *,
    on_file: Callable[[FileCheck], None] | None = None,
) -> list[FileCheck]:
    """Check registered files (all by default) and report every problem, not only the first."""
    registry = load_registry()
    paths = sorted(registry.files) if relpaths is None else list(relpaths)
    results: list[FileCheck] = []
    for relpath in paths:
        record = registry.file(relpath)
        try:
            raw_path(relpath)
            check = FileCheck(relpath, record.source_id, True)
        except SmartResearchError as exc:
            check = FileCheck(relpath, record.source_id, False, str(exc))
        results.append(check)
        if on_file is not None:
            on_file(check)
    return results


def unregistered_mirror_files() -> list[str]:
    """Files under the mirror's ``data/raw``, ``corpus`` and ``research`` that the registry
    does not list."""
    root = mirror_root()
    registered = set(load_registry().files)
    found: list[str] = []
    for folder in ("data/raw", "corpus", "research"):
        base = root / folder
        if not base.is_dir():
            continue
        for dirpath, _dirnames, filenames in os.walk(base):
            for filename in filenames:
                rel = (Path(dirpath) / filename).relative_to(root).as_posix()
                if rel not in registered:
                    found.append(rel)
    return sorted(found)
