"""Running the Quarto CLI, when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

#: Set by ``build_report`` for the ``quarto render`` it starts, so that the project's
#: pre-render step (which prepares everything when a user runs ``quarto render`` by hand)
#: does not redo the work the build has just done.
PREPARED_ENV = "SMARTRESEARCH_REPORT_PREPARED"


def quarto_executable() -> str | None:
    return shutil.which("quarto")


def render_site(root: Path, quarto: str) -> int:
    """``quarto render`` the project at ``root`` (HTML and Typst PDF); returns its exit code."""
    env = dict(os.environ, **{PREPARED_ENV: "1"})
    return subprocess.run([quarto, "render"], cwd=root, env=env, check=False).returncode
