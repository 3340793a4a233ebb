"""The data behind every figure: a tidy CSV and a metadata file per figure, and one archive.

The figure's frame is recorded by the chart that draws it (``smartresearch.plots.figdata``)
and checked against the drawn artists when the cell after the figure calls
``srp.describe``, whose output carries it under :data:`~smartresearch.plots.figdata.MIME`.
When a notebook is executed, :func:`take_figure_data` moves that payload out of the
displayed data into the output's metadata (Quarto and nbconvert ignore it there), names
it by the figure cell's ``fig-`` label, and adds a "Data" line under the description.
:func:`write_figure_files` then writes, from the executed chapters, ``report/data/``:

* ``<label>.csv``   the values drawn, with country codes and names, edition, indicator, unit;
* ``<label>.json``  title, caption, sources with their registry entries and licences,
  caveats, the toolkit version, the checksums of the CSV and of the clean tables it came
  from, and how to cite it (consistent with ``CITATION.cff``);
* ``figure-data.zip`` all of them, deterministic (fixed timestamps, sorted entries).

Nothing is computed twice: the CSV is the frame the chart drew; only the unit and country
name columns are looked up (from the dataset specs and the country reference list).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from smartresearch._io import atomic_write_bytes
from smartresearch.errors import ValidationError
from smartresearch.plots.figdata import MIME
from smartresearch.reporting.checks import cell_options
from smartresearch.reporting.layout import PROJECT_ROOT

#: Folder of the Quarto project (``report/``) that holds the published data files.
DATA_DIR = "data"
ARCHIVE = "figure-data.zip"
#: Every zip entry gets this timestamp, so the archive's bytes depend on its contents only.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: Relative link from a chapter page (``chapters/x.html``) to the data folder.
CHAPTER_TO_DATA = f"../{DATA_DIR}"


def _label(source: str) -> tuple[str | None, str | None]:
    options = cell_options(source)
    label = options.get("label")
    if isinstance(label, str) and label.startswith("fig-"):
        caption = options.get("fig-cap")
        return label, caption if isinstance(caption, str) else None
    return None, None


def data_line(label: str, href: str = CHAPTER_TO_DATA) -> str:
    """The Markdown line under a figure's description: links in the HTML, and in the PDF
    (where the links cannot be followed) the file names and the folder that holds them.

    ``href`` is the data folder as seen from the page: ``../data`` from a chapter of the
    report's site, ``data`` from a one-off page (a profile), whose data sits beside it."""
    base = f"{href}/{label}"
    where = "of the report's website" if href == CHAPTER_TO_DATA else "beside this page"
    return (
        f"Data behind this figure: [{label}.csv]({base}.csv) and its metadata "
        f"[{label}.json]({base}.json), in the `{DATA_DIR}/` folder {where} "
        f"(all figures: [{ARCHIVE}]({href}/{ARCHIVE})).\n"
    )


def take_figure_data(nb: Any, chapter: str, href: str = CHAPTER_TO_DATA) -> list[str]:
    """Move each figure's data payload into output metadata and add its "Data" line, in
    place; returns the labels found. A payload that follows no ``fig-`` cell is dropped
    (it is not a published figure)."""
    labels: list[str] = []
    label = caption = None
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.source) if isinstance(cell.source, list) else cell.source
        found, found_caption = _label(source)
        if found:
            label, caption = found, found_caption
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME not in data:
                continue
            payload = data.pop(MIME)
            if isinstance(payload, str):
                payload = json.loads(payload)
            if label is None or label in labels:
                continue
            payload = {**payload, "label": label, "caption": caption, "chapter": chapter}
            output.setdefault("metadata", {})[MIME] = payload
            markdown = data.get("text/markdown")
            if markdown is not None:
                text = "".join(markdown) if isinstance(markdown, list) else markdown
                data["text/markdown"] = text.rstrip("\n") + "\n\n" + data_line(label, href)
            labels.append(label)
    return labels


def collect(executed: Iterable[Path]) -> dict[str, dict]:
    """Every figure payload recorded in the executed chapters, by label."""
    found: dict[str, dict] = {}
    for path in sorted(executed):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            for output in cell.get("outputs", []):
                payload = output.get("metadata", {}).get(MIME)
                if payload:
                    found[payload["label"]] = payload
    return found


def missing_figures(executed: Iterable[Path], found: Mapping[str, dict]) -> list[str]:
    """``fig-`` labels of the executed chapters that have no data payload."""
    missing = []
    for path in sorted(executed):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "code":
                label, _ = _label("".join(cell.get("source", "")))
                if label and label not in found:
                    missing.append(f"{path.name}#{label}")
    return missing


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _units(datasets: Sequence[str]) -> dict[str, str]:
    from smartresearch.datasets import get_spec

    units: dict[str, str] = {}
    for name in datasets:
        for spec in get_spec(name).indicators:
            units.setdefault(spec.name, spec.unit)
    return units


def tidy_csv(payload: Mapping[str, Any]) -> bytes:
    """The published CSV: the chart's frame, with country names and units looked up."""
    from smartresearch.countries import country_name

    frame = pd.read_csv(io.StringIO(payload["csv"]), keep_default_na=False, na_values=[""])
    if "iso3" in frame.columns and "country" not in frame.columns:
        frame.insert(
            list(frame.columns).index("iso3") + 1,
            "country",
            [country_name(c) if isinstance(c, str) else "" for c in frame["iso3"]],
        )
    if "indicator" in frame.columns and "unit" not in frame.columns and payload["datasets"]:
        units = _units(payload["datasets"])
        frame.insert(
            list(frame.columns).index("indicator") + 1,
            "unit",
            frame["indicator"].map(units).fillna(""),
        )
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def citation(root: Path) -> dict[str, Any]:
    """Title, version and authors from ``CITATION.cff`` (the toolkit's own when ``root``,
    e.g. a scratch project, has none)."""
    path = root / "CITATION.cff"
    path = path if path.is_file() else PROJECT_ROOT / "CITATION.cff"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    authors = [
        a.get("name") or f"{a.get('given-names', '')} {a['family-names']}".strip()
        for a in doc.get("authors", [])
    ]
    return {"title": doc["title"], "version": str(doc["version"]), "authors": authors}


def _clean_hashes(root: Path) -> dict[str, str]:
    from smartresearch.datasets.datapackage import descriptor_path

    doc = json.loads(descriptor_path().read_text(encoding="utf-8"))
    return {r["name"]: r.get("hash", "") for r in doc.get("resources", [])}


def _sources(datasets: Sequence[str], hashes: Mapping[str, str]) -> list[dict[str, Any]]:
    from smartresearch import registry
    from smartresearch.datasets import get_spec

    out = []
    for name in datasets:
        spec = get_spec(name)
        entries = []
        for source_id in spec.source_ids:
            src = registry.source(source_id)
            entries.append(
                {
                    "id": source_id,
                    "title": src.title,
                    "publisher": src.publisher,
                    "urls": list(src.urls),
                    "licence": src.licence,
                    "editions": list(src.editions),
                    "status": src.status,
                }
            )
        out.append(
            {
                "dataset": name,
                "title": spec.title,
                "publisher": spec.publisher,
                "licence": spec.licence,
                "url": spec.url,
                "clean_table": {"path": f"data/clean/{name}.csv", "hash": hashes.get(name, "")},
                "registry": entries,
                "caveats": list(spec.caveats),
            }
        )
    return out


def metadata(
    payload: Mapping[str, Any], csv: bytes, cite: Mapping[str, Any], hashes: Mapping[str, str]
) -> dict[str, Any]:
    """The metadata file of one figure (see the module docstring)."""
    label, datasets = payload["label"], list(payload["datasets"])
    sources = _sources(datasets, hashes)
    versions = "; ".join(f"{s['dataset']} {s['clean_table']['hash'][:19]}" for s in sources)
    authors = ", ".join(cite["authors"])
    text = (
        f"{authors}. {cite['title']}, version {cite['version']}. Figure {label}: "
        f"{payload['title'] or payload['caption'] or label}. Data file {label}.csv "
        f"(sha256 {sha256(csv)[:12]})" + (f"; clean tables {versions}" if versions else "") + "."
    )
    caveats = [payload["note"]] if payload.get("note") else []
    return {
        "id": label,
        "title": payload["title"],
        "subtitle": payload.get("subtitle"),
        "caption": payload.get("caption"),
        "chapter": payload["chapter"],
        "page": f"chapters/{Path(payload['chapter']).stem}.html#{label}",
        "data": {
            "path": f"{label}.csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "sha256": sha256(csv),
            "bytes": len(csv),
            "rows": csv.count(b"\n") - 1,
            "drawn_columns": list(payload["values"]),
        },
        "sources": sources,
        "caveats": caveats + [c for s in sources for c in s["caveats"]],
        "toolkit": {"name": "smartresearch", "version": cite["version"]},
        "cite": {
            "text": text,
            "software": cite["title"],
            "version": cite["version"],
            "authors": cite["authors"],
            "citation_file": "CITATION.cff",
            "data": [s["registry"][0]["title"] for s in sources if s["registry"]],
        },
    }


def deterministic_zip(files: Mapping[str, bytes]) -> bytes:
    """A zip of ``files`` (name -> bytes): sorted entries, fixed timestamps and modes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, files[name])
    return buffer.getvalue()


def figure_files(payloads: Mapping[str, Mapping[str, Any]], root: Path) -> dict[str, bytes]:
    """File name -> bytes for every figure's CSV and metadata, and the archive. The clean
    tables' descriptor is read only when there is a figure to describe (a scratch project
    with no figures needs none)."""
    files: dict[str, bytes] = {}
    if not payloads:
        files[ARCHIVE] = deterministic_zip(files)
        return files
    cite, hashes = citation(root), _clean_hashes(root)
    for label in sorted(payloads):
        csv = tidy_csv(payloads[label])
        meta = metadata(payloads[label], csv, cite, hashes)
        files[f"{label}.csv"] = csv
        files[f"{label}.json"] = (json.dumps(meta, indent=2, ensure_ascii=False) + "\n").encode()
    files[ARCHIVE] = deterministic_zip(files)
    return files


def write_files(
    folder: Path, files: Mapping[str, bytes], *, owned: Iterable[str] = ()
) -> list[Path]:
    """Write the files whose bytes changed; remove ``owned`` files no longer produced."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = folder / name
        if not path.is_file() or path.read_bytes() != data:
            atomic_write_bytes(path, data)
            written.append(path)
    for name in owned:
        if name not in files:
            (folder / name).unlink(missing_ok=True)
    return written


def write_figure_files(
    report_dir: Path, executed: Sequence[Path], root: Path, *, strict: bool = False
) -> tuple[dict[str, bytes], list[str]]:
    """Write ``report/data/`` from the executed chapters; returns the files and the figures
    that have no data (``strict``: refuse them, naming each, before writing anything).

    The report's own chapters are held to ``strict`` by tests/test_figure_data_chapters.py;
    the build only warns, so a scratch notebook with a plain matplotlib figure still builds.
    """
    payloads = collect(executed)
    missing = missing_figures(executed, payloads)
    if missing and strict:
        raise ValidationError(
            f"figures without data: {', '.join(missing)}. Each figure cell must be followed by "
            "srp.describe(...) of a chart drawn by smartresearch.plots."
        )
    files = figure_files(payloads, root)
    folder = report_dir / DATA_DIR
    stale = [p.name for p in folder.glob("fig-*")] if folder.is_dir() else []
    write_files(folder, files, owned=stale)
    return files, missing
