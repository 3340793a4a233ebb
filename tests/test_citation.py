"""CITATION.cff: the keys CFF 1.2.0 requires, and every data source the toolkit loads cited."""

from __future__ import annotations

from pathlib import Path

import yaml

from smartresearch import __version__, datasets, registry

REPO = Path(__file__).resolve().parents[1]


def test_citation_file_is_cff_1_2_with_the_toolkit_and_its_data():
    doc = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert doc["cff-version"] == "1.2.0"
    assert {"message", "title", "authors"} <= set(doc)
    assert str(doc["version"]) == __version__
    for reference in doc["references"]:
        assert {"type", "title", "authors"} <= set(reference), reference
        assert all("name" in a or "family-names" in a for a in reference["authors"])
    titles = " ".join(r["title"] for r in doc["references"])
    reg = registry.load_registry()
    for name in datasets.DATASET_NAMES:
        table = datasets.load(name)
        for rel in sorted(set(table["source_file"])):
            publisher = reg.source(reg.file(rel).source_id).title
            # each loaded source is cited by a title sharing its index's name
            key = {
                "egdi": "E-Government",
                "oecd_dgi": "Digital Government Index",
                "gtmi": "GovTech",
                "egov_benchmark": "eGovernment Benchmark",
                "ourdata": "OURdata",
                "wdi": "World Development Indicators",
            }[name]
            assert key in titles and key.lower() in publisher.lower(), (name, publisher)
