"""Every docstring example in the package runs (doctest), so the API reference cannot show
an example that fails. Examples marked ``# doctest: +SKIP`` are the only ones left out."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import smartresearch

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(smartresearch.__path__, "smartresearch.")
    if not m.name.endswith("__main__")
)


def _examples() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = []
    for name in MODULES:
        module = importlib.import_module(name)
        tests += [t for t in finder.find(module) if t.examples and t.name.startswith(name)]
    return tests


EXAMPLES = _examples()


def test_the_public_functions_with_examples_are_found():
    names = {t.name for t in EXAMPLES}
    assert {
        "smartresearch.countries.resolve_country",
        "smartresearch.analysis.peers.default_peers",
        "smartresearch.plots.palette.country_colour",
        "smartresearch.datasets.describe.source_line",
    } <= names


@pytest.mark.parametrize("test", EXAMPLES, ids=lambda t: t.name)
def test_docstring_example_runs(test, mirror):
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    failures = []
    runner.run(test, out=failures.append)
    assert runner.failures == 0, "".join(failures)
