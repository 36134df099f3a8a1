"""Blocks and tables: the layouts the genre prints, each on a small text."""

from __future__ import annotations

from bidrag.agreements.reading.annexes import split_annexes
from bidrag.agreements.reading.layout import Layout
from bidrag.agreements.reading.source import read_text
from bidrag.agreements.reading.tables import read_table, split_titles


def blocks(text: str):  # type: ignore[no-untyped-def]
    return Layout(read_text(text)).blocks()


def only_table(text: str):  # type: ignore[no-untyped-def]
    tables = [b.table for b in blocks(text) if b.kind == "table"]
    assert len(tables) == 1
    assert tables[0] is not None
    return tables[0], read_table(tables[0])


def test_tab_separated_table() -> None:
    _, t = only_table(
        "Fördelning per region.\n\nRegion\tBelopp, kr\nRegion Stockholm\t14 486 584\n"
        "Region Uppsala\t2 378 035\nTotalt\t16 864 619\n"
    )
    assert (t.label_title, t.titles) == ("Region", ["Belopp, kr"])
    assert [(r.label, r.cells) for r in t.rows] == [
        ("Region Stockholm", ["14 486 584"]),
        ("Region Uppsala", ["2 378 035"]),
    ]
    assert t.total is not None and t.total.cells == ["16 864 619"]


def test_space_aligned_table_and_a_totals_row_that_runs_its_cells_together() -> None:
    _, t = only_table(
        "Region Befolkning  Andel av rikets befolkning Fördelade medel\n\n"
        "Region Stockholm          2 374 550  0,2301038047             49 472 318\n\n"
        "Region Gotland                59 636  0,0057789773              1 242 480\n\n"
        "Summa 2 434 186 0,2358827820 50 714 798\n"
    )
    assert t.titles == ["Befolkning", "Andel av rikets befolkning", "Fördelade medel"]
    assert t.rows[1].cells == ["59 636", "0,0057789773", "1 242 480"]
    # the totals row is printed without gaps; the column sums choose its reading
    assert t.total is not None and t.total.cells == ["2 434 186", "0,2358827820", "50 714 798"]


def test_a_totals_row_that_no_sum_settles_is_named_not_guessed() -> None:
    table = "Region  Befolkning  Belopp\nRegion Stockholm  100  1 000\nRegion Gotland  200  2 000\n"
    # "1 200 300" is 1 | 200 300 or 1 200 | 300; neither is the rows' 300 | 3 000
    _, ambiguous = only_table(table + "Summa 1 200 300\n")
    assert ambiguous.total is not None and ambiguous.total.cells == [None, None]
    assert any("summaraden" in message for _, message in ambiguous.problems)
    # one reading only: kept as printed, and verify reports the sum that does not add up
    _, printed = only_table(table + "Summa 3 000 3 000\n")
    assert printed.total is not None and printed.total.cells == ["3 000", "3 000"]


def test_title_after_its_table_names_the_annex() -> None:
    text = (
        "Län\tBelopp, kr\nStockholms län\t2 000\nUppsala län\t1 000\nSumma\t3 000\n"
        "Bilaga 3. Medel till kommunerna per län\n\n"
        "Medlen fördelas efter befolkningsandel.\n"
    )
    (part,) = split_annexes(blocks(text))
    assert (part.number, part.title) == (3, "Medel till kommunerna per län")
    assert [b.text for b in part.prose] == ["Medlen fördelas efter befolkningsandel."]


def test_recipient_entries_with_payees() -> None:
    (block,) = [
        b
        for b in blocks(
            "Norra samverkansregionen, 10 000 000 kronor\n"
            "• Mottagare: Norra sjukvårdsregionförbundet\n"
            "• Organisationsnummer: 222000-1651\n"
            "• Betalningsreferens:\n"
            "Region Skåne\n"
            "Ref: RSid 141935\n\n"
            "Södra samverkansregionen: 10 000 000 kronor\n"
            "– Mottagare: Region Skåne\n"
        )
        if b.kind == "entries"
    ]
    first, second = block.entries
    assert (first.name, first.amount) == ("Norra samverkansregionen", "10 000 000")
    assert [(k, v) for k, v, _ in first.attributes] == [
        ("Mottagare", "Norra sjukvårdsregionförbundet"),
        ("Organisationsnummer", "222000-1651"),
        ("Betalningsreferens", "Region Skåne / Ref: RSid 141935"),
    ]
    assert (
        first.text_blocks()[1]["items"][-1] == "Betalningsreferens:\nRegion Skåne\nRef: RSid 141935"
    )
    assert second.name == "Södra samverkansregionen"


def test_headings_paragraphs_and_lists() -> None:
    found = blocks(
        "Regeringens beslut\n\n"
        "Regeringen ger Kammarkollegiet i uppdrag att betala ut totalt 30 000 kronor enligt "
        "följande:\n\n"
        "• 20 000 kronor till regionerna.\n"
        "• 10 000 kronor till SKR.\n\n"
        "Ärendet\n\n"
        "Staten och SKR har ingått en överenskommelse.\n"
    )
    assert [b.kind for b in found] == ["heading", "paragraph", "items", "heading", "paragraph"]
    assert found[2].item_texts == ["20 000 kronor till regionerna.", "10 000 kronor till SKR."]


def test_column_titles_from_a_header_printed_without_gaps() -> None:
    source = read_text("Region Befolkning 1/11 - 2020 Vidare-\nutbildning Totalt\n")
    assert split_titles(source.lines) == [
        "Region",
        "Befolkning 1/11 - 2020",
        "Vidareutbildning",
        "Totalt",
    ]
