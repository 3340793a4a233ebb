"""The report build on a scratch project: execution, caching, parameters, fallback HTML.

The notebooks here are tiny and written by the test into a temporary folder laid out like
the project, so these tests exercise the real executor (nbclient, a real kernel) in a few
seconds without depending on the analysis notebooks.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest

from smartresearch.reporting import NotebookExecutionError, ReportLayout, execute_notebooks
from smartresearch.reporting import build as build_module
from smartresearch.reporting import execute as execute_module
from smartresearch.reporting.execute import METADATA_KEY

pytestmark = pytest.mark.slow


def write_notebook(path: Path, cells: list[nbformat.NotebookNode]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = cells
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def code(source: str, tags: list[str] | None = None) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = tags
    return cell


@pytest.fixture
def project(tmp_path: Path) -> ReportLayout:
    layout = ReportLayout(tmp_path)
    write_notebook(
        layout.notebooks_dir / "01-plain.ipynb",
        [
            nbformat.v4.new_raw_cell("---\ntitle: Plain\n---"),
            code("import os\nprint(os.path.basename(os.getcwd()))"),
            code(
                "#| label: fig-line\n#| fig-cap: A line\n#| fig-alt: A rising line\n"
                "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3]);"
            ),
        ],
    )
    write_notebook(
        layout.notebooks_dir / "02-profile.ipynb",
        [code("country = 'DNK'", ["parameters"]), code("print(f'profile of {country}')")],
    )
    return layout


def stdout(nb: nbformat.NotebookNode) -> str:
    return "".join(
        o.get("text", "")
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.get("name") == "stdout"
    )


def test_executes_in_notebooks_dir_writes_copies_and_leaves_sources_clean(project):
    before = {p: p.read_bytes() for p in project.notebooks()}
    runs = execute_notebooks(project)
    assert [r.notebook.name for r in runs] == ["01-plain.ipynb", "02-profile.ipynb"]
    assert {p: p.read_bytes() for p in project.notebooks()} == before
    plain = nbformat.read(project.chapters_dir / "01-plain.ipynb", as_version=4)
    assert stdout(plain).strip() == "notebooks"
    figure = plain.cells[2].outputs
    assert any("image/png" in o.get("data", {}) for o in figure), "the figure did not render inline"
    assert plain.metadata[METADATA_KEY]["source"] == "01-plain.ipynb"
    # no timing metadata: executed copies are reproducible
    assert all("execution" not in c.metadata for c in plain.cells)


def test_shared_inputs_fingerprint_follows_the_data(project, scratch_data):
    first = execute_module.shared_inputs_fingerprint(project)
    assert execute_module.shared_inputs_fingerprint(project) == first
    (scratch_data / "curated" / "new.csv").write_text("a,source\n1,x\n", encoding="utf-8")
    assert execute_module.shared_inputs_fingerprint(project) != first


def test_second_run_is_cached_and_a_change_re_executes(project, monkeypatch):
    # Pin the shared inputs: other work in this checkout may edit the package meanwhile.
    monkeypatch.setattr(execute_module, "shared_inputs_fingerprint", lambda layout: "pinned")
    execute_notebooks(project)
    start = time.perf_counter()
    again = execute_notebooks(project)
    assert all(r.cached for r in again) and time.perf_counter() - start < 5
    path = project.notebooks_dir / "01-plain.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(code("print('more')"))
    nbformat.write(nb, path)
    third = {r.notebook.name: r.cached for r in execute_notebooks(project)}
    assert third == {"01-plain.ipynb": False, "02-profile.ipynb": True}


def test_parameters_are_injected_papermill_style(project, monkeypatch):
    monkeypatch.setattr(execute_module, "shared_inputs_fingerprint", lambda layout: "pinned")
    [run] = execute_notebooks(
        project, [project.notebooks_dir / "02-profile.ipynb"], parameters={"country": "EST"}
    )
    executed = nbformat.read(run.executed, as_version=4)
    tags = [c.metadata.get("tags", []) for c in executed.cells]
    assert tags.index(["injected-parameters"]) == tags.index(["parameters"]) + 1
    assert stdout(executed).strip() == "profile of EST"
    # other parameters are another input: the cached copy is not reused
    [default] = execute_notebooks(project, [project.notebooks_dir / "02-profile.ipynb"])
    assert not default.cached
    assert stdout(nbformat.read(default.executed, as_version=4)).strip() == "profile of DNK"


def test_warnings_as_errors_fails_a_warning_notebook_and_names_it(project):
    write_notebook(
        project.notebooks_dir / "03-warns.ipynb",
        [code("import warnings\nwarnings.warn('deprecated thing', DeprecationWarning)")],
    )
    loose = execute_notebooks(project, [project.notebooks_dir / "03-warns.ipynb"], write=False)
    assert any("DeprecationWarning" in line for line in loose[0].warnings)
    with pytest.raises(
        NotebookExecutionError, match=r"notebook 03-warns.ipynb failed[\s\S]*deprecated thing"
    ):
        execute_notebooks(
            project,
            [project.notebooks_dir / "03-warns.ipynb"],
            warnings_as_errors=True,
            write=False,
        )
    assert not (project.chapters_dir / "03-warns.ipynb").exists()


def test_a_failing_cell_is_named_and_nothing_is_written(project):
    write_notebook(project.notebooks_dir / "04-broken.ipynb", [code("1 / 0")])
    with pytest.raises(
        NotebookExecutionError, match=r"04-broken.ipynb failed[\s\S]*ZeroDivisionError"
    ):
        execute_notebooks(project, [project.notebooks_dir / "04-broken.ipynb"])
    assert not (project.chapters_dir / "04-broken.ipynb").exists()


def test_build_report_without_quarto_writes_plain_html_and_succeeds(project, monkeypatch, capsys):
    monkeypatch.setattr(build_module, "ensure_data", lambda layout, force=False: False)
    monkeypatch.setattr(build_module, "quarto_executable", lambda: None)

    def fake_pages(layout, **_):
        layout.build_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, title in build_module.PAGE_TITLES:
            path = layout.build_dir / name
            path.write_text(f"## {title}\n\nGenerated.\n", encoding="utf-8")
            paths.append(path)
        return paths

    monkeypatch.setattr(build_module, "write_generated_pages", fake_pages)
    orphan = project.chapters_dir / "00-removed.ipynb"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_text("{}", encoding="utf-8")
    assert build_module.build_report(layout=project) == 0
    out = capsys.readouterr().out
    assert "Quarto is not installed" in out and "removed 00-removed.ipynb" in out
    assert not orphan.exists()
    html = project.html_dir
    assert {p.name for p in html.glob("*.html")} == {
        "index.html",
        "summary.html",
        "methods.html",
        "bibliography.html",
        "01-plain.html",
        "02-profile.html",
    }
    index = (html / "index.html").read_text(encoding="utf-8")
    assert '<a href="01-plain.html">Plain</a>' in index
    assert "data:image/png;base64" in (html / "01-plain.html").read_text(encoding="utf-8")


def test_build_report_returns_1_and_names_an_unknown_notebook(project, monkeypatch, capsys):
    monkeypatch.setattr(build_module, "ensure_data", lambda layout, force=False: False)
    assert build_module.build_report(notebooks=["07-missing"], layout=project) == 1
    assert "unknown notebook(s) ['07-missing']" in capsys.readouterr().err
