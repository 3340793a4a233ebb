"""Build the report: execute the notebooks, generate the appendix pages, render with Quarto.

``build_report(render=True, notebooks=None)`` is the one entry point (the CLI's
``smartresearch report``); ``benchmark()`` times it. See ``notebooks/README.md`` for how
the notebooks get their outputs without the committed notebooks ever holding any.

Names are imported on first use (PEP 562), like the package's submodules: Quarto's
pre-render step runs ``python -m smartresearch.reporting prepare``, which imports this
package first, and must stay cheap when there is nothing to do.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public name -> the submodule that defines it.
_EXPORTS = {
    "NotebookExecutionError": "execute",
    "NotebookRun": "execute",
    "execute_notebooks": "execute",
    "benchmark": "build_benchmark",
    "build_report": "build",
    "prepare": "build",
    "ReportLayout": "layout",
    "default_layout": "layout",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
