"""Whom the articles credit for their figures: counts, the chapter's tables and the chart.

Built frames carry the messes a hand-typed table has (a stray space in "unattributed ",
an ISO3 subject beside an organisation); the real claims must add up whatever the numbers.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from corpus_support import corpus  # noqa: E402

from smartresearch import plots  # noqa: E402
from smartresearch.chapters import conversation  # noqa: E402
from smartresearch.corpus import attribution, load_claims, score_extraction  # noqa: E402
from smartresearch.errors import ValidationError  # noqa: E402
from smartresearch.plots.attribution import attribution_alt_text  # noqa: E402


@pytest.fixture(scope="module")
def documents() -> pd.DataFrame:
    return corpus()


def _claims() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": ["C001", "C002", "C003", "C004"],
            "doc_id": ["d2", "d1", "d1", "d2"],
            "value": [25e6, 33.0, 7.4e6, 2.0],
            "unit": ["users", "%", "GBP", "times"],
            "kind": ["count", "percentage", "money", "multiple"],
            "measure": ["m1", "m2", "m3", "m4"],
            "subject": ["GBR", "GBR", "techUK", "DNK"],
            "attributed_source": ["NAO", " Unattributed ", "unattributed", "Netcompany"],
        }
    )


def _docs() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["d1", "d2"], "event_year": [2017, 2025], "kind": ["a", "b"]})


def test_claim_attribution_by_subject_names_countries_and_reads_messy_labels() -> None:
    counts = attribution.claim_attribution(_claims(), "subject").set_index("subject")
    assert counts.loc["United Kingdom", ["claims", "attributed", "unattributed"]].tolist() == [
        2,
        1,
        1,
    ]
    assert counts.loc["Denmark", "share_attributed"] == 1.0
    assert counts.loc["techUK", "unattributed"] == 1


def test_claim_attribution_by_year_needs_the_documents() -> None:
    counts = attribution.claim_attribution(_claims(), "event_year", documents=_docs())
    assert counts["event_year"].tolist() == [2017, 2025]
    assert counts["unattributed"].tolist() == [2, 0]
    with pytest.raises(ValueError, match="documents="):
        attribution.claim_attribution(_claims(), "event_year")
    with pytest.raises(ValidationError, match="d2"):
        attribution.claim_attribution(_claims(), "event_year", documents=_docs().iloc[:1])
    with pytest.raises(ValidationError, match="'topic' is not a column"):
        attribution.claim_attribution(_claims(), "topic")


def test_claim_attribution_on_the_record(documents: pd.DataFrame) -> None:
    claims = load_claims()
    for by in ("subject", "kind", "doc_id", "event_year"):
        counts = attribution.claim_attribution(claims, by, documents=documents)
        assert counts["claims"].sum() == len(claims)
        assert (counts["attributed"] + counts["unattributed"] == counts["claims"]).all()
    by_year = attribution.claim_attribution(claims, "event_year", documents=documents)
    alt = attribution_alt_text(by_year, "event_year", "year")
    unattributed = int((claims["attributed_source"] == attribution.UNATTRIBUTED).sum())
    assert f"the {len(claims)} figures" in alt
    assert f"{unattributed} unattributed" in alt


def test_claims_table_orders_by_year_and_formats_figures() -> None:
    table = conversation.claims_table(_claims(), _docs())
    assert table["Year"].tolist() == [2017, 2017, 2025, 2025]
    assert table["Figure"].tolist() == ["33%", "£7.4 million", "25 million users", "2 times"]
    assert table["About"].tolist() == ["United Kingdom", "techUK", "United Kingdom", "Denmark"]
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['measure'\]"):
        conversation.claims_table(_claims().drop(columns="measure"), _docs())


def test_extraction_table_names_documents_by_year(documents: pd.DataFrame) -> None:
    scores = score_extraction(documents)
    table = conversation.extraction_table(scores, documents)
    assert table["Document"].iloc[-1] == "All documents"
    assert table["Document"].iloc[:-1].str.match(r"\d{4} ").all()
    assert table["Matched"].iloc[-1] == table["Matched"].iloc[:-1].sum()
    with pytest.raises(ValidationError, match="elsewhere"):
        conversation.extraction_table(
            pd.concat([scores, scores.iloc[:1].assign(doc_id="elsewhere")]), documents
        )


def test_attribution_table_and_chart() -> None:
    counts = attribution.claim_attribution(_claims(), "event_year", documents=_docs())
    table = conversation.attribution_table(counts, "event_year", "Year")
    assert table.columns.tolist()[0] == "Year"
    assert table["% credited"].tolist() == [0, 100]
    with plots.style_context():
        ax = plots.plot_claim_attribution(counts, "event_year", what="year")
    try:
        assert [t.get_text() for t in ax.get_yticklabels()] == ["2017", "2025"]
        widths = [patch.get_width() for patch in ax.patches]
        assert widths == [0, 2, 2, 0]  # credited bars first, then unattributed
        alt = plots.alt_text(ax)
        assert alt.startswith("Stacked bar chart of the 4 figures quoted in the corpus by year")
        assert "(2 of 2) are in 2017" in alt
    finally:
        plt.close(ax.figure)
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['unattributed'\]"):
        plots.plot_claim_attribution(counts.drop(columns="unattributed"), "event_year", what="year")
