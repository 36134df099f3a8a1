"""The safe XML parser for bank files (bidrag.core.safe_xml): real camt.054 files are read, and
XXE, entity bombs, DTDs, oversize and malformed files are refused naming the file and line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from lxml import etree

from bidrag.core.limits import MAX_BANK_FILE_BYTES
from bidrag.core.safe_xml import XmlError, load_schema, parse_xml, parse_xml_file, validate

SAMPLES = Path(__file__).parents[1] / "fixtures" / "camt054"
CORPUS = Path(__file__).parent / "corpus" / "xml"
CAMT = "{urn:iso:std:iso:20022:tech:xsd:camt.054.001.02}"


def test_the_camt054_samples_are_read() -> None:
    tryton = parse_xml_file(SAMPLES / "tryton-camt.054.001.02.xml")
    assert tryton.tag == f"{CAMT}Document"
    amounts = [e.text for e in tryton.iter(f"{CAMT}Amt")]
    assert "105678.50" in amounts
    genkgo = parse_xml_file(SAMPLES / "genkgo-camt054.v2.xml")
    refs = [e.text for e in genkgo.iter(f"{CAMT}Ref")]
    assert refs and all(refs)
    assert next(genkgo.iter(f"{CAMT}MsgId")).sourceline == 5


def test_xxe_does_not_read_the_file_it_names(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("hemligt-lösenord", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>\n<d>&x;</d>\n'
    ).encode()
    # The file really is an XXE: a parser with entities on reads the secret.
    unsafe = etree.fromstring(data, etree.XMLParser(resolve_entities=True, load_dtd=True))
    assert unsafe.text == "hemligt-lösenord"
    with pytest.raises(XmlError) as refused:
        parse_xml(data, "xxe.xml")
    assert str(refused.value) == (
        "xxe.xml:2: has a DOCTYPE (a DTD); bank files have none, and entities are not allowed"
    )
    assert refused.value.line == 2
    assert "hemligt" not in str(refused.value)


def test_a_billion_laughs_is_refused_without_expanding_it() -> None:
    started = time.monotonic()
    with pytest.raises(XmlError, match=r"billion-laughs.xml:2: has a DOCTYPE"):
        parse_xml_file(CORPUS / "billion-laughs.xml")
    assert time.monotonic() - started < 30  # a hang guard, not a speed measurement


def test_an_external_dtd_is_not_fetched() -> None:
    # Port 9 (discard) on this machine: a parser that fetched it would fail or wait, not refuse.
    with pytest.raises(XmlError, match=r"external-dtd.xml:2: has a DOCTYPE"):
        parse_xml_file(CORPUS / "external-dtd.xml")


def test_an_oversize_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    with big.open("wb") as f:
        f.truncate(MAX_BANK_FILE_BYTES + 1)
    with pytest.raises(XmlError) as refused:
        parse_xml_file(big)
    assert str(refused.value) == f"{big}: is 20 MB; an XML file may be at most 20 MB"
    with pytest.raises(XmlError, match="upload.xml: is 107 bytes; an XML file may be at most 50"):
        parse_xml(b"<a>" + b"x" * 100 + b"</a>", "upload.xml", limit=50)


def test_malformed_xml_is_refused_with_its_line() -> None:
    with pytest.raises(XmlError) as refused:
        parse_xml_file(CORPUS / "mismatched-tags.xml")
    assert refused.value.line == 4
    assert "Opening and ending tag mismatch" in str(refused.value)
    with pytest.raises(XmlError, match="x: expected bytes, got str"):
        parse_xml("<a/>", "x")  # type: ignore[arg-type]
    with pytest.raises(XmlError, match="empty.xml: is empty"):
        parse_xml(b"  \n", "empty.xml")


def test_validate_lists_schema_errors_with_their_lines(tmp_path: Path) -> None:
    xsd = tmp_path / "amount.xsd"
    xsd.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<xs:element name="Amt" type="xs:decimal"/></xs:schema>',
        encoding="utf-8",
    )
    schema = load_schema(xsd)
    validate(parse_xml(b"<Amt>100.50</Amt>", "ok.xml"), schema, "ok.xml")
    with pytest.raises(XmlError) as refused:
        validate(parse_xml(b"\n<Amt>hundra</Amt>", "bad.xml"), schema, "bad.xml")
    assert refused.value.line == 2
    assert str(refused.value).startswith("bad.xml:2: does not follow the schema: line 2:")
