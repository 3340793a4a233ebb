"""Quarto is run only when something it reads has changed (fake ``quarto`` executable)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from smartresearch.reporting.guard import build_lock
from smartresearch.reporting.layout import ReportLayout
from smartresearch.reporting.quarto import (
    LOG_FILE,
    PREPARED_ENV,
    STAMP_FILE,
    render_if_changed,
    render_inputs,
    render_key,
    render_warnings,
    time_render,
)


@pytest.fixture
def project(tmp_path: Path) -> tuple[ReportLayout, Path, Path]:
    layout = ReportLayout(tmp_path / "repo")
    (layout.report_dir / "chapters").mkdir(parents=True)
    layout.build_dir.mkdir()
    layout.config_file.write_text("project:\n  type: book\n", encoding="utf-8")
    (layout.report_dir / "index.qmd").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (layout.build_dir / "summary.md").write_text("Findings\n", encoding="utf-8")
    (layout.chapters_dir / "01-a.ipynb").write_text("{}", encoding="utf-8")
    log = tmp_path / "renders.log"
    quarto = tmp_path / "quarto"
    # a stand-in for the CLI: logs each call and writes the site, as `quarto render` does
    quarto.write_text(
        "#!/bin/sh\n"
        f'echo "$1 ${PREPARED_ENV}" >> {log}\n'
        # run from the project folder, report/, as render_site does
        "mkdir -p _site && echo site > _site/index.html\n"
        "echo x > chapters/01-a.out.ipynb\n",
        encoding="utf-8",
    )
    quarto.chmod(quarto.stat().st_mode | stat.S_IEXEC)
    return layout, quarto, log


def renders(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_a_no_change_rebuild_skips_quarto_and_any_change_renders_again(project):
    layout, quarto, log = project
    said: list[str] = []
    assert render_if_changed(layout, str(quarto), say=said.append) == 0
    assert renders(log) == ["render 1"]
    assert (layout.build_dir / STAMP_FILE).is_file()
    # nothing changed (Quarto's own .out.ipynb does not count): no render
    assert render_if_changed(layout, str(quarto), say=said.append) == 0
    assert renders(log) == ["render 1"]
    assert "nothing Quarto reads has changed" in said[-1]
    # a changed generated include, a changed chapter, a changed config: each renders
    for changed in (
        layout.build_dir / "summary.md",
        layout.chapters_dir / "01-a.ipynb",
        layout.config_file,
    ):
        changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        render_if_changed(layout, str(quarto), say=said.append)
    assert len(renders(log)) == 4
    # the site removed: renders again; force: renders again
    (layout.site_dir / "index.html").unlink()
    render_if_changed(layout, str(quarto), say=said.append)
    render_if_changed(layout, str(quarto), force=True, say=said.append)
    assert len(renders(log)) == 6


def test_a_failed_render_leaves_no_stamp(project):
    layout, quarto, log = project
    quarto.write_text(f"#!/bin/sh\necho fail >> {log}\nexit 3\n", encoding="utf-8")
    assert render_if_changed(layout, str(quarto), say=lambda _m: None) == 3
    assert not (layout.build_dir / STAMP_FILE).exists()


#: What Quarto 1.10 does when Typst fails after the HTML pages are written (QUARTO.md 22).
HALF_RENDER = (
    "#!/bin/sh\n"
    "mkdir -p _site/chapters index_files/figure-typst && echo half > _site/index.html\n"
    "echo typ > index.typ && echo x > chapters/01-a.quarto_ipynb\n"
    "echo 'ERROR: label <fig-x> occurs multiple times in the document' >&2\n"
    "exit 1\n"
)


def test_a_failed_render_keeps_the_last_good_site_and_removes_what_it_left(project):
    layout, quarto, _ = project
    assert render_if_changed(layout, str(quarto), say=lambda _m: None) == 0
    good = (layout.site_dir / "index.html").read_text(encoding="utf-8")
    before = sorted(p.relative_to(layout.root) for p in layout.root.rglob("*"))
    (layout.report_dir / "index.qmd").write_text("---\ntitle: broken\n---\n", "utf-8")
    quarto.write_text(HALF_RENDER, encoding="utf-8")
    said: list[str] = []
    assert render_if_changed(layout, str(quarto), say=said.append) == 1
    assert (layout.site_dir / "index.html").read_text(encoding="utf-8") == good
    after = sorted(p.relative_to(layout.root) for p in layout.root.rglob("*"))
    stamp = Path("report/_build") / STAMP_FILE  # removed: the site is not of these inputs
    assert after == [p for p in before if p != stamp]  # nothing else added or lost
    log = layout.build_dir / LOG_FILE  # Quarto's messages, kept
    assert "occurs multiple times" in log.read_text(encoding="utf-8")
    assert not (layout.build_dir / STAMP_FILE).exists()
    sentence = said[-1]
    assert "exit code 1, so nothing was published" in sentence
    assert "as the last successful render left it" in sentence


def test_a_failed_first_render_leaves_no_site(project):
    layout, quarto, _ = project
    quarto.write_text(HALF_RENDER, encoding="utf-8")
    said: list[str] = []
    assert render_if_changed(layout, str(quarto), say=said.append) == 1
    assert not layout.site_dir.exists()
    assert not (layout.report_dir / "index.typ").exists()
    assert not (layout.report_dir / "index_files").exists()
    assert not (layout.chapters_dir / "01-a.quarto_ipynb").exists()
    assert "no site was written" in said[-1]


def test_warnings_are_counted_in_every_spelling(project):
    layout, quarto, _ = project
    quarto.write_text(
        "#!/bin/sh\nmkdir -p _site && echo site > _site/index.html\n"
        "echo 'WARN: Unable to resolve crossref @fig-x'\n"
        "echo 'warning: unknown font family: sans-serif' >&2\n"
        "echo '[WARNING] Duplicate identifier'\necho 'Output created: _site/index.html'\n",
        encoding="utf-8",
    )
    said: list[str] = []
    assert render_if_changed(layout, str(quarto), say=said.append) == 0
    assert len(render_warnings(layout)) == 3
    assert any("3 warning(s)" in m for m in said)


def test_the_fingerprint_ignores_the_lock_and_the_builds_own_records(project):
    """Two builds of the same inputs have the same key: the lock holds the running
    build's process id, which differs each time (it made every rebuild render)."""
    layout, quarto, _ = project
    with build_lock(layout.build_dir) as lock:
        key = render_key(layout, str(quarto))
        assert render_if_changed(layout, str(quarto), say=lambda _m: None) == 0
    lock.write_text("99999", encoding="utf-8")  # another build's pid
    (layout.build_dir / ".summary.md.abcd1234.tmp").write_text("x", encoding="utf-8")
    assert render_key(layout, str(quarto)) == key
    said: list[str] = []
    assert render_if_changed(layout, str(quarto), say=said.append) == 0
    assert "nothing Quarto reads has changed" in said[-1]


def test_inputs_are_what_quarto_reads_and_not_what_it_writes(project):
    layout, quarto, _ = project
    render_if_changed(layout, str(quarto), say=lambda _m: None)
    (layout.html_dir).mkdir()
    (layout.html_dir / "index.html").write_text("plain", encoding="utf-8")
    names = {p.relative_to(layout.root).as_posix() for p in render_inputs(layout)}
    assert names == {
        "report/_quarto.yml",
        "report/index.qmd",
        "report/_build/summary.md",
        "report/chapters/01-a.ipynb",
    }


def test_one_off_profiles_and_quartos_output_are_not_render_inputs(project):
    """Every file of the project folder is an input (print rules, stylesheets, resources),
    except what builds write there: a profile in report/_profiles/ must not re-render."""
    layout, quarto, _ = project
    before = render_key(layout, str(quarto))
    profile = layout.report_dir / "_profiles" / "EST" / "x.html"
    profile.parent.mkdir(parents=True)
    profile.write_text("a profile", encoding="utf-8")
    (layout.report_dir / "site.css").write_text("main { }\n", encoding="utf-8")
    inputs = render_inputs(layout)
    assert profile not in inputs and layout.report_dir / "site.css" in inputs
    assert render_key(layout, str(quarto)) != before


def test_benchmark_timing_of_full_and_no_change_renders(project):
    layout, quarto, log = project
    timing = time_render(layout, str(quarto))
    assert timing is not None and timing.no_change < timing.full + 1
    assert len(renders(log)) == 1  # forced once, then skipped


def test_a_changed_print_rule_renders_again(project):
    """The PDF's print rules live in report/print/ (header.typ, the title-page partial, the
    Lua filter); a change there must re-render, not keep the old PDF."""
    layout, quarto, log = project
    rules = layout.report_dir / "print" / "header.typ"
    rules.parent.mkdir()
    rules.write_text("// rules\n", encoding="utf-8")
    assert render_if_changed(layout, str(quarto), say=lambda _m: None) == 0
    rules.write_text("// rules, changed\n", encoding="utf-8")
    assert render_if_changed(layout, str(quarto), say=lambda _m: None) == 0
    assert len(renders(log)) == 2
