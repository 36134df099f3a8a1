"""Sentence patterns of payment decisions, one recogniser at a time."""

from __future__ import annotations

import datetime as dt

import pytest

from bidrag.agreements.reading import recognisers as rc


@pytest.mark.parametrize(
    ("sentence", "amount", "group", "mode"),
    [
        (
            "3 000 000 kronor ska betalas ut engångsvis efter rekvisition av SKR senast den "
            "1 december 2023 för insatser för att förbättra antibiotikaanvändningen.",
            3_000_000,
            "skr",
            "with_requisition",
        ),
        (
            "215 000 000 kronor utbetalas engångsvis utan rekvisition till regionerna under "
            "perioden 15 februari till 15 mars 2021.",
            215_000_000,
            "regions",
            "without_requisition",
        ),
        (
            "SKR får i enlighet med vad som anges i överenskommelsen rekvirera 15 000 000 från "
            "Kammarkollegiet för att koordinera arbetet.",
            15_000_000,
            "skr",
            "with_requisition",
        ),
        (
            "120 000 000 kronor utbetalas engångsvis utan rekvisition till kommunerna via de "
            "regionala samverkans- och stödstrukturerna (RSS) under perioden 1–15 mars 2024.",
            120_000_000,
            "municipalities_via_rss",
            "without_requisition",
        ),
        (
            "60 000 000 kronor ska utbetalas efter rekvisition av samverkansregionerna senast den "
            "1 december 2023 för att ta fram vårdförlopp inom regionernas gemensamma system.",
            60_000_000,
            "collaboration_regions",
            "with_requisition",
        ),
        (
            "15 000 000 kronor utbetalas efter rekvisition till Sveriges Kommuner och Regioner.",
            15_000_000,
            "skr",
            "with_requisition",
        ),
        (
            "100 miljoner kronor utbetalas till regionerna för vidare utbetalning till SKR.",
            100_000_000,
            "regions_for_onward_payment_to_skr",
            None,
        ),
    ],
)
def test_payment_line(sentence: str, amount: int, group: str, mode: str | None) -> None:
    facts = rc.payment_line(sentence)
    assert facts is not None
    assert (facts.amount, facts.group, facts.mode) == (amount, group, mode)


def test_line_deadline_window_purpose_and_annex() -> None:
    facts = rc.payment_line(
        "3 000 000 kronor ska betalas ut engångsvis efter rekvisition av SKR senast den "
        "1 december 2023 för insatser för att förbättra antibiotikaanvändningen."
    )
    assert facts is not None
    assert facts.requisition_deadline == dt.date(2023, 12, 1)
    assert facts.purpose == "Insatser för att förbättra antibiotikaanvändningen."
    window = rc.payment_line(
        "60 000 000 kronor utbetalas engångsvis utan rekvisition under perioden 15 februari till "
        "15 mars 2021, enligt vad som anges i bilaga 2, till samverkansregionerna för att ta fram "
        "nya vårdförlopp."
    )
    assert window is not None and window.window is not None
    assert window.window[:2] == (dt.date(2021, 2, 15), dt.date(2021, 3, 15))
    assert window.group == "collaboration_regions" and window.annexes == [2]


def test_a_following_sentence_adds_to_its_line() -> None:
    facts = rc.payment_line("SKR får rekvirera 15 000 000 från Kammarkollegiet.")
    assert facts is not None and facts.requisition_deadline is None
    for sentence in (
        "Medlen utbetalas engångsvis efter rekvisition till Kammarkollegiet.",
        "Rekvisition ska lämnas senast den 1 december 2021.",
    ):
        assert rc.continues_line(sentence)
        rc.continue_line(facts, sentence)
    assert facts.requisition_deadline == dt.date(2021, 12, 1)
    assert not rc.continues_line(
        "Medel som inte har förbrukats ska återbetalas senast den 31 mars 2022."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Regeringen uppdrar åt Kammarkollegiet att utbetala totalt 290 000 000 kronor.",
        "Av dessa betalas 103 500 000 kronor ut till SKR, 62 500 000 kronor till regionerna.",
        "Överenskommelsen omfattar totalt 290 000 000 kronor.",
        "Medlen utbetalas från det under utgiftsområde 9 Hälsovård uppförda anslaget 1:6 Bidrag, "
        "anslagsposten 40 Jämlik sjukvård.",
    ],
)
def test_totals_and_conditions_are_not_lines(sentence: str) -> None:
    assert rc.payment_line(sentence) is None


def test_appropriation_per_line() -> None:
    facts = rc.appropriation(
        "Utgifterna ska redovisas mot det inom utgiftsområde 9 Hälsovård, sjukvård och social "
        "omsorg uppförda anslaget 1:6 Bidrag till folkhälsa och sjukvård, anslagspost 29 Ordnat "
        "införande och strukturerad uppföljning."
    )
    assert facts is not None
    (item,) = facts.items
    assert (item.expenditure_area, item.expenditure_area_name) == (
        9,
        "Hälsovård, sjukvård och social omsorg",
    )
    assert (item.appropriation, item.appropriation_name) == (
        "1:6",
        "Bidrag till folkhälsa och sjukvård",
    )
    assert (item.item, item.item_name) == (29, "Ordnat införande och strukturerad uppföljning")


def test_appropriation_with_budget_year_and_in_another_order() -> None:
    first = rc.appropriation(
        "Medlen utbetalas från det under utgiftsområde 9 Hälsovård, sjukvård och social omsorg "
        "för budgetåret 2021 uppförda anslaget 1:6 Bidrag till folkhälsa och sjukvård, "
        "anslagsposten 40 Jämlik sjukvård."
    )
    assert first is not None and first.budget_year == 2021
    assert first.items[0].expenditure_area_name == "Hälsovård, sjukvård och social omsorg"
    second = rc.appropriation(
        "Medlen ska belasta anslaget 1:6 Bidrag till folkhälsa och sjukvård, anslagspost 17 "
        "Stärkt ambulanssjukvård, inom utgiftsområde 9 Hälsovård, sjukvård och social omsorg för "
        "budgetåret 2024."
    )
    assert second is not None
    assert [(i.item, i.item_name) for i in second.items] == [(17, "Stärkt ambulanssjukvård")]
    assert second.items[0].expenditure_area == 9 and second.budget_year == 2024


def test_one_list_of_items_for_a_recipient_group() -> None:
    facts = rc.appropriation(
        "Medlen till SKR ska redovisas mot det inom utgiftsområde 9 Hälsovård, sjukvård och social "
        "omsorg uppförda anslaget 1:6 Bidrag till folkhälsa och sjukvård, anslagsposterna "
        "1 Professionssatsningen (25 000 000 kronor) och 38 Kvalitetshöjande insatser i hälso- och "
        "sjukvården (5 000 000 kronor)."
    )
    assert facts is not None
    assert facts.groups == ["skr"]
    assert [(i.item, i.item_name, i.amount) for i in facts.items] == [
        (1, "Professionssatsningen", 25_000_000),
        (38, "Kvalitetshöjande insatser i hälso- och sjukvården", 5_000_000),
    ]


def test_an_appropriation_named_only_for_reference_is_not_a_charge() -> None:
    assert (
        rc.appropriation(
            "Rekvisition, återbetalning och redovisningar ska hänvisa till regleringsbrev för "
            "budgetåret 2021 avseende anslaget 1:6 Bidrag till folkhälsa och sjukvård, "
            "anslagsposten 40 Jämlik sjukvård."
        )
        is None
    )


def test_repayment_and_report_deadlines() -> None:
    (repay,) = rc.deadlines(
        "För samtliga utbetalningar gäller att medel som inte har förbrukats ska återbetalas till "
        "Kammarkollegiet senast den 31 mars 2022."
    )
    assert (repay.kind, repay.date, repay.all_lines) == ("repayment", dt.date(2022, 3, 31), True)
    (report,) = rc.deadlines(
        "En ekonomisk redovisning ska lämnas till Kammarkollegiet vid samma tidpunkt som "
        "återbetalningen."
    )
    assert report.kind == "report" and report.same_time and report.date is None
    (same,) = rc.deadlines(
        "Vid samma tidpunkt ska en ekonomisk redovisning av använda medel lämnas till "
        "Kammarkollegiet."
    )
    assert same.same_time
    (scoped,) = rc.deadlines(
        "Regionerna och SKR ska lämna en ekonomisk redovisning till Kammarkollegiet senast den "
        "31 mars 2025."
    )
    assert scoped.date == dt.date(2025, 3, 31) and {"regions", "skr"} <= set(scoped.groups)
    # activity reports ("delredovisning") are not the economic report
    assert rc.deadlines("SKR ska lämna en delredovisning senast den 30 september 2023.") == []


def test_decision_total_and_stated_totals() -> None:
    total = rc.decision_total(
        "Regeringen ger Kammarkollegiet i uppdrag att betala ut totalt 226 000 000 kronor."
    )
    assert total is not None and total.value == 226_000_000
    assert rc.decision_total("Överenskommelsen omfattar totalt 290 000 000 kronor.") is None
    stated = rc.stated_totals(
        "Av dessa betalas 103 500 000 kronor ut till SKR, 62 500 000 kronor till regionerna och "
        "60 000 000 kronor till samverkansregionerna.",
        has_collaboration_lines=True,
    )
    assert [(s.amount, s.groups) for s in stated] == [
        (103_500_000, ("skr",)),
        (62_500_000, ("regions",)),
        (60_000_000, ("collaboration_regions",)),
    ]
    # "regionerna" alone covers the samverkansregioner when the sentence does not name them
    (both,) = rc.stated_totals(
        "Av dessa medel fördelas 275 000 000 kronor till regionerna för arbetet.",
        has_collaboration_lines=True,
    )
    assert both.groups == ("regions", "collaboration_regions")


def test_agreement() -> None:
    facts = rc.AgreementFacts()
    rc.agreement(
        "Regeringen uppdrar åt Kammarkollegiet att utbetala totalt 290 000 000 kronor enligt "
        "nedan, för att användas i enlighet med den överenskommelse som regeringen och "
        "Sveriges Kommuner och Regioner (SKR) ingått, regeringsbeslut I:0 från den 22 december "
        "2020 "
        "(dnr S2020/09781), som avser Sammanhållen, jämlik och säker vård 2021 - Personcentrerade "
        "och sammanhållna vårdförlopp.",
        facts,
    )
    assert facts.name == (
        "Sammanhållen, jämlik och säker vård 2021 - Personcentrerade och sammanhållna vårdförlopp"
    )
    assert facts.diarienummer == "S2020/09781"
    assert facts.decision_reference == "regeringsbeslut I:0"
    assert facts.decision_date == dt.date(2020, 12, 22)


def test_header_fields() -> None:
    assert rc.header_date("2023-02-02") == dt.date(2023, 2, 2)
    assert rc.header_date("Datum 2 februari 2023") == dt.date(2023, 2, 2)
    assert rc.header_date("den 14 mars 2024") == dt.date(2024, 3, 14)
    assert rc.header_date("Datum uppgift saknas i dokumentet") is None
    assert rc.header_diarienummer("S2023/00488") == "S2023/00488"
    assert rc.header_diarienummer("Diarienummer S2024/00312") == "S2024/00312"
    assert rc.header_diarienummer("Socialdepartementet") is None


def test_sentences_keep_abbreviations_and_annex_numbers() -> None:
    text = "Medlen fördelas bl.a. efter befolkning enligt bilaga 1. 60 000 000 kronor utbetalas."
    assert [s for _, s in rc.split_sentences(text)] == [
        "Medlen fördelas bl.a. efter befolkning enligt bilaga 1.",
        "60 000 000 kronor utbetalas.",
    ]
