"""ISO 20022 ``pain.001.001.03`` (CustomerCreditTransferInitiationV03) in SEK, as the Swedish
banks' common interpretation reads it. A writer: domain values in, bytes out, no rules.

- One ``PmtInf`` per file: the paying agency (debtor, from settings) with its IBAN and BIC,
  one requested execution date, service level ``NURG`` (Bankgiro and Plusgiro payments).
- Bankgiro creditor: ``CdtrAcct/Id/Othr/Id`` = the number (digits), ``SchmeNm/Prtry`` =
  ``BGNR``; ``CdtrAgt/FinInstnId/ClrSysMmbId``: ``ClrSysId/Cd`` = ``SESBA``, ``MmbId`` =
  ``9900``. Plusgiro: ``SchmeNm/Cd`` = ``BBAN``, ``MmbId`` = ``9500``.
- OCR: ``RmtInf/Strd/CdtrRefInf`` with ``Tp/CdOrPrtry/Cd`` = ``SCOR`` and ``Ref``; a message:
  ``RmtInf/Ustrd`` (max 140).
- Payee and debtor: name and a structured postal address (``StrtNm``, ``PstCd``, ``TwnNm``,
  ``Ctry``), as banks require from November 2026.

The output is deterministic: the same values give the same bytes (the caller passes the
message id and creation time it stored). :func:`validate` checks a file against the official
XSD shipped in ``schemas/`` (see its README for the source).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from bidrag.core.errors import DomainError

NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
XSD = Path(__file__).resolve().parent / "schemas" / "pain.001.001.03.xsd"
BANKGIRO, PLUSGIRO = "bankgiro", "plusgiro"
CLEARING = {BANKGIRO: "9900", PLUSGIRO: "9500"}


class Pain001Error(DomainError):
    """A payment file could not be written or does not validate against the XSD."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(field, reason)
        self.code = "pain001-invalid"


@dataclass(frozen=True)
class Party:
    name: str
    org_number: str = ""
    street: str = ""
    postal_code: str = ""
    town: str = ""
    country: str = ""


@dataclass(frozen=True)
class Debtor:
    party: Party
    iban: str
    bic: str
    id_scheme: str = "BANK"


@dataclass(frozen=True)
class Transfer:
    end_to_end_id: str
    amount_ore: int
    payee: Party
    account_type: str  # "bankgiro" or "plusgiro"
    account_number: str  # digits
    ocr: str = ""
    message: str = ""


@dataclass(frozen=True)
class CreditTransfer:
    message_id: str
    created_at: dt.datetime  # naive local time, seconds
    execution_date: dt.date
    debtor: Debtor
    transfers: tuple[Transfer, ...]

    @property
    def control_sum_ore(self) -> int:
        return sum(t.amount_ore for t in self.transfers)


def amount_text(ore: int) -> str:
    """``1500000000`` öre → ``"15000000.00"`` (ISO 20022 decimal, two places)."""
    if ore < 0:
        raise Pain001Error("amount", "a credit transfer is never negative")
    return f"{ore // 100}.{ore % 100:02d}"


def _el(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}", **attrs)
    if text is not None:
        node.text = text
    return node


def _path(parent: Any, *tags: str, text: str | None = None) -> Any:
    for tag in tags[:-1]:
        parent = _el(parent, tag)
    return _el(parent, tags[-1], text)


def _address(parent: Any, p: Party) -> None:
    adr = _el(parent, "PstlAdr")
    if p.street:
        _el(adr, "StrtNm", p.street[:70])
    if p.postal_code:
        _el(adr, "PstCd", p.postal_code.replace(" ", "")[:16])
    if p.town:
        _el(adr, "TwnNm", p.town[:35])
    if p.country:
        _el(adr, "Ctry", p.country)


def _org_id(parent: Any, number: str, scheme: str) -> None:
    othr = _path(parent, "Id", "OrgId", "Othr")
    _el(othr, "Id", number.replace("-", ""))
    _path(othr, "SchmeNm", "Cd", text=scheme)


def _transfer(pmt: Any, t: Transfer) -> None:
    if t.account_type not in CLEARING:
        raise Pain001Error("account_type", f"{t.end_to_end_id}: not Bankgiro or Plusgiro")
    if not t.payee.name:
        raise Pain001Error("payee_name", f"{t.end_to_end_id}: the payee's name is required")
    if not (t.payee.town and t.payee.country):
        raise Pain001Error("payee_town", f"{t.end_to_end_id}: town and country are required")
    tx = _el(pmt, "CdtTrfTxInf")
    pmt_id = _el(tx, "PmtId")
    _el(pmt_id, "InstrId", t.end_to_end_id)
    _el(pmt_id, "EndToEndId", t.end_to_end_id)
    _path(tx, "Amt", "InstdAmt", text=amount_text(t.amount_ore)).set("Ccy", "SEK")
    clr = _path(tx, "CdtrAgt", "FinInstnId", "ClrSysMmbId")
    _path(clr, "ClrSysId", "Cd", text="SESBA")
    _el(clr, "MmbId", CLEARING[t.account_type])
    cdtr = _el(tx, "Cdtr")
    _el(cdtr, "Nm", t.payee.name[:140])
    _address(cdtr, t.payee)
    othr = _path(tx, "CdtrAcct", "Id", "Othr")
    _el(othr, "Id", t.account_number)
    if t.account_type == BANKGIRO:
        _path(othr, "SchmeNm", "Prtry", text="BGNR")
    else:
        _path(othr, "SchmeNm", "Cd", text="BBAN")
    if t.ocr:
        ref = _path(tx, "RmtInf", "Strd", "CdtrRefInf")
        _path(ref, "Tp", "CdOrPrtry", "Cd", text="SCOR")
        _el(ref, "Ref", t.ocr)
    elif t.message:
        _path(tx, "RmtInf", "Ustrd", text=t.message[:140])


def write(ct: CreditTransfer) -> bytes:
    """The file for ``ct``, UTF-8 with an XML declaration; deterministic."""
    if not ct.transfers:
        raise Pain001Error("transfers", "a payment file needs at least one transfer")
    n = str(len(ct.transfers))
    total = amount_text(ct.control_sum_ore)
    root = etree.Element(f"{{{NS}}}Document", nsmap={None: NS})
    init = _el(root, "CstmrCdtTrfInitn")
    hdr = _el(init, "GrpHdr")
    _el(hdr, "MsgId", ct.message_id)
    _el(hdr, "CreDtTm", ct.created_at.replace(microsecond=0, tzinfo=None).isoformat())
    _el(hdr, "NbOfTxs", n)
    _el(hdr, "CtrlSum", total)
    party = ct.debtor.party
    initg = _el(hdr, "InitgPty")
    _el(initg, "Nm", party.name[:140])
    _org_id(initg, party.org_number, ct.debtor.id_scheme)
    pmt = _el(init, "PmtInf")
    _el(pmt, "PmtInfId", ct.message_id)
    _el(pmt, "PmtMtd", "TRF")
    _el(pmt, "NbOfTxs", n)
    _el(pmt, "CtrlSum", total)
    _path(pmt, "PmtTpInf", "SvcLvl", "Cd", text="NURG")
    _el(pmt, "ReqdExctnDt", ct.execution_date.isoformat())
    dbtr = _el(pmt, "Dbtr")
    _el(dbtr, "Nm", party.name[:140])
    _address(dbtr, party)
    _org_id(dbtr, party.org_number, ct.debtor.id_scheme)
    acct = _el(pmt, "DbtrAcct")
    _path(acct, "Id", "IBAN", text=ct.debtor.iban.replace(" ", ""))
    _el(acct, "Ccy", "SEK")
    _path(pmt, "DbtrAgt", "FinInstnId", "BIC", text=ct.debtor.bic)
    for t in ct.transfers:
        _transfer(pmt, t)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    validate(data)
    return data


@lru_cache(maxsize=1)
def _schema() -> Any:
    return etree.XMLSchema(etree.parse(str(XSD)))


def validate(data: bytes) -> None:
    """Refuse (``Pain001Error`` naming the line) a file that the official XSD does not accept."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        doc = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as e:
        raise Pain001Error("file", f"not well-formed XML: {e.msg}") from None
    schema = _schema()
    if not schema.validate(doc):
        err = schema.error_log[0]
        raise Pain001Error(f"line {err.line}", err.message)


@dataclass(frozen=True)
class ReadTransfer:
    end_to_end_id: str
    amount_ore: int
    account_scheme: str
    account_number: str
    clearing: str
    payee_name: str
    town: str
    country: str
    ocr: str
    message: str


@dataclass(frozen=True)
class ReadFile:
    """What a pain.001 file says, read back (tests and checks of what was sent)."""

    message_id: str
    number_of_transactions: int
    control_sum_ore: int
    execution_date: dt.date
    transfers: tuple[ReadTransfer, ...]


def _ore(text: str) -> int:
    whole, _dot, frac = text.partition(".")
    return int(whole) * 100 + int((frac or "0").ljust(2, "0")[:2])


def read(data: bytes) -> ReadFile:
    """Read back a file this module wrote (validated first)."""
    validate(data)
    ns = {"p": NS}
    doc = etree.fromstring(
        data, parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    )

    def text(node: Any, path: str) -> str:
        found = node.find(path, ns)
        return found.text if found is not None and found.text is not None else ""

    transfers = []
    for tx in doc.iterfind(".//p:CdtTrfTxInf", ns):
        othr = tx.find("p:CdtrAcct/p:Id/p:Othr", ns)
        scheme = text(othr, "p:SchmeNm/p:Prtry") or text(othr, "p:SchmeNm/p:Cd")
        transfers.append(
            ReadTransfer(
                end_to_end_id=text(tx, "p:PmtId/p:EndToEndId"),
                amount_ore=_ore(text(tx, "p:Amt/p:InstdAmt")),
                account_scheme=scheme,
                account_number=text(othr, "p:Id"),
                clearing=text(tx, "p:CdtrAgt/p:FinInstnId/p:ClrSysMmbId/p:MmbId"),
                payee_name=text(tx, "p:Cdtr/p:Nm"),
                town=text(tx, "p:Cdtr/p:PstlAdr/p:TwnNm"),
                country=text(tx, "p:Cdtr/p:PstlAdr/p:Ctry"),
                ocr=text(tx, "p:RmtInf/p:Strd/p:CdtrRefInf/p:Ref"),
                message=text(tx, "p:RmtInf/p:Ustrd"),
            )
        )
    return ReadFile(
        message_id=text(doc, "p:CstmrCdtTrfInitn/p:GrpHdr/p:MsgId"),
        number_of_transactions=int(text(doc, "p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs")),
        control_sum_ore=_ore(text(doc, "p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum")),
        execution_date=dt.date.fromisoformat(text(doc, ".//p:PmtInf/p:ReqdExctnDt")),
        transfers=tuple(transfers),
    )
