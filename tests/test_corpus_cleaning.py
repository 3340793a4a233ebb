"""The cleaner on the five real articles (what must stay, what must go) and on messy pages."""

from __future__ import annotations

import pytest
from corpus_support import corpus, text_of
from hypothesis import given, settings
from hypothesis import strategies as st

from smartresearch.corpus import clean_text, removal_report
from smartresearch.corpus.cleaning import KINDS, LINE_RULES, normalise

MUST_STAY = [
    # the 2025 comparison of the three national approaches, and its figures
    ("2025-oxfordshire-insights", "Denmark Governance-led Central coordination"),
    ("2025-oxfordshire-insights", "South Korea Tech-led National strategy"),
    ("2025-oxfordshire-insights", "United Kingdom Policy-led Strategy via GDS/DSIT"),
    ("2025-oxfordshire-insights", "43 critical-risk legacy systems"),
    ("2025-oxfordshire-insights", "28% of central government technology"),
    ("2025-oxfordshire-insights", "5.17 million citizens were subscribed"),
    ("2025-oxfordshire-insights", "created 24,000 jobs"),
    ("2025-oxfordshire-insights", "Shared Platforms"),
    ("2017-pse-shaping-the-smarter-state", "234% of GDP in 50 years"),
    ("2017-pse-shaping-the-smarter-state", "25 million users of Verify by 2020"),
    ("2017-pse-shaping-the-smarter-state", "a £350m fund"),
    ("2017-pse-shaping-the-smarter-state", "Shaping the Smarter State"),
    ("2021-techuk-call-for-blogs", "the legacy of COVID-19"),
    ("2021-techuk-call-for-blogs", "through to [email] no later than"),
    ("2022-techuk-event-round-up", "with 3827 vacancies across its DDaT"),
    ("2022-techuk-event-round-up", "only 4% of Civil Servants are digital"),
    ("2022-techuk-event-round-up", "7% of people in the UK have no form of photo ID"),
    ("2022-techuk-event-round-up", "• Theo Blackwell MBE, Chief Digital Officer"),
    ("2022-techuk-event-round-up", "Read highlighted that there is no single way"),
    ("2024-techuk-data-powered-smarter-state", "£7.4m AI Upskilling fund for SMEs"),
    ("2024-techuk-data-powered-smarter-state", "Building public trust"),
]

MUST_GO = [
    ("2025-oxfordshire-insights", "This website uses cookies"),
    ("2025-oxfordshire-insights", "Privacy Overview"),
    ("2025-oxfordshire-insights", "Share this post"),
    ("2025-oxfordshire-insights", "Skip to content"),
    ("2025-oxfordshire-insights", "September 26, 2025"),
    ("2017-pse-shaping-the-smarter-state", "There are no comments"),
    ("2017-pse-shaping-the-smarter-state", "Core Cities leaders press"),
    ("2017-pse-shaping-the-smarter-state", "23/02/2018"),
    ("2017-pse-shaping-the-smarter-state", "Subscribe button"),
    ("2017-pse-shaping-the-smarter-state", "the raven"),
    ("2017-pse-shaping-the-smarter-state", "The importance of openness after Grenfell"),
    ("2021-techuk-call-for-blogs", "Julia Ofori-Addo"),
    ("2021-techuk-call-for-blogs", "Programme Manager, Central Government, techUK"),
    ("2022-techuk-event-round-up", "Associate Director, Local Public Services, techUK"),
    ("2022-techuk-event-round-up", "Read more from Made Tech"),
    ("2024-techuk-data-powered-smarter-state", "Graduate Diploma in Law"),
    ("2024-techuk-data-powered-smarter-state", "two Bengal cats"),
    ("2024-techuk-data-powered-smarter-state", "Cyber Security SME Forum"),
    ("2024-techuk-data-powered-smarter-state", "020 7331 2015"),
    ("2024-techuk-data-powered-smarter-state", "linkedin.com"),
    ("2024-techuk-data-powered-smarter-state", "Read lessmore"),
    ("2024-techuk-data-powered-smarter-state", "Sign-up to get the latest updates"),
    ("2024-techuk-data-powered-smarter-state", "CEO, Modular Data"),
]


@pytest.mark.parametrize(("doc_id", "phrase"), MUST_STAY)
def test_article_content_stays(doc_id: str, phrase: str) -> None:
    assert phrase in text_of(doc_id)


@pytest.mark.parametrize(("doc_id", "phrase"), MUST_GO)
def test_page_furniture_goes(doc_id: str, phrase: str) -> None:
    assert phrase not in text_of(doc_id)


def test_no_placeholder_or_nbsp_survives() -> None:
    for text in corpus()["text"]:
        assert "\u00a0" not in text
        assert "protected]" not in text


def test_removal_report_names_each_kind_of_furniture_per_document() -> None:
    report = removal_report()
    assert not report.duplicated(["doc_id", "kind"]).any()
    assert set(report["kind"]) <= set(KINDS)
    kinds = report.groupby("doc_id")["kind"].agg(set)
    assert {"news_sidebar", "comment_prompt"} <= kinds["2017-pse-shaping-the-smarter-state"]
    assert {"staff_biography", "contact_card"} <= kinds["2024-techuk-data-powered-smarter-state"]
    assert "cookie_notice" in kinds["2025-oxfordshire-insights"]
    assert "contact_card" in kinds["2021-techuk-call-for-blogs"]
    # the per-kind characters add up to the per-document totals that load() reports
    totals = report.groupby("doc_id")["chars"].sum()
    docs = corpus().set_index("doc_id")
    assert totals.to_dict() == docs.loc[totals.index, "removed_chars"].to_dict()
    # biographies are most of what goes from the 2024 member blog
    bio = report.query(
        "doc_id == '2024-techuk-data-powered-smarter-state' and kind == 'staff_biography'"
    )
    assert bio["chars"].iloc[0] > 3000


MESSY_PAGE = """\
12 March 2026
by Jane Example

Why councils need shared platforms

Councils spend 40% of their IT budgets on upkeep, and the legacy estate keeps growing.
Read noted that councils still run 300 separate systems.

Panel speakers:
• Ada Lovelace, Chief Digital Officer, Example Council

Share this article
There are no comments. Why not be the first?
Add your comment

latest council news
Budget row deepens
01/03/2026Budget row deepens
Councillors argued about the budget for hours and ... more >
more videos >

Sam Person

Sam Person

Head of Local Government, Example Body

Sam joined Example Body in 2019 and holds a degree in history.
In her spare time she grows tomatoes.

Email:
[email\u00a0protected]
Phone:
020 7000 0000

Read lessmore

Sign-up to get the latest updates from our team.
We use cookies to give you the best experience. Accept all cookies.
Privacy Overview
"""


def test_messy_page_keeps_the_article_and_reports_every_kind() -> None:
    result = clean_text(MESSY_PAGE)
    assert result.text.splitlines() == [
        "Why councils need shared platforms",
        "",
        "Councils spend 40% of their IT budgets on upkeep, and the legacy estate keeps growing.",
        "Read noted that councils still run 300 separate systems.",
        "",
        "Panel speakers:",
        "• Ada Lovelace, Chief Digital Officer, Example Council",
    ]
    kinds = set(result.removed_by_kind())
    assert kinds == {
        "dateline",
        "byline",
        "share_buttons",
        "comment_prompt",
        "news_sidebar",
        "navigation",
        "contact_card",
        "staff_biography",
        "newsletter_signup",
        "cookie_notice",
    }
    assert result.nbsp_replaced == 1
    assert result.emails_replaced == 1
    assert result.removed_chars == sum(b.chars for b in result.removed)


def test_look_alikes_in_an_article_body_are_kept() -> None:
    body = (
        "The regulator consulted on cookies and browser consent rules for public websites.\n"
        "Shared Platforms\n"
        "Shared platforms let councils reuse one payment service.\n"
        "Read more widely, the evidence is mixed.\n"
        "Head of Digital, a new post, was created in 2019.\n"
        "Mobile: the next frontier for public services.\n"
        "Email:\n"
        "Departments still send letters when citizens ask for email.\n"
    )
    assert clean_text(body).text == body.strip()
    assert clean_text(body).removed == ()


@pytest.mark.parametrize("rule", LINE_RULES, ids=lambda r: f"{r.kind}:{r.name}")
def test_every_line_rule_is_documented_and_reports_a_known_kind(rule) -> None:
    assert rule.kind in KINDS
    assert rule.why
    assert not rule.matches("The government committed to 33% of spending with SMEs by 2022.")


def test_cleaning_is_idempotent_on_the_real_texts() -> None:
    for text in corpus()["text"]:
        again = clean_text(text)
        assert again.text == text
        assert again.removed == ()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_cleaner_only_deletes_lines(raw: str) -> None:
    result = clean_text(raw)
    normalised_lines = set(normalise(raw)[0].split("\n"))
    assert all(line in normalised_lines for line in result.text.split("\n") if line)
    assert "\u00a0" not in result.text
    assert all(block.chars >= 0 and block.kind in KINDS for block in result.removed)
