"""The helpers of bidrag.core.limits that every reader of files and uploads calls."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bidrag.core.errors import MoneyError, TableError
from bidrag.core.limits import (
    MAX_DECISION_FILE_BYTES,
    MAX_NUMBER_DIGITS,
    LimitError,
    check_digits,
    format_size,
    read_file_limited,
    read_upload_limited,
)
from bidrag.core.money import parse_kronor
from bidrag.core.tables import parse_number, read_table, read_table_file


def test_read_file_limited_reads_a_device_only_up_to_the_limit() -> None:
    with pytest.raises(LimitError) as refused:
        read_file_limited("/dev/zero", 1000, "a test file")
    assert refused.value.size is None and refused.value.limit == 1000
    assert str(refused.value) == "/dev/zero: is larger than that; a test file may be at most 1 kB"


def test_read_file_limited_names_the_size_of_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"x" * 2500)
    assert read_file_limited(path, 2500, "a table") == b"x" * 2500
    with pytest.raises(LimitError, match=r"x.csv: is 2.5 kB; a table may be at most 2 kB"):
        read_file_limited(path, 2000, "a table")


def test_an_upload_is_refused_by_its_declared_size_and_by_what_is_read() -> None:
    upload = SimpleUploadedFile("camt.xml", b"<a/>" * 1000)
    with pytest.raises(LimitError, match="camt.xml: is 4 kB; a bank file may be at most 1 kB"):
        read_upload_limited(upload, 1000, "a bank file")

    class Lying(io.BytesIO):  # a client that declares no size
        name = "lying.xml"
        size = None

    with pytest.raises(LimitError, match="file: is larger than that"):
        read_upload_limited(Lying(b"x" * 5000), 1000, "a bank file", field="file")
    assert read_upload_limited(SimpleUploadedFile("ok.xml", b"<a/>"), 1000, "x") == b"<a/>"


def test_table_readers_refuse_oversize_bytes_and_files(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="upload.csv: is 10.5 MB; a table file may be at most"):
        read_table(b"a,b\n" + b"1,2\n" * 2_625_000, "upload.csv")
    big = tmp_path / "big.csv"
    with big.open("wb") as f:
        f.truncate(11 * 10**6)
    with pytest.raises(TableError, match="big.csv: is 11 MB"):
        read_table_file(big)


def test_numbers_past_the_digit_limit_are_refused_before_int() -> None:
    check_digits("9" * MAX_NUMBER_DIGITS, "x")
    with pytest.raises(LimitError, match="x: a number of 31 digits; at most 30 are read"):
        check_digits("9" * 31, "x")
    with pytest.raises(TableError, match="line 3: a number of 5000 digits"):
        parse_number("9" * 5000, "line 3")
    with pytest.raises(MoneyError, match="--total: has 5000 digits; no amount is above"):
        parse_kronor("9" * 5000, "--total")
    assert format_size(MAX_DECISION_FILE_BYTES) == "2 MB"
