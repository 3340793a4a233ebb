"""Build the report: execute the notebooks, generate the appendix pages, render with Quarto.

``build_report(render=True, notebooks=None)`` is the one entry point (the CLI's
``smartresearch report``); ``benchmark()`` times it. See ``notebooks/README.md`` for how
the notebooks get their outputs without the committed notebooks ever holding any.
"""

from smartresearch.reporting.build import benchmark, build_report, prepare
from smartresearch.reporting.execute import NotebookExecutionError, NotebookRun, execute_notebooks
from smartresearch.reporting.layout import ReportLayout, default_layout

__all__ = [
    "NotebookExecutionError",
    "NotebookRun",
    "ReportLayout",
    "benchmark",
    "build_report",
    "default_layout",
    "execute_notebooks",
    "prepare",
]
