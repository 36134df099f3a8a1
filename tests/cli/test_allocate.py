"""``bidrag allocate`` end to end: real files in, the command's real output back."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"


def seed_rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / name).open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["row_type"] == "data"]


def write_psv_weights(path: Path, *, encoding: str = "utf-8", sep: str = ",") -> Path:
    """Seed 000 bilaga 1's input: region and population 1 Nov 2019, printed with spaces."""
    lines = [f"recipient{sep}population"]
    for r in seed_rows("000_bilaga1_psv_regions_2021.csv"):
        pop = f"{int(r['population_2019_11_01']):,}".replace(",", " ")
        lines.append(f"{r['recipient_printed']}{sep}{pop}")
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def write_psv_decided(path: Path) -> Path:
    lines = ["recipient,decided"]
    lines += [
        f"{r['recipient_printed']},{r['amount_sek']}"
        for r in seed_rows("000_bilaga1_psv_regions_2021.csv")
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("allocate", *args, stdout=out)
    return out.getvalue()


def test_half_up_reproduces_seed_000_and_lists_the_two_hand_adjusted_rows(tmp_path: Path) -> None:
    weights = write_psv_weights(tmp_path / "w.csv")
    decided = write_psv_decided(tmp_path / "decided.csv")
    text = run(
        "--total",
        "215 000 000",
        "--weights",
        str(weights),
        "--key",
        "population",
        "--rounding",
        "half-up",
        "--compare",
        f"{decided}:decided",
    )
    assert "summa 214 999 998 kr" in text
    assert "differens 2 kr under totalen" in text
    assert "2 avvikelse(r)" in text
    deviation_lines = [ln for ln in text.splitlines() if "differens +1 kr" in ln]
    assert len(deviation_lines) == 2


def test_csv_output_has_the_contract_columns_in_input_order(tmp_path: Path) -> None:
    weights = write_psv_weights(tmp_path / "w.csv")
    text = run(
        "--total", "215000000", "--weights", str(weights), "--key", "population", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["recipient", "share", "part_population", "base", "amount"]
    printed = seed_rows("000_bilaga1_psv_regions_2021.csv")
    assert [r["recipient"] for r in rows] == [p["recipient_printed"] for p in printed]
    assert sum(int(r["amount"]) for r in rows) == 215_000_000
    assert [r["share"] for r in rows] == [p["population_share_printed"] for p in printed]


def test_latin1_semicolon_file_is_read_correctly(tmp_path: Path) -> None:
    weights = write_psv_weights(tmp_path / "w.csv", encoding="latin-1", sep=";")
    text = run(
        "--total", "215000000", "--weights", str(weights), "--key", "population", "--format", "json"
    )
    doc = json.loads(text)
    names = [r["recipient"] for r in doc["rows"]]
    assert "Region Örebro län" in names and "Region Jönköpings län" in names
    assert doc["sum"] == 215_000_000 and doc["gap"] == 0


def test_two_weighted_keys_and_a_base_amount(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text("recipient,population,insatser\nA,300,1\nB,100,3\n", encoding="utf-8")
    doc = json.loads(
        run(
            "--total",
            "10 000",
            "--weights",
            str(path),
            "--key",
            "population=1",
            "--key",
            "insatser=1",
            "--base-amount",
            "1000",
            "--format",
            "json",
        )
    )
    # 8 000 left after bases, half by population (6 000 / 2 000), half by insatser (1 000 / 3 000).
    assert [(r["parts"], r["base"], r["amount"]) for r in doc["rows"]] == [
        ({"population": 3000, "insatser": 1000}, 1000, 5000),
        ({"population": 1000, "insatser": 3000}, 1000, 5000),
    ]


def test_xlsx_output_opens_with_a_total_row(tmp_path: Path) -> None:
    weights = write_psv_weights(tmp_path / "w.csv")
    target = tmp_path / "out.xlsx"
    run(
        "--total",
        "215000000",
        "--weights",
        str(weights),
        "--key",
        "population",
        "--format",
        "xlsx",
        "--output",
        str(target),
    )
    ws = load_workbook(target).active
    assert ws is not None
    assert [c.value for c in ws[1]] == ["recipient", "share", "part_population", "base", "amount"]
    assert ws.cell(row=2, column=1).value == "Region Stockholm"
    assert ws.cell(row=23, column=1).value == "Summa"
    assert ws.cell(row=23, column=5).value == "=SUM(E2:E22)"


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("recipient,population\nA,10\nB,x1\n", [], "line 3, column 'population'"),
        ("recipient,population\nA,10\nB,-4\n", [], "line 3, column 'population': negative"),
        ("recipient,population\nA,10\nA,4\n", [], "'A' is already on line 2"),
        ("recipient,population\nA,0\nB,0\n", [], "population"),
        ("recipient,folk\nA,1\n", [], "no column 'population'"),
        ("recipient,population\nA,1\nB,2\n", ["--base-amount", "600"], "base"),
        ("recipient,population\nA,1\n", ["--rounding", "nearest"], "unknown policy 'nearest'"),
        ("recipient,population\nA,1\n", ["--total", "12.5"], "--total"),
    ],
)
def test_bad_input_is_refused_with_the_place_named(
    tmp_path: Path, content: str, args: list[str], message: str
) -> None:
    path = tmp_path / "w.csv"
    path.write_text(content, encoding="utf-8")
    argv = ["--weights", str(path), "--key", "population"]
    if "--total" not in args:
        argv += ["--total", "1000"]
    with pytest.raises(CommandError, match=message):
        run(*argv, *args)


def test_binary_file_is_refused_and_the_process_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00recipient,population\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bidrag",
            "allocate",
            "--total",
            "100",
            "--weights",
            str(path),
            "--key",
            "population",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0
    assert "w.csv" in proc.stderr
    assert proc.stdout == ""


def test_explicit_adjustments_reproduce_the_printed_table_and_are_shown(tmp_path: Path) -> None:
    """Seed 000 bilaga 1 is half-up plus 1 kr to two regions: stated, it matches the print."""
    weights = write_psv_weights(tmp_path / "w.csv")
    decided = write_psv_decided(tmp_path / "decided.csv")
    text = run(
        "--total",
        "215 000 000",
        "--weights",
        str(weights),
        "--key",
        "population",
        "--rounding",
        "half-up",
        "--adjust",
        "Region Värmland=+1:handjusterad i den tryckta tabellen",
        "--adjust",
        "Region Västernorrland=+1:handjusterad i den tryckta tabellen",
        "--compare",
        f"{decided}:decided",
    )
    assert "summa 215 000 000 kr" in text
    assert "Region Värmland: +1 kr (handjusterad i den tryckta tabellen)" in text
    assert "inga avvikelser" in text
    doc = json.loads(
        run(
            "--total",
            "215000000",
            "--weights",
            str(weights),
            "--key",
            "population",
            "--rounding",
            "half-up",
            "--adjust",
            "Region Värmland=+1:tryckt",
            "--format",
            "json",
        )
    )
    assert doc["adjustments"] == [{"recipient": "Region Värmland", "kronor": 1, "reason": "tryckt"}]
    assert doc["gap"] == 1


@pytest.mark.parametrize(
    ("adjust", "message"),
    [
        ("Region Värmland+1:x", "RECIPIENT=\\+KRONOR:REASON"),
        ("Region Värmland=+1:", "reason"),
        ("Region Värmlan=+1:tryckt", "Region Värmlan"),
    ],
)
def test_bad_adjustments_are_refused(tmp_path: Path, adjust: str, message: str) -> None:
    weights = write_psv_weights(tmp_path / "w.csv")
    with pytest.raises(CommandError, match=message):
        run(
            "--total",
            "215000000",
            "--weights",
            str(weights),
            "--key",
            "population",
            "--adjust",
            adjust,
        )
