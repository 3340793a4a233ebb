"""The PDF-reading helpers (tests/pdf_support.py) on PDFs Typst compiles from tiny documents:
one page of each fault the report's PDF had, next to a clean page that must not be flagged."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdf_support as pdf
import pytest

pytestmark = [
    pytest.mark.skipif(not pdf.have_tools(), reason=f"needs poppler's {', '.join(pdf.TOOLS)}"),
    pytest.mark.skipif(not shutil.which("quarto"), reason="needs quarto (quarto typst compile)"),
]

#: Page 1 clean; page 2 blank; page 3 an entity, overprinted words and a raw reference;
#: page 4 a word running off the right edge.
SOURCE = r"""
#set page(paper: "a5", margin: 1cm, footer: context align(center, counter(page).display()))
#v(4cm)
The United Kingdom's pledges, as chapter 4 reads them (Figure 4.1).
#pagebreak()
#pagebreak()
The UK&\#x27;s record, see ?\@fig-pledges and tbl-verdicts.
#place(top + left, dx: 0.5cm, dy: 3cm)[Overlapping words here]
#place(top + left, dx: 0.7cm, dy: 3.05cm)[Printed twice]
#pagebreak()
#place(top + left, dx: 13.6cm, dy: 6cm)[Outside]
"""


@pytest.fixture(scope="module")
def faults(tmp_path_factory) -> Path:
    return compile_typst(tmp_path_factory.mktemp("pdf"), "faults", SOURCE)


def test_pages_and_text(faults):
    assert pdf.page_count(faults) == 4
    texts = pdf.page_texts(faults)
    assert len(texts) == 4 and "United Kingdom" in texts[0] and texts[1].strip() == "2"


def test_entities_are_found_with_their_page(faults):
    assert pdf.html_entities(faults) == [(3, "&#x27;")]


def test_blank_pages(faults):
    """Page 2 carries only its page number in the footer: blank all the same."""
    assert "2" in pdf.page_texts(faults)[1]
    assert pdf.blank_pages(faults) == [2]


def test_overprinted_words_are_found_and_neighbours_are_not(faults):
    found = pdf.overlapping_words(faults)
    assert found and {page for page, _, _ in found} == {3}
    assert "Printed" in {a for _, a, _ in found} | {b for _, _, b in found}


def test_words_off_the_page(faults):
    # pdftotext keeps the word's box but only the letters inside the page
    assert [(page, word[:1]) for page, word in pdf.words_off_page(faults)] == [(4, "O")]


def test_unresolved_references_but_not_resolved_ones(faults):
    assert pdf.unresolved_references(faults) == [(3, "?@fig-pledges"), (3, "tbl-verdicts")]


def test_word_overlap_is_a_share_of_the_smaller_box():
    a = pdf.Word(1, "a", 0, 0, 10, 10)
    assert a.overlap(pdf.Word(1, "b", 10, 0, 20, 10)) == 0.0  # touching
    assert a.overlap(pdf.Word(1, "c", 5, 0, 15, 10)) == pytest.approx(0.5)
    assert a.overlap(pdf.Word(1, "d", 2, 2, 4, 4)) == pytest.approx(1.0)


def test_a_pgm_that_is_not_8_bit_is_refused():
    with pytest.raises(ValueError, match="8-bit binary PGM"):
        pdf._grey_image(b"P5 2 2 65535\n\x00\x00")


def test_all_problems_at_once_keyed_by_check(faults, tmp_path):
    problems = pdf.pdf_problems(faults)
    assert set(problems) == {
        "html entities",
        "overlapping words",
        "words off the page",
        "blank pages",
        "unresolved references",
    }
    assert problems["blank pages"] == [2]
    clean = "#v(2cm)\nA clean page with Figure 4.1 on it.\n"  # below the header band
    assert pdf.pdf_problems(compile_typst(tmp_path, "clean", clean)) == {}


def test_title_page_facts(faults):
    facts = {"version": "Kingdom", "date": "7 December 2026"}
    assert pdf.title_page_problems(faults, facts) == [
        "the title page does not give the date ('7 December 2026')"
    ]


def test_the_print_header_breaks_long_addresses_in_a_long_table(tmp_path):
    """The report's own print rules (report/print/header.typ) on a six-column table of 40
    rows whose cells are bare web addresses up to 180 characters long, as chapter 4's
    sources table is. A rule that wrapped every character in its own show rule exceeded
    Typst's grouping depth and stopped the whole book; a rule returning the link it matched
    recursed until killed. The table must compile and its addresses break inside the page."""
    header = print_header()
    address = "https://www.example.org/" + "/".join(["a-long-path-segment"] * 8) + "?open=1"
    cells = ", ".join(
        f'[P{row:02d}], [target], [], [Publisher], [Title], link("{address}")' for row in range(40)
    )
    source = f"{header}\n#table(columns: 6, {cells})\n"
    compile_typst(tmp_path, "table", source)
    problems = pdf.pdf_problems(tmp_path / "table.pdf")
    assert problems.get("words off the page", []) == []


def test_the_print_header_keeps_a_table_caption_with_its_table(tmp_path):
    """A captioned table that starts near the foot of a page (chapter 4's Table 4.2): with
    the report's print rules its caption must never end a page alone, above nothing. The
    table is tried at offsets a few millimetres apart down the page, one per page."""
    header = print_header()
    offsets = [14.0 + step * 0.25 for step in range(16)]
    parts = []
    for k, offset in enumerate(offsets):
        rows = ", ".join(f"[R{k}x{row:02d}], [a target]" for row in range(8))
        parts.append(
            f"#pagebreak(weak: true)\n#v({offset}cm)\n"
            '#figure(kind: "quarto-float-tbl", supplement: "Table", '
            f"caption: figure.caption(position: top, [Caption{k}x]), "
            f"table(columns: 2, {rows}))\n"
        )
    source = f'{header}\n#set page(paper: "a5")\n' + "".join(parts)
    compile_typst(tmp_path, "caption", source)
    text = subprocess.run(
        ["pdftotext", "caption.pdf", "-"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    orphans = [
        offsets[k]
        for page in text.split("\f")
        for k in range(len(offsets))
        if f"Caption{k}x" in page and f"R{k}x00" not in page
    ]
    assert orphans == [], f"captions printed without their table at offsets {orphans}"


def test_the_print_header_never_hyphenates_a_file_name_in_a_link(tmp_path):
    """'Data behind this figure' lines link file names; hyphenating one at a line end added a
    hyphen that is not in the name ("fig-approaches-compo-nent-ranks.json"). Across a narrow
    page, at many positions in the line, every name must read back whole once the line breaks
    are joined."""
    header = print_header()
    name = "fig-approaches-component-ranks.json"
    lines = [
        f'#par[{"Data behind this figure " * (1 + k % 4)}{"w" * k}: #link("data/{name}")[{name}].]'
        for k in range(12)
    ]
    book = '#set page(width: 9cm, height: auto)\n#set par(justify: true)\n#set text(lang: "en")\n'
    source = f"{header}\n{book}" + "\n".join(lines) + "\n"
    compile_typst(tmp_path, "links", source)
    text = subprocess.run(
        ["pdftotext", "-layout", "links.pdf", "-"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    joined = "".join(line.strip() for line in text.splitlines())
    assert joined.count(name) == len(lines), text


def test_the_print_header_keeps_a_tall_key_figure_clear_of_the_page_number(tmp_path):
    """The home page shows chapter figures again through ``key-figure``; a tall chart (the
    pledge trackers' small multiples) filled the page and its caption printed under the page
    number (page 7). The image must be capped as the chapter's figure is."""
    header = print_header()
    (tmp_path / "tall.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="1200">'
        '<rect width="300" height="1200" fill="#4a7"/></svg>',
        encoding="utf-8",
    )
    source = (
        f"{header}\n"
        '#set page(paper: "a4", footer: context align(center, counter(page).display()))\n'
        "#key-figure(<fig-tall>)\n#pagebreak()\n"
        '#figure(image("tall.svg"), kind: "quarto-float-fig", supplement: "Figure", '
        "caption: [Pledges with a numeric target and comparable readings: target against the "
        "observed values, with the computed verdict, one panel per pledge]) <fig-tall>\n"
    )
    compile_typst(tmp_path, "key", source)
    assert pdf.overlapping_words(tmp_path / "key.pdf") == []
    assert pdf.words_off_page(tmp_path / "key.pdf") == []


def test_the_print_header_never_splits_a_table_row_across_pages(tmp_path):
    """A row of six lines in one cell, at offsets down the page: a row split at the page end
    left "presented by the" on one page and the rest of the cell on the next (Table 1.9,
    page 15). With the print rules each row's first and last line share a page."""
    header = print_header()
    offsets = [10.0 + step * 0.4 for step in range(12)]
    lines = " #linebreak() ".join(["UK government estimate, presented by the"] * 5)
    parts = [
        f"#pagebreak(weak: true)\n#v({offset}cm)\n#table(columns: 2, "
        + ", ".join(f"[C{k}x{row}], [Start{k}x{row} {lines} End{k}x{row}]" for row in range(3))
        + ")\n"
        for k, offset in enumerate(offsets)
    ]
    source = f'{header}\n#set page(paper: "a5")\n' + "".join(parts)
    compile_typst(tmp_path, "rows", source)
    split = [
        (k, row)
        for page in pdf.page_texts(tmp_path / "rows.pdf")
        for k in range(len(offsets))
        for row in range(3)
        if (f"Start{k}x{row}" in page) != (f"End{k}x{row}" in page)
    ]
    assert split == [], f"rows split across pages: {split}"


def print_header() -> str:
    """The report's own Typst print rules (report/print/header.typ)."""
    return (Path(__file__).resolve().parents[1] / "report/print/header.typ").read_text("utf-8")


def compile_typst(folder: Path, name: str, source: str) -> Path:
    """Compile ``source`` with Quarto's Typst into ``folder/name.pdf``; fail with Typst's
    message when it does not compile."""
    (folder / f"{name}.typ").write_text(source, encoding="utf-8")
    done = subprocess.run(
        ["quarto", "typst", "compile", f"{name}.typ", f"{name}.pdf"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return folder / f"{name}.pdf"


def _compile_with_header(tmp_path: Path, name: str, body: str) -> Path:
    source = f'{print_header()}\n#set page(paper: "a4", margin: 3cm)\n{body}'
    return compile_typst(tmp_path, name, source)


def _wide_figure(rows: int, k: str) -> str:
    """A captioned nine-column table like Table 2.2: its longest words need about 440 pt with
    the usual padding, more than a portrait A4 text width (425 pt), less with half of it:
    each column's longest word ("Compon07") is 40.8 pt wide in 7.5 pt DejaVu Sans."""
    head = ", ".join(f"[Rank {c}]" for c in range(9))
    cells = ", ".join(f"[Compon{r % 10}{c}]" for r in range(rows) for c in range(9))
    return (
        '#figure(kind: "quarto-float-tbl", supplement: "Table", '
        f"caption: figure.caption(position: top, [Caption{k}]), "
        f"table(columns: 9, table.header({head}), {cells}))\n"
    )


def test_the_print_header_keeps_a_short_wide_table_on_a_portrait_page(tmp_path):
    """Table 2.2 (nine columns, three rows) missed the portrait width by 24 pt and went to a
    landscape page of its own, after a page left mostly blank. A short table that fits with
    tighter padding stays portrait and inside the page; a long one still turns landscape."""
    short = _compile_with_header(tmp_path, "short", "Before.\n" + _wide_figure(3, "s"))
    [page] = pdf.pages(short)
    assert page.width < page.height, "the short table went to a landscape page"
    assert "Captions" in {w.text for w in page.words}
    assert pdf.words_off_page(short) == [] and pdf.overlapping_words(short) == []
    margin = 3 * 72 / 2.54
    assert max(w.x1 for w in page.words) <= page.width - margin + 1
    long = _compile_with_header(tmp_path, "long", "Before.\n" + _wide_figure(40, "l"))
    assert any(p.width > p.height for p in pdf.pages(long)), "a long wide table stays landscape"


def test_the_print_header_sets_a_table_heading_on_two_lines_at_most(tmp_path):
    """Table 3.3 as Quarto writes it (eight columns in 9.75 pt DejaVu Sans): its columns'
    longest words alone took 431 pt of the 425 pt width, so "Gap (% of field)" got one word a
    line. With half the padding between columns the heading takes two lines, and no word
    leaves its cell."""
    heads = ["Pair", "Country", "Rank on A", "Rank on B", "Countries in both"]
    heads += ["Gap (places)", "Gap (% of field)", "Ranked higher by"]
    rows = [
        ("EGDI vs OECD DGI", "Colombia", 38, 7, 38, 31, 84, "OECD DGI"),
        ("EGDI vs GTMI", "Liechtenstein", 25, 150, 193, 125, 65, "EGDI"),
        ("OECD DGI vs EU benchmark", "Luxembourg", 16, 2, 24, 14, 61, "EU benchmark"),
    ]
    cells = ", ".join(f"[{cell}]" for row in rows * 4 for cell in row)
    header = ", ".join(f"[{h}]" for h in heads)
    body = (
        '#{set text(font: ("DejaVu Sans",), size: 9.75pt); '
        f"table(columns: 8, table.header({header}), table.hline(), {cells})}}\n"
    )
    heads_pdf = _compile_with_header(tmp_path, "heads", body)
    [page] = pdf.pages(heads_pdf)
    heading = [w for w in page.words if w.text in {"(%", "of", "field)"}]
    assert len(heading) == 3
    left = min(h.x0 for h in heading) - 40  # its "Gap", not the one of "Gap (places)"
    gap = [w for w in page.words if w.text == "Gap" and w.x0 >= left]
    lines = {round(w.y0) for w in heading + gap}
    assert len(lines) <= 2, f"the heading takes {len(lines)} lines"
    assert pdf.overlapping_words(heads_pdf) == [] and pdf.words_off_page(heads_pdf) == []


def test_the_print_header_starts_the_first_appendix_on_the_divider_page(tmp_path):
    """The orange-book filter writes an unnumbered chapter heading "Appendices" before the
    first appendix, and the template breaks the page before every chapter heading: the
    divider stood alone on a page (page 82). Here a stand-in for the template's heading rule
    does the same; the divider must share its page with the first appendix and every other
    chapter still start a page."""
    body = (
        '#show heading.where(level: 1): it => { pagebreak(to: "odd"); block(it) }\n'
        "= Chapter one\nText of one.\n"
        "#heading(level: 1, numbering: none)[Appendices]\n"
        "= Methods\nText of the methods.\n= Bibliography\nText of the bibliography.\n"
    )
    texts = pdf.page_texts(_compile_with_header(tmp_path, "appendix", body))
    starts = {
        name: k
        for k, page in enumerate(texts)
        for name in ("Chapter one", "Appendices", "Methods", "Bibliography")
        if name in page
    }
    assert starts["Appendices"] == starts["Methods"] == starts["Chapter one"] + 1, texts
    assert starts["Bibliography"] == starts["Methods"] + 1, texts
    assert pdf.blank_pages(tmp_path / "appendix.pdf") == []
