"""A built wheel, installed into a fresh environment, loads, describes and charts every dataset.

No checkout (the script runs in an empty folder, outside the repository) and no mirror
(``SMARTRESEARCH_MIRROR`` and ``SMARTRESEARCH_DATA`` removed): the data the toolkit needs
comes with the wheel (``force-include`` in pyproject.toml). Installing resolves the
dependencies through uv (from its cache when it has them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from smartresearch.config import DATA_ENV, MIRROR_ENV

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

SCRIPT = textwrap.dedent(
    """
    import matplotlib
    matplotlib.use("Agg")
    import smartresearch.config as config
    from smartresearch import datasets, plots
    from smartresearch.analysis import peer_views, peers, profiles

    assert config.is_packaged_data(), config.data_dir()
    tables = {n: datasets.load(n) for n in datasets.DATASET_NAMES}
    for name, table in tables.items():
        text = str(datasets.describe(name))
        assert name in text
        print(name, len(table))
    egdi = tables["egdi"]
    latest = egdi[egdi["year"] == 2022]
    kenya = peers.default_peers("KEN")
    drawn = [
        plots.plot_trajectories(egdi, "egdi"),
        plots.plot_rank_bump(egdi[egdi["year"] >= 2010], "egdi", within="shown"),
        plots.plot_dumbbell(egdi, "egdi", years=(2012, 2022)),
        plots.plot_slope(egdi, "egdi", years=(2012, 2022)),
        plots.plot_rank_heatmap(latest, ["egdi", "osi", "hci", "tii"]),
        plots.plot_concordance(latest, "osi", "hci"),
        plots.plot_peer_band(
            peer_views.trajectory(egdi, "KEN", peers.default_peers("KEN"), indicator="egdi")
        ),
        plots.plot_peer_strip(
            profiles.component_gaps(latest, "KEN", kenya, components=["osi", "hci"]),
            peer_views.peer_field(latest, "KEN", kenya, indicators=["osi", "hci"]),
        ),
        plots.plot_components(egdi[egdi["year"] == 2022])[0],
    ]
    print("charts", len(drawn))
    """
)


def test_wheel_in_a_fresh_venv_needs_no_checkout_and_no_mirror(tmp_path):
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    if not Path(uv).exists():
        pytest.skip("uv is not installed")
    dist = tmp_path / "dist"
    subprocess.run(
        [uv, "build", "--wheel", "-o", str(dist)], cwd=REPO, check=True, capture_output=True
    )
    [wheel] = dist.glob("smartresearch-*.whl")
    venv = tmp_path / "venv"
    # (bytecode caches are on for the suite, conftest.py: the fresh venv's first interpreter
    # writes the bytecode the next ones read)
    env = {k: v for k, v in os.environ.items() if k not in (MIRROR_ENV, DATA_ENV, "VIRTUAL_ENV")}
    subprocess.run(
        [uv, "venv", "-q", "-p", sys.executable, str(venv)],
        env=env,
        check=True,
        capture_output=True,
    )
    python = venv / "bin" / "python"
    installed = subprocess.run(
        # --no-config: not this project's [tool.uv] (which compiles all 8,000 files of the
        # dependencies at install, twice the CPU of compiling what the script imports)
        [uv, "pip", "install", "--no-config", "-q", "--python", str(python), str(wheel)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    result = subprocess.run(
        [str(python), "-c", SCRIPT], cwd=empty, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == [
        "egdi",
        "oecd_dgi",
        "gtmi",
        "egov_benchmark",
        "ourdata",
        "wdi",
    ]
    assert all(int(line.split()[1]) > 0 for line in lines[:-1])
    assert lines[-1] == "charts 9"
    version = subprocess.run(
        [str(venv / "bin" / "smartresearch"), "--version"], capture_output=True, text=True
    )
    assert version.stdout.strip().startswith("smartresearch ")
    # the commands that run notebooks say in one line what they need, never a traceback
    for argv in (["profile", "Kenya"], ["report", "--no-render"]):
        result = subprocess.run(
            [str(venv / "bin" / "smartresearch"), *argv],
            cwd=empty,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert "needs the notebook tools" in result.stderr
    listed = subprocess.run(
        [str(venv / "bin" / "smartresearch"), "data", "list"],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0 and max(len(x) for x in listed.stdout.splitlines()) <= 80
