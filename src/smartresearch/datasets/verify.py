"""``verify()``: is everything the toolkit ships intact and current?

Checks, reporting every problem rather than stopping at the first: the raw mirror files
against the registry's sha256; each clean table against the tidy contract; the descriptor
against the files; and (by default) that rebuilding from the mirror reproduces the committed
tables byte for byte, which catches a cleaner changed without rebuilding.
"""

from __future__ import annotations

from dataclasses import dataclass

from smartresearch import registry
from smartresearch.datasets.catalogue import available
from smartresearch.datasets.datapackage import check_descriptor, descriptor_bytes, descriptor_path
from smartresearch.datasets.store import Progress, build_in_memory, clean_path, load, no_progress
from smartresearch.errors import SmartResearchError


@dataclass(frozen=True)
class Check:
    kind: str
    item: str
    ok: bool
    message: str = ""


@dataclass(frozen=True)
class VerifyReport:
    """Every check that ran; ``ok`` when none failed."""

    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def problems(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.ok)

    def __str__(self) -> str:
        counts: dict[str, list[int]] = {}
        for check in self.checks:
            counts.setdefault(check.kind, [0, 0])[0 if check.ok else 1] += 1
        lines = [f"{kind:<12} {good} ok, {bad} failed" for kind, (good, bad) in counts.items()]
        lines += [f"FAILED {c.kind} {c.item}: {c.message}" for c in self.problems]
        lines.append("all checks passed" if self.ok else f"{len(self.problems)} problem(s)")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return "```\n" + str(self) + "\n```"


def verify(*, rebuild: bool = True, progress: Progress | None = None) -> VerifyReport:
    """Check raw files, clean tables, the descriptor and (``rebuild``) reproducibility."""
    progress = progress or no_progress
    names = available()
    files = sorted(registry.load_registry().files)
    total = len(files) + len(names) + 1 + (len(names) if rebuild else 0)
    done = 0
    checks: list[Check] = []

    try:
        registry.mirror_root()
        mirror_ok = True
    except SmartResearchError as exc:
        mirror_ok = False
        checks.append(Check("raw", "mirror", False, str(exc)))
    if mirror_ok:
        for result in registry.verify_files(files):
            progress(f"raw {result.path}", done, total)
            done += 1
            checks.append(Check("raw", result.path, result.ok, result.message))
    else:
        done += len(files)

    for name in names:
        progress(f"table {name}", done, total)
        done += 1
        try:
            load(name)
            checks.append(Check("table", str(clean_path(name)), True))
        except SmartResearchError as exc:
            checks.append(Check("table", str(clean_path(name)), False, str(exc)))

    progress("descriptor", done, total)
    done += 1
    problems = check_descriptor()
    checks.append(Check("descriptor", str(descriptor_path()), not problems, "; ".join(problems)))

    if rebuild and mirror_ok:
        try:
            built, _rows = build_in_memory(
                names, progress=lambda m, d, t: progress(m, done + d, total), total=total
            )
        except SmartResearchError as exc:
            checks.append(Check("rebuild", "all tables", False, str(exc)))
        else:
            for name, data in built.items():
                path = clean_path(name)
                same = path.is_file() and path.read_bytes() == data
                message = (
                    ""
                    if same
                    else "differs from a rebuild from the mirror; run `smartresearch data build`"
                )
                checks.append(Check("rebuild", str(path), same, message))
            current = (
                descriptor_path().is_file()
                and descriptor_path().read_bytes() == descriptor_bytes(built)
            )
            checks.append(
                Check(
                    "rebuild",
                    str(descriptor_path()),
                    current,
                    ""
                    if current
                    else "differs from a regenerated descriptor; run `smartresearch data build`",
                )
            )
    progress("done", total, total)
    return VerifyReport(tuple(checks))
