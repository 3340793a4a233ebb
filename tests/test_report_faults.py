"""The report build under faults: Ctrl-C, SIGKILL, a second build, no mirror, bad -p input.

Each fault test runs the real build in a subprocess on a scratch project (tiny notebooks
written here, one of which sleeps so that there is something to interrupt) and sends it
real signals. The data and generated-pages steps, and the one-offs' Quarto PDF, are skipped
in the child (they need the project's data or Quarto and are tested elsewhere); everything
from the lock to the kernels is the build's own code.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
from report_support import code, write_notebook

from smartresearch.config import DATA_ENV, MIRROR_ENV
from smartresearch.errors import ValidationError
from smartresearch.reporting import ReportLayout
from smartresearch.reporting import build as build_module
from smartresearch.reporting.guard import stale_kernel_folders
from smartresearch.reporting.kernels import ipc_supported
from smartresearch.reporting.one_off import PROFILES_DIR
from smartresearch.reporting.parameters import (
    declared_parameters,
    parameter_literal,
    validate_parameters,
)

REPO = Path(__file__).resolve().parents[1]

#: The child: the real build_report on the scratch project, data step skipped.
CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from smartresearch.reporting import ReportLayout
    from smartresearch.reporting import build, one_off
    build.ensure_data = lambda layout, force=False: False
    build.write_generated_pages = lambda layout, shared=None, force=False: []
    one_off.quarto_executable = lambda: None  # the one-offs' HTML, not a Quarto PDF each
    parameters = dict(zip(sys.argv[2::2], sys.argv[3::2]))
    sys.exit(build.build_report(False, layout=ReportLayout(Path(sys.argv[1])),
                                parameters=parameters or None))
    """
)


#: The slow notebook's cell: it says which kernel it is, by writing the path of its own
#: connection file to ``KERNEL_MARKER`` (atomically, beside the scratch project), then sleeps
#: far longer than any test waits, so a build that waited for its kernel would hang the test.
KERNEL_MARKER = "slow-kernel.txt"
SLOW_CELL = textwrap.dedent(
    f"""
    import os, time
    from ipykernel.connect import get_connection_file
    marker = os.path.join("..", "..", {KERNEL_MARKER!r})
    with open(marker + ".tmp", "w") as f:
        f.write(get_connection_file())
    os.replace(marker + ".tmp", marker)
    print('started', flush=True)
    time.sleep(600)
    """
)


#: The scratch project's notebooks; each test adds only those its fault needs (every one
#: is a kernel the build starts).
NOTEBOOK_CELLS = {
    "01-slow": [code(SLOW_CELL)],
    "02-quick": [code("print('quick')")],
    "03-profile": [
        code("country = 'DNK'", ["parameters"]),
        code("print(f'profile of {country}')"),
    ],
}


def add_notebooks(layout: ReportLayout, *names: str) -> ReportLayout:
    for name in names:
        write_notebook(layout.notebooks_dir / f"{name}.ipynb", NOTEBOOK_CELLS[name])
    return layout


@pytest.fixture
def project(tmp_path: Path) -> ReportLayout:
    """A scratch project holding the slow notebook only (tests add the others they need)."""
    return add_notebooks(ReportLayout(tmp_path / "project"), "01-slow")


@pytest.fixture
def profile_project(tmp_path: Path) -> ReportLayout:
    """A scratch project with one parameterised notebook, for the one-off runs."""
    return add_notebooks(ReportLayout(tmp_path / "project"), "03-profile")


@pytest.fixture
def child_env(tmp_path: Path) -> dict[str, str]:
    """A fake mirror, a private temporary folder (kernel folders land there) and data."""
    mirror = tmp_path / "mirror"
    (mirror / "corpus").mkdir(parents=True)
    (mirror / "data" / "raw").mkdir(parents=True)
    tmp = tmp_path / "t"
    tmp.mkdir()
    data = tmp_path / "data"
    data.mkdir()
    return dict(os.environ, **{MIRROR_ENV: str(mirror), DATA_ENV: str(data), "TMPDIR": str(tmp)})


def start(project: ReportLayout, env: dict[str, str], *params: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project.root), *params],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for_kernel_folder(project: ReportLayout, timeout: float = 60) -> Path:
    """The kernel folder of the build's slow notebook, as that kernel itself names it.

    The slow cell writes its connection file's path once it runs (``SLOW_CELL``), so the
    folder is known for certain, not guessed from how long a folder lives. ``timeout`` only
    bounds a build that never starts its kernel."""
    marker = project.root.parent / KERNEL_MARKER
    if not wait_until(marker.is_file, timeout):
        raise AssertionError("the build's slow kernel never started")
    return Path(marker.read_text(encoding="utf-8").strip()).parent


pytestmark = pytest.mark.slow


@pytest.mark.parametrize("whole_group", [False, True], ids=["build-only", "terminal-ctrl-c"])
def test_ctrl_c_stops_the_build_and_its_kernels(project, child_env, whole_group):
    """Ctrl-C: exit 130, one line, kernels and their key folders gone, nothing half-written.

    The slow kernel sleeps ten minutes: a build that waited for it instead of stopping it
    runs into ``communicate``'s bound, which only tells a hang from a stop. How fast it
    stops (about 0.3 s) is a measurement, not a test."""
    child = start(project, child_env)
    folder = wait_for_kernel_folder(project)
    if whole_group:  # what a terminal's Ctrl-C does: kernels get SIGINT too
        os.killpg(child.pid, signal.SIGINT)
    else:
        child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 130, (out, err)
    assert err.strip().splitlines() == ["report build interrupted; nothing more was written."]
    assert not folder.exists(), "the kernel's folder (with its keys) was left behind"
    assert not (project.chapters_dir / "01-slow.ipynb").exists()


def test_sigkill_leftovers_are_removed_by_the_next_build(project, child_env):
    add_notebooks(project, "02-quick")
    child = start(project, child_env)
    folder = wait_for_kernel_folder(project)
    child.kill()
    child.communicate(timeout=10)
    assert (folder / "kernel.json").is_file(), "no key file to clean: the test proves nothing"
    assert folder in stale_kernel_folders(Path(child_env["TMPDIR"]))
    # what a write killed midway leaves (``_io.atomic_write_bytes``'s temporary names)
    project.chapters_dir.mkdir(parents=True, exist_ok=True)
    leftovers = [
        project.chapters_dir / ".02-quick.ipynb.k3j_x9aq.tmp",
        Path(child_env[DATA_ENV]) / ".egdi.csv.abcd1234.tmp",
    ]
    for path in leftovers:
        path.write_text("partial")
    (project.notebooks_dir / "01-slow.ipynb").unlink()
    again = start(project, child_env)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, (out, err)
    assert not folder.exists()
    # nothing of either build is left in TMPDIR: no folder, no connection (key) file
    tmp = Path(child_env["TMPDIR"])
    assert wait_until(lambda: not kernel_processes(child.pid)), "a killed build's kernel lives"
    assert sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*")) == []
    assert not [p for p in leftovers if p.exists()]
    assert (project.chapters_dir / "02-quick.ipynb").is_file()


def test_a_second_build_refuses_with_a_clear_message(project, child_env):
    first = start(project, child_env)
    wait_for_kernel_folder(project)
    try:
        second = start(project, child_env)
        out, err = second.communicate(timeout=60)
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=30)
    assert second.returncode == 1
    assert "another build of this report is running" in err and str(first.pid) in err


def test_without_a_mirror_the_build_stops_before_any_notebook(project, child_env):
    env = {k: v for k, v in child_env.items() if k != MIRROR_ENV}
    child = start(project, env)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 1
    assert f"{MIRROR_ENV} is not set" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not project.chapters_dir.exists() or not list(project.chapters_dir.iterdir())


def test_a_one_off_run_goes_to_its_own_folder_and_leaves_the_report(profile_project, child_env):
    project = profile_project
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(project.root), "country", "EST"],
        env=child_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 0, child.stderr
    out = project.report_dir / PROFILES_DIR / "EST"
    executed = nbformat.read(out / "03-profile.ipynb", as_version=4)
    assert "profile of EST" in str(executed.cells)
    assert (out / "03-profile.html").is_file()
    assert not project.chapters_dir.exists()
    assert not (project.html_dir / "index.html").exists()
    assert str(out) in child.stdout


def test_a_value_that_looks_like_code_stays_data(profile_project, child_env, tmp_path):
    project = profile_project
    value = "x'); import os; os.system('touch pwned'); ('"
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(project.root), "country", value],
        env=child_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=project.notebooks_dir,
    )
    assert child.returncode == 0, child.stderr
    assert not list(tmp_path.rglob("pwned"))
    [out] = (project.report_dir / PROFILES_DIR).iterdir()
    executed = nbformat.read(out / "03-profile.ipynb", as_version=4)
    assert f"profile of {value}" in "".join(
        o.get("text", "") for c in executed.cells for o in c.get("outputs", [])
    )


def test_cli_refuses_an_injected_parameter_name_and_runs_nothing(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "smartresearch.reporting",
            "build",
            "-n",
            "06-country-profile.ipynb",
            "-p",
            "import os; os.system('touch pwned'); country",
            "GBR",
            "--no-render",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "has no parameter" in result.stderr and "declares are: country" in result.stderr
    assert not list(tmp_path.rglob("pwned")) and not (REPO / "notebooks" / "pwned").exists()


def test_cli_refuses_a_misspelt_parameter_naming_the_known_ones(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "smartresearch.reporting", "build", "-n", "06-country-profile"]
        + ["-p", "contry", "EST", "--no-render"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "'contry'" in result.stderr and "country" in result.stderr.split("declares are:")[1]


def test_a_bad_parameter_is_refused_while_another_build_runs(project, capsys):
    """Parameters are checked before the lock: a misspelt one is named at once, not after
    waiting for (or being refused by) the build that holds the report."""
    from smartresearch.reporting.guard import build_lock

    add_notebooks(project, "03-profile")
    with build_lock(project.build_dir):
        code = build_module.build_report(False, parameters={"contry": "EST"}, layout=project)
    err = capsys.readouterr().err
    assert code == 1
    assert "'contry'" in err and "another build" not in err


def test_parameters_cell_names_and_literal_values(project):
    add_notebooks(project, "02-quick", "03-profile")
    raw = nbformat.read(project.notebooks_dir / "03-profile.ipynb", as_version=4)
    assert declared_parameters(raw) == ("country",)
    assert parameter_literal("GBR") == "'GBR'"
    assert (
        parameter_literal({"peers": ["KEN", "UGA"], "n": 3}) == "{'peers': ['KEN', 'UGA'], 'n': 3}"
    )
    for bad in (object(), float("nan"), {1: "x"}):
        with pytest.raises(ValidationError):
            parameter_literal(bad)
    with pytest.raises(ValidationError, match="declares are: country"):
        validate_parameters([project.notebooks_dir / "03-profile.ipynb"], {"year": 2024})
    with pytest.raises(ValidationError, match="none of the selected notebooks"):
        validate_parameters([project.notebooks_dir / "02-quick.ipynb"], {"country": "EST"})


def kernel_processes(build_pid: int) -> list[int]:
    """Live processes started by the build as kernels (jupyter_client marks each one's
    environment with ``JPY_PARENT_PID``), found through /proc."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"JPY_PARENT_PID={build_pid}".encode() in environ.read_bytes().split(b"\0"):
                found.append(int(environ.parent.name))
        except OSError:
            continue
    return found


def wait_until(condition, timeout: float = 60) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` s pass (a bound, not a measurement)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="finds kernels via /proc")
@pytest.mark.parametrize(
    ("whole_group", "short_tmp"),
    [(False, False), (True, True)],
    ids=["build-only-tcp", "terminal-ctrl-c-ipc"],
)
def test_ctrl_c_while_kernels_start_leaves_no_key_file(project, child_env, whole_group, short_tmp):
    """Ctrl-C as soon as the first kernel's folder exists, before any kernel ran a cell:
    exit 130, one line, and nothing of the build left in TMPDIR, neither a folder nor a
    connection (key) file, once its kernels are gone.

    pytest's temporary paths are too long for Unix sockets, so kernels there use TCP; a
    short TMPDIR under /tmp puts them on IPC (socket files in the same folder)."""
    if short_tmp:
        child_env = dict(child_env, TMPDIR=tempfile.mkdtemp(prefix="sr-t", dir="/tmp"))
        assert ipc_supported(Path(child_env["TMPDIR"]) / "sr-kernel-12345678")
    try:
        ctrl_c_while_kernels_start(project, child_env, whole_group)
    finally:
        if short_tmp:
            shutil.rmtree(child_env["TMPDIR"], ignore_errors=True)


def ctrl_c_while_kernels_start(project, child_env, whole_group):
    tmp = Path(child_env["TMPDIR"])
    child = start(project, child_env)
    started = wait_until(lambda: any(tmp.glob("sr-kernel-*/owner.pid")))
    if whole_group:  # what a terminal's Ctrl-C does
        os.killpg(child.pid, signal.SIGINT)
    else:
        child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert started, (out, err)
    assert child.returncode == 130, (out, err)
    assert err.strip().splitlines() == ["report build interrupted; nothing more was written."]
    assert wait_until(lambda: not kernel_processes(child.pid)), "a kernel outlived the build"
    assert sorted(str(p.relative_to(tmp)) for p in tmp.rglob("*")) == []
