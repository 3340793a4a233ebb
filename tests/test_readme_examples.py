"""The README's examples are tests: every ``python`` block runs as pasted, every ``bash``
block parses, and its safe commands run.

The issue's case: the README's own example failed when pasted (``sr.analysis.peers`` was
not imported, three lines used names the block never defined). Each Python block runs in a
fresh interpreter in an empty folder, with only the mirror set, as a new user would run it.
Each ``smartresearch`` command in a shell block is checked against the real argument
parser, and those that only read (``data list``, ``data info``, ``--version``) are run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from smartresearch.cli import make_parser
from smartresearch.config import MIRROR_ENV

REPO = Path(__file__).resolve().parents[1]
READMES = [REPO / "README.md", REPO / "analyses" / "README.md"]
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
#: Commands that only read: run for real.
SAFE = (("data", "list"), ("data", "info"), ("--version",))


def blocks(language: str) -> list[tuple[str, int, str]]:
    """(file name, block number, text) of every fenced block in ``language``."""
    found = []
    for path in READMES:
        text = path.read_text(encoding="utf-8")
        found += [
            (path.relative_to(REPO).as_posix(), i, m.group(2))
            for i, m in enumerate(FENCE.finditer(text))
            if m.group(1) == language
        ]
    return found


PYTHON = blocks("python")
BASH = blocks("bash")


def test_the_readme_has_the_examples_a_new_user_needs():
    assert len(PYTHON) >= 4 and len(BASH) >= 3
    code = "\n".join(text for _, _, text in PYTHON)
    for needed in ("Estonia", "Uruguay", "Rwanda", "peer_table", "concordance", "corpus.load"):
        assert needed in code


@pytest.mark.parametrize("where,number,text", PYTHON, ids=lambda v: str(v)[:12])
def test_python_block_runs_in_a_fresh_interpreter(where, number, text, mirror, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update({MIRROR_ENV: str(mirror), "MPLBACKEND": "Agg"})
    result = subprocess.run(
        [sys.executable, "-c", text],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"{where} block {number} failed:\n{result.stderr}"
    assert "Warning" not in result.stderr, result.stderr


def _commands(text: str) -> list[list[str]]:
    """Each line's words (comments dropped, ``VAR=value`` prefixes and ``$(...)`` kept)."""
    lines = []
    for line in text.splitlines():
        words = shlex.split(line, comments=True)
        while words and re.match(r"^[A-Z_]+=", words[0]):
            words = words[1:]
        if words:
            lines.append(words)
    return lines


@pytest.mark.parametrize("where,number,text", BASH, ids=lambda v: str(v)[:12])
def test_bash_block_parses_and_its_smartresearch_commands_are_valid(where, number, text):
    bash = shutil.which("bash")
    assert bash, "bash is needed to check the shell examples"
    syntax = subprocess.run([bash, "-n"], input=text, capture_output=True, text=True, check=False)
    assert syntax.returncode == 0, f"{where} block {number}: {syntax.stderr}"
    for words in _commands(text):
        if words[:3] != ["uv", "run", "smartresearch"]:
            continue
        argv = words[3:]
        try:
            make_parser().parse_args(argv)
        except SystemExit as exc:  # --version exits 0 after printing
            assert exc.code == 0, f"{where}: `{shlex.join(words)}` is not a valid command"


def test_the_safe_commands_run(capsys):
    from smartresearch.cli import main

    ran = 0
    for _, _, text in BASH:
        for words in _commands(text):
            argv = words[3:] if words[:3] == ["uv", "run", "smartresearch"] else []
            if argv and any(tuple(argv[: len(s)]) == s for s in SAFE):
                try:
                    code = main(argv)
                except SystemExit as exc:
                    code = exc.code
                out, err = capsys.readouterr()
                assert code == 0, f"`{shlex.join(words)}`: {err}"
                ran += 1
    assert ran >= 3
