"""The ``smartresearch`` command line: output, exit codes, clear errors without tracebacks."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from smartresearch.cli import EXIT_ERROR, EXIT_OK, main
from smartresearch.config import MIRROR_ENV


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_data_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "list")
    assert code == EXIT_OK
    for name in ("egdi", "oecd_dgi", "gtmi", "egov_benchmark", "ourdata", "wdi"):
        assert name in out


def test_data_info(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "info", "wdi")
    assert code == EXIT_OK
    assert "[people, 0–1e+10]" in out  # square brackets survive (not read as markup)
    assert "API_SP.POP.TOTL__renamed_population.csv  [primary]" in out


def test_unknown_dataset_is_an_error_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "data", "info", "nope")
    assert code == EXIT_ERROR
    assert "error: Unknown dataset 'nope'" in err and "Traceback" not in err + out


def test_build_without_mirror_says_how_to_set_it(
    capsys: pytest.CaptureFixture[str], scratch_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    code, _, err = run(capsys, "data", "build", "egdi")
    assert code == EXIT_ERROR
    assert f"{MIRROR_ENV} is not set" in err and "Traceback" not in err


def test_build_and_verify(
    mirror: Path, scratch_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "data", "build", "ourdata")
    assert code == EXIT_OK and "ourdata" in out and "unchanged" in out
    code, out, _ = run(capsys, "data", "verify", "--no-rebuild")
    assert code == EXIT_OK and "all checks passed" in out
    (scratch_data / "clean" / "ourdata.csv").write_text("iso3\n", encoding="utf-8")
    code, out, err = run(capsys, "data", "verify", "--no-rebuild")
    assert code == EXIT_ERROR and "FAILED table" in err and "ourdata.csv" in err


def test_report_calls_the_reporting_build(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[bool, list[str] | None]] = []
    fake = types.ModuleType("smartresearch.reporting")
    fake.build_report = lambda render, notebooks: calls.append((render, notebooks)) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "smartresearch.reporting", fake)
    assert main(["report"]) == 0
    assert main(["report", "--no-render", "--notebook", "a", "--notebook", "b"]) == 0
    assert calls == [(True, None), (False, ["a", "b"])]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["data"])
    assert caught.value.code == 2
