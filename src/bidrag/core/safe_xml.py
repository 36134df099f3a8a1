"""Reading XML from outside bidrag (the bank's camt.054 and pain.002 files) safely, with lxml.

Everything that reaches beyond the bytes handed in is off:

- a document with a ``<!DOCTYPE`` is refused: bank files never have one, and it is how XXE
  (external entities reading ``/etc/passwd`` or a URL) and "billion laughs" (nested entities
  expanding to gigabytes) come in. The parser does not expand entities or load a DTD anyway;
- nothing is fetched from the network or the disk (``no_network``, ``load_dtd=False``);
- ``huge_tree`` is off, so libxml2's own limits hold (nesting depth, the size of one text);
- the file is refused past :data:`bidrag.core.limits.MAX_BANK_FILE_BYTES` before parsing;
- comments and processing instructions are dropped, so readers see elements and text only.

Every refusal is an :class:`XmlError` naming the file and, where there is one, the line.
lxml is a C library wrapped for Python, not Django: this module stays in the pure core.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from lxml import etree

from bidrag.core.errors import DomainError
from bidrag.core.limits import MAX_BANK_FILE_BYTES, LimitError, check_size, read_file_limited

# How many schema errors a refusal lists (a wrong file can have thousands).
MAX_LISTED_ERRORS = 10


class XmlError(DomainError):
    """An XML file is refused. ``field`` is the file, ``line`` the 1-based line if known."""

    code = "xml-invalid"

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"{source}:{line}" if line else source, reason)
        self.source = source


def _parser() -> Any:
    # A new parser per call: lxml parsers keep state and are not safe to share between threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _line_of(data: bytes, needle: bytes) -> int | None:
    at = data.find(needle)
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


def parse_xml(data: bytes, source: str, *, limit: int = MAX_BANK_FILE_BYTES) -> Any:
    """The root element of ``data`` (an ``lxml.etree._Element``); :class:`XmlError` if the
    bytes are too many, not well-formed XML, or carry a DTD."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise XmlError(source, f"expected bytes, got {type(data).__name__}")
    try:
        check_size(data, limit, source, "an XML file")
    except LimitError as e:
        raise XmlError(source, e.reason) from None
    data = bytes(data)
    if not data.strip():
        raise XmlError(source, "is empty: no XML")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as e:
        if b"<!DOCTYPE" in data:  # libxml2 stopped an entity bomb: name the cause
            raise _doctype(source, data) from None
        line = e.lineno if e.lineno and e.lineno > 0 else None
        raise XmlError(source, f"is not well-formed XML: {e.msg}", line) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise _doctype(source, data)
    return root


def _doctype(source: str, data: bytes) -> XmlError:
    return XmlError(
        source,
        "has a DOCTYPE (a DTD); bank files have none, and entities are not allowed",
        _line_of(data, b"<!DOCTYPE"),
    )


def parse_xml_file(path: str | os.PathLike[str], *, limit: int = MAX_BANK_FILE_BYTES) -> Any:
    """:func:`parse_xml` of a file, refused by its size before it is read."""
    p = Path(path)
    try:
        data = read_file_limited(p, limit, "an XML file")
    except LimitError as e:
        raise XmlError(str(p), e.reason) from None
    except OSError as e:
        raise XmlError(str(p), f"cannot be read: {e.strerror or e}") from None
    return parse_xml(data, str(p), limit=limit)


def load_schema(path: str | os.PathLike[str]) -> Any:
    """An ``lxml.etree.XMLSchema`` from an XSD shipped in the repository (read safely too)."""
    root = parse_xml_file(path)
    return etree.XMLSchema(root)


def validate(root: Any, schema: Any, source: str) -> None:
    """Refuse ``root`` unless it is valid against ``schema``; the first errors, with lines."""
    if schema.validate(root):
        return
    errors = list(schema.error_log)
    listed = "; ".join(f"line {e.line}: {e.message}" for e in errors[:MAX_LISTED_ERRORS])
    more = len(errors) - MAX_LISTED_ERRORS
    if more > 0:
        listed += f"; and {more} more"
    raise XmlError(source, f"does not follow the schema: {listed}", errors[0].line)
