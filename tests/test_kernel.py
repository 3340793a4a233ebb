"""The kernel JupyterLab offers imports smartresearch with no extra step.

Users run ``uv run jupyter lab``; the default ``python3`` kernel must be the project's
virtual environment, in which the package is installed in editable mode from ``src/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

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
