"""Print the data layer's performance numbers (a script, not a timed test).

    SMARTRESEARCH_MIRROR=../shared uv run python scripts/benchmark.py [--repeat N] [--report]

1. ``import smartresearch`` against ``import pandas``, each in fresh interpreters (median of
   N); the aim is that importing the package adds under 20% to pandas' own import.
2. A cold build of every table from the raw mirror files, in a fresh interpreter, writing
   into a scratch copy of ``data/`` so the committed tables are never touched.
3. ``load()`` of each table against a plain ``pd.read_csv`` of the same stored file: the
   first load in a process (parse, with the tidy dtypes checked, + full validation) and a repeated
   load (served from the in-process cache, re-checked against the file's size and mtime);
   the aim is that the first load stays within 2x of the plain read.
4. 10,000 ``rank_uncertainty`` runs (with their Sobol' indices) against one headline composite
   run; the aim is under 2 s.
5. With ``--report``: the report build's timings, from ``smartresearch.reporting.benchmark()``
   (see :func:`report_timings`), then a full and a no-change ``quarto render`` when Quarto is
   installed (:func:`quarto_timings`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _fresh(code: str, env: dict[str, str] | None = None) -> str:
    """Run ``code`` in a new interpreter and return its stdout."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=REPO
    )
    return result.stdout.strip()


def _import_seconds(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    return float(_fresh(code))


def import_times(repeat: int) -> None:
    """Median over fresh interpreters; both imports timed in the same interpreter, so load
    on a busy machine affects both sides of the ratio alike."""
    print("== import (fresh interpreter, median of", repeat, "runs)")
    code = (
        "import time; t0 = time.perf_counter(); import smartresearch; t1 = time.perf_counter(); "
        "import pandas; t2 = time.perf_counter(); smartresearch.datasets; "
        "t3 = time.perf_counter(); print(t1 - t0, t2 - t1, t3 - t2)"
    )
    runs = [tuple(float(x) for x in _fresh(code).split()) for _ in range(repeat)]
    package, pandas, datasets = (statistics.median(r[i] for r in runs) for i in range(3))
    print(f"  import smartresearch                {package * 1000:8.1f} ms")
    print(f"  import pandas                       {pandas * 1000:8.1f} ms")
    print(
        f"  smartresearch adds              {package / pandas:8.1%} to pandas' import (aim: <20%)"
    )
    print(f"  smartresearch.datasets, first use   {datasets * 1000:8.1f} ms  (after pandas)")


def cold_build() -> None:
    print("== cold build of every table from the raw mirror files (fresh interpreter)")
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copytree(REPO / "data", Path(scratch) / "data")
        env = {**os.environ, "SMARTRESEARCH_DATA": str(Path(scratch) / "data")}
        code = (
            "import json, time\n"
            "t0 = time.perf_counter()\n"
            "from smartresearch import datasets\n"
            "marks = []\n"
            "mark = lambda m, d, t: marks.append((m, time.perf_counter()))\n"
            "report = datasets.build(progress=mark)\n"
            "end = time.perf_counter()\n"
            "print(json.dumps({'total': end - t0, 'marks': [(m, s - t0) for m, s in marks],\n"
            "                  'rows': {t.name: t.rows for t in report.tables}}))\n"
        )
        result = json.loads(_fresh(code, env))
    marks = result["marks"]
    for (message, start), (_next, stop) in zip(marks, marks[1:], strict=False):
        if message.startswith("building "):
            name = message.removeprefix("building ")
            print(f"  {name:<16} {stop - start:6.2f} s  {result['rows'][name]:>7} rows")
    print(
        f"  total (imports, verification, cleaning, validation, descriptor) {result['total']:.2f} s"
    )


def _median_ms(function: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def load_times(repeat: int) -> None:
    import pandas as pd

    from smartresearch import datasets
    from smartresearch.datasets.store import clear_load_cache

    print(f"== load() vs plain pd.read_csv of the same file (median of {repeat}, warm OS cache)")
    print(
        f"  {'table':<16} {'rows':>7} {'read_csv':>9} {'first load':>11} {'ratio':>6} {'cached':>8}"
    )
    for name in datasets.available():
        path = datasets.clean_path(name)
        rows = len(pd.read_csv(path))  # also warms the OS cache and pandas' code paths
        datasets.load(name)

        def first(name: str = name) -> object:
            clear_load_cache()
            return datasets.load(name)

        plain = _median_ms(lambda path=path: pd.read_csv(path), repeat)
        loaded = _median_ms(first, repeat)
        datasets.load(name)
        cached = _median_ms(lambda name=name: datasets.load(name), repeat)
        print(
            f"  {name:<16} {rows:>7} {plain:>7.2f}ms {loaded:>9.2f}ms {loaded / plain:>5.2f}x "
            f"{cached:>6.2f}ms"
        )


# ---- Report build timings ----------------------------------------------------------------
# The report build (notebooks, Quarto) is timed by smartresearch.reporting.benchmark(),
# written with the report build; this is the one place its numbers join this script's.
def uncertainty_times(repeat: int) -> None:
    """``rank_uncertainty`` as chapter 5 runs it (10,000 sampled runs on the latest editions,
    Sobol' indices with their bootstrap intervals) against one headline composite run; the
    aim is 10,000 runs in under 2 s on two cores. The tables are loaded before timing."""
    from smartresearch.analysis import uncertainty

    frames, year = uncertainty.report_frames()
    latest = {n: uncertainty.pick_edition(f, "latest", year) for n, f in frames.items()}
    one = _median_ms(lambda: uncertainty.headline_composite(latest), repeat)
    runs = uncertainty.DEFAULT_RUNS
    many = _median_ms(lambda: uncertainty.rank_uncertainty(frames, runs=runs), repeat)
    result = uncertainty.rank_uncertainty(frames, runs=runs)
    print(f"== rank uncertainty ({len(result.ranks)} countries, median of {repeat})")
    print(f"  one headline composite              {one:8.1f} ms")
    print(
        f"  rank_uncertainty, {len(result.runs) - 1:,} runs      {many:8.1f} ms  "
        f"({many / one:.0f}x one run; aim: < 2,000 ms)"
    )


def report_timings() -> None:
    print("== report build (smartresearch.reporting.benchmark)")
    try:
        from smartresearch.reporting import benchmark
    except ImportError as exc:
        print(f"  not available: {exc}")
        return
    benchmark()
    quarto_timings()


def quarto_timings() -> None:
    """A forced ``quarto render`` of the prepared book and a no-change one (skipped by the
    render stamp), from ``smartresearch.reporting.quarto.time_render``."""
    from smartresearch.reporting.layout import default_layout
    from smartresearch.reporting.quarto import time_render

    print("== quarto render (with Quarto; the report must be prepared)")
    timing = time_render(default_layout())
    if timing is None:
        print("  quarto is not on PATH: the no-change build above is the whole no-change time")
        return
    print(f"  full render        {timing.full:8.1f} s")
    print(f"  no-change render   {timing.no_change:8.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7, help="runs per measurement (median)")
    parser.add_argument("--report", action="store_true", help="also time the report build")
    args = parser.parse_args()
    import_times(args.repeat)
    cold_build()
    load_times(max(args.repeat, 15))
    uncertainty_times(args.repeat)
    if args.report:
        report_timings()


if __name__ == "__main__":
    main()
