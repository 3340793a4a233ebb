"""The house table as Quarto carries it into the Typst PDF: what its HTML must not contain.

Quarto converts a great_tables table's HTML into a Typst table and keeps character
references in the text as they are ("The UK&#x27;s" in print), and carries the CSS font
list over (a generic "sans-serif" is unknown to Typst: a warning per table). The HTML is
checked here, without Quarto; the real render checks the PDF.
"""

from __future__ import annotations

import re

import pandas as pd

from smartresearch.tables import FONT, table

ENTITY = re.compile(r"&(?:#x?[0-9a-fA-F]+|[a-z]+);")


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Peers' median": ['the UK\'s "all" commitment', None],
            "Source": ["https://example.org/a?b=1&c=2", "https://example.org/d"],
            "Score": [0.5, 1.25],
        }
    )


def test_quotes_and_apostrophes_are_written_as_themselves():
    html = table(frame(), note="the UK's data", title="Peers' view").as_raw_html()
    assert 'the UK\'s "all" commitment' in html and "Peers' median" in html
    assert "the UK's data" in html and "Peers' view" in html
    assert "&#x27;" not in html and "&quot;" not in html


def test_markup_in_text_is_still_escaped():
    html = table(pd.DataFrame({"Text": ["a <b>bold</b> & claim"]})).as_raw_html()
    assert "a &lt;b&gt;bold&lt;/b&gt; &amp; claim" in html and "<b>bold</b>" not in html


def test_missing_text_shows_the_missing_mark_not_none():
    html = table(frame()).as_raw_html()
    assert "None" not in html and "—" in html


def test_one_font_family_and_no_generic_one():
    html = table(frame()).as_raw_html()
    families = set(re.findall(r"font-family:\s*([^;]+);", html))
    assert families == {f"'{FONT}'"}


def test_a_wide_table_scrolls_rather_than_clips():
    html = table(frame()).as_raw_html()
    assert "overflow-x:auto" in html.replace(" ", "")
    assert "overflow-x:hidden;overflow-y:hidden" not in html.replace(" ", "")
