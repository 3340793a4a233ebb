"""The house table renders data the way a reader needs it, in HTML (and so in Jupyter)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from smartresearch.tables import MISSING, table


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Country": ["Denmark", "South <script>alert(1)</script>Korea"],
            "Documents": [13.0, None],  # counts with a gap: float in pandas
            "EGDI": [0.98765, 12345.6],
            "Focus": [True, False],
            "Source": ["https://publicadministration.un.org/egovkb", None],
            "Population": [5_961_249, 51_712_619],
        }
    )


def cells(gt) -> tuple[list[str], list[list[str]], BeautifulSoup]:
    soup = BeautifulSoup(gt.as_raw_html(), "html.parser")
    heads = [th.get_text(strip=True) for th in soup.select("thead th")]
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in soup.select("tbody tr")]
    return heads, rows, soup


def test_values_are_formatted_for_reading(frame):
    heads, rows, soup = cells(table(frame))
    assert heads == list(frame.columns)  # no index column, one header row
    assert len(soup.select("thead tr")) == 1
    assert rows[0] == [
        "Denmark",
        "13",
        "0.99",
        "Yes",
        "https://publicadministration.un.org/egovkb",
        "5,961,249",
    ]
    assert rows[1][1] == MISSING and rows[1][4] == MISSING and rows[1][3] == "No"
    assert rows[1][2] == "12,345.60"
    link = soup.select_one("tbody a")
    assert link["href"] == "https://publicadministration.un.org/egovkb"


def test_text_left_numbers_right_and_widths_sum_to_the_table(frame):
    _, _, soup = cells(table(frame))
    first = soup.select("tbody tr")[0].select("td")
    assert "gt_left" in first[0]["class"] and "gt_right" in first[5]["class"]
    widths = [float(re.search(r"width:([\d.]+)%", c["style"]).group(1)) for c in soup.select("col")]
    assert len(widths) == len(frame.columns)
    assert sum(widths) == pytest.approx(100, abs=0.5)


def test_text_from_data_is_escaped(frame):
    html = table(frame).as_raw_html()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_a_meaningful_index_becomes_the_first_column_and_output_is_deterministic(frame):
    gt = table(frame.set_index("Country"), decimals={"EGDI": 3}, labels={"EGDI": "UN EGDI"})
    heads, rows, _ = cells(gt)
    assert heads[0] == "Country" and "UN EGDI" in heads
    assert rows[0][2] == "0.988"
    assert (
        gt.as_raw_html()
        == table(
            frame.set_index("Country"), decimals={"EGDI": 3}, labels={"EGDI": "UN EGDI"}
        ).as_raw_html()
    )
    assert "<table" in gt._repr_html_()


def test_unknown_columns_and_wrong_input_are_named(frame):
    with pytest.raises(ValueError, match="Populaton"):
        table(frame, labels={"Populaton": "People"})
    with pytest.raises(TypeError, match="DataFrame"):
        table(frame["Country"])


def test_year_columns_print_without_thousands_separators() -> None:
    import pandas as pd

    from smartresearch.tables import table

    html = table(pd.DataFrame({"Edition": [2022, 2024], "Countries": [1193, 35]}))._repr_html_()
    assert ">2022<" in html and ">2,022<" not in html
    assert ">1,193<" in html  # a count keeps its separator


def test_a_note_is_shown_under_the_table_as_plain_text(frame):
    html = table(frame, note="As of 31 March 2025 <b>(newest reading)</b>").as_raw_html()
    soup = BeautifulSoup(html, "html.parser")
    notes = [n.get_text(strip=True) for n in soup.select("tfoot .gt_sourcenote")]
    assert notes == ["As of 31 March 2025 <b>(newest reading)</b>"]
    assert "<b>(newest" not in html  # escaped: a note from data cannot inject markup
    plain = BeautifulSoup(table(frame).as_raw_html(), "html.parser")
    assert plain.select("tfoot .gt_sourcenote") == []


def test_long_addresses_wrap_instead_of_squeezing_the_other_columns():
    long_url = "https://www.example.org/" + "a-very-long-article-slug-" * 4
    frame = pd.DataFrame({"ID": ["P01", "P02"], "Role": ["target", "assessed observation"]})
    frame["URL"] = [long_url, long_url + "2"]
    gt = table(frame)
    soup = BeautifulSoup(gt.as_raw_html(), "html.parser")
    widths = [float(re.search(r"width:([\d.]+)%", c["style"]).group(1)) for c in soup.select("col")]
    assert widths[2] < 60  # the address does not take the table
    assert widths[1] > 25  # "observation" keeps room for the whole word
    url_cell = soup.select("tbody tr")[0].select("td")[2]
    assert "break-all" in url_cell.get("style", "")
    assert url_cell.select_one("a")["href"] == long_url
    # fmt_url's white-space:pre span would keep the address on one line: undone, scoped
    assert re.search(r'td\[style\*="break-all"\] a \{ white-space: normal !important', str(soup))


def test_a_measure_given_decimals_keeps_them_even_when_every_value_is_whole():
    """Chapter 1's extraction scores: a precision of 1.0 printed "1" beside "0.981"."""
    scores = pd.DataFrame({"Kind": ["date", "rank"], "Precision": [1.0, 1.0], "Recall": [1.0, 0.5]})
    _, rows, _ = cells(table(scores, decimals={"Precision": 3, "Recall": 3}))
    assert rows == [["date", "1.000", "1.000"], ["rank", "1.000", "0.500"]]
    # without a decimals entry, a whole float column is still a count
    _, rows, _ = cells(table(scores[["Kind", "Precision"]]))
    assert rows[0] == ["date", "1"]


def test_numbers_formatted_as_text_are_aligned_as_numbers():
    """Chapters 2 and 6 pass gaps as signed text ("+0.039"): right-aligned, kept as given."""
    frame = pd.DataFrame(
        {"Country": ["Kenya", "Uganda"], "Gap": ["+0.039", "\u22120.120"], "Rank": ["3 of 13", "—"]}
    )
    _, rows, soup = cells(table(frame))
    assert rows[0] == ["Kenya", "+0.039", "3 of 13"]
    aligned = {
        td.get_text(strip=True): td.get("style", "") + " ".join(td.get("class", []))
        for td in soup.select("tbody td")
    }
    assert "right" in aligned["+0.039"] and "right" in aligned["\u22120.120"]
    assert "left" in aligned["3 of 13"] and "left" in aligned["Kenya"]
