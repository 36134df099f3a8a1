"""Acknowledgements pinned to what they acknowledge: any other discrepancy at the same place is
an error that says what differs from what was acknowledged."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from bidrag.agreements.services import FileReport, load_files, verify_files
from bidrag.ledger.models import Posting

REPO = Path(__file__).resolve().parents[2]
DECISIONS = REPO / "decisions"
PSV_2021 = DECISIONS / "2021-psv-payment-decision.yaml"
S2023 = DECISIONS / "2023-S2023-00488-payment-decision.yaml"
AGREEMENT_002 = DECISIONS / "2021-agreement-patient-safety-psv.yaml"
AGREEMENT_003 = DECISIONS / "2021-agreement-god-och-nara-vard.yaml"
ALL = [PSV_2021, S2023, AGREEMENT_002, AGREEMENT_003]

STOCKHOLM = "{name: Region Stockholm, amount: 49 472 318,"
VGR = "{name: Västra Götalandsregionen, amount: 35 929 522,"


def loading_user() -> Any:
    """Who loads (``load_files``' second argument); called before any database snapshot."""
    from bidrag.accounts.testing import loader

    return loader()


def edited(tmp_path: Path, source: Path, *edits: tuple[str, str], name: str = "") -> Path:
    text = source.read_text()
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    target = tmp_path / (name or source.name)
    target.write_text(text)
    return target


def acknowledging(source: Path, yaml: str) -> tuple[str, str]:
    """An edit that adds acknowledgements (YAML list items) to ``source``'s list."""
    text = source.read_text()
    if "acknowledged: []\n" in text:
        return "acknowledged: []\n", "acknowledged:\n" + yaml
    tail = text[text.rindex("\n", 0, len(text) - 1) + 1 :]  # the file's last line
    return tail, tail + yaml


def report_of(path: Path) -> FileReport:
    (report,) = verify_files([str(path)])
    return report


def statuses(report: FileReport, code: str) -> list[str]:
    return [p.status for p in report.problems if p.code == code]


# --- the 100 kronor moved between two rows of seed 000's bilaga 1 ---------------------------


def moved_100_kr(tmp_path: Path) -> Path:
    return edited(
        tmp_path,
        PSV_2021,
        (STOCKHOLM, "{name: Region Stockholm, amount: 49 472 418,"),
        (VGR, "{name: Västra Götalandsregionen, amount: 35 929 422,"),
    )


def test_verify_refuses_100_kr_moved_between_two_rows_of_an_acknowledged_annex(
    tmp_path: Path,
) -> None:
    report = report_of(moved_100_kr(tmp_path))
    assert report.status == "refused"
    errors = "\n".join(report.errors)
    assert "[model-deviation] bilaga 1, kolumn Fördelade medel: 4 rader avviker" in errors
    assert "Region Stockholm +100 kr; Västra Götalandsregionen −100 kr" in errors
    # … and says what differs from what was acknowledged: the two rows, not the hand-adjusted ones
    assert (
        "[acknowledgement-mismatch] kvittering 1: kvitterar model-deviation vid ”bilaga 1, "
        "kolumn amount”, men avvikelsen där (bilaga 1, kolumn Fördelade medel) är inte den "
        "kvitterade: Region Stockholm: modellen med de kvitterade justeringarna ger "
        "49 472 318 kr, tabellen anger 49 472 418 kr (+100 kr); Västra Götalandsregionen: "
        "modellen med de kvitterade justeringarna ger 35 929 522 kr, tabellen anger "
        "35 929 422 kr (−100 kr)" in errors
    )
    assert "Region Värmland:" not in errors.split("[acknowledgement-mismatch]")[1]
    # the other acknowledgement still holds
    assert statuses(report, "total-row-merged") == ["warning"]


def test_the_verify_command_fails_on_the_100_kr_move(tmp_path: Path) -> None:
    out = StringIO()
    with pytest.raises(CommandError, match="2 fel"):
        call_command("verify", str(moved_100_kr(tmp_path)), stdout=out)
    assert "[acknowledgement-mismatch]" in out.getvalue()


def database_state() -> dict[str, object]:
    """Every row count of the domain apps, and the ledger's sum."""
    state: dict[str, object] = {
        model._meta.label: model.objects.count()
        for label in ("agreements", "ledger", "recipients", "audit")
        for model in apps.get_app_config(label).get_models()
    }
    state["posted öre"] = Posting.objects.aggregate(s=Sum("amount_ore"))["s"]
    return state


@pytest.mark.django_db
def test_load_refuses_the_100_kr_move_and_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    user = loading_user()
    assert [r.status for r in load_files([str(p) for p in ALL], user)] == ["new"] * 4
    before = database_state()
    moved = moved_100_kr(tmp_path)
    for new_version in (False, True):
        (report,) = load_files([str(moved)], user, new_version=new_version)
        assert report.status == "refused"
        assert any("[acknowledgement-mismatch]" in e for e in report.errors)
        assert database_state() == before


@pytest.mark.django_db
def test_load_of_the_100_kr_move_into_an_empty_database_writes_nothing(tmp_path: Path) -> None:
    user = loading_user()
    before = database_state()
    reports = load_files([str(S2023), str(moved_100_kr(tmp_path))], user)
    assert [r.status for r in reports] == ["not loaded", "refused"]
    assert database_state() == before


def test_hand_adjustments_may_name_a_row_as_printed_or_by_its_canonical_name(
    tmp_path: Path,
) -> None:
    path = edited(
        tmp_path,
        AGREEMENT_003,
        (
            "      - {recipient: Region Halland, kronor: +1, reason: *hand3}",
            "      - {recipient: Hallands län, kronor: +1, reason: *hand3}",
        ),
    )
    assert report_of(path).errors == []


def test_an_adjustment_of_a_row_the_column_does_not_have_says_so(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        PSV_2021,
        (
            "{recipient: Region Västernorrland, kronor: +1, reason: *reach}",
            "{recipient: Region Västernorland, kronor: +1, reason: *reach}",
        ),
    )
    errors = "\n".join(report_of(path).errors)
    assert "[acknowledgement-mismatch]" in errors
    assert "'Region Västernorland' är ingen av mottagarna" in errors


# --- the four files ------------------------------------------------------------------------


def test_the_four_files_verify_with_the_same_findings_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The output of ``bidrag verify`` on the four files, as it was before acknowledgements were
    pinned and findings worded by code (``verify_four_files.txt``), finding for finding."""
    monkeypatch.chdir(REPO)
    out = StringIO()
    call_command("verify", *(str(p.relative_to(REPO)) for p in ALL), stdout=out)
    expected = (Path(__file__).parent / "verify_four_files.txt").read_text()
    assert without_line_numbers(out.getvalue()) == without_line_numbers(expected)


def without_line_numbers(output: str) -> list[str]:
    """The lines of ``verify``'s output, sorted, without the file's line numbers (``x.yaml:42:``),
    which move when the files gain other keys."""
    return sorted(re.sub(r"(\.yaml):\d+:", r"\1:", line) for line in output.splitlines())


# --- every code with figures: a changed figure is no longer covered --------------------------

ACK_LINES_SUM = (
    "  - {code: lines-sum, at: totalbelopp, lines: 290 000 000, total: 290 000 100,\n"
    "     explanation: Totalbeloppet är tryckt så.}\n"
)
ACK_STATED = (
    "  - {code: stated-total, at: angiven summa 1, rows: 275 000 000, stated: 275 000 100,\n"
    "     explanation: Summan är tryckt så.}\n"
)
ACK_DEADLINES = (
    "  - {code: deadline-order, at: beslutsrad regions, first_date: 2021-03-20,\n"
    "     second_date: 2021-03-15, explanation: Datumen är tryckta så.}\n"
)
ACK_AREAS = (
    "  - {code: areas-sum, at: totalbelopp, areas: 397 350 000, total: 397 350 100,\n"
    "     explanation: Totalbeloppet är tryckt så.}\n"
)
ACK_CO_FINANCING = (
    "  - {code: co-financing-sum, at: medfinansiering, areas: 100 000 000,\n"
    "     co_financing: 100 000 100, explanation: Medfinansieringen är tryckt så.}\n"
)
ACK_WHOLE = (
    "  - {code: total-with-co-financing, at: totalbelopp inklusive medfinansiering,\n"
    "     sum: 497 350 000, stated: 497 350 100, explanation: Totalen är tryckt så.}\n"
)
ACK_ITEMS = (
    "  - {code: area-items-sum, at: område safer-care, items: 5 600 000, amount: 5 600 100,\n"
    "     explanation: Områdets belopp är tryckt så.}\n"
)
# the regions line's payment window (the collaboration regions' line has the same dates)
REGIONS_WINDOW = (
    "payment_window_start: 2021-02-15\n    payment_window_end: 2021-03-15\n"
    "    repayment_deadline: 2022-03-31\n    report_deadline: 2022-03-31\n"
    "  - id: collaboration_regions"
)
TOTAL_ROW = "printed: Summa 10 319 473 1 215 000 000"
# bilaga 3, rows 1 and 2 (workforce and total)
WORKFORCE_ROW_1 = "{workforce: 1 442 450, close_care: 21 384 347, nurse_training: 2 851 246, "
WORKFORCE_ROW_2 = "{workforce: 10 688 090, close_care: 26 768 480, nurse_training: 3 569 132, "

# (code, file, edits that make the acknowledged discrepancy, edits that change its figures)
CASES = [
    (
        "lines-sum",
        PSV_2021,
        [("\ntotal: 290 000 000\n", "\ntotal: 290 000 100\n")],
        [("\ntotal: 290 000 100\n", "\ntotal: 290 000 200\n")],
        ACK_LINES_SUM,
    ),
    (
        "stated-total",
        PSV_2021,
        [("    amount: 275 000 000\n", "    amount: 275 000 100\n")],
        [("    amount: 275 000 100\n", "    amount: 275 000 200\n")],
        ACK_STATED,
    ),
    (
        "deadline-order",
        PSV_2021,
        [(REGIONS_WINDOW, REGIONS_WINDOW.replace("2021-02-15", "2021-03-20"))],
        [("payment_window_start: 2021-03-20", "payment_window_start: 2021-03-25")],
        ACK_DEADLINES,
    ),
    (
        "total-row-merged",
        PSV_2021,
        [],
        [
            (TOTAL_ROW, "printed: Summa 10 319 473 2 215 000 000"),
            (
                '{column: share, kind: printed, value: "1"}',
                '{column: share, kind: printed, value: "2"}',
            ),
        ],
        "",
    ),
    (
        "areas-sum",
        AGREEMENT_002,
        [
            ("\ntotal: 397 350 000\n", "\ntotal: 397 350 100\n"),
            (
                "total_including_co_financing: 497 350 000",
                "total_including_co_financing: 497 350 100",
            ),
        ],
        [
            ("\ntotal: 397 350 100\n", "\ntotal: 397 350 200\n"),
            (
                "total_including_co_financing: 497 350 100",
                "total_including_co_financing: 497 350 200",
            ),
        ],
        ACK_AREAS,
    ),
    (
        "co-financing-sum",
        AGREEMENT_002,
        [
            ("\nco_financing: 100 000 000\n", "\nco_financing: 100 000 100\n"),
            (
                "total_including_co_financing: 497 350 000",
                "total_including_co_financing: 497 350 100",
            ),
        ],
        [
            ("\nco_financing: 100 000 100\n", "\nco_financing: 100 000 200\n"),
            (
                "total_including_co_financing: 497 350 100",
                "total_including_co_financing: 497 350 200",
            ),
        ],
        ACK_CO_FINANCING,
    ),
    (
        "total-with-co-financing",
        AGREEMENT_002,
        [
            (
                "total_including_co_financing: 497 350 000",
                "total_including_co_financing: 497 350 100",
            )
        ],
        [
            (
                "total_including_co_financing: 497 350 100",
                "total_including_co_financing: 497 350 200",
            )
        ],
        ACK_WHOLE,
    ),
    (
        "area-items-sum",
        AGREEMENT_002,
        [
            ("    amount: 5 600 000\n", "    amount: 5 600 100\n"),
            ("\ntotal: 397 350 000\n", "\ntotal: 397 350 100\n"),
            (
                "total_including_co_financing: 497 350 000",
                "total_including_co_financing: 497 350 100",
            ),
        ],
        [
            ("    amount: 5 600 100\n", "    amount: 5 600 200\n"),
            ("\ntotal: 397 350 100\n", "\ntotal: 397 350 200\n"),
            (
                "total_including_co_financing: 497 350 100",
                "total_including_co_financing: 497 350 200",
            ),
        ],
        ACK_ITEMS,
    ),
    (
        "name-as-printed",
        AGREEMENT_003,
        [],
        [("- name: Stockholm\n", "- name: Stockholms län\n")],
        "",
    ),
    (
        "annex-sum",
        AGREEMENT_003,
        [],
        # one krona more in a row of bilaga 4's workforce column
        [("workforce: 583 298 115,", "workforce: 583 298 116,")],
        "",
    ),
    (
        "printed-total",
        AGREEMENT_003,
        [],
        [
            ("2 409 000 000 2 531 000 000 400 000 000", "2 409 000 000 2 531 000 100 400 000 000"),
            (
                "{column: workforce, kind: amount, value: 2 531 000 000}",
                "{column: workforce, kind: amount, value: 2 531 000 100}",
            ),
        ],
        "",
    ),
    (
        "row-sum",
        AGREEMENT_003,
        [],
        [("total: 955 447 731}", "total: 955 447 730}")],
        "",
    ),
    (
        "model-deviation",
        PSV_2021,
        [],
        [
            (STOCKHOLM, "{name: Region Stockholm, amount: 49 472 418,"),
            (VGR, "{name: Västra Götalandsregionen, amount: 35 929 422,"),
        ],
        "",
    ),
    (
        "prose-model-deviation",
        AGREEMENT_003,
        [],
        # 100 kr moved inside bilaga 3's workforce column, whose key the text cannot give
        [
            ("total: 25 678 043}", "total: 25 678 143}"),
            ("total: 41 025 702}", "total: 41 025 602}"),
            (
                WORKFORCE_ROW_1,
                WORKFORCE_ROW_1.replace("1 442 450", "1 442 550"),
            ),
            (
                WORKFORCE_ROW_2,
                WORKFORCE_ROW_2.replace("10 688 090", "10 687 990"),
            ),
        ],
        "",
    ),
]


@pytest.mark.parametrize(
    ("code", "source", "discrepancy", "change", "ack"), CASES, ids=[c[0] for c in CASES]
)
def test_an_acknowledgement_stops_covering_a_finding_whose_figures_change(
    tmp_path: Path,
    code: str,
    source: Path,
    discrepancy: list[tuple[str, str]],
    change: list[tuple[str, str]],
    ack: str,
) -> None:
    edits = list(discrepancy) + ([acknowledging(source, ack)] if ack else [])
    covered = report_of(edited(tmp_path, source, *edits, name="covered.yaml"))
    assert covered.errors == [], covered.errors
    assert "warning" in statuses(covered, code)

    changed = report_of(edited(tmp_path, source, *edits, *change, name="changed.yaml"))
    assert "error" in statuses(changed, code), changed.errors
    mismatches = [p for p in changed.problems if p.code == "acknowledgement-mismatch"]
    assert any(p.params["code"] == code for p in mismatches), changed.errors


def test_an_acknowledgement_without_the_figures_of_its_code_is_refused_and_shows_them(
    tmp_path: Path,
) -> None:
    path = edited(tmp_path, PSV_2021, ("    reading: 1 215 000 000\n", ""))
    report = report_of(path)
    errors = "\n".join(report.errors)
    assert (
        "[acknowledgement-unpinned] kvittering 2: en kvittering av total-row-merged ska ange vad "
        "den kvitterar: 'reading' (avvikelsen vid ”bilaga 1, summaraden” har nu "
        "reading: 1 215 000 000 kr)" in errors
    )
    assert statuses(report, "total-row-merged") == ["error"]


def test_figures_that_do_not_belong_to_the_code_are_refused(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        S2023,
        ("  - code: model-unknown\n", "  - code: model-unknown\n    rows: 215 000 000\n"),
    )
    errors = "\n".join(report_of(path).errors)
    assert (
        "[acknowledgement-pin] kvittering 2: 'rows' hör inte till en kvittering av "
        "model-unknown, som bara anger plats" in errors
    )


def test_a_negative_acknowledged_figure_is_refused_where_it_stands(tmp_path: Path) -> None:
    path = edited(tmp_path, PSV_2021, ("reading: 1 215 000 000", "reading: -1 215 000 000"))
    (report,) = verify_files([str(path)])
    assert any(
        "acknowledged[1].reading: får inte vara negativt (är −1 215 000 000 kr)" in e
        for e in report.errors
    )


def test_verify_of_a_copy_in_another_directory_gives_the_same_findings(tmp_path: Path) -> None:
    copy = tmp_path / PSV_2021.name
    shutil.copy(PSV_2021, copy)
    original, copied = report_of(PSV_2021), report_of(copy)
    assert [(p.code, p.where, p.status, p.message) for p in copied.problems] == [
        (p.code, p.where, p.status, p.message) for p in original.problems
    ]
