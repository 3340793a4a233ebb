"""Turn the docstrings' reStructuredText habits into Markdown for the API reference.

The docstrings are prose written for ``help()`` and Sphinx: they cross-reference with
roles (``:func:`load```, ``:class:`~smartresearch.errors.ValidationError```), show
usage as doctest blocks (``>>> source_line("egdi")``) and describe parameters in
sentences rather than ``Args:`` sections. quartodoc copies such text through as it is,
so the page showed raw roles and doctests run together into one paragraph. Rewriting
every docstring would trade ``help()`` readability for one renderer's taste; instead:

- :class:`ReferenceRenderer` (a quartodoc ``MdRenderer``) adds a parameter table, built
  from the signature (name, annotation, default), to every function whose docstring has
  no parameters section of its own, and records which objects the page documents;
- :func:`rewrite_markup` then turns each role into a link to the documented object's
  anchor, resolved the way Sphinx does (full path, then the enclosing modules of the
  object whose docstring it is, then a name documented exactly once), or into inline
  code when the target is not on the page (a constant, an exception class), and fences
  every doctest block as Python code.

Both are pure functions of their input, so the page stays byte-identical across builds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from functools import partial

import griffe
from plum import dispatch
from quartodoc import MdRenderer, layout

#: The Sphinx roles the docstrings use; any ``:py:`` domain prefix is accepted too.
ROLES = ("func", "class", "mod", "meth", "attr", "data", "obj", "exc", "const")
#: The kinds of object a role may link to (``obj`` any); griffe's kind names.
ROLE_KINDS = {
    "func": {"function"},
    "meth": {"function"},
    "class": {"class"},
    "exc": {"class"},
    "mod": {"module"},
    "attr": {"attribute"},
    "data": {"attribute"},
    "const": {"attribute"},
}
ROLE = re.compile(
    r":(?:py:)?(?P<role>" + "|".join(ROLES) + r"):`(?P<body>[^`]+)`",
)
#: ``title <target>``: a role with an explicit link text.
EXPLICIT = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.S)
HEADER_ANCHOR = re.compile(r"^#+ .*\{ #(?P<anchor>[\w.]+) \}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
PROMPT = re.compile(r"^(?P<indent>\s*)>>>( |$)")


class ReferenceRenderer(MdRenderer):
    """quartodoc's Markdown renderer with a parameter table for every function.

    ``documented`` maps each path a documented object is known by (where it is
    documented, and where it is defined) to the anchor of its entry on the page, and
    ``kinds`` each anchor to its object's kind ("function", "class", "module", ...).
    """

    style = "smartresearch"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.documented: dict[str, str] = {}
        self.kinds: dict[str, str] = {}

    @dispatch
    def render_header(self, el: layout.Doc) -> str:
        """The entry's heading (anchored at the object's path), recording its paths."""
        anchor = el.obj.path
        for path in (el.obj.path, el.obj.canonical_path, el.anchor):
            self.documented.setdefault(path, anchor)
        self.kinds[anchor] = el.obj.kind.value
        return super().render_header(el)

    @dispatch
    def render(self, el: layout.DocFunction):
        page = super().render(el)
        table = self.parameter_table(el.obj)
        return page + "\n\n" + table if table else page

    def parameter_table(self, obj: griffe.Object | griffe.Alias) -> str:
        """A "Parameters" section from the signature, unless the docstring has one."""
        target = obj.final_target if isinstance(obj, griffe.Alias) else obj
        parsed = target.docstring.parsed if target.docstring else []
        if any(isinstance(s, griffe.DocstringSectionParameters) for s in parsed):
            return ""
        parameters = list(self._fetch_method_parameters(target))
        if not parameters:
            return ""
        rows = [parameter_row(p) for p in parameters]
        section = griffe.DocstringSectionParameters([], title="Parameters")
        with self._increment_header():
            # unnumbered: the book numbers its sections, and "D.1.2.1 Parameters" on
            # every function is noise, not structure
            header = self.render_header(section).replace("}", " .unnumbered}", 1)
        lines = ["| Name | Type | Default |", "|------|------|---------|"]
        lines += [f"| {name} | {annotation} | {default} |" for name, annotation, default in rows]
        return header + "\n\n" + "\n".join(lines)


def parameter_row(parameter: griffe.Parameter) -> tuple[str, str, str]:
    """(name, annotation, default) as Markdown table cells, ``*``/``**`` on splats."""
    splat = {
        griffe.ParameterKind.var_positional: "\\*",
        griffe.ParameterKind.var_keyword: "\\*\\*",
    }.get(parameter.kind, "")
    name = f"{splat}`{parameter.name}`"
    annotation = type_cell(str(parameter.annotation)) if parameter.annotation else ""
    if splat:
        default = ""
    elif parameter.default is None:
        default = "_required_"
    else:
        default = f"`{cell(str(parameter.default))}`"
    if parameter.kind == griffe.ParameterKind.keyword_only:
        name += " (keyword)"
    return name, annotation, default


def type_cell(annotation: str) -> str:
    """An annotation as code in a pipe-table cell.

    Pandoc keeps the backslash of an escaped pipe inside a code span (``str \\| None``
    would show it), so a union is split at its top-level pipes into one code span per
    member, joined by escaped pipes outside the code; a member that still holds a pipe
    (``dict[str, int | None]``) is plain text with Markdown's specials escaped.
    """
    members, depth, start = [], 0, 0
    for i, char in enumerate(annotation):
        depth += (char in "[(") - (char in "])")
        if char == "|" and depth == 0:
            members.append(annotation[start:i])
            start = i + 1
    members.append(annotation[start:])
    spans = [
        f"`{cell(m)}`"
        if "|" not in m
        else re.sub(r"([\\`*_\[\]|<>])", r"\\\1", " ".join(m.split()))
        for m in (m.strip() for m in members)
    ]
    return " \\| ".join(spans)


def cell(text: str) -> str:
    """Text safe inside a pipe-table code span: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def resolve(
    target: str,
    context: Iterable[str],
    documented: Mapping[str, str],
    accept: Callable[[str], bool] = lambda anchor: True,
) -> str | None:
    """The anchor a role's target refers to, or None when it is not documented here.

    ``context`` are the paths of the object whose docstring holds the role; a relative
    name is looked up in their enclosing modules, innermost first, then as a name that
    exactly one documented object has. Only anchors that ``accept`` (the role's kind of
    object: ``:func:`` a function, ``:mod:`` a module) are candidates.
    """
    name = target.lstrip(".")
    candidates = [name, f"smartresearch.{name}"]
    for path in context:
        parts = path.split(".")
        candidates += [".".join([*parts[:stop], name]) for stop in range(len(parts) - 1, 0, -1)]
    for candidate in candidates:
        anchor = documented.get(candidate)
        if anchor and accept(anchor):
            return anchor
    if "." in name:
        return None
    anchors = {a for p, a in documented.items() if p.rsplit(".", 1)[-1] == name and accept(a)}
    return anchors.pop() if len(anchors) == 1 else None


def rewrite_role(
    match: re.Match,
    context: Iterable[str],
    documented: Mapping[str, str],
    kinds: Mapping[str, str],
) -> str:
    """One role as a Markdown link to its anchor, or as inline code."""
    body = match.group("body").strip()
    explicit = EXPLICIT.match(body)
    if explicit and explicit.group("title"):
        title, target = explicit.group("title"), explicit.group("target").strip()
    else:
        target = body.lstrip("~!")
        title = target.rsplit(".", 1)[-1] if body.startswith("~") else target
    allowed = ROLE_KINDS.get(match.group("role"))
    anchor = resolve(
        target, context, documented, lambda a: allowed is None or kinds.get(a, "") in allowed | {""}
    )
    code = f"`{title}`"
    return f"[{code}](#{anchor})" if anchor else code


def fence_doctests(lines: list[str]) -> list[str]:
    """Wrap each doctest block (a ``>>>`` line up to the next blank line) in a fence,
    set off from the text before it by a blank line;
    lines already inside a fence (quartodoc's own example blocks) are left alone."""
    out: list[str] = []
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        prompt = PROMPT.match(line)
        if FENCE.match(line):
            fenced = not fenced
        if fenced or not prompt:
            out.append(line)
            i += 1
            continue
        indent = prompt.group("indent")
        block = []
        while i < len(lines) and lines[i].strip():
            text = lines[i]
            block.append(text[len(indent) :] if text.startswith(indent) else text.lstrip())
            i += 1
        if out and out[-1].strip():  # a fence does not interrupt a paragraph
            out.append("")
        out += ["```python", *block, "```"]
    return out


def rewrite_markup(
    page: str, documented: Mapping[str, str], kinds: Mapping[str, str] | None = None
) -> str:
    """The page with roles linked (or coded) and doctests fenced; code blocks untouched.

    The context of a role is the entry it is in: the anchor of the nearest heading above
    it, with every other path that anchor's object is documented under. Without
    ``kinds`` a role may link to an object of any kind.
    """
    kinds = kinds or {}
    aliases: dict[str, list[str]] = {}
    for path, anchor in sorted(documented.items()):
        aliases.setdefault(anchor, []).append(path)
    context: list[str] = []
    out: list[str] = []
    fenced = False
    for line in fence_doctests(page.split("\n")):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            header = HEADER_ANCHOR.match(line)
            if header:
                anchor = header.group("anchor")
                context = [anchor, *aliases.get(anchor, [])]
            line = ROLE.sub(
                partial(rewrite_role, context=context, documented=documented, kinds=kinds), line
            )
        out.append(line)
    return "\n".join(out)
