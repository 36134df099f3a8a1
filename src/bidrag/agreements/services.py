"""Verifying and loading decision files: all or nothing, idempotent, versioned.

``verify_files`` reads and checks without touching the database. ``load_files`` runs the same
checks, refuses changed files unless ``new_version`` is set, and then writes every file in one
transaction: the documents, their recipients and payees, the audit records and the ledger's
"decided" postings (a new version posts the difference per appropriation item).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from bidrag.agreements import decision_file as df
from bidrag.agreements.checks import Problem, check, resolve_name
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
from bidrag.audit.services import Actor, record
from bidrag.core.identifiers import parse_orgnr
from bidrag.ledger.models import Account, AppropriationItem, TransactionKind
from bidrag.ledger.services import ItemRef, ensure_item, move, post
from bidrag.recipients import services as recipients
from bidrag.recipients.models import Organisation, OrganisationKind


@dataclass
class FileReport:
    path: str
    document_id: str = ""
    status: str = "checked"  # checked, refused, new, unchanged, new-version
    version: int | None = None
    problems: list[Problem] = field(default_factory=list)
    read_errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    parsed: df.ParsedFile | None = None

    @property
    def errors(self) -> list[str]:
        out = list(self.read_errors)
        for p in self.problems:
            if p.status == "error":
                out.append(self.describe(p))
        return out

    @property
    def warnings(self) -> list[str]:
        return [self.describe(p) for p in self.problems if p.status == "warning"]

    def describe(self, p: Problem) -> str:
        line = self.parsed.line_of(p.loc) if self.parsed else None
        where = f"{self.path}:{line}" if line else self.path
        field_ = df.field_path(p.loc)
        return f"{where}: {field_ or p.location}: [{p.code}] {p.location}: {p.message}"


def verify_file(path: str) -> FileReport:
    report = FileReport(path)
    try:
        parsed = df.read_file(path)
    except df.DecisionFileError as e:
        report.read_errors = e.lines()
        report.status = "refused"
        return report
    report.parsed = parsed
    report.document_id = parsed.document.id
    report.problems = check(parsed)
    if report.errors:
        report.status = "refused"
    return report


def verify_files(paths: list[str]) -> list[FileReport]:
    reports = [verify_file(p) for p in paths]
    seen: dict[str, str] = {}
    for r in reports:
        if r.document_id and r.document_id in seen:
            r.read_errors.append(
                f"{r.path}: id '{r.document_id}' används också i {seen[r.document_id]}"
            )
            r.status = "refused"
        seen.setdefault(r.document_id, r.path)
    return reports


# --- loading ---------------------------------------------------------------------------------


def diff(old: Any, new: Any, path: str = "") -> list[str]:
    """What changed between two decision files' data, one line per changed value."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in list(old) + [k for k in new if k not in old]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in new:
                out.append(f"{sub}: borttaget")
            elif key not in old:
                out.append(f"{sub}: tillagt {new[key]!r}")
            else:
                out.extend(diff(old[key], new[key], sub))
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            line
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for line in diff(a, b, f"{path}[{i}]")
        ]
    return [] if old == new else [f"{path}: {old!r} → {new!r}"]


def changes(n: int) -> str:
    return "1 ändring" if n == 1 else f"{n} ändringar"


def latest_source(document_id: str) -> SourceFile | None:
    return SourceFile.objects.filter(document_id=document_id).order_by("-version").first()


def load_files(paths: list[str], actor: Actor, *, new_version: bool = False) -> list[FileReport]:
    """Verify and load ``paths`` atomically. Nothing is written if any file has an error."""
    reports = verify_files(paths)
    for r in reports:
        if r.errors or r.parsed is None:
            continue
        latest = latest_source(r.document_id)
        if latest is None:
            r.status, r.version = "new", 1
        elif latest.sha256 == r.parsed.sha256:
            r.status, r.version = "unchanged", latest.version
        else:
            old = df.parse_text(latest.content, latest.path).data
            r.changes = diff(old, r.parsed.data)
            if not new_version:
                r.read_errors.append(
                    f"{r.path}: '{r.document_id}' skiljer sig från inläst version {latest.version} "
                    f"({changes(len(r.changes))}); läs in filen med --new-version för att "
                    "behålla båda versionerna"
                )
                r.status = "refused"
            else:
                r.status, r.version = "new-version", latest.version + 1
    if any(r.errors for r in reports):
        for r in reports:
            if not r.errors:
                r.status = "not loaded"
        return reports
    todo = [r for r in reports if r.status in ("new", "new-version")]
    todo.sort(key=lambda r: 0 if r.parsed and r.parsed.document.kind == "agreement" else 1)
    with transaction.atomic():
        recipients.seed_register(actor)
        for r in todo:
            _Writer(r, actor).write()
    return reports


class _Writer:
    def __init__(self, report: FileReport, actor: Actor) -> None:
        assert report.parsed is not None and report.version is not None
        self.report = report
        self.parsed = report.parsed
        self.actor = actor
        self.items: dict[str, AppropriationItem] = {}

    def write(self) -> None:
        doc = self.parsed.document
        source = SourceFile.objects.create(
            document_id=doc.id,
            kind=doc.kind,
            version=self.report.version or 1,
            path=self.parsed.path,
            sha256=self.parsed.sha256,
            content=self.parsed.text,
            changes=self.report.changes,
            loaded_by=str(self.actor),
        )
        record(
            self.actor,
            "decision_file.loaded",
            source,
            new={"sha256": source.sha256},
            note="\n".join(self.report.changes),
        )
        year = doc.budget_year if isinstance(doc, df.PaymentDecisionIn) else doc.year
        for key, ref in doc.appropriation_items.items():
            self.items[key] = ensure_item(self.actor, ItemRef(**ref.model_dump(), budget_year=year))
        if isinstance(doc, df.AgreementIn):
            self.write_agreement(doc, source)
        else:
            self.write_decision(doc, source)

    # --- agreements ------------------------------------------------------------------------

    def write_agreement(self, doc: df.AgreementIn, source: SourceFile) -> None:
        old = Agreement.objects.filter(document_id=doc.id, is_current=True).first()
        if old is not None:
            Agreement.objects.filter(pk=old.pk).update(is_current=False)
        gd = doc.government_decision
        agreement = Agreement.objects.create(
            source=source,
            document_id=doc.id,
            diarienummer=doc.diarienummer or "",
            year=doc.year,
            name=doc.name,
            parties=doc.parties,
            government_decision_date=gd.date if gd else None,
            government_decision_reference=(gd.reference or "") if gd else "",
            total=doc.total,
            co_financing=doc.co_financing,
            notes="\n".join([*doc.missing, doc.diarienummer_source]).strip(),
        )
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
        for i, annex in enumerate(doc.annexes):
            self.write_annex(i, annex, agreement=agreement, areas=areas)
        self.write_findings(agreement=agreement)
        record(
            self.actor,
            "agreement.loaded",
            agreement,
            old={"version": old.source.version} if old else None,
            new={"version": source.version, "total": doc.total},
        )

    # --- payment decisions -----------------------------------------------------------------

    def write_decision(self, doc: df.PaymentDecisionIn, source: SourceFile) -> None:
        old = PaymentDecision.objects.filter(document_id=doc.id, is_current=True).first()
        if old is not None:
            PaymentDecision.objects.filter(pk=old.pk).update(is_current=False)
        agreement = None
        if doc.agreement.id:
            agreement = Agreement.objects.filter(
                document_id=doc.agreement.id, is_current=True
            ).first()
        decision = PaymentDecision.objects.create(
            source=source,
            document_id=doc.id,
            diarienummer=doc.diarienummer or "",
            date=doc.date,
            missing_note="\n".join(doc.missing),
            agreement=agreement,
            agreement_diarienummer=doc.agreement.diarienummer or "",
            department=doc.department,
            addressee=doc.addressee,
            title=doc.title,
            budget_year=doc.budget_year,
            total=doc.total,
            signatories=doc.signatories,
            copy_to=doc.copy_to,
        )
        lines: dict[str, DecisionLine] = {}
        skr = Organisation.objects.get(kind=OrganisationKind.SKR)
        for n, line in enumerate(doc.lines, 1):
            assert line.appropriation_item is not None  # checked
            lines[line.id] = DecisionLine.objects.create(
                decision=decision,
                key=line.id,
                position=n,
                amount=line.amount,
                recipient_group=line.recipient_group,
                recipient=skr if line.recipient == "SKR" else None,
                purpose=line.purpose,
                area_name=line.area or "",
                appropriation_item=self.items[line.appropriation_item],
                mode=line.mode,
                window_start=line.payment_window_start,
                window_end=line.payment_window_end,
                requisition_deadline=line.requisition_deadline,
                repayment_deadline=line.repayment_deadline,
                report_deadline=line.report_deadline,
                deadline_rule_applies=line.deadline_rule_1930_173,
                conditions=line.conditions,
            )
        for i, annex in enumerate(doc.annexes):
            self.write_annex(i, annex, decision=decision, lines=lines)
        self.write_findings(decision=decision)
        record(
            self.actor,
            "payment_decision.loaded",
            decision,
            old={"version": old.source.version} if old else None,
            new={"version": source.version, "total": doc.total},
        )
        self.post_decided(decision, old)

    def post_decided(self, decision: PaymentDecision, old: PaymentDecision | None) -> None:
        amounts: dict[int, int] = defaultdict(int)
        items: dict[int, AppropriationItem] = {}
        for line in decision.lines.select_related("appropriation_item"):
            amounts[line.appropriation_item_id] += line.amount * 100
            items[line.appropriation_item_id] = line.appropriation_item
        if old is not None:
            for line in old.lines.select_related("appropriation_item"):
                amounts[line.appropriation_item_id] -= line.amount * 100
                items[line.appropriation_item_id] = line.appropriation_item
        entries = [
            e
            for pk, ore in amounts.items()
            if ore
            for e in move(items[pk], Account.DECIDED, Account.APPROPRIATION, ore)
        ]
        if not entries:
            return
        kind = TransactionKind.DECISION if old is None else TransactionKind.DECISION_REVISION
        label = decision.diarienummer or decision.document_id
        post(
            self.actor,
            date=decision.date or timezone.localdate(),
            kind=kind,
            description=f"Beslut {label} v{decision.source.version}: {decision.title}",
            source=decision,
            entries=entries,
        )

    # --- annexes and findings ----------------------------------------------------------------

    def organisation_for(self, annex: df.AnnexIn, row: df.AnnexRowIn) -> Organisation:
        resolved = resolve_name(row.recipient or row.name, annex.recipients, "name")
        if resolved.kind == "collaboration_region":
            return recipients.ensure_organisation(
                self.actor, kind=OrganisationKind.COLLABORATION_REGION, name=resolved.name
            )
        return Organisation.objects.get(name=resolved.name)

    def payee_for(self, payee: df.PayeeIn) -> Organisation:
        if payee.org_number:
            number = str(parse_orgnr(payee.org_number))
            found = Organisation.objects.filter(org_number=number).first()
            if found is not None:
                return found
        found = Organisation.objects.filter(name=payee.name).first()
        if found is not None:
            return found
        return recipients.ensure_organisation(
            self.actor,
            kind=OrganisationKind.OTHER,
            name=payee.name,
            org_number=payee.org_number or "",
        )

    def write_payee(self, org: Organisation, payee: df.PayeeIn, where: str) -> dict[str, str]:
        payee_org = self.payee_for(payee)
        if org.kind == OrganisationKind.COLLABORATION_REGION:
            recipients.set_designated_payee(self.actor, org, payee_org)
        account_type = "bankgiro" if payee.bankgiro else "plusgiro" if payee.plusgiro else ""
        recipients.set_payment_details(
            self.actor,
            org,
            recipients.PaymentDetailsInput(
                payee=payee_org,
                payee_name=payee.name,
                account_type=account_type,
                account_number=payee.bankgiro or payee.plusgiro or "",
                bank=payee.bank or "",
                payment_reference=payee.payment_reference or "",
                source=where,
            ),
        )
        return {k: v for k, v in payee.model_dump().items() if v is not None}

    def write_annex(
        self,
        index: int,
        annex: df.AnnexIn,
        *,
        decision: PaymentDecision | None = None,
        agreement: Agreement | None = None,
        lines: dict[str, DecisionLine] | None = None,
        areas: dict[str, Area] | None = None,
    ) -> None:
        orgs = [self.organisation_for(annex, row) for row in annex.rows]
        payees: list[dict[str, str]] = []
        for org, row in zip(orgs, annex.rows, strict=True):
            where = f"{self.parsed.path}, bilaga {annex.number}, {row.name}"
            payees.append(self.write_payee(org, row.payee, where) if row.payee else {})
        printed_totals: dict[str, int] = {}
        if annex.total_row:
            for cell in annex.total_row.cells:
                if cell.kind == "amount":
                    printed_totals[cell.column] = df._kronor(cell.value)
        for column in annex.columns:
            model = column.model.model_dump(mode="json") if column.model else None
            if model is not None:
                for key in model["keys"]:
                    key["weight"] = str(key["weight"])
            obj = Annex.objects.create(
                decision=decision,
                agreement=agreement,
                line=(lines or {}).get(column.line or ""),
                area=(areas or {}).get(column.line or ""),
                number=annex.number,
                column=column.id if len(annex.columns) > 1 else "",
                column_title=column.title,
                title=annex.title,
                key_description=annex.key_description,
                reference_data={k: v.model_dump() for k, v in annex.reference_data.items()},
                rounding=column.model.rounding.value if column.model else "",
                model=model
                or ({"unknown": column.model_unknown} if column.model_unknown else None),
                printed_total=printed_totals.get(column.id),
                printed_total_text=annex.total_row.printed
                if annex.total_row
                else (annex.total_text or "")[:200],
            )
            AnnexRow.objects.bulk_create(
                AnnexRow(
                    annex=obj,
                    position=n,
                    recipient=org,
                    printed_name=row.name,
                    amount=row.amount if row.amount is not None else row.amounts[column.id],
                    reference_values=row.reference,
                    printed_values=row.printed,
                    payee_details=payee,
                )
                for n, (org, row, payee) in enumerate(zip(orgs, annex.rows, payees, strict=True), 1)
            )

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
