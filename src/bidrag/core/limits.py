"""Limits on what bidrag reads: the size of every file loaded or uploaded, the shape of YAML,
the digits of a number. Every limit is stated here, once; a refusal names the file (or field)
and the limit.

Readers call :func:`read_file_limited` for a path (it never reads more than the limit, so a
10 GB file or ``/dev/zero`` costs nothing), :func:`check_size` for bytes already in hand and
:func:`read_upload_limited` for an uploaded file (Django's ``UploadedFile`` or django-ninja's,
by duck typing: ``size``, ``name``, ``read()``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, Protocol

from bidrag.core.errors import DomainError

KB = 1000
MB = 1000 * KB

# File sizes, in bytes. Each is far above what the real files are and far below what would
# strain a worker's memory.
MAX_DECISION_FILE_BYTES = 2 * MB  # decisions/*.yaml: the largest is 29 kB
MAX_TABLE_FILE_BYTES = 10 * MB  # weights files and SCB exports (CSV): a few kB
MAX_BANK_FILE_BYTES = 20 * MB  # camt.054 and pain.002 (XML): about 1 kB per transaction
MAX_UPLOAD_BYTES = 20 * MB  # documents uploaded through the pages or the API (PDF, …)

# The shape of a YAML document (decision files): nesting depth, and the number of nodes once
# every alias is expanded (what the readers after the parser walk). The decision files nest
# 8 levels and have at most 2 200 nodes.
MAX_YAML_DEPTH = 50
MAX_YAML_NODES = 50_000

# Digits in one number read from text (a cell, a YAML integer, a command-line amount): Python's
# int() refuses more than 4 300 and big numbers make exact arithmetic slow. 10^13 kronor in öre
# has 16 digits; a share printed with 10 decimals has 11.
MAX_NUMBER_DIGITS = 30


class LimitError(DomainError):
    """A file or value is over one of the limits above. ``field`` names the file or field."""

    def __init__(
        self,
        field: str,
        reason: str,
        *,
        size: int | None,
        limit: int,
        code: str = "limit.file-size",
        params: dict[str, object] | None = None,
    ) -> None:
        if params is None:
            params = {
                "size": format_size(size) if size is not None else "",
                "limit": format_size(limit),
            }
        super().__init__(field, reason, size, code=code, params=params)
        self.size = size  # None when only "more than the limit" is known (a pipe)
        self.limit = limit


def format_size(n: int) -> str:
    """``2_000_000`` → ``"2 MB"``, ``29_000`` → ``"29 kB"``, ``512`` → ``"512 bytes"``."""
    if n >= MB:
        return f"{n / MB:.1f}".removesuffix(".0") + " MB"
    if n >= KB:
        return f"{n / KB:.1f}".removesuffix(".0") + " kB"
    return f"{n} bytes"


def too_large(source: str, size: int | None, limit: int, what: str) -> LimitError:
    said = f"is {format_size(size)}" if size is not None else "is larger than that"
    return LimitError(
        source, f"{said}; {what} may be at most {format_size(limit)}", size=size, limit=limit
    )


def check_size(data: bytes | bytearray | memoryview, limit: int, source: str, what: str) -> None:
    """Refuse ``data`` (already read) when it is longer than ``limit`` bytes."""
    if len(data) > limit:
        raise too_large(source, len(data), limit, what)


def read_file_limited(path: str | os.PathLike[str], limit: int, what: str) -> bytes:
    """The bytes of the file at ``path``; :class:`LimitError` past ``limit`` bytes.

    A regular file is refused by its size before anything is read; anything else (a pipe, a
    device) is read up to one byte past the limit. ``OSError`` (missing, unreadable, a
    directory) goes to the caller, who names the file in its own words.
    """
    p = Path(path)
    with p.open("rb") as f:
        info = os.fstat(f.fileno())
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise too_large(str(p), info.st_size, limit, what)
        data = f.read(limit + 1)
    if len(data) > limit:
        raise too_large(str(p), None, limit, what)
    return data


class Upload(Protocol):
    name: str | None
    size: int | None

    def read(self, size: int = ...) -> Any: ...


def read_upload_limited(upload: Upload, limit: int, what: str, field: str = "") -> bytes:
    """The bytes of an uploaded file; refused by its declared size before it is read, and by
    what is actually read (a client can lie about the size)."""
    source = field or upload.name or "upload"
    if upload.size is not None and upload.size > limit:
        raise too_large(source, upload.size, limit, what)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large(source, None, limit, what)
    return bytes(data)


def check_digits(digits: str, field: str) -> None:
    """Refuse a number written with more than :data:`MAX_NUMBER_DIGITS` digits, before int()."""
    count = sum(1 for ch in digits if ch.isdigit())
    if count > MAX_NUMBER_DIGITS:
        raise LimitError(
            field,
            f"a number of {count} digits; at most {MAX_NUMBER_DIGITS} are read",
            size=count,
            limit=MAX_NUMBER_DIGITS,
            code="limit.digits",
            params={"digits": count, "max": MAX_NUMBER_DIGITS},
        )
