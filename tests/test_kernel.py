"""The kernel JupyterLab offers imports smartresearch with no extra step.

Users run ``uv run jupyter lab``; the default ``python3`` kernel must be the project's
virtual environment, in which the package is installed in editable mode from ``src/``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

from smartresearch.config import MIRROR_ENV

ROOT = Path(__file__).resolve().parents[1]


def test_default_kernel_runs_this_environment() -> None:
    spec = KernelSpecManager().get_kernel_spec("python3")
    # jupyter_client substitutes sys.executable for a bare "python" in a kernel's argv
    assert spec.argv[0] in {"python", "python3", sys.executable}
    assert spec.language == "python"


def test_kernel_imports_the_package_from_this_checkout() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "import smartresearch, sys\nprint(smartresearch.__file__)\nprint(sys.prefix)"
        )
    )
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    printed = nb.cells[0].outputs[0]["text"].splitlines()
    assert Path(printed[0]).resolve() == ROOT / "src" / "smartresearch" / "__init__.py"
    assert Path(printed[1]).resolve() == Path(sys.prefix).resolve()


def _printed(source: str, *, cwd: Path, env: dict[str, str]) -> list[str]:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(source))
    client = NotebookClient(
        nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(cwd)}}
    )
    client.execute(env=env)
    return [
        line
        for output in nb.cells[0].outputs
        for line in output.get("text", "").splitlines() + output.get("evalue", "").splitlines()
    ]


def test_readme_jupyterlab_command_gives_kernels_the_mirror(mirror: Path) -> None:
    """Kernels run in notebooks/: the README's mirror path must still find the mirror there."""
    if (ROOT.parent / "shared").resolve() != mirror:
        pytest.skip("the README assumes the mirror at ../shared beside the checkout")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [value] = re.findall(
        rf"^{MIRROR_ENV}=(\$\([^)]*\)|\S+) uv run jupyter lab notebooks/(?:\s+#.*)?$", readme, re.M
    )
    # expand it as the user's shell would, from the checkout's root
    expanded = subprocess.run(
        ["bash", "-c", f"printf %s {value}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    env = dict(os.environ, **{MIRROR_ENV: expanded})
    code = "from smartresearch.config import mirror_root\nprint(mirror_root())"
    assert _printed(code, cwd=ROOT / "notebooks", env=env) == [str(mirror)]


def test_a_relative_mirror_that_misses_says_where_it_was_looked_for(tmp_path: Path) -> None:
    env = dict(os.environ, **{MIRROR_ENV: "../shared"})
    code = (
        "from smartresearch.config import mirror_root\n"
        "try:\n    mirror_root()\nexcept Exception as exc:\n    print(exc)"
    )
    [message] = _printed(code, cwd=tmp_path, env=env)
    assert "'../shared' is not a folder" in message
    assert f"taken from the current folder, {tmp_path}" in message
    assert "give an absolute path" in message
