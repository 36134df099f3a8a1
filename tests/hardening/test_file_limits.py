"""File and number limits (bidrag.core.limits), and the commands that must refuse rather than
hang or print a traceback: a YAML alias bomb and deep nesting, oversize files, 5 000 digits.

The commands run as processes, as a user runs them: exit code, stderr, no traceback, and a
generous timeout that turns a hang (the alias bomb took 130 s) into a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
HANG = 60  # seconds: far above the fraction of a second a refusal takes


def bidrag(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bidrag.settings.test")
    return subprocess.run(
        [sys.executable, "-m", "bidrag", *args],
        capture_output=True,
        text=True,
        timeout=HANG,
        env=env,
        check=False,
    )


def assert_refused(proc: subprocess.CompletedProcess[str], *fragments: str) -> None:
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "Traceback" not in out, out
    for fragment in fragments:
        assert fragment in out, out


def test_a_342_byte_alias_bomb_and_1000_levels_of_nesting_are_refused_at_once() -> None:
    bomb = CORPUS / "decisions" / "alias-bomb.yaml"
    deep = CORPUS / "decisions" / "deep-nesting.yaml"
    assert bomb.stat().st_size == 342
    proc = bidrag("verify", str(bomb), str(deep))
    assert_refused(
        proc,
        f"{bomb}:5: dokumentet blir större än 50 000 noder när alias",
        f"{deep}:3: nästlad djupare än 50 nivåer",
    )


def test_a_sparse_3_gb_decision_file_is_refused_by_its_size_before_it_is_read(
    tmp_path: Path,
) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as f:
        f.truncate(3 * 10**9)  # sparse: nothing on disk, 3 GB to whoever reads it
    assert_refused(
        bidrag("verify", str(huge)), f"{huge}: filen är 3000 MB; en beslutsfil får vara högst 2 MB"
    )


def test_allocate_refuses_a_5000_digit_cell_total_and_an_unwritable_output(
    tmp_path: Path,
) -> None:
    weights = tmp_path / "w.csv"
    weights.write_text("recipient,population\nA,10\nB,20\n", encoding="utf-8")
    huge = tmp_path / "huge.csv"
    huge.write_text(f"recipient,population\nA,10\nB,{'9' * 5000}\n", encoding="utf-8")
    base = ["allocate", "--key", "population"]
    assert_refused(
        bidrag(*base, "--total", "1000", "--weights", str(huge)),
        f"{huge}: line 3, column 'population': a number of 5000 digits; at most 30 are read",
    )
    assert_refused(
        bidrag(*base, "--total", "9" * 5000, "--weights", str(weights)),
        "--total: has 5000 digits; no amount is above",
    )
    proc = bidrag(*base, "--total", "9" * 5000, "--weights", str(weights))
    assert "rounding" not in proc.stderr
    for fmt, target in (("csv", tmp_path / "no" / "such" / "dir.csv"), ("xlsx", tmp_path)):
        args = ["--total", "1000", "--weights", str(weights), "--format", fmt]
        proc = bidrag(*base, *args, "--output", str(target))
        assert_refused(proc, f"--output: cannot write {target}:")
