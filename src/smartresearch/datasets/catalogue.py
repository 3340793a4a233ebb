"""Which datasets exist, and their specs: the one list every other part of the toolkit reads.

Each dataset is a module ``smartresearch.datasets.<name>`` exposing ``SPEC``. Modules are
imported only when a spec is first needed, so ``import smartresearch`` stays fast; a module
that does not exist yet (a cleaner still being written) is reported as unavailable instead of
breaking the catalogue for the others.
"""

from __future__ import annotations

import importlib
from functools import cache

from smartresearch.datasets.spec import DatasetSpec
from smartresearch.errors import UnknownDatasetError

#: Every dataset the toolkit ships, in the order they are listed and built.
DATASET_NAMES: tuple[str, ...] = ("egdi", "oecd_dgi", "gtmi", "egov_benchmark", "ourdata", "wdi")


@cache
def _spec_or_none(name: str) -> DatasetSpec | None:
    module_name = f"smartresearch.datasets.{name}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if (
            exc.name == module_name
        ):  # the cleaner does not exist yet; any other import error is real
            return None
        raise
    spec = getattr(module, "SPEC", None)
    if not isinstance(spec, DatasetSpec):
        raise TypeError(f"{module_name}.SPEC must be a DatasetSpec, found {type(spec).__name__}")
    if spec.name != name:
        raise ValueError(
            f"{module_name}.SPEC.name is {spec.name!r}; it must equal the module name {name!r}"
        )
    return spec


def available() -> tuple[str, ...]:
    """Names of the datasets whose cleaner module exists."""
    return tuple(n for n in DATASET_NAMES if _spec_or_none(n) is not None)


def get_spec(name: str) -> DatasetSpec:
    """The spec of dataset ``name``; :class:`UnknownDatasetError` lists the known names."""
    if name not in DATASET_NAMES:
        raise UnknownDatasetError(
            f"Unknown dataset {name!r}. Known datasets: {', '.join(DATASET_NAMES)}."
        )
    spec = _spec_or_none(name)
    if spec is None:
        raise UnknownDatasetError(
            f"Dataset {name!r} is planned but its cleaner (smartresearch/datasets/{name}.py) does "
            "not exist yet. "
            f"Available: {', '.join(available())}."
        )
    return spec


def resolve_names(names: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Check a selection of datasets (None = every available one); keeps catalogue order."""
    if names is None:
        return available()
    if isinstance(names, str):
        names = [names]
    for name in names:
        get_spec(name)
    return tuple(n for n in DATASET_NAMES if n in set(names))
