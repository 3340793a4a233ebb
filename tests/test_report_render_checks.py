"""The checks the real-render test applies to the PDF, on constructed input: each catches
what it is for and passes clean text (so a passing render test means something)."""

from __future__ import annotations

from render_support import (
    Page,
    Word,
    crossref_problems,
    entity_problems,
    is_blank,
    layout_problems,
    parse_bbox_layout,
)

#: What ``pdftotext -bbox-layout`` writes (one page, two lines of two words).
BBOX = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body><doc>
  <page width="595.2756" height="841.8898"><flow><block xMin="1" yMin="1" xMax="2" yMax="2">
    <line xMin="85" yMin="100" xMax="200" yMax="112">
      <word xMin="85" yMin="100" xMax="120" yMax="112">Table</word>
      <word xMin="123" yMin="100" xMax="140" yMax="112">2.3:</word>
    </line>
    <line xMin="85" yMin="112" xMax="200" yMax="124">
      <word xMin="85" yMin="112.5" xMax="130" yMax="124.5">Skills</word>
      <word xMin="133" yMin="112.5" xMax="160" yMax="124.5">&amp;#x27;</word>
    </line>
  </block></flow></page>
</doc></body></html>"""


def page(*words: tuple[float, float, float, float, str]) -> Page:
    return Page(1, 595.0, 842.0, tuple(Word(*w) for w in words))


def test_pdftotext_word_boxes_are_read():
    [one] = parse_bbox_layout(BBOX)
    assert (one.width, one.height) == (595.2756, 841.8898)
    assert [w.text for w in one.words] == ["Table", "2.3:", "Skills", "&#x27;"]
    # adjacent lines whose boxes touch are not "printed over each other"
    assert layout_problems([one]) == []
    assert entity_problems([one]) == ["page 1: ['&#x27;']"]


def test_rows_piled_on_each_other_and_a_caption_under_the_page_number_are_caught():
    piled = page((85, 300, 140, 312, "legacy"), (86, 301, 150, 313, "systems"))
    under_number = page((290, 800, 302, 812, "42"), (280, 801, 330, 813, "computed"))
    clean = page((85, 300, 140, 312, "legacy"), (143, 300, 190, 312, "systems"))
    assert "page 1: 1 overlapping word pair(s): 'legacy'/'systems'" in layout_problems([piled])
    assert layout_problems([under_number]) != []
    assert layout_problems([clean]) == []


def test_text_off_the_page_is_caught():
    off = page((560, 300, 610, 312, "2022"), (85, 850, 120, 860, "footer"))
    assert layout_problems([off]) == ["page 1: text outside the page: ['2022', 'footer']"]


def test_raw_cross_references_are_caught_and_prose_is_not():
    raw = page((0, 0, 1, 1, "Figure"), (2, 0, 3, 1, "fig-approaches-bump"), (4, 0, 5, 1, "?@tbl-x"))
    prose = page((0, 0, 1, 1, "Figure"), (2, 0, 3, 1, "2.1"), (4, 0, 5, 1, "fine-grained"))
    url = page((0, 0, 1, 1, "https://example.org/fig-1.png"), (2, 0, 3, 1, "fig-x-data.csv"))
    # a data file's name broken at the end of a line, with a hyphen and with a soft hyphen
    broken = page((0, 0, 1, 1, "fig-approaches-"), (0, 2, 1, 3, "components.json"))
    soft = page((0, 0, 1, 1, "fig-approaches-compo\xad"), (0, 2, 1, 3, "nent-ranks.json"))
    end = page((0, 0, 1, 1, "see"), (2, 0, 3, 1, "fig-x."))
    assert crossref_problems([raw]) == ["page 1: ['?@', 'fig-approaches-bump', 'tbl-x']"]
    assert crossref_problems([prose]) == [] and crossref_problems([url]) == []
    assert crossref_problems([broken]) == [] and crossref_problems([soft]) == []
    assert crossref_problems([end]) == ["page 1: ['fig-x']"]


def test_a_page_with_only_a_header_and_number_is_blank():
    white = [[255] * 20 for _ in range(40)]
    header_only = [row[:] for row in white]
    header_only[1][5] = header_only[39][10] = 0  # running header, page number
    text = [row[:] for row in white]
    text[20][5] = 40
    assert is_blank(white) and is_blank(header_only)
    assert not is_blank(text)
