"""ISO 20022 ``pain.002.001.03`` (CustomerPaymentStatusReportV03): the bank's answer to a
payment file. A reader: bytes in, statuses out, no rules.

Read: the report's ``MsgId`` and creation date, the original message id (our batch's
``MsgId``), the group status, and per transaction the original end-to-end id, its status and
reason (``StsRsnInf/Rsn/Cd`` and ``AddtlInf``). Statuses: ``ACCP``, ``ACSC``, ``ACSP``,
``ACTC`` and ``ACWC`` accept; ``RJCT`` rejects; ``PDNG`` and ``PART`` decide nothing alone.

Parsing is safe (:func:`parse`: no DTD, no entities, no network, a size limit); it is the one
place to swap for ``bidrag.core.safe_xml.parse_xml`` once that module is on main.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from bidrag.core.errors import DomainError
from bidrag.core.limits import MAX_BANK_FILE_BYTES
from bidrag.core.safe_xml import XmlError, parse_xml

NS = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.03"
ACCEPTED = frozenset({"ACCP", "ACSC", "ACSP", "ACTC", "ACWC"})
REJECTED = "RJCT"


class Pain002Error(DomainError):
    """A status report is refused; ``field`` names the place in the file."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(field, reason)
        self.code = "status-file-invalid"


def parse(data: bytes, source: str = "file") -> Any:
    """The root element, read by :mod:`bidrag.core.safe_xml` (no DTD, entities or network;
    the bank-file size limit)."""
    try:
        return parse_xml(data, source, limit=MAX_BANK_FILE_BYTES)
    except XmlError as e:
        where = f"{source}, line {e.line}" if getattr(e, "line", None) else source
        raise Pain002Error(where, e.reason) from None


@dataclass(frozen=True)
class TxStatus:
    end_to_end_id: str
    status: str
    reason: str


@dataclass(frozen=True)
class StatusFile:
    message_id: str
    created_on: dt.date | None
    original_message_id: str
    group_status: str
    group_reason: str
    transactions: tuple[TxStatus, ...]


def _reason(node: Any, ns: dict[str, str]) -> str:
    parts = []
    for info in node.iterfind("p:StsRsnInf", ns):
        code = info.findtext("p:Rsn/p:Cd", "", ns) or info.findtext("p:Rsn/p:Prtry", "", ns)
        extra = " ".join((t.text or "").strip() for t in info.iterfind("p:AddtlInf", ns) if t.text)
        parts.append(" ".join(p for p in (code, extra) if p))
    return "; ".join(p for p in parts if p)


def read(data: bytes, source: str = "file") -> StatusFile:
    root = parse(data, source)
    if root.tag != f"{{{NS}}}Document":
        raise Pain002Error(source, f"is not a pain.002.001.03 document ({root.tag})")
    ns = {"p": NS}
    report = root.find("p:CstmrPmtStsRpt", ns)
    if report is None:
        raise Pain002Error(f"{source}: Document", "CstmrPmtStsRpt is missing")
    group = report.find("p:OrgnlGrpInfAndSts", ns)
    if group is None:
        raise Pain002Error(f"{source}: CstmrPmtStsRpt", "OrgnlGrpInfAndSts is missing")
    original = (group.findtext("p:OrgnlMsgId", "", ns) or "").strip()
    if not original:
        raise Pain002Error(f"{source}: OrgnlGrpInfAndSts", "OrgnlMsgId is missing")
    created = (report.findtext("p:GrpHdr/p:CreDtTm", "", ns) or "").strip()
    created_on = None
    if created:
        try:
            created_on = dt.date.fromisoformat(created[:10])
        except ValueError:
            raise Pain002Error(f"{source}: GrpHdr/CreDtTm", f"{created!r} is not a date") from None
    group_status = (group.findtext("p:GrpSts", "", ns) or "").strip()
    group_reason = _reason(group, ns)
    for info in report.iterfind("p:OrgnlPmtInfAndSts", ns):
        # One PmtInf per file of ours: its rejection rejects the whole file.
        if (info.findtext("p:PmtInfSts", "", ns) or "").strip() == REJECTED:
            group_status, group_reason = REJECTED, group_reason or _reason(info, ns)
    txs = []
    for tx in report.iterfind("p:OrgnlPmtInfAndSts/p:TxInfAndSts", ns):
        e2e = (tx.findtext("p:OrgnlEndToEndId", "", ns) or "").strip()
        status = (tx.findtext("p:TxSts", "", ns) or "").strip()
        if not e2e:
            raise Pain002Error(f"{source}: TxInfAndSts", "OrgnlEndToEndId is missing")
        txs.append(TxStatus(e2e, status, _reason(tx, ns)))
    return StatusFile(
        message_id=(report.findtext("p:GrpHdr/p:MsgId", "", ns) or "").strip(),
        created_on=created_on,
        original_message_id=original,
        group_status=group_status,
        group_reason=group_reason,
        transactions=tuple(txs),
    )
