"""The two themes issue 10 found missing: COVID-19 (the 2021 call's subject) and digital
infrastructure and connectivity (the 2025 write-up's). Each must fire on the passages it was
written for and stay quiet on the look-alikes its exclusions name."""

from __future__ import annotations

import pytest
from corpus_support import corpus

from smartresearch.corpus import score_themes, theme_matches, themes_by_document


def _hits(text: str, theme: str) -> int:
    return int(score_themes(text).set_index("theme").loc[theme, "hits"])


@pytest.mark.parametrize(
    ("text", "theme", "hits"),
    [
        # the pandemic, however it is named
        ("The impact COVID-19 has had on public procurement.", "covid_pandemic", 1),
        ("Services moved online during the first lockdown and the pandemic.", "covid_pandemic", 2),
        ("Post-pandemic recovery plans and the Covid inquiry.", "covid_pandemic", 2),
        # look-alikes: security settings, a figure of speech, a company name
        ("Staff laptops run in lockdown mode under a device lockdown policy.", "covid_pandemic", 0),
        ("Councils face a pandemic of ransomware.", "covid_pandemic", 0),
        ("Covidien supplies the trust's monitors.", "covid_pandemic", 0),
        # the legacy of COVID-19 is the pandemic's, never legacy IT
        ("The conference explored the legacy of COVID-19.", "covid_pandemic", 1),
        ("The conference explored the legacy of COVID-19.", "legacy_it", 0),
        # connectivity, in its physical sense
        ("Rural broadband and full fibre reach 80% of homes.", "digital_infrastructure", 2),
        ("A digital twin for mobile coverage and the 5G railway.", "digital_infrastructure", 2),
        ("The smart city pilot used IoT sensors at bus stops.", "digital_infrastructure", 2),
        # look-alikes: data and AI infrastructure, API connectivity, moral fibre
        ("A national data infrastructure and AI infrastructure.", "digital_infrastructure", 0),
        ("Poor API connectivity between legacy systems.", "digital_infrastructure", 0),
        ("Leadership with moral fibre.", "digital_infrastructure", 0),
        ("G5 and 45G are not network generations.", "digital_infrastructure", 0),
    ],
)
def test_new_themes_fire_where_meant_and_not_on_look_alikes(
    text: str, theme: str, hits: int
) -> None:
    assert _hits(text, theme) == hits


def test_new_themes_peak_in_the_articles_they_were_written_for() -> None:
    scores = themes_by_document(corpus())
    hits = scores.pivot(index="doc_id", columns="theme", values="hits")
    covid = hits["covid_pandemic"]
    assert covid.idxmax() == "2021-techuk-call-for-blogs"
    # the call names COVID-19 in its framing and in one of its five day-themes
    assert covid["2021-techuk-call-for-blogs"] >= 3
    infra = hits["digital_infrastructure"]
    assert infra.idxmax() == "2025-oxfordshire-insights"
    assert infra["2025-oxfordshire-insights"] >= 5
    # the 2024 piece's "critical infrastructure" and "analytics infrastructure" are not connectivity
    assert infra["2024-techuk-data-powered-smarter-state"] == 0


def test_what_counted_is_shown_for_the_new_themes() -> None:
    text = "A member of our digital infrastructure team; a device lockdown; the pandemic."
    matches = theme_matches(text)
    infra = matches.query("theme == 'digital_infrastructure'")["match"].tolist()
    covid = matches.query("theme == 'covid_pandemic'")["match"].tolist()
    assert infra == ["digital infrastructure"]
    assert covid == ["pandemic"]


def test_both_new_themes_reach_chapter_ones_robustness_table() -> None:
    from smartresearch.corpus.theme_shifts import shift_robustness

    robust = shift_robustness(themes_by_document(corpus())).set_index("theme")
    # the 2021 call is early, the 2025 write-up late: COVID-19 falls and connectivity rises,
    # pooled over mentions and averaged per article alike
    assert robust.loc["covid_pandemic", "direction_mentions"] == "falling"
    assert robust.loc["covid_pandemic", "direction_articles"] == "falling"
    assert robust.loc["digital_infrastructure", "direction_mentions"] == "rising"
    assert robust.loc["digital_infrastructure", "survives"]
