"""The API reference's markup: Sphinx roles become links (or code), doctests become code
blocks and every function with parameters gets a parameter table, on a constructed
package and on the real page."""

from __future__ import annotations

import inspect
import re
import textwrap
from pathlib import Path

import pytest

from smartresearch.reporting import ReportLayout
from smartresearch.reporting.api_markup import (
    ROLE,
    fence_doctests,
    resolve,
    rewrite_markup,
    type_cell,
)
from smartresearch.reporting.api_reference import (
    public_functions,
    render_reference,
    write_reference,
)

DEMO_INIT = '''
"""A package made up for the test."""

from demo.sub import deep

#: The largest size.
LIMIT = 3

__all__ = ["deep", "helper", "load"]


def load(name: str, *, strict: bool = True, **options: int) -> int:
    """Load ``name``: :func:`helper`, :func:`~demo.sub.deep`, :mod:`demo.sub`,
    :data:`LIMIT`, :class:`~demo.errors.Missing`, :func:`missing`, :mod:`helper`,
    :py:func:`demo.helper` and :func:`the helper <helper>`.

    >>> load("x")
    1
    >>> load("y",
    ...      strict=False)
    2

    After the example.
    """
    return 1


def helper():
    """No parameters, so no table."""
'''

DEMO_SUB = '''
"""A submodule."""


def deep(x: int | None = None, *rest: str) -> int:
    """Deep; :func:`load` is found relative to the enclosing package."""
    return 0
'''


@pytest.fixture(scope="module")
def demo_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("demo_src")
    (root / "demo").mkdir()
    (root / "demo" / "__init__.py").write_text(textwrap.dedent(DEMO_INIT), encoding="utf-8")
    (root / "demo" / "sub.py").write_text(textwrap.dedent(DEMO_SUB), encoding="utf-8")
    config = {
        "package": "demo",
        "style": "single-page",
        "dir": "reference",
        "title": "Demo",
        "parser": "google",
        "renderer": {"style": "markdown", "header_level": 2},
        "sections": [
            {"title": "demo", "desc": "All of it.", "contents": ["load", "helper", "sub.deep"]}
        ],
    }
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(str(root))
        return render_reference(config)


def entry(page: str, anchor: str) -> str:
    """The Markdown of one documented object: its heading up to the next heading of its level."""
    head = re.search(rf"^(#+) .*\{{ #{re.escape(anchor)} \}}$", page, flags=re.M)
    assert head, anchor
    rest = page[head.end() :]
    end = re.search(rf"^{head.group(1)} ", rest, flags=re.M)
    return rest[: end.start()] if end else rest


def test_each_role_links_to_the_documented_object_or_is_code(demo_page):
    load = entry(demo_page, "demo.load")
    assert not ROLE.search(demo_page)
    assert "[`helper`](#demo.helper)" in load  # relative name, same package
    assert "[`deep`](#demo.sub.deep)" in load  # ~ shows the last component
    assert "[`demo.helper`](#demo.helper)" in load  # :py: domain prefix
    assert "[`the helper`](#demo.helper)" in load  # explicit title
    # not documented on the page: code, not a dead link
    assert "`LIMIT`" in load and "(#demo.LIMIT)" not in demo_page
    assert "`Missing`" in load and "`missing`" in load
    assert "`demo.sub`" in load and "(#demo.sub)" not in demo_page
    # a role of the wrong kind does not link (helper is a function, not a module)
    assert "`missing`, `helper`, [`demo.helper`]" in load.replace("\n", " ")
    # a name in a submodule's docstring resolves in the enclosing package
    assert "[`load`](#demo.load)" in entry(demo_page, "demo.sub.deep")


def test_doctest_block_is_one_python_code_block(demo_page):
    load = entry(demo_page, "demo.load")
    block = '```python\n>>> load("x")\n1\n>>> load("y",\n...      strict=False)\n2\n```'
    assert block in load
    assert "```\n\nAfter the example." in load


def test_parameter_table_from_the_signature(demo_page):
    load = entry(demo_page, "demo.load")
    table = load.split("Parameters {.doc-section .doc-section-parameters .unnumbered}", 1)[1]
    assert "| Name | Type | Default |" in table
    assert "| `name` | `str` | _required_ |" in table
    assert "| `strict` (keyword) | `bool` | `True` |" in table
    assert "| \\*\\*`options` | `int` |  |" in table
    deep = entry(demo_page, "demo.sub.deep")
    # a union: one code span per member, the pipe outside the code (pandoc would keep
    # the backslash of an escaped pipe inside a code span)
    assert "| `x` | `int` \\| `None` | `None` |" in deep
    assert "| \\*`rest` | `str` |  |" in deep
    assert "Parameters" not in entry(demo_page, "demo.helper")


def test_type_cells_keep_pipes_out_of_code():
    assert type_cell("str") == "`str`"
    assert type_cell("str | Iterable[str] | None") == "`str` \\| `Iterable[str]` \\| `None`"
    assert type_cell("dict[str, int | None] | None") == ("dict\\[str, int \\| None\\] \\| `None`")


def test_resolution_rules():
    documented = {
        "p.a.f": "p.a.f",
        "p.b.f": "p.b.f",
        "p.a.g": "p.a.g",
        "p.a.impl.g": "p.a.g",
    }
    assert resolve("f", ["p.a.g"], documented) == "p.a.f"  # the context's module first
    assert resolve("f", ["p.b.f"], documented) == "p.b.f"
    assert resolve("f", [], documented) is None  # two objects named f: ambiguous
    assert resolve("g", [], documented) == "p.a.g"  # one object, known by two paths
    assert resolve("p.a.impl.g", [], documented) == "p.a.g"  # where it is defined
    assert resolve("p.c.f", ["p.a.g"], documented) is None  # a full path is taken as is


def test_fences_are_left_alone():
    lines = ["```python", ">>> already(1)", "```", "text", ">>> new()", "2"]
    assert fence_doctests(lines) == [
        "```python",
        ">>> already(1)",
        "```",
        "text",
        "",
        "```python",
        ">>> new()",
        "2",
        "```",
    ]
    # roles inside a code block are code: not rewritten
    page = "### f { #p.f }\n\n```python\nx = ':func:`f`'\n```\n:func:`f`\n"
    assert rewrite_markup(page, {"p.f": "p.f"}) == (
        "### f { #p.f }\n\n```python\nx = ':func:`f`'\n```\n[`f`](#p.f)\n"
    )


@pytest.fixture(scope="module")
def real_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    layout = ReportLayout(tmp_path_factory.mktemp("project"))
    return Path(write_reference(layout)).read_text(encoding="utf-8")


def test_real_page_has_no_raw_roles_and_no_dead_links(real_page):
    assert ROLE.findall(real_page) == []
    assert not re.search(r":(func|class|mod|meth|attr|data|exc):`", real_page)
    anchors = set(re.findall(r"\{ #([\w.]+) \}", real_page))
    links = re.findall(r"\]\(#([^)\s]+)\)", real_page)
    # the docstrings cross-reference each other dozens of times
    assert len(links) > 20
    assert sorted(set(links) - anchors) == []


def test_real_page_doctests_are_fenced(real_page):
    fenced = False
    prompts = 0
    for line in real_page.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        elif line.lstrip().startswith(">>>"):
            assert fenced, line
            prompts += 1
    assert prompts >= 3  # source_line and country_colour carry examples


def test_real_page_has_a_parameter_table_for_every_function_with_parameters(real_page):
    import importlib

    checked = 0
    for package, names in public_functions().items():
        module = importlib.import_module(f"smartresearch.{package}")
        for name in names:
            params = list(inspect.signature(getattr(module, name)).parameters)
            anchor = next(
                a
                for a in re.findall(r"\{ #(smartresearch\.[\w.]+) \}", real_page)
                if a.split(".")[1] == package and a.endswith(f".{name}")
            )
            text = entry(real_page, anchor)
            if not params:
                assert "doc-section-parameters" not in text, anchor
                continue
            assert "| Name | Type | Default |" in text, anchor
            for param in params:
                assert re.search(rf"^\| (\\\*)*`{param}`", text, flags=re.M), (anchor, param)
            checked += 1
    assert checked > 50
