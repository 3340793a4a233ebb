"""The explorer page's data: one tidy CSV of every index score, exported from the clean tables.

The explorer (``report/explorer.qmd`` and its script ``report/explorer/explorer.js``) draws
in the reader's browser, with no server, from three files written here into
``report/data/`` at build time:

* ``explorer.csv``: ``dataset, indicator, iso3, year, value`` for every score of the index
  tables (ranks and group codes are left out: the page ranks within each edition itself,
  by the rule the static charts use, competition ranks with ties sharing the better rank);
* ``explorer.json``: the indices and their indicators (labels, units, direction), the
  countries with their names, the focus and peer groups and the house colours, so the
  page draws with the same colours and labels as the static figures;
* ``explorer.png``: the static figure a reader without JavaScript, and the PDF, see: the
  default selection drawn by ``smartresearch.plots.plot_trajectories``.

Values are copied from the clean tables, never recomputed, and the bytes depend on the
tables only (sorted rows, shortest round-trip floats), so a rebuild writes nothing new.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from smartresearch.reporting.figure_data import DATA_DIR, write_files

#: The index tables the explorer offers, in its menu's order.
INDICES: tuple[str, ...] = ("egdi", "oecd_dgi", "gtmi", "egov_benchmark", "ourdata")
#: Units that are not scores (published ranks, group codes): not offered.
NOT_SCORES = ("rank", "group")
CSV_NAME, META_NAME, STATIC_NAME = "explorer.csv", "explorer.json", "explorer.png"


def score_indicators(name: str) -> list:
    from smartresearch.datasets import get_spec

    return [i for i in get_spec(name).indicators if not i.unit.startswith(NOT_SCORES)]


def explorer_table() -> pd.DataFrame:
    """Every score of the index tables, tidy and sorted."""
    from smartresearch import datasets

    frames = []
    for name in INDICES:
        keep = [i.name for i in score_indicators(name)]
        table = datasets.load(name)
        table = table[table["indicator"].isin(keep) & table["value"].notna()]
        frames.append(table.assign(dataset=name)[["dataset", "indicator", "iso3", "year", "value"]])
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["dataset", "indicator", "iso3", "year"], kind="mergesort")


def explorer_meta(table: pd.DataFrame) -> dict:
    """Indices, indicators, countries, groups and colours for the page."""
    from smartresearch.countries import FOCUS, PEERS, country_name
    from smartresearch.datasets import get_spec
    from smartresearch.plots import palette

    indices = []
    for name in INDICES:
        spec = get_spec(name)
        held = table[table["dataset"] == name]
        indices.append(
            {
                "name": name,
                "title": spec.title,
                "source": spec.source_label or spec.title,
                "editions": sorted(int(y) for y in held["year"].unique()),
                "indicators": [
                    {
                        "name": i.name,
                        "label": i.label,
                        "unit": i.unit,
                        "higher_is_better": i.higher_is_better,
                    }
                    for i in score_indicators(name)
                    if (held["indicator"] == i.name).any()
                ],
            }
        )
    codes = sorted(set(table["iso3"]), key=lambda c: country_name(c))
    return {
        "indices": indices,
        "countries": [{"iso3": c, "name": country_name(c)} for c in codes],
        "focus": list(FOCUS),
        "peers": list(PEERS),
        "colours": {
            "focus": dict(palette.FOCUS_COLOURS),
            "highlight": list(palette.HIGHLIGHT_COLOURS),
            "peer": palette.PEER_GREY,
            "peer_text": palette.PEER_TEXT_GREY,
            "ink": palette.INK,
        },
    }


def static_figure() -> bytes:
    """The explorer's default view as a fixed picture (for no JavaScript and the PDF)."""
    import matplotlib.pyplot as plt

    import smartresearch.plots as srp
    from smartresearch import datasets
    from smartresearch.countries import FOCUS, PEERS

    with srp.style_context():
        fig, ax = plt.subplots(figsize=(8.0, 4.8))
        srp.plot_trajectories(
            datasets.load("egdi"),
            "egdi",
            countries=[*FOCUS, *PEERS],
            rank_from="egdi_rank",
            indicator_label="EGDI (0–1)",
            ax=ax,
        )
        srp.add_titles(
            ax,
            "The explorer's first view",
            "EGDI of the focus countries and their peers; labels give the UN rank",
            source="egdi",
        )
        data = srp.figure_bytes(fig, "png")
        plt.close(fig)
    return data


def write_explorer_data(report_dir: Path) -> dict[str, bytes]:
    """Write the explorer's three files into ``report/data/`` (only those that changed)."""
    table = explorer_table()
    files = {
        CSV_NAME: table.to_csv(index=False, lineterminator="\n").encode("utf-8"),
        META_NAME: (json.dumps(explorer_meta(table), indent=1, ensure_ascii=False) + "\n").encode(),
    }
    folder = report_dir / DATA_DIR
    if not (folder / STATIC_NAME).is_file() or _stale(folder, files):
        files[STATIC_NAME] = static_figure()
    write_files(folder, files)
    return files


def _stale(folder: Path, files: dict[str, bytes]) -> bool:
    return any(
        not (folder / n).is_file() or (folder / n).read_bytes() != b for n, b in files.items()
    )
