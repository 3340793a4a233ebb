"""The report build on a scratch project: execution, caching, parameters, fallback HTML.

The notebooks here are tiny and written by the test into a temporary folder laid out like
the project, so these tests exercise the real executor (nbclient, a real kernel) in a few
seconds without depending on the analysis notebooks.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import zmq
from report_support import code, write_notebook

from smartresearch.errors import SmartResearchError
from smartresearch.reporting import (
    NotebookExecutionError,
    ReportLayout,
    build_benchmark,
    execute_notebooks,
    kernels,
    notebook_runner,
)
from smartresearch.reporting import build as build_module
from smartresearch.reporting import execute as execute_module
from smartresearch.reporting.fingerprint import SharedInputs
from smartresearch.reporting.freshness import METADATA_KEY
from smartresearch.reporting.generated_pages import PAGE_TITLES, write_generated_pages
from smartresearch.reporting.plain_export import export_plain_html

pytestmark = pytest.mark.slow

#: Shared inputs pinned for tests that count re-runs: other work in this checkout may
#: edit the package meanwhile, which would change the real fingerprint.
PINNED = SharedInputs("pinned", None)
#: What ipykernel prints for a kernel on unencrypted TCP, and its shutdown complaint.
KERNEL_NOISE = ("[IPKernelApp]", "without encryption", "PendingDeprecationWarning")
#: A cell that has the kernel process log an error on its own stderr while cells run.
KERNEL_LOGS_AN_ERROR = (
    "from ipykernel.kernelapp import IPKernelApp\n"
    "IPKernelApp.instance().log.error('kernel trouble during the run')"
)
#: A cell that has the kernel write a traceback to its stderr after the last cell, while
#: it shuts down: what ipykernel 7.4 does when it loses its shutdown race (ipykernel#1518).
NOISY_SHUTDOWN = (
    "import atexit, os\n"
    "atexit.register(os.write, 2, b'Traceback (most recent call last):\\nZMQError: at exit\\n')"
)


@pytest.fixture
def project(tmp_path: Path) -> ReportLayout:
    layout = ReportLayout(tmp_path)
    write_notebook(
        layout.notebooks_dir / "01-plain.ipynb",
        [
            nbformat.v4.new_raw_cell("---\ntitle: Plain\n---"),
            nbformat.v4.new_markdown_cell("@fig-line rises."),
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
    figure = next(c for c in plain.cells if "label: fig-line" in c.source).outputs
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
    monkeypatch.setattr(execute_module, "shared_inputs_fingerprint", lambda layout: PINNED)
    execute_notebooks(project)
    again = execute_notebooks(project)
    assert all(r.cached for r in again)  # reused, not re-run (timings: the benchmark)
    path = project.notebooks_dir / "01-plain.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(code("print('more')"))
    nbformat.write(nb, path)
    third = {r.notebook.name: r.cached for r in execute_notebooks(project)}
    assert third == {"01-plain.ipynb": False, "02-profile.ipynb": True}


def test_parameters_are_injected_papermill_style(project, monkeypatch):
    monkeypatch.setattr(execute_module, "shared_inputs_fingerprint", lambda layout: PINNED)
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


def test_warnings_as_errors_fails_a_warning_notebook_and_names_it(project, capfd):
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
    # Every warning is an error in the kernel, but ipykernel's own shutdown handler must
    # not turn into a traceback on the build's stderr.
    _, err = capfd.readouterr()
    assert "Traceback" not in err and "PendingDeprecationWarning" not in err, err


def test_kernel_log_while_cells_run_is_kept_and_shutdown_noise_is_not(project, capfd):
    write_notebook(
        project.notebooks_dir / "05-logs.ipynb",
        [code(KERNEL_LOGS_AN_ERROR), code(NOISY_SHUTDOWN), code("print('done')")],
    )
    [run] = execute_notebooks(project, [project.notebooks_dir / "05-logs.ipynb"], write=False)
    assert stdout(run.node).strip() == "done"
    assert any("kernel trouble during the run" in line for line in run.kernel_log)
    assert not [line for line in run.kernel_log if "ZMQError" in line or "Traceback" in line]
    _, err = capfd.readouterr()
    assert "Traceback" not in err and "kernel trouble" not in err, err


def test_a_failing_notebook_quotes_the_kernel_log(project):
    write_notebook(
        project.notebooks_dir / "06-logs-then-fails.ipynb",
        [code(KERNEL_LOGS_AN_ERROR), code("1 / 0")],
    )
    with pytest.raises(NotebookExecutionError) as caught:
        execute_notebooks(project, [project.notebooks_dir / "06-logs-then-fails.ipynb"])
    message = str(caught.value)
    assert "ZeroDivisionError" in message
    assert "the kernel's own log:" in message and "kernel trouble during the run" in message


def test_a_dead_kernel_is_named_with_everything_it_logged(project):
    write_notebook(
        project.notebooks_dir / "07-dies.ipynb",
        [code(KERNEL_LOGS_AN_ERROR + "\nimport os\nos._exit(3)")],
    )
    with pytest.raises(NotebookExecutionError) as caught:
        execute_notebooks(project, [project.notebooks_dir / "07-dies.ipynb"])
    message = str(caught.value)
    assert message.startswith("notebook 07-dies.ipynb failed: its kernel died")
    # the cell never finished, so only the whole log can say what happened
    assert "kernel trouble during the run" in message
    assert not (project.chapters_dir / "07-dies.ipynb").exists()


def test_a_failing_cell_is_named_and_nothing_is_written(project):
    write_notebook(project.notebooks_dir / "04-broken.ipynb", [code("1 / 0")])
    with pytest.raises(
        NotebookExecutionError, match=r"04-broken.ipynb failed[\s\S]*ZeroDivisionError"
    ):
        execute_notebooks(project, [project.notebooks_dir / "04-broken.ipynb"])
    assert not (project.chapters_dir / "04-broken.ipynb").exists()


def fake_pages(layout: ReportLayout, **_) -> list[Path]:
    """Stands in for the generated pages, which read the real project's data and mirror."""
    layout.build_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, title in PAGE_TITLES:
        path = layout.build_dir / name
        path.write_text(f"## {title}\n\nGenerated.\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def offline_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build of the scratch project: no data rebuild, no Quarto, stand-in pages."""
    monkeypatch.setattr(build_module, "ensure_data", lambda layout, force=False: False)
    monkeypatch.setattr(build_module, "quarto_executable", lambda: None)
    monkeypatch.setattr(build_benchmark, "quarto_executable", lambda: None)  # its row's label
    monkeypatch.setattr(build_module, "write_generated_pages", fake_pages)


def test_build_report_without_quarto_writes_plain_html_and_succeeds(project, offline_build, capfd):
    orphan = project.chapters_dir / "00-removed.ipynb"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_text("{}", encoding="utf-8")
    assert build_module.build_report(layout=project) == 0
    # kernels inherit the build's stderr (file descriptor 2): capture at that level
    out, err = capfd.readouterr()
    assert "Quarto is not installed" in out and "removed 00-removed.ipynb" in out
    noise = [ln for ln in (out + err).splitlines() if any(n in ln for n in KERNEL_NOISE)]
    assert not noise, out + err
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
    page = (html / "01-plain.html").read_text(encoding="utf-8")
    assert "data:image/png;base64" in page
    # what Quarto would add: alt text, a numbered caption, a working link, folded code
    assert 'alt="A rising line"' in page and "No description has been provided" not in page
    assert '<div class="sr-caption" id="fig-line"><p><strong>Figure 1:</strong> A line</p>' in page
    assert '<a href="#fig-line">Figure 1</a> rises.' in page
    assert page.count('<details class="sr-code"><summary>Code</summary>') == 2
    assert "<title>Plain</title>" in page and '<a href="index.html">' in page
    assert 'class="jp-OutputPrompt' not in page and 'class="jp-InputPrompt' not in page


def test_the_build_shows_what_a_kernel_logged(project, offline_build, capfd):
    write_notebook(project.notebooks_dir / "05-logs.ipynb", [code(KERNEL_LOGS_AN_ERROR)])
    assert build_module.build_report(notebooks=["05-logs"], layout=project) == 0
    out, _ = capfd.readouterr()
    assert "kernel log of 05-logs.ipynb: [IPKernelApp] ERROR | kernel trouble during the run" in out


def test_build_report_returns_1_and_names_an_unknown_notebook(project, monkeypatch, capsys):
    monkeypatch.setattr(build_module, "ensure_data", lambda layout, force=False: False)
    assert build_module.build_report(notebooks=["07-missing"], layout=project) == 1
    assert "unknown notebook(s) ['07-missing']" in capsys.readouterr().err


def test_a_failing_notebook_fails_the_build_in_plain_text(project, offline_build, capfd):
    write_notebook(project.notebooks_dir / "04-broken.ipynb", [code("1 / 0")])
    assert build_module.build_report(notebooks=["04-broken"], layout=project) == 1
    out, err = capfd.readouterr()
    assert "report build failed: notebook 04-broken.ipynb failed" in err
    assert "ZeroDivisionError" in err and "1 / 0" in err
    assert "\x1b[" not in err, "the error should be plain text, without terminal colours"
    noise = [ln for ln in (out + err).splitlines() if any(n in ln for n in KERNEL_NOISE)]
    assert not noise, out + err


def test_kernel_config_uses_ipc_in_a_private_folder(tmp_path):
    manager = kernels.kernel_config(tmp_path, ipc=True).KernelManager
    assert manager.transport == "ipc"
    assert Path(manager.ip).parent == tmp_path and Path(manager.connection_file).parent == tmp_path
    with kernels.connection_folder() as folder:
        assert folder.stat().st_mode & 0o777 == 0o700
        if sys.platform != "win32" and zmq.has("ipc"):
            assert kernels.ipc_supported(folder)
    assert not folder.exists()
    # a folder too deep for a Unix socket path falls back to TCP
    assert not kernels.ipc_supported(tmp_path / ("x" * kernels.IPC_PATH_LIMIT))


@pytest.mark.skipif(not zmq.has("curve"), reason="libzmq has no CurveZMQ")
def test_tcp_fallback_is_encrypted_and_quiet(project, monkeypatch, capfd):
    """Where IPC is missing (Windows) kernels use TCP with CurveZMQ keys: no warning either."""
    tcp = kernels.kernel_config(project.root, ipc=False).KernelManager
    assert "transport" not in tcp and tcp.transport_encryption == "auto"
    monkeypatch.setattr(
        notebook_runner, "kernel_config", lambda folder: kernels.kernel_config(folder, ipc=False)
    )
    [run] = execute_notebooks(project, [project.notebooks_dir / "02-profile.ipynb"], write=False)
    assert stdout(run.node).strip() == "profile of DNK"
    _, err = capfd.readouterr()
    for lines in (err.splitlines(), run.kernel_log):
        assert not [line for line in lines if any(n in line for n in KERNEL_NOISE)], lines


def test_shared_inputs_key_takes_the_recorded_mirror_only_when_unset():
    with_mirror = SharedInputs("local", "mirror-1")
    key, mirror = with_mirror.key("mirror-0")
    assert mirror == "mirror-1" and key == SharedInputs("local", None).key("mirror-1")[0]
    assert SharedInputs("local", None).key(None) != SharedInputs("local", None).key("mirror-1")
    assert SharedInputs("other", None).key("mirror-1")[0] != key


def test_without_the_mirror_current_chapters_are_kept_and_changed_ones_rerun(project):
    notebook = [project.notebooks_dir / "02-profile.ipynb"]
    [first] = execute_notebooks(project, notebook, shared=SharedInputs("L", "M1"))
    assert not first.cached
    record = nbformat.read(first.executed, as_version=4).metadata[METADATA_KEY]
    assert record["mirror_sha256"] == "M1"
    # Quarto's pre-render without SMARTRESEARCH_MIRROR: local inputs unchanged -> kept
    [unset] = execute_notebooks(project, notebook, shared=SharedInputs("L", None))
    assert unset.cached
    # a local input changed: re-run even without the mirror
    [changed] = execute_notebooks(project, notebook, shared=SharedInputs("L2", None))
    assert not changed.cached
    # the mirror readable again and different: re-run
    [mirror] = execute_notebooks(project, notebook, shared=SharedInputs("L2", "M2"))
    assert not mirror.cached


def test_generated_pages_are_kept_without_the_mirror(project, monkeypatch):
    import smartresearch.chapters.summary as summary_module
    import smartresearch.reporting.pages as pages_module

    calls = []

    def write_pages(build_dir: Path) -> list[Path]:
        calls.append(build_dir)
        return fake_pages(project)

    monkeypatch.setattr(pages_module, "write_pages", write_pages)
    monkeypatch.setattr(summary_module, "load_tables", lambda: None)
    monkeypatch.setattr(summary_module, "load_verdicts", lambda: None)
    monkeypatch.setattr(summary_module, "headline_markdown", lambda tables, verdicts: "- x\n")
    write_generated_pages(project, shared=SharedInputs("L", "M1"))
    write_generated_pages(project, shared=SharedInputs("L", None))
    assert len(calls) == 1
    write_generated_pages(project, shared=SharedInputs("L", "M2"))
    assert len(calls) == 2


def test_benchmark_times_a_cold_then_a_warm_build(project, offline_build, capsys):
    current = [project.notebooks_dir / "02-profile.ipynb"]
    [kept] = execute_notebooks(project, current)  # the cold build must not reuse it
    timings = build_benchmark.benchmark(layout=project, pre_render=False)
    assert kept.executed.is_file()
    for name in ("01-plain.ipynb", "02-profile.ipynb"):
        assert timings[f"cold: {name}"] > 0
        assert f"warm: {name}" not in timings  # kept from the cache
    assert timings["warm: total"] < timings["cold: total"]
    out = capsys.readouterr().out
    assert "cold" in out and "cached" in out and "plain HTML export, no Quarto" in out


def test_pre_render_is_timed_as_quarto_runs_it(project):
    assert build_benchmark.time_pre_render(project) is None  # no _quarto.yml
    config = project.config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        f"project:\n  pre-render: {sys.executable} -c \"print('prepared')\"\n", encoding="utf-8"
    )
    command, seconds = build_benchmark.time_pre_render(project)
    assert command[-2:] == ["-c", "print('prepared')"] and seconds > 0
    config.write_text(
        f"project:\n  pre-render: {sys.executable} -c \"raise SystemExit('no mirror')\"\n",
        encoding="utf-8",
    )
    with pytest.raises(SmartResearchError, match=r"failed with exit code 1:[\s\S]*no mirror"):
        build_benchmark.time_pre_render(project)


def test_prepare_inside_the_build_returns_before_importing_the_build():
    """Quarto's pre-render inside ``smartresearch report`` must cost only an interpreter."""
    probe = (
        "import os, sys\n"
        "from smartresearch.reporting.quarto import PREPARED_ENV\n"
        "os.environ[PREPARED_ENV] = '1'\n"
        "from smartresearch.reporting.__main__ import main\n"
        "code = main(['prepare'])\n"
        "heavy = [m for m in ('smartresearch.reporting.build', 'nbformat', 'nbclient', 'pandas')"
        " if m in sys.modules]\n"
        "print(code, heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "0 []"


def test_kernels_get_absolute_mirror_and_data_paths(tmp_path, monkeypatch):
    """The README passes SMARTRESEARCH_MIRROR=../shared; kernels run in notebooks/, so the
    build must hand them the path as seen from where it was started."""
    from smartresearch.reporting.kernels import kernel_env

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SMARTRESEARCH_MIRROR", "../shared")
    monkeypatch.setenv("SMARTRESEARCH_DATA", "data")
    env = kernel_env()
    assert env["SMARTRESEARCH_MIRROR"] == str(tmp_path.parent / "shared")
    assert env["SMARTRESEARCH_DATA"] == str(tmp_path / "data")
    monkeypatch.delenv("SMARTRESEARCH_DATA")
    assert "SMARTRESEARCH_DATA" not in kernel_env()


def test_plain_html_shows_front_matter_as_a_title_not_yaml():
    import nbformat

    from smartresearch.reporting.html_export import notebook_title, with_title_heading

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_raw_cell('---\ntitle: "Three approaches"\nsubtitle: "As told"\n---'),
        nbformat.v4.new_code_cell("1 + 1"),
    ]
    shown = with_title_heading(nb)
    assert shown.cells[0].cell_type == "markdown"
    assert shown.cells[0].source == "# Three approaches\n\n*As told*"
    assert nb.cells[0].cell_type == "raw"  # the executed notebook itself is untouched
    assert notebook_title(nb) == "Three approaches"
    untitled = nbformat.v4.new_notebook()
    untitled.cells = [nbformat.v4.new_raw_cell("---\nformat: html\n---")]
    assert with_title_heading(untitled).cells[0].cell_type == "raw"


def test_plain_html_is_redone_only_when_a_chapter_or_the_exporter_changed(project, monkeypatch):
    from smartresearch.reporting import html_export

    chapter = write_notebook(project.chapters_dir / "01-plain.ipynb", [code("1 + 1")])
    page = project.html_dir / "01-plain.html"
    export_plain_html(project, [chapter], [])
    page.write_text("left from the first export", encoding="utf-8")
    export_plain_html(project, [chapter], [])
    assert page.read_text(encoding="utf-8") == "left from the first export"
    # a newer exporter (template, cross-reference code, nbconvert) redoes the export
    monkeypatch.setattr(html_export, "exporter_fingerprint", lambda: "a newer exporter")
    export_plain_html(project, [chapter], [])
    assert '<details class="sr-code">' in page.read_text(encoding="utf-8")
    page.write_text("left from the second export", encoding="utf-8")
    write_notebook(chapter, [nbformat.v4.new_markdown_cell("A changed chapter")])
    export_plain_html(project, [chapter], [])
    assert "A changed chapter" in page.read_text(encoding="utf-8")


def test_plain_html_export_is_byte_identical_when_redone(project, tmp_path):
    from smartresearch.reporting.html_export import export_html

    chapter = write_notebook(
        project.chapters_dir / "01-plain.ipynb",
        [nbformat.v4.new_raw_cell("---\ntitle: Plain\n---"), code("1 + 1")],
    )
    page = project.build_dir / "summary.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("| a |\n|---|\n| 1 |\n\n: A table {#tbl-a}\n", encoding="utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    export_html([chapter], [("Summary", page)], first)
    export_html([chapter], [("Summary", page)], second)
    names = sorted(p.name for p in first.iterdir())
    assert names == ["01-plain.html", "index.html", "summary.html"]
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


def test_a_run_with_warnings_as_errors_writes_what_a_build_writes(project, monkeypatch):
    """The tests execute each notebook once, with every warning an error, and the build then
    renders those copies: so the extra first cell must leave no trace in what is written,
    and a copy must be the same bytes every run (no memory address in a repr)."""
    monkeypatch.setattr(execute_module, "shared_inputs_fingerprint", lambda layout: PINNED)
    path = write_notebook(
        project.notebooks_dir / "04-repr.ipynb",
        [
            code("class Thing:\n    def _repr_html_(self):\n        return '<table></table>'"),
            code("Thing()"),
            code("print('done')"),
        ],
    )
    target = project.executed_path(path)
    [strict] = execute_notebooks(project, [path], warnings_as_errors=True)
    first = target.read_bytes()
    assert strict.node.cells[0].source.startswith("class Thing")
    [plain] = execute_notebooks(project, [path], force=True)
    assert not plain.cached and target.read_bytes() == first
    [kept] = execute_notebooks(project, [path])
    assert kept.cached  # the build finds the tests' copy current
    nb = nbformat.reads(first.decode("utf-8"), as_version=4)
    assert [c.execution_count for c in nb.cells] == [1, 2, 3]
    [result] = nb.cells[1].outputs
    assert result["execution_count"] == 2 and "0x" not in result["data"]["text/plain"]
    assert "text/html" not in result["data"]  # see reporting/outputs.py
