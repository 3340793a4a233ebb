"""The Quarto configuration: every key is one Quarto documents, and the paths agree.

Quarto rejects an unknown key at render time, and the CLI is not installable on the
project's machines, so the keys are checked here against a hand-written allow-list. Each
entry cites the Quarto documentation (or the schema Quarto validates with) where the key
is defined; a typo, or a key nobody checked, fails the test.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from smartresearch.reporting import default_layout
from smartresearch.reporting.layout import REFERENCE_PAGE

ROOT = Path(__file__).resolve().parents[1]
#: The Quarto project: report/_quarto.yml; every path in it is relative to this folder.
PROJECT = ROOT / "report"
DOCS = "https://quarto.org/docs"
SCHEMA = "https://github.com/quarto-dev/quarto-cli/blob/main/src/resources/schema"
QUARTODOC = "https://machow.github.io/quartodoc/get-started/basic-docs.html"

# key -> (where it is documented, allowed sub-keys or None for a leaf)
ALLOWED: dict[str, Any] = {
    "project": (
        f"{DOCS}/reference/projects/options.html",
        {
            "type": (f"{DOCS}/reference/projects/options.html", None),
            "output-dir": (f"{DOCS}/reference/projects/options.html", None),
            "pre-render": (f"{DOCS}/projects/scripts.html#pre-and-post-render", None),
            "resources": (f"{DOCS}/reference/projects/options.html", None),
        },
    ),
    "execute": (
        f"{DOCS}/computations/execution-options.html",
        {"enabled": (f"{DOCS}/computations/execution-options.html#disabling-execution", None)},
    ),
    "book": (
        f"{DOCS}/reference/projects/books.html",
        {
            "title": (f"{DOCS}/reference/projects/books.html", None),
            "subtitle": (f"{DOCS}/reference/projects/books.html", None),
            "author": (f"{DOCS}/reference/projects/books.html", None),
            "chapters": (f"{DOCS}/books/book-structure.html", None),
            "appendices": (f"{DOCS}/books/book-structure.html#appendices", None),
            "search": (f"{DOCS}/reference/projects/books.html", None),
            "page-navigation": (f"{DOCS}/reference/projects/books.html", None),
        },
    ),
    "format": (
        f"{DOCS}/reference/formats/html.html",
        {
            "html": (
                f"{DOCS}/reference/formats/html.html",
                {
                    "toc": (f"{SCHEMA}/document-toc.yml (name: toc)", None),
                    "code-fold": (f"{DOCS}/output-formats/html-code.html#folding-code", None),
                    "css": (f"{DOCS}/reference/formats/html.html#format-options", None),
                    "notebook-links": (
                        f"{DOCS}/reference/formats/html.html#notebooks-and-embeds",
                        None,
                    ),
                    "notebook-view": (
                        f"{DOCS}/reference/formats/html.html#notebooks-and-embeds",
                        None,
                    ),
                },
            ),
            "typst": (
                f"{DOCS}/reference/formats/typst.html",
                {
                    "toc": (f"{SCHEMA}/document-toc.yml (name: toc)", None),
                    "echo": (f"{DOCS}/reference/formats/typst.html#execution", None),
                    "papersize": (f"{DOCS}/reference/formats/typst.html#layout", None),
                    "fontsize": (f"{DOCS}/reference/formats/typst.html#fonts", None),
                    "toc-depth": (f"{DOCS}/reference/formats/typst.html#table-of-contents", None),
                    "include-in-header": (f"{DOCS}/reference/formats/typst.html#includes", None),
                    "template-partials": (
                        f"{DOCS}/output-formats/typst-custom.html#template-partials",
                        None,
                    ),
                },
            ),
        },
    ),
    "filters": (f"{DOCS}/extensions/filters.html#activating-filters", None),
    "metadata-files": (f"{DOCS}/reference/formats/typst.html#metadata", None),
    # Not a Quarto key: metadata the book's own filter (report/print/book-layout.lua) reads;
    # Quarto passes unknown top-level metadata to filters.
    "html-only-pages": (f"{DOCS}/extensions/lua-api.html#metadata", None),
    # Not a Quarto key: quartodoc's own section, which Quarto leaves alone.
    "quartodoc": (
        QUARTODOC,
        {
            "package": (QUARTODOC, None),
            "style": (QUARTODOC, None),
            "dir": (QUARTODOC, None),
            "title": (QUARTODOC, None),
            "parser": (QUARTODOC, None),
            "renderer": (
                QUARTODOC,
                {
                    "style": (QUARTODOC, None),
                    "header_level": (
                        "https://machow.github.io/quartodoc/api/MdRenderer.html",
                        None,
                    ),
                },
            ),
            "sections": (QUARTODOC, None),
        },
    ),
}
#: Front matter keys the report's pages use.
PAGE_KEYS = {
    "title": f"{DOCS}/reference/formats/html.html#title-author",
    "subtitle": f"{DOCS}/reference/formats/html.html#title-author",
}
#: The book's home page. Quarto takes as the home page the listed file whose path, relative
#: to the project, starts with "index." and stops with "Book contents must include a home
#: page (e.g. index.md)" when there is none (quarto-cli, src/project/types/book/
#: book-config.ts, bookRenderItems, and book-shared.ts, isBookIndexPage).
HOME_PAGE = "index.qmd"


def key_problems(node: Any, allowed: Any, path: str = "") -> list[str]:
    """Keys of ``node`` that the allow-list does not know, with their dotted path."""
    if allowed is None:
        return (
            []
            if not isinstance(node, dict)
            else [f"{path}: expected a value, found keys {sorted(node)}"]
        )
    if not isinstance(node, dict):
        return [f"{path}: expected keys {sorted(allowed)}, found {node!r}"]
    problems = []
    for key, value in node.items():
        where = f"{path}.{key}" if path else key
        if key not in allowed:
            problems.append(f"{where}: not a checked Quarto key (known here: {sorted(allowed)})")
            continue
        problems += key_problems(value, allowed[key][1], where)
    return problems


def front_matter(path: Path) -> dict[str, Any]:
    match = re.match(r"^---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), flags=re.S)
    assert match, f"{path.relative_to(ROOT)} has no YAML front matter"
    return yaml.safe_load(match.group(1))


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return yaml.safe_load(default_layout().config_file.read_text(encoding="utf-8"))


def test_every_key_is_a_checked_quarto_key(config):
    assert key_problems(config, {k: v for k, v in ALLOWED.items()}) == []


def test_every_allowed_key_cites_its_documentation():
    def walk(allowed: Any) -> list[str]:
        if not isinstance(allowed, dict):
            return []
        urls = [doc for doc, _ in allowed.values()]
        return urls + [u for _, sub in allowed.values() for u in walk(sub)]

    assert all(u.startswith("https://") for u in walk(ALLOWED))


def test_pre_render_runs_the_prepare_step_from_the_project_folder(config):
    """Run the exact command Quarto runs (from report/), as inside ``smartresearch report``.

    With the variable the build sets, ``prepare`` returns at once: this checks that the
    command resolves (uv, the project's environment, the module) on this machine.
    """
    command = shlex.split(config["project"]["pre-render"])
    assert command[-4:] == ["python", "-m", "smartresearch.reporting", "prepare"]
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not on PATH")
    from smartresearch.reporting.quarto import PREPARED_ENV

    env = dict(os.environ, **{PREPARED_ENV: "1"})
    result = subprocess.run(
        command, cwd=PROJECT, env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_executed_chapters_are_ignored_by_git_and_sources_are_not():
    layout = default_layout()
    probe = layout.executed_path(layout.notebooks_dir / "99-probe.ipynb").relative_to(ROOT)
    ignored = subprocess.run(["git", "check-ignore", "-q", str(probe)], cwd=ROOT, check=False)
    assert ignored.returncode == 0, f"{probe} would show up in git status after a build"
    source = subprocess.run(
        ["git", "check-ignore", "-q", "notebooks/99-probe.ipynb"], cwd=ROOT, check=False
    )
    assert source.returncode == 1


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "report").glob("*.qmd")))
def test_page_front_matter_uses_checked_keys(page):
    keys = set(front_matter(ROOT / "report" / page))
    assert keys <= set(PAGE_KEYS), sorted(keys - set(PAGE_KEYS))
    if page == HOME_PAGE:
        # a book's unnumbered home page: no title (Quarto gives it the book's), a heading
        # marked {.unnumbered} (Quarto reads the mark from a heading, not from a title)
        text = (ROOT / "report" / page).read_text(encoding="utf-8")
        assert "title" not in keys and re.search(r"^# .+ \{\.unnumbered\}$", text, flags=re.M)
    else:
        assert "title" in keys


def test_pages_include_the_generated_files():
    layout = default_layout()
    from smartresearch.reporting.generated_pages import PAGE_TITLES

    included = set()
    for page in (ROOT / "report").glob("*.qmd"):
        for target in re.findall(
            r"\{\{<\s*include\s+(\S+)\s*>\}\}", page.read_text(encoding="utf-8")
        ):
            included.add((page.parent / target).resolve())
    assert included == {(layout.build_dir / name).resolve() for name, _ in PAGE_TITLES}


def test_a_typo_fails_the_check(config):
    broken = yaml.safe_load(yaml.safe_dump(config))
    broken["project"]["outputdir"] = broken["project"].pop("output-dir")
    broken["format"]["typst"]["paper-size"] = "a4"
    problems = key_problems(broken, ALLOWED)
    assert any(p.startswith("project.outputdir: not a checked Quarto key") for p in problems)
    assert any(p.startswith("format.typst.paper-size: not a checked") for p in problems)


def test_project_is_a_book_with_one_pdf_and_no_code_in_it(config):
    """One PDF of the whole report needs a book (QUARTO.md 10, 17); Typst needs echo off."""
    layout = default_layout()
    assert config["project"]["type"] == "book"
    assert layout.config_file == PROJECT / "_quarto.yml" and layout.project_dir == PROJECT
    assert config["project"]["output-dir"] == layout.site_dir.relative_to(PROJECT).as_posix()
    assert config["execute"]["enabled"] is False
    assert set(config["format"]) == {"html", "typst"}
    assert config["format"]["typst"]["echo"] is False
    assert config["format"]["typst"]["papersize"] == "a4"
    assert config["format"]["html"]["code-fold"] is True
    # the Typst book template fails without an author (QUARTO.md 10)
    assert isinstance(config["book"]["author"], str) and config["book"]["author"].strip()


def book_files(config: dict[str, Any]) -> list[str]:
    return list(config["book"]["chapters"]) + list(config["book"].get("appendices", []))


def test_book_lists_every_page_and_executed_chapter_once(config):
    """Chapters are listed one by one (a glob stops the render, QUARTO.md 18)."""
    layout = default_layout()
    files = book_files(config)
    assert all("*" not in f for f in files)
    assert len(files) == len(set(files))
    assert files[0] == HOME_PAGE
    pages = {p.relative_to(PROJECT).as_posix() for p in PROJECT.glob("*.qmd")}
    executed = {
        layout.executed_path(nb).relative_to(PROJECT).as_posix() for nb in layout.notebooks()
    }
    # the API reference, written by the preparation step (quartodoc) before any render
    reference = (layout.reference_dir / REFERENCE_PAGE).relative_to(PROJECT).as_posix()
    assert set(files) == pages | executed | {reference}
    chapters = layout.chapters_dir.relative_to(PROJECT).as_posix()
    # Quarto skips "_"/"." path components even when listed, so the chapters must avoid them.
    assert not any(part.startswith(("_", ".")) for part in Path(chapters).parts)
    # never the committed notebook (no outputs), never a file outside the project (QUARTO.md 1)
    assert not any(f.startswith(("notebooks/", "../", "/")) for f in files)
    assert all((PROJECT / f).resolve().is_relative_to(PROJECT) for f in files)


def home_page_problems(config: dict[str, Any], project: Path) -> list[str]:
    """Quarto's rule for a book's home page, as its source states it (see HOME_PAGE)."""
    files = book_files(config)
    homes = [f for f in files if f.startswith("index.")]
    if not homes:
        return [
            "no listed file starts with 'index.' (Quarto: 'Book contents must include a home"
            f" page'): {files[:3]}"
        ]
    problems = [] if (project / homes[0]).is_file() else [f"{homes[0]} does not exist"]
    return problems + (
        [] if files[0] == homes[0] else [f"the home page {homes[0]} is not listed first"]
    )


def test_the_home_page_is_the_summary_at_the_project_root(config):
    assert home_page_problems(config, PROJECT) == []
    assert book_files(config)[0] == HOME_PAGE
    # no redirect page is needed, and one written over the home page would replace it
    assert "aliases" not in front_matter(PROJECT / HOME_PAGE)


def test_a_home_page_in_a_sub_folder_is_refused(config, tmp_path):
    """The layout the previous configuration had (project at the repository root, home page
    report/index.qmd): Quarto 1.9 refuses it, and so does the check."""
    moved = yaml.safe_load(yaml.safe_dump(config))
    moved["book"]["chapters"] = ["report/" + f for f in moved["book"]["chapters"]]
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "index.qmd").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    [problem] = home_page_problems(moved, tmp_path)
    assert "no listed file starts with 'index.'" in problem


#: What Quarto makes sure the project folder's .gitignore holds after every render, adding
#: any missing line and so leaving the tree modified (quarto-cli src/project/
#: project-gitignore.ts, ensureGitignore; QUARTO.md 11 for the second line in 1.9).
QUARTO_GITIGNORE = ("/.quarto/", "**/*.quarto_ipynb")


def test_the_project_gitignore_already_has_what_quarto_would_add():
    lines = [line.strip() for line in (PROJECT / ".gitignore").read_text("utf-8").splitlines()]
    assert [entry for entry in QUARTO_GITIGNORE if entry not in lines] == []
    for scratch in ("report/.quarto/x", "report/chapters/01-conversation.quarto_ipynb"):
        ignored = subprocess.run(["git", "check-ignore", "-q", scratch], cwd=ROOT, check=False)
        assert ignored.returncode == 0, f"{scratch} would show up in git status after a render"
