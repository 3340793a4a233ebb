"""The framework audit: alpha, first component, stated and effective weights, overlap, on
constructed data whose answers are known, and on the report's own composite."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartresearch.analysis import audit
from smartresearch.analysis import uncertainty as u
from smartresearch.analysis.editions import edition_pairs, edition_ranks, pair_label
from smartresearch.errors import ValidationError


def test_alpha_and_first_component_by_hand() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=500)
    # two items with correlation r: standardised alpha = 2r / (1 + r), PC1 share (1 + r) / 2
    y = 0.6 * x + 0.8 * rng.normal(size=500)
    frame = pd.DataFrame({"x": x, "y": y})
    r = float(np.corrcoef(x, y)[0, 1])
    assert audit.cronbach_alpha(frame) == pytest.approx(2 * r / (1 + r))
    assert audit.first_component_share(frame) == pytest.approx((1 + r) / 2)
    # uncorrelated items are not coherent; identical ones perfectly so
    noise = pd.DataFrame(rng.normal(size=(2000, 3)), columns=list("abc"))
    assert abs(audit.cronbach_alpha(noise)) < 0.1
    same = pd.DataFrame({"a": x, "b": x, "c": x})
    assert audit.cronbach_alpha(same) == pytest.approx(1.0)
    assert audit.first_component_share(same) == pytest.approx(1.0)
    with pytest.raises(ValidationError, match="needs >= 2 columns"):
        audit.cronbach_alpha(frame[["x"]])


def test_pillar_weights_recover_a_weighted_mean() -> None:
    rng = np.random.default_rng(1)
    pillars = pd.DataFrame(rng.uniform(size=(50, 3)), columns=["p", "q", "r"])
    index = pillars @ np.array([0.5, 0.3, 0.2])
    coef, r2 = audit.pillar_weights(index, pillars)
    assert coef.to_dict() == pytest.approx({"p": 0.5, "q": 0.3, "r": 0.2})
    assert r2 == pytest.approx(1.0)


def tidy(year: int, values: dict[str, dict[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"iso3": iso3, "country": iso3, "year": year, "indicator": ind, "value": v}
            for ind, per in values.items()
            for iso3, v in per.items()
        ]
    )


def constructed() -> tuple[dict[str, pd.DataFrame], pd.Series]:
    """EGDI = mean(OSI, HCI, TII); GTMI = mean of four pillars whose PSDI is OSI plus noise."""
    rng = np.random.default_rng(2)
    iso = [f"C{i:02d}" for i in range(40)]
    osi, hci, tii = (rng.uniform(size=40) for _ in range(3))
    psdi = np.clip(osi + rng.normal(scale=0.05, size=40), 0, 1)
    cgsi, dcei, gtei = (rng.uniform(size=40) for _ in range(3))
    e = {"osi": osi, "hci": hci, "tii": tii}
    g = {"cgsi": cgsi, "psdi": psdi, "dcei": dcei, "gtei": gtei}
    e["egdi"] = (osi + hci + tii) / 3
    g["gtmi"] = (cgsi + psdi + dcei + gtei) / 4
    tables = {
        "egdi": tidy(2024, {k: dict(zip(iso, v, strict=True)) for k, v in e.items()}),
        "gtmi": tidy(2025, {k: dict(zip(iso, v, strict=True)) for k, v in g.items()}),
    }
    score = pd.Series((e["egdi"] + g["gtmi"]) / 2, index=pd.Index(iso, name="iso3"))
    return tables, score


def test_audit_of_a_constructed_framework() -> None:
    tables, score = constructed()
    got = audit.framework_audit(score, {"EGDI": 2024, "GTMI": 2025}, tables=tables)
    assert got.n == 40 and got.fits["EGDI"] == pytest.approx(1.0)
    info = got.information.set_index("component")
    # stated weights: half the composite per index, split by the publishers' simple means
    assert info.at["EGDI: OSI", "stated_weight"] == pytest.approx(1 / 6)
    assert info.at["GTMI: PSDI", "stated_weight"] == pytest.approx(1 / 8)
    assert info.loc[info["level"] == "pillar", "stated_weight"].sum() == pytest.approx(1.0)
    assert info.loc[info["level"] == "pillar", "effective_share"].sum() == pytest.approx(1.0)
    # OSI and PSDI are near copies: the overlap says so, and OSI (counted twice) gets more
    # effective weight than its stated sixth
    overlap = got.overlap.set_index("b")
    assert overlap.at["GTMI: PSDI", "r"] > 0.95
    assert abs(overlap.at["GTMI: DCEI", "r"]) < 0.5
    assert info.at["EGDI: OSI", "effective_share"] > info.at["EGDI: OSI", "stated_weight"]
    r = got.r("EGDI", "Composite")
    assert info.at["EGDI", "r2_composite"] == pytest.approx(r**2)


def test_audit_of_the_report_composite() -> None:
    result = u.rank_uncertainty(runs=20, bootstrap=0)
    editions = dict(zip(result.editions["component"], result.editions["year"], strict=True))
    got = audit.framework_audit(result.ranks.set_index("iso3")["score"], editions)
    assert got.n == len(result.ranks)
    assert got.fits["EGDI"] > 0.999 and got.fits["GTMI"] > 0.999  # published simple means
    # the sets of items as data (the chapter words them): the indices, each one's pillars,
    # all pillars
    sets = got.coherence
    assert sets["level"].tolist() == ["index", "pillar", "pillar", "pillar"]
    assert sets["index"].isna().tolist() == [True, False, False, True]
    assert sets["index"].iloc[1:3].tolist() == ["EGDI", "GTMI"]
    assert sets["k"].tolist() == [2, 3, 4, 7]
    assert list(got.overlap["a"]) == ["EGDI: OSI", "EGDI: OSI"]
    with pytest.raises(ValidationError, match="no pillars known"):
        audit.framework_audit(result.ranks.set_index("iso3")["score"], {"OECD DGI": 2023})


def test_edition_pairs_pair_each_gtmi_edition_with_the_nearest_egdi() -> None:
    frames, _year = u.report_frames()
    pairs = edition_pairs(frames)
    assert [pair_label(p) for p in pairs] == [
        "EGDI 2020 + GTMI 2020",
        "EGDI 2022 + GTMI 2022",
        "EGDI 2024 + GTMI 2025",
    ]
    ranks, fields = edition_ranks(frames)
    latest = u.rank_uncertainty(
        frames, runs=1, weight_range=0.0, normalisations=("minmax",), aggregations=("arithmetic",)
    )
    head = latest.ranks.set_index("iso3")["rank"].astype("int64")
    got = ranks.set_index("iso3")["EGDI 2024 + GTMI 2025"].dropna().astype("int64")
    pd.testing.assert_series_equal(got.sort_index(), head.sort_index(), check_names=False)
    assert list(fields["countries"])[-1] == len(latest.ranks)
