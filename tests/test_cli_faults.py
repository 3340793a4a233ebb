"""Commands that never destroy: refused output folders, file-system faults, missing tools.

The issue's cases: ``profile --out notebooks`` overwrote a committed notebook, ``--out
report/_build/html`` replaced the report's index, any folder's ``index.html`` was overwritten
silently; a read-only checkout or a full disk ended in a raw ``OSError`` traceback and left
an export half new; the installed wheel's ``profile`` ended in ``ModuleNotFoundError``.
Faults are simulated with monkeypatched ``OSError``s; the notebook run is replaced by a
stand-in that writes an executed copy, so these tests need no kernel.
"""

from __future__ import annotations

import errno
import importlib.util
import os
from pathlib import Path

import nbformat
import pytest

from smartresearch import cli
from smartresearch.reporting import build, one_off
from smartresearch.reporting.execute import NotebookRun
from smartresearch.reporting.output_folder import MARKER, STAGING_PREFIX

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def scratch_build_lock(monkeypatch, tmp_path_factory):
    """These tests are about the commands' words and folders, not the build lock (tested in
    test_report_faults.py): they lock a scratch folder, so they run beside the suite's build
    of the real report, which holds that report's lock."""
    from smartresearch.reporting import guard

    real, folder = guard.build_lock, tmp_path_factory.mktemp("lock")
    monkeypatch.setattr(guard, "build_lock", lambda build_dir: real(folder))
    monkeypatch.setattr(build, "build_lock", lambda build_dir: real(folder))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def fake_run(monkeypatch):
    """Notebook execution replaced: an executed copy of the profile notebook, unexecuted."""
    calls = []

    def execute(layout, selected, *, parameters, force, shared, progress):
        runs = []
        for notebook in selected:
            nb = nbformat.read(notebook, as_version=4)
            executed = layout.executed_path(notebook)
            executed.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, executed)
            runs.append(NotebookRun(notebook, executed, 0.0, False))
        calls.append(parameters)
        return runs

    monkeypatch.setattr(one_off, "execute_notebooks", execute)
    monkeypatch.setattr(one_off, "pending_notebooks", lambda *a, **k: [])
    monkeypatch.setattr(one_off, "quarto_executable", lambda: None)
    return calls


@pytest.mark.parametrize(
    "out",
    [
        "notebooks",
        "report/_build/html",
        "report/chapters",
        "report",
        "src/smartresearch",
        "data/clean",
        ".",
        "..",
    ],
)
def test_profile_refuses_the_checkouts_folders_and_the_reports_outputs(capsys, fake_run, out):
    before = {p: p.stat().st_mtime_ns for p in (REPO / "notebooks").glob("*.ipynb")}
    code, stdout, err = run(capsys, "profile", "EST", "--out", str(REPO / out))
    assert code == cli.EXIT_ERROR
    assert err.startswith("error: --out ") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not fake_run, "nothing may run before the folder is accepted"
    assert before == {p: p.stat().st_mtime_ns for p in (REPO / "notebooks").glob("*.ipynb")}


def test_profile_refuses_a_folder_with_files_it_did_not_write(capsys, fake_run, tmp_path):
    (tmp_path / "index.html").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "profile", "EST", "--out", str(tmp_path))
    assert code == cli.EXIT_ERROR and "holds files this command did not write (index.html)" in err
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "mine"
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "profile", "EST", "--out", str(target))
    assert code == cli.EXIT_ERROR and "is a file" in err


def test_profile_writes_a_new_folder_named_after_the_country_and_reuses_it(
    capsys, fake_run, tmp_path
):
    out = tmp_path / "est"
    code, stdout, err = run(capsys, "profile", "estonia", "--out", str(out))
    assert code == cli.EXIT_OK, err
    assert fake_run == [{"country": "EST", "peers": ""}]
    assert (out / MARKER).is_file() and (out / "estonia-profile.html").is_file()
    html = (out / "estonia-profile.html").read_text(encoding="utf-8")
    assert "<title>Estonia: country profile</title>" in html
    assert not (out / "index.html").exists()
    (out / "notes.txt").write_text("my notes", encoding="utf-8")
    # a folder it made before: written again, the user's own file carried over
    code, _, err = run(capsys, "profile", "EST", "--peers", "Latvia, lithuania", "--out", str(out))
    assert code == cli.EXIT_OK, err
    assert fake_run[-1] == {"country": "EST", "peers": "LVA LTU"}
    assert run(capsys, "profile", "Estonia", "--microstates", "--out", str(out))[0] == 0
    assert fake_run[-1] == {"country": "EST", "peers": "", "microstates": True}
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


@pytest.mark.parametrize(
    "code,words",
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EACCES, "permission was denied"),
    ],
)
def test_a_file_system_fault_ends_in_one_sentence_and_keeps_the_previous_outputs(
    capsys, fake_run, tmp_path, monkeypatch, code, words
):
    out = tmp_path / "est"
    assert run(capsys, "profile", "EST", "--out", str(out))[0] == cli.EXIT_OK
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    real = one_off._export_one_off

    def failing(executed, folder, **kwargs):
        real(executed, folder, **kwargs)  # the new set is half written ...
        raise OSError(code, os.strerror(code), str(folder / "estonia-profile.pdf"))

    monkeypatch.setattr(one_off, "_export_one_off", failing)
    status, stdout, err = run(capsys, "profile", "EST", "--out", str(out))
    assert status == cli.EXIT_ERROR
    assert err.startswith(f"error: {words} at ") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + stdout
    # ... and never swapped in: the previous outputs are untouched, no staging left behind
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))


def test_a_full_disk_while_writing_a_set_leaves_every_old_file(tmp_path, monkeypatch):
    from smartresearch import _io

    old = {tmp_path / f"{n}.html": f"old {n}".encode() for n in "abc"}
    for path, data in old.items():
        path.write_bytes(data)
    real, calls = _io.tempfile.mkstemp, []

    def mkstemp(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(_io.tempfile, "mkstemp", mkstemp)
    with pytest.raises(OSError):
        _io.atomic_write_many({p: b"new" for p in old})
    assert {p: p.read_bytes() for p in old} == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html", "c.html"]


def test_data_build_on_a_read_only_data_folder_is_one_sentence(
    capsys, mirror, scratch_data, monkeypatch
):
    from smartresearch import _io

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(scratch_data / "clean"))

    monkeypatch.setattr(_io.tempfile, "mkstemp", refuse)
    (scratch_data / "clean" / "ourdata.csv").write_text("iso3\n", encoding="utf-8")  # stale
    code, out, err = run(capsys, "data", "build", "ourdata")
    assert code == cli.EXIT_ERROR
    assert err.strip().startswith("error: the file system is read-only at ")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_without_the_notebook_tools_profile_and_report_say_what_they_need(
    capsys, monkeypatch, tmp_path
):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "nbformat" else real(name, *a),
    )
    for argv in (["profile", "KEN", "--out", str(tmp_path / "k")], ["report", "--no-render"]):
        code, out, err = run(capsys, *argv)
        assert code == cli.EXIT_ERROR
        assert "needs the notebook tools (nbformat missing)" in err
        assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "k").exists()


def test_data_list_fits_80_columns(capsys):
    code, out, _ = run(capsys, "data", "list")
    assert code == cli.EXIT_OK
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert len(lines) == 8  # header, six datasets, the pointer to `data info`
    assert "data info NAME" in lines[-1]


def test_report_in_a_read_only_checkout_is_one_sentence(capsys, monkeypatch):
    lock = REPO / "report" / "_build" / ".build.lock"

    def read_only(build_dir):
        raise OSError(errno.EROFS, "Read-only file system", str(lock))

    monkeypatch.setattr(build, "build_lock", read_only)
    code, out, err = run(capsys, "report", "--no-render")
    assert code == cli.EXIT_ERROR
    assert err == f"error: the file system is read-only at {lock}; " + err.split("; ", 1)[1]
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err + out


def test_the_default_profile_folder_is_the_toolkits_own(capsys, fake_run, monkeypatch, tmp_path):
    """``report/_profiles/ISO3`` made by an older version (no marker) is still replaced."""
    from smartresearch.reporting.layout import ReportLayout

    layout = ReportLayout(tmp_path)
    (layout.notebooks_dir).mkdir(parents=True)
    (layout.notebooks_dir / "06-country-profile.ipynb").write_bytes(
        (REPO / "notebooks" / "06-country-profile.ipynb").read_bytes()
    )
    old = layout.report_dir / "_profiles" / "EST"
    old.mkdir(parents=True)
    (old / "06-country-profile.html").write_text("old", encoding="utf-8")
    monkeypatch.setattr("smartresearch.reporting.layout.default_layout", lambda: layout)
    code, out, err = run(capsys, "profile", "EST")
    assert code == cli.EXIT_OK, err
    assert (old / "estonia-profile.html").is_file() and (old / MARKER).is_file()
