"""``benchmark``: the report build timed end to end, cold and warm, per step and per notebook.

Kept apart from :mod:`.build` because it measures the build rather than being part of
it; it runs the build's own :func:`~.build.prepare` and :func:`~.build.publish`, so what
it times is what ``smartresearch report`` does.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass

from smartresearch.errors import SmartResearchError
from smartresearch.reporting.build import Prepared, prepare, publish
from smartresearch.reporting.console import say
from smartresearch.reporting.execute import WORKERS
from smartresearch.reporting.layout import ReportLayout, default_layout
from smartresearch.reporting.quarto import PREPARED_ENV, quarto_executable


@dataclass(frozen=True)
class TimedBuild:
    """One end-to-end build (:func:`prepare` then :func:`publish`) and its timings."""

    prepared: Prepared
    render_seconds: float
    seconds: float


def timed_build(layout: ReportLayout) -> TimedBuild:
    """Build the report end to end, as ``smartresearch report`` does, and time each step."""
    start = time.perf_counter()
    prepared = prepare(layout=layout)
    step = time.perf_counter()
    code = publish(layout, prepared)
    if code != 0:
        raise SmartResearchError(f"rendering failed with exit code {code}")
    end = time.perf_counter()
    return TimedBuild(prepared, end - step, end - start)


def pre_render_command(layout: ReportLayout) -> list[str] | None:
    """The ``project.pre-render`` command of ``report/_quarto.yml``, as arguments."""
    import yaml

    config_file = layout.config_file
    if not config_file.is_file():
        return None
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}
    command = config.get("project", {}).get("pre-render")
    return shlex.split(command) if isinstance(command, str) else None


def time_pre_render(layout: ReportLayout) -> tuple[list[str], float] | None:
    """Run the pre-render command as Quarto would (from the project folder, fresh process).

    Returns the command and its seconds, or None when the project has none or its
    program is not on PATH. Raises when the command fails, with its output.
    """
    command = pre_render_command(layout)
    if not command or shutil.which(command[0]) is None:
        return None
    env = {k: v for k, v in os.environ.items() if k != PREPARED_ENV}
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=layout.project_dir, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SmartResearchError(
            f"the pre-render step `{shlex.join(command)}` failed with exit code "
            f"{result.returncode}:\n{result.stdout}{result.stderr}"
        )
    return command, seconds


def benchmark_rows(builds: Mapping[str, TimedBuild]) -> list[tuple[str, dict[str, float | None]]]:
    """(step, seconds per build) rows; a notebook kept from the cache has None."""
    renderer = "Quarto" if quarto_executable() else "plain HTML export, no Quarto"
    rows: list[tuple[str, dict[str, float | None]]] = [
        ("data (clean tables)", {k: b.prepared.data_seconds for k, b in builds.items()}),
        (
            f"notebooks (wall time, {WORKERS} at a time)",
            {k: b.prepared.notebooks_seconds for k, b in builds.items()},
        ),
    ]
    runs = {k: {r.notebook.name: r for r in b.prepared.runs} for k, b in builds.items()}
    names = dict.fromkeys(name for by_name in runs.values() for name in by_name)
    for name in names:
        rows.append(
            (
                f"  {name}",
                {
                    k: None
                    if name not in by_name or by_name[name].cached
                    else by_name[name].seconds
                    for k, by_name in runs.items()
                },
            )
        )
    rows += [
        ("generated pages", {k: b.prepared.pages_seconds for k, b in builds.items()}),
        (f"render ({renderer})", {k: b.render_seconds for k, b in builds.items()}),
        ("total", {k: b.seconds for k, b in builds.items()}),
    ]
    return rows


def benchmark(*, layout: ReportLayout | None = None, pre_render: bool = True) -> dict[str, float]:
    """Time the report build end to end, cold and warm, per step and per notebook.

    Cold: ``report/chapters/`` and ``report/_build/`` are deleted first, so the clean
    tables are rebuilt, every notebook runs and every page is generated and rendered.
    Warm: the same build again with nothing changed. Rendering is Quarto's when it is
    installed, else the plain-HTML export. With ``pre_render``, the project's Quarto
    pre-render command is then timed in a fresh process (what a bare ``quarto render``
    pays when everything is current). Prints a table; returns seconds by
    ``"<cold|warm>: <step>"`` (cached notebooks left out) and ``"pre-render"``.
    """
    layout = layout or default_layout()
    for folder in (layout.chapters_dir, layout.build_dir):
        shutil.rmtree(folder, ignore_errors=True)
    builds = {"cold": timed_build(layout), "warm": timed_build(layout)}
    rows = benchmark_rows(builds)
    width = max(len(label) for label, _ in rows)
    say("\nbenchmark: report build end to end, seconds")
    say("  cold: report/chapters/ and report/_build/ deleted first; warm: nothing changed")
    say(f"  {'step':<{width}}  {'cold':>8}  {'warm':>8}")
    timings: dict[str, float] = {}
    for label, values in rows:
        cells = ["cached" if v is None else f"{v:.2f}" for v in values.values()]
        say(f"  {label:<{width}}  " + "  ".join(f"{c:>8}" for c in cells))
        timings.update({f"{k}: {label.strip()}": v for k, v in values.items() if v is not None})
    timed = time_pre_render(layout) if pre_render else None
    if timed is not None:
        command, seconds = timed
        timings["pre-render"] = seconds
        say(f"  Quarto's pre-render step with everything current, `{shlex.join(command)}`")
        say(f"  in a fresh process from the project root: {seconds:.2f}")
    return timings
