"""``smartresearch profile ISO3``: one country's profile in its own folder, never the report.

Kenya is the case from the issue: low on every index against rich peers, and not assessed
by the OECD's or the EU's index at all. Its profile must compare it with its own peers and
say plainly which indices did not assess it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import render_support

from smartresearch.analysis import peers
from smartresearch.config import MIRROR_ENV
from smartresearch.countries import country_name

REPO = Path(__file__).resolve().parents[1]

#: ``profile`` holds the real report's build lock while it runs: these share its xdist group.
pytestmark = [pytest.mark.slow, pytest.mark.report_folder]


def markdown_outputs(nb: nbformat.NotebookNode) -> list[str]:
    return [
        o["data"]["text/markdown"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {})
    ]


def kenya_in_the_report() -> list[Path]:
    """Files of the report (its executed chapters and pages) that a Kenya profile wrote.

    Read from what the files hold, not from when they changed, so the check stands while
    the suite's other worker builds the report beside it."""
    report = REPO / "report"
    found = list(report.glob("**/kenya-profile.*"))
    for path in (report / "chapters").glob("*.ipynb"):
        record = nbformat.read(path, as_version=4).metadata.get("smartresearch", {})
        if record.get("parameters", {}).get("country") == "KEN":
            found.append(path)
    return [p for p in found if "_profiles" not in p.parts]


def test_kenya_profile_against_its_own_peers_with_gaps_named(tmp_path, mirror):
    out = tmp_path / "ken"
    result = subprocess.run(
        [sys.executable, "-m", "smartresearch", "profile", "KEN", "--out", str(out)],
        env=dict(os.environ, **{MIRROR_ENV: str(mirror)}),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    assert (out / "kenya-profile.html").is_file()
    assert "<title>Kenya: country profile</title>" in (out / "kenya-profile.html").read_text(
        encoding="utf-8"
    )
    assert not kenya_in_the_report(), "the profile wrote into the report's folders"
    nb = nbformat.read(out / "06-country-profile.ipynb", as_version=4)
    assert nb.metadata["smartresearch"]["parameters"] == {"country": "KEN", "peers": ""}
    text = "\n".join(markdown_outputs(nb))
    names = [country_name(c) for c in peers.default_peers("KEN")]
    if shutil.which("quarto"):  # with Quarto the profile is a PDF too: Kenya's, laid out whole
        pages = render_support.pdf_pages(out / "kenya-profile.pdf")
        printed = " ".join(page.text for page in pages)
        assert "Kenya: country profile" in printed and names[0] in printed
        assert render_support.layout_problems(pages) == []
        assert render_support.entity_problems(pages) == []
    assert f"compared with {len(names)} peers: {', '.join(names)}." in text
    assert "lower-middle income" in text and "Eastern Africa" in text
    assert "nearest by four stated criteria" in text
    # sensible for a low scorer: a rank among its own peers, not 18th of 18 everywhere
    # (tables are stored as raw HTML in Markdown outputs too: "122 of 182" is a UN rank)
    assert f"of {len(names) + 1}" in text and not re.search(r"\bof 18\b", text)
    # each peer's reason is in the peer table
    html = (out / "kenya-profile.html").read_text(encoding="utf-8")
    # the data behind each figure is beside the page, where its links point, and is Kenya's
    links = sorted(set(re.findall(r'href="(data/[^"]+)"', html)))
    assert links and [link for link in links if not (out / link).is_file()] == []
    tables = [(out / link).read_text(encoding="utf-8") for link in links if link.endswith(".csv")]
    assert tables and all("\nKEN,Kenya," in table for table in tables)
    assert "Why a peer" in html and "same sub-region (Eastern Africa)" in html
    # not assessed by the OECD's and the EU's indices: said, not hidden
    assert "Not assessed in the latest edition of:" in text
    assert "OECD Digital Government Index" in text and "EU eGovernment Benchmark" in text


def test_profile_refuses_an_unknown_country_or_peer(tmp_path):
    for args, argument in (
        (["XYZ"], "COUNTRY='XYZ'"),
        (["KEN", "--peers", "UGA,QQQ"], "peers='QQQ'"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "smartresearch", "profile", *args, "--out", str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 1
        assert f"{argument} is not a country code or name" in result.stderr
        assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())
