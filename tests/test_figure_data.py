"""The data behind each figure: the frame a chart records is what it drew, and the build
publishes it as a CSV, a metadata file and a deterministic archive.

Charts are drawn from the clean tables (real data); the CSV written by the build is
compared with the artists on the Axes (line y data, bar lengths, scatter offsets), and a
tampered frame must be refused.
"""

from __future__ import annotations

import io
import json
import zipfile

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

import smartresearch.plots as srp  # noqa: E402
from smartresearch import datasets  # noqa: E402
from smartresearch.countries import FOCUS  # noqa: E402
from smartresearch.errors import ValidationError  # noqa: E402
from smartresearch.plots.figdata import _DATA, MIME, FigureData, payload  # noqa: E402
from smartresearch.reporting import figure_data as fd  # noqa: E402
from smartresearch.reporting.layout import PROJECT_ROOT  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def egdi() -> pd.DataFrame:
    return datasets.load("egdi")


def published(ax_or_fig) -> tuple[pd.DataFrame, dict]:
    """The CSV and metadata the build writes for a figure, read back as a reader would."""
    data = payload(ax_or_fig)
    data = {**data, "label": "fig-test", "caption": "A test", "chapter": "99-test.ipynb"}
    files = fd.figure_files({"fig-test": data}, PROJECT_ROOT)
    return pd.read_csv(io.BytesIO(files["fig-test.csv"])), json.loads(files["fig-test.json"])


def test_trajectory_csv_reproduces_each_line(egdi):
    ax = srp.plot_trajectories(egdi, "egdi", countries=["CHL", "PER", *FOCUS])
    srp.add_titles(ax, "Chile and Peru", source="egdi")
    csv, meta = published(ax)
    assert {"iso3", "country", "year", "indicator", "unit", "value"} <= set(csv.columns)
    assert set(csv["unit"]) == {"index (0–1)"}
    assert meta["data"]["drawn_columns"] == ["value"]
    lines = {line.get_label(): line for line in ax.get_lines()}
    for name, rows in csv.groupby("country"):
        line = lines[name]
        drawn = dict(zip(line.get_xdata(), line.get_ydata(), strict=True))
        drawn = {int(x): float(y) for x, y in drawn.items() if np.isfinite(y)}
        assert drawn == dict(zip(rows["year"], rows["value"], strict=True)), name
    assert set(csv["country"]) == {"Chile", "Peru", "Denmark", "South Korea", "United Kingdom"}


def test_bar_lengths_and_scatter_offsets_are_the_csv():
    counts = pd.DataFrame(
        {"event_year": [2017, 2019], "claims": [5, 3], "attributed": [2, 3], "unattributed": [3, 0]}
    )
    ax = srp.plot_claim_attribution(counts, "event_year", what="year")
    csv, _ = published(ax)
    widths = [p.get_width() for p in ax.containers[0]] + [p.get_width() for p in ax.containers[1]]
    assert widths == [*csv["attributed"], *csv["unattributed"]]

    frame = pd.concat([datasets.load("egdi"), datasets.load("gtmi")])
    ax = srp.plot_concordance(frame, "egdi", "gtmi", years=2022)
    csv, _ = published(ax)
    offsets = {tuple(p) for c in ax.collections for p in np.asarray(c.get_offsets())}
    assert offsets == set(zip(csv["start"], csv["end"], strict=True))
    assert len(csv) > 150  # every country both assess


def test_heatmap_cells_and_small_multiples(egdi):
    ax = srp.plot_rank_heatmap(egdi, ["egdi", "osi"])
    csv, _ = published(ax)
    mesh = ax.collections[0].get_array()
    assert sorted(np.ma.compressed(mesh)) == sorted(csv["position"].dropna())
    assert set(csv["year"]) == {int(egdi["year"].max())}
    axes = srp.plot_components(egdi, ("osi", "hci"), countries=FOCUS, total="egdi")
    csv, _ = published(axes)
    assert list(dict.fromkeys(csv["panel"])) == ["Denmark", "South Korea", "United Kingdom"]
    korea = csv[(csv["panel"] == "South Korea") & (csv["indicator"] == "osi")]
    line = next(ln for ln in axes[1].get_lines() if ln.get_label() == "OSI")
    assert list(line.get_ydata()[np.isfinite(line.get_ydata())]) == list(korea["value"])


def test_a_frame_that_differs_from_the_drawing_is_refused(egdi):
    ax = srp.plot_trajectories(egdi, "egdi", countries=list(FOCUS))
    recorded = _DATA[ax]
    frame = recorded.frame.copy()
    frame.loc[0, "value"] = frame.loc[0, "value"] + 0.01
    _DATA[ax] = FigureData(frame, recorded.values)
    with pytest.raises(ValidationError, match=r"1 value\(s\).*row 0 value="):
        srp.check_figure_data(ax)
    with pytest.raises(ValidationError):
        srp.describe(ax)


def test_describe_carries_the_checked_data_and_a_foreign_chart_none(egdi):
    ax = srp.plot_rank_bump(egdi, "egdi", countries=list(FOCUS), within="shown")
    bundle = srp.describe(ax)._repr_mimebundle_()
    assert "Description" in bundle["text/markdown"]
    assert pd.read_csv(io.StringIO(bundle[MIME]["csv"]))["rank"].between(1, 3).all()
    _, own = plt.subplots()
    own.plot([1, 2], [3, 4])
    srp.set_alt_text(own, "A line.")
    assert MIME not in srp.describe(own)._repr_mimebundle_()


def _notebook(*cells: tuple[str, list]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for source, outputs in cells:
        cell = nbformat.v4.new_code_cell(source)
        cell.outputs = outputs
        nb.cells.append(cell)
    return nb


def _describe_output(data: dict) -> dict:
    return nbformat.v4.new_output(
        "display_data", data={"text/markdown": "<details>x</details>\n", MIME: data}
    )


def test_executed_notebook_gets_labels_links_and_no_payload_in_its_display():
    raw = {
        "csv": "iso3,value\nDNK,1.0\n",
        "values": ["value"],
        "title": "T",
        "subtitle": None,
        "note": None,
        "datasets": [],
    }
    nb = _notebook(
        ('#| label: fig-one\n#| fig-cap: "First"\n_ = 1', []),
        ("srp.describe(ax)", [_describe_output(raw)]),
        ("#| label: tbl-x\nx = 2", []),
        ("srp.describe(ax2)", [_describe_output(raw)]),  # same figure label again: dropped
    )
    assert fd.take_figure_data(nb, "07-x.ipynb") == ["fig-one"]
    first, second = nb.cells[1].outputs[0], nb.cells[3].outputs[0]
    assert MIME not in first["data"] and MIME not in second["data"]
    assert first["metadata"][MIME]["caption"] == "First"
    assert "[fig-one.csv](../data/fig-one.csv)" in first["data"]["text/markdown"]
    assert MIME not in second.get("metadata", {})


def test_figure_files_are_deterministic_and_cite_like_citation_cff(egdi, tmp_path):
    ax = srp.plot_dumbbell(egdi, "egdi", years=(2012, 2024))
    srp.add_titles(ax, "A decade", source="egdi", note="Scores are relative.")
    data = {**payload(ax), "label": "fig-d", "caption": "C", "chapter": "90-x.ipynb"}
    first = fd.figure_files({"fig-d": data}, PROJECT_ROOT)
    assert fd.figure_files({"fig-d": data}, PROJECT_ROOT) == first
    meta = json.loads(first["fig-d.json"])
    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert meta["toolkit"]["version"] == str(cff["version"])
    assert cff["title"] in meta["cite"]["text"] and str(cff["version"]) in meta["cite"]["text"]
    assert meta["data"]["sha256"] == fd.sha256(first["fig-d.csv"])
    assert meta["caveats"][0] == "Scores are relative."
    egdi_source = meta["sources"][0]
    assert egdi_source["registry"][0]["id"] == "un_egov_datacenter"
    assert "licence" in egdi_source["registry"][0]
    package = json.loads((PROJECT_ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    egdi_hash = next(r["hash"] for r in package["resources"] if r["name"] == "egdi")
    assert egdi_source["clean_table"]["hash"] == egdi_hash
    with zipfile.ZipFile(io.BytesIO(first[fd.ARCHIVE])) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["fig-d.csv", "fig-d.json"]
        assert {i.date_time for i in infos} == {fd.ZIP_DATE}
        assert archive.read("fig-d.csv") == first["fig-d.csv"]


def test_a_figure_without_data_stops_the_build_naming_it(tmp_path):
    nb = _notebook(("#| label: fig-lonely\n_ = 1", []), ("srp.describe(ax)", []))
    path = tmp_path / "08-y.ipynb"
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    with pytest.raises(ValidationError, match="08-y.ipynb#fig-lonely"):
        fd.write_figure_files(tmp_path, [path], PROJECT_ROOT, strict=True)
    assert not (tmp_path / fd.DATA_DIR).exists()  # nothing half-written
    files, missing = fd.write_figure_files(tmp_path, [path], PROJECT_ROOT)  # the build warns
    assert missing == ["08-y.ipynb#fig-lonely"] and list(files) == [fd.ARCHIVE]
