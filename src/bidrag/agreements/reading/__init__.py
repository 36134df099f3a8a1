"""Reading a government payment decision (PDF or its text) into a draft decision file.

``source`` (lines with page, line and position) → ``layout`` (blocks: headings, paragraphs,
lists, tables, recipient entries) → ``tables`` (cells) → ``recognisers`` (sentence patterns of
the genre) → ``decision`` and ``annexes`` (the file's content, ``missing`` with places) →
``writer`` (YAML) and ``report`` (console). The entry point is :func:`read_path`.
"""

from __future__ import annotations

from pathlib import Path

from bidrag.agreements.reading.agreement import is_agreement, read_agreement
from bidrag.agreements.reading.decision import Draft, read_decision
from bidrag.agreements.reading.source import read_source

__all__ = ["Draft", "read_path"]


def read_path(path: Path | str) -> Draft:
    """Read a payment decision from a PDF or a text file; of an agreement, its annexes."""
    source = read_source(path)
    if is_agreement(source):
        return read_agreement(source)
    return read_decision(source)
