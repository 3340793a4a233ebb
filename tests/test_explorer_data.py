"""The explorer's data: every score of the clean index tables, copied (not recomputed), with
the house colours and labels, written deterministically."""

from __future__ import annotations

import io
import json

import pandas as pd

from smartresearch import datasets
from smartresearch.countries import FOCUS
from smartresearch.plots import palette
from smartresearch.reporting import explorer_data as ex
from smartresearch.reporting.figure_data import DATA_DIR, write_files


def test_explorer_csv_holds_every_score_of_the_clean_tables_and_no_rank(tmp_path):
    files = ex.write_explorer_data(tmp_path)
    table = pd.read_csv(io.BytesIO(files[ex.CSV_NAME]))
    egdi = datasets.load("egdi")
    scores = egdi[~egdi["indicator"].str.endswith("_rank") & egdi["value"].notna()]
    mine = table[table["dataset"] == "egdi"].drop(columns="dataset")
    merged = scores.merge(mine, on=["iso3", "year", "indicator"], suffixes=("", "_explorer"))
    assert len(merged) == len(scores) == len(mine)
    assert (merged["value"] == merged["value_explorer"]).all()
    assert not table["indicator"].isin(["egdi_rank", "dgi_rank", "gtmi_group"]).any()
    assert set(table["dataset"]) == set(ex.INDICES)
    assert len(set(egdi["iso3"])) == 193 and set(egdi["iso3"]) <= set(table["iso3"])


def test_explorer_meta_uses_the_house_colours_and_labels(tmp_path):
    files = ex.write_explorer_data(tmp_path)
    meta = json.loads(files[ex.META_NAME])
    assert meta["colours"]["focus"] == dict(palette.FOCUS_COLOURS)
    assert meta["colours"]["peer"] == palette.PEER_GREY
    assert meta["focus"] == list(FOCUS)
    egdi = next(i for i in meta["indices"] if i["name"] == "egdi")
    spec = datasets.get_spec("egdi")
    assert egdi["indicators"][0] == {
        "name": "egdi",
        "label": spec.indicator("egdi").label,
        "unit": spec.indicator("egdi").unit,
        "higher_is_better": True,
    }
    names = {c["iso3"]: c["name"] for c in meta["countries"]}
    assert names["KOR"] == "South Korea" and names["CHL"] == "Chile"
    # a second export writes nothing: the bytes depend on the tables only
    again = ex.write_explorer_data(tmp_path)
    assert again[ex.CSV_NAME] == files[ex.CSV_NAME]
    assert write_files(tmp_path / DATA_DIR, again) == []
    assert (tmp_path / DATA_DIR / ex.STATIC_NAME).read_bytes()[:4] == b"\x89PNG"
