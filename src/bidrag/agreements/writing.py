"""Writing a verified decision file's document into the database, in place.

A document keeps its rows across versions: the agreement or decision is found by its file id,
lines by their ids, annex columns by (bilaga, column), annex rows by recipient; each is created,
updated or (lines: taken out of force, amount 0) retired. Requisitions and payments that point
at a line or entitlement keep pointing at the same row after an amendment. Findings are derived
from the file and replaced with each version.

Payees printed in an annex set a beneficiary's payment details only where none are recorded;
other details than those recorded open a change for a second person to approve (four eyes).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from bidrag.agreements import decision_file as df
from bidrag.agreements.checks import resolve_name
from bidrag.agreements.models import (
    Agreement,
    Annex,
    AnnexRow,
    Area,
    DecisionLine,
    Finding,
    PaymentDecision,
    Signature,
    SourceFile,
)
from bidrag.agreements.verification import FileReport
from bidrag.audit.services import record
from bidrag.ledger.models import AppropriationItem
from bidrag.ledger.services import ItemRef, ensure_item
from bidrag.recipients import approvals
from bidrag.recipients import services as recipients
from bidrag.recipients.models import ChangeStatus, Organisation, OrganisationKind


class LoadRefused(Exception):
    """Loading cannot go on; the message (Swedish) names the place and the reason."""


def _set(obj: Any, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set ``values`` on ``obj``; return the fields that changed (old, new)."""
    changed = {}
    for name, value in values.items():
        old = getattr(obj, name)
        if old != value:
            changed[name] = (old, value)
            setattr(obj, name, value)
    return changed


class DocumentWriter:
    def __init__(self, report: FileReport, actor: AbstractBaseUser) -> None:
        assert report.parsed is not None and report.version is not None
        self.report = report
        self.parsed = report.parsed
        self.actor = actor
        self.items: dict[str, AppropriationItem] = {}
        self.source: SourceFile | None = None

    def write_source(self) -> SourceFile:
        doc = self.parsed.document
        self.source = SourceFile.objects.create(
            document_id=doc.id,
            kind=doc.kind,
            version=self.report.version or 1,
            path=self.parsed.path,
            sha256=self.parsed.sha256,
            content=self.parsed.text,
            changes=self.report.changes,
            loaded_by=self.actor.get_username(),
        )
        record(
            self.actor,
            "decision_file.loaded",
            self.source,
            new={"sha256": self.source.sha256, "version": self.source.version},
            note="\n".join(self.report.changes),
        )
        year = doc.budget_year if isinstance(doc, df.PaymentDecisionIn) else doc.year
        for key, ref in doc.appropriation_items.items():
            self.items[key] = ensure_item(self.actor, ItemRef(**ref.model_dump(), budget_year=year))
        return self.source

    # --- agreements ------------------------------------------------------------------------

    def write_agreement(self, doc: df.AgreementIn) -> Agreement:
        """An agreement carries no money: its parts are replaced with each version."""
        assert self.source is not None
        gd = doc.government_decision
        values = {
            "source": self.source,
            "diarienummer": doc.diarienummer or "",
            "year": doc.year,
            "name": doc.name,
            "parties": doc.parties,
            "government_decision_date": gd.date if gd else None,
            "government_decision_reference": (gd.reference or "") if gd else "",
            "total": doc.total,
            "co_financing": doc.co_financing,
            "notes": "\n".join([*doc.missing, doc.diarienummer_source]).strip(),
        }
        agreement = Agreement.objects.filter(document_id=doc.id).first()
        old_version = agreement.source.version if agreement else None
        if agreement is None:
            agreement = Agreement.objects.create(document_id=doc.id, **values)
        else:
            _set(agreement, values)
            agreement.save()
            agreement.signatures.all().delete()
            agreement.annexes.all().delete()
            agreement.areas.all().delete()
            agreement.findings.all().delete()
        for s in doc.signatures:
            Signature.objects.create(
                agreement=agreement,
                party=s.party,
                place=s.place,
                signed_on=s.date,
                signed_on_printed=s.date_printed,
                signatory=s.signatory,
                title=s.title,
            )
        areas: dict[str, Area] = {}
        counter = iter(range(1, 10_000))

        def add(area: df.AreaIn, parent: Area | None) -> None:
            row = Area.objects.create(
                agreement=agreement,
                parent=parent,
                key=area.id,
                position=next(counter),
                section=area.section,
                name=area.name,
                amount=area.amount,
                recipient_group=area.recipient_group or "",
                co_financing=area.co_financing,
                appropriation_item=self.items.get(area.appropriation_item or ""),
                conditions=area.conditions,
                reports=area.reports,
            )
            areas[area.id] = row
            for item in area.items:
                add(item, row)

        for area in doc.areas:
            add(area, None)
        for annex in doc.annexes:
            self.write_annex(annex, agreement=agreement, areas=areas)
        self.write_findings(agreement=agreement)
        record(
            self.actor,
            "agreement.loaded",
            agreement,
            old={"version": old_version} if old_version else None,
            new={"version": self.source.version, "total": doc.total},
        )
        return agreement

    # --- payment decisions -----------------------------------------------------------------

    def write_decision(self, doc: df.PaymentDecisionIn) -> PaymentDecision:
        assert self.source is not None
        agreement = None
        if doc.agreement.id:
            agreement = Agreement.objects.filter(document_id=doc.agreement.id).first()
        stand_in = doc.date_stand_in
        values = {
            "source": self.source,
            "diarienummer": doc.diarienummer or "",
            "date": doc.date,
            "date_stand_in": stand_in.date if stand_in else None,
            "date_stand_in_reason": stand_in.reason if stand_in else "",
            "missing_note": "\n".join(doc.missing),
            "agreement": agreement,
            "agreement_diarienummer": doc.agreement.diarienummer or "",
            "department": doc.department,
            "addressee": doc.addressee,
            "title": doc.title,
            "budget_year": doc.budget_year,
            "total": doc.total,
            "signatories": doc.signatories,
            "copy_to": doc.copy_to,
        }
        decision = PaymentDecision.objects.filter(document_id=doc.id).first()
        old_version = decision.source.version if decision else None
        if decision is None:
            decision = PaymentDecision.objects.create(document_id=doc.id, **values)
        else:
            _set(decision, values)
            decision.save()
        lines = self.write_lines(decision, doc)
        self.write_decision_annexes(decision, doc, lines)
        decision.findings.all().delete()
        self.write_findings(decision=decision)
        record(
            self.actor,
            "payment_decision.loaded" if old_version is None else "payment_decision.amended",
            decision,
            old={"version": old_version} if old_version else None,
            new={"version": self.source.version, "total": doc.total},
            note="\n".join(self.report.changes),
        )
        return decision

    def write_lines(
        self, decision: PaymentDecision, doc: df.PaymentDecisionIn
    ) -> dict[str, DecisionLine]:
        existing = {line.key: line for line in decision.lines.all()}
        skr = Organisation.objects.get(kind=OrganisationKind.SKR)
        lines: dict[str, DecisionLine] = {}
        for n, line in enumerate(doc.lines, 1):
            assert line.appropriation_item is not None  # checked
            values = {
                "position": n,
                "amount": line.amount,
                "recipient_group": line.recipient_group,
                "recipient": skr if line.recipient == "SKR" else None,
                "purpose": line.purpose,
                "area_name": line.area or "",
                "appropriation_item": self.items[line.appropriation_item],
                "mode": line.mode,
                "window_start": line.payment_window_start,
                "window_end": line.payment_window_end,
                "requisition_deadline": line.requisition_deadline,
                "repayment_deadline": line.repayment_deadline,
                "report_deadline": line.report_deadline,
                "deadline_rule_applies": line.deadline_rule_1930_173,
                "conditions": line.conditions,
                "in_force": True,
            }
            row = existing.pop(line.id, None)
            if row is None:
                row = DecisionLine.objects.create(decision=decision, key=line.id, **values)
            elif _set(row, values):
                row.save()
            lines[line.id] = row
        for gone in existing.values():  # taken out by the amendment: kept, at 0 kr
            if _set(gone, {"amount": 0, "in_force": False}):
                gone.save()
        return lines

    def write_decision_annexes(
        self, decision: PaymentDecision, doc: df.PaymentDecisionIn, lines: dict[str, DecisionLine]
    ) -> None:
        kept: set[int] = set()
        for annex in doc.annexes:
            kept |= self.write_annex(annex, decision=decision, lines=lines)
        decision.annexes.exclude(pk__in=kept).delete()

    # --- annexes, payees and findings --------------------------------------------------------

    def organisation_for(self, annex: df.AnnexIn, row: df.AnnexRowIn) -> Organisation:
        resolved = resolve_name(row.recipient or row.name, annex.recipients, "name")
        if resolved.kind == "collaboration_region":
            return recipients.ensure_organisation(
                self.actor, kind=OrganisationKind.COLLABORATION_REGION, name=resolved.name
            )
        return Organisation.objects.get(name=resolved.name)

    def write_payee(self, org: Organisation, payee: df.PayeeIn, where: str) -> None:
        """The printed payee becomes the beneficiary's payment details where none are recorded;
        different details open a change that a second person approves."""
        if not payee.org_number:
            return  # no legal entity to pay: the beneficiary stays without payment details
        details = recipients.printed_details(
            self.actor,
            payee_name=payee.name,
            org_number=payee.org_number,
            bankgiro=payee.bankgiro,
            plusgiro=payee.plusgiro,
            bank=payee.bank,
            payment_reference=payee.payment_reference,
            source=where,
        )
        current = recipients.current_payment_details(org)
        if current is None:
            recipients.set_payment_details(self.actor, org, details)
            return
        if current.as_dict() == details.as_dict():
            return
        pending = org.payment_details_changes.filter(status=ChangeStatus.PENDING).first()
        if pending is not None:
            if pending.as_dict() == details.as_dict():
                return  # already proposed by an earlier load
            raise LoadRefused(
                f"{where}: filen anger andra betalningsuppgifter för {org.name} än de "
                f"registrerade, och en annan ändring (#{pending.pk}) väntar redan på "
                "godkännande; besluta den först"
            )
        approvals.propose_from_decision_file(
            self.actor,
            org,
            details,
            reason=f"Ny version av beslutsfilen ({where}) anger andra betalningsuppgifter.",
        )

    def write_annex(
        self,
        annex: df.AnnexIn,
        *,
        decision: PaymentDecision | None = None,
        agreement: Agreement | None = None,
        lines: dict[str, DecisionLine] | None = None,
        areas: dict[str, Area] | None = None,
    ) -> set[int]:
        """Create or update the annex's columns and rows in place; the ids of its columns."""
        orgs = [self.organisation_for(annex, row) for row in annex.rows]
        for org, row in zip(orgs, annex.rows, strict=True):
            if row.payee:
                self.write_payee(org, row.payee, f"{self.parsed.path}, bilaga {annex.number}")
        printed_totals: dict[str, int] = {}
        if annex.total_row:
            for cell in annex.total_row.cells:
                if cell.kind == "amount":
                    printed_totals[cell.column] = df._kronor(cell.value)
        ids: set[int] = set()
        for column in annex.columns:
            model = column.model.model_dump(mode="json") if column.model else None
            if model is not None:
                for key in model["keys"]:
                    key["weight"] = str(key["weight"])
            key = column.id if len(annex.columns) > 1 else ""
            values = {
                "line": (lines or {}).get(column.line or ""),
                "area": (areas or {}).get(column.line or ""),
                "column_title": column.title,
                "title": annex.title,
                "key_description": annex.key_description,
                "reference_data": {k: v.model_dump() for k, v in annex.reference_data.items()},
                "rounding": column.model.rounding.value if column.model else "",
                "model": model
                or ({"unknown": column.model_unknown} if column.model_unknown else None),
                "printed_total": printed_totals.get(column.id),
                "printed_total_text": annex.total_row.printed
                if annex.total_row
                else (annex.total_text or "")[:200],
            }
            obj = None
            if decision is not None:
                obj = decision.annexes.filter(number=annex.number, column=key).first()
            if obj is None:
                obj = Annex.objects.create(
                    decision=decision,
                    agreement=agreement,
                    number=annex.number,
                    column=key,
                    **values,
                )
            elif _set(obj, values):
                obj.save()
            ids.add(obj.pk)
            self.write_rows(obj, column.id, annex, orgs)
        return ids

    def write_rows(
        self, annex: Annex, column_id: str, data: df.AnnexIn, orgs: list[Organisation]
    ) -> None:
        existing = {row.recipient_id: row for row in annex.rows.all()}
        for n, (org, row) in enumerate(zip(orgs, data.rows, strict=True), 1):
            values = {
                "position": n,
                "printed_name": row.name,
                "amount": row.amount if row.amount is not None else row.amounts[column_id],
                "reference_values": row.reference,
                "printed_values": row.printed,
                "payee_details": row.payee.model_dump(exclude_none=True) if row.payee else {},
            }
            obj = existing.pop(org.pk, None)
            if obj is None:
                AnnexRow.objects.create(annex=annex, recipient=org, **values)
            elif _set(obj, values):
                obj.save()
        for gone in existing.values():
            gone.delete()  # its entitlement (if any) goes to 0 kr in the registration

    def write_findings(
        self, *, decision: PaymentDecision | None = None, agreement: Agreement | None = None
    ) -> None:
        for p in self.report.problems:
            if p.status == "error":
                continue
            Finding.objects.create(
                decision=decision,
                agreement=agreement,
                code=p.code,
                location=p.location[:200],
                severity="warning" if p.status == "warning" else "info",
                message=p.message,
                explanation=p.acknowledged_by.explanation if p.acknowledged_by else "",
                details=p.details,
            )
