"""smartresearch: compare how countries build digital government.

>>> import smartresearch as sr
>>> sr.datasets.load("egdi")  # doctest: +SKIP

Submodules are imported on first attribute access (PEP 562 module ``__getattr__``), so
``import smartresearch`` costs almost nothing beyond Python itself: a notebook pays for
pandas, matplotlib or the corpus only when it uses them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__version__ = "0.1.0"

#: Submodules reachable as attributes of the package, loaded lazily.
SUBMODULES: tuple[str, ...] = (
    "analysis",
    "config",
    "corpus",
    "countries",
    "datasets",
    "errors",
    "plots",
    "registry",
    "reporting",
)


def __getattr__(name: str) -> ModuleType:
    if name in SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *SUBMODULES})
