"""Loading decision files: all or nothing, idempotent, versioned, by a named person.

``load_files`` runs the checks of :mod:`bidrag.agreements.verification`, refuses changed files
unless ``new_version`` is set, and then writes every file in one transaction: the versions, the
documents (in place), recipients and payment details (under the four-eyes rule), findings, the
entitlements and the ledger's postings, each audited as the loading person's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import PermissionsMixin
from django.db import transaction

from bidrag.agreements import decision_file as df
from bidrag.agreements.models import SourceFile
from bidrag.agreements.registration import register
from bidrag.agreements.verification import FileReport, verify_files
from bidrag.agreements.writing import DocumentWriter, LoadRefused
from bidrag.recipients import services as recipients

LOAD_PERMISSION = "accounts.load_decisions"


class LoadPermissionError(PermissionError):
    """The named person may not load decision files."""


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


def check_loader(user: Any) -> Any:
    """The person who loads: an active user holding the load permission."""
    if not (isinstance(user, AbstractBaseUser) and isinstance(user, PermissionsMixin)):
        raise LoadPermissionError("beslutsfiler läses in av en namngiven, aktiv användare")
    if not user.is_active:
        raise LoadPermissionError("beslutsfiler läses in av en namngiven, aktiv användare")
    if not user.has_perm(LOAD_PERMISSION):
        raise LoadPermissionError(
            f"{user.get_username()} får inte läsa in beslutsfiler (behörigheten "
            f"{LOAD_PERMISSION} saknas)"
        )
    return user


def _plan(reports: list[FileReport], new_version: bool) -> None:
    """Set each verified report's status and version against what is loaded."""
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
                r.refuse(
                    f"'{r.document_id}' skiljer sig från inläst version {latest.version} "
                    f"({changes(len(r.changes))}); läs in filen med --new-version för att "
                    "registrera den som ett ändringsbeslut"
                )
            else:
                r.status, r.version = "new-version", latest.version + 1


def load_files(paths: list[str], user: Any, *, new_version: bool = False) -> list[FileReport]:
    """Verify and load ``paths`` atomically as ``user``. Nothing is written if any file has an
    error, or if registering one is refused (an amendment below what is already paid)."""
    actor = check_loader(user)
    reports = verify_files(paths)
    _plan(reports, new_version)
    todo = [r for r in reports if r.status in ("new", "new-version")]
    todo.sort(key=lambda r: 0 if r.parsed and r.parsed.document.kind == "agreement" else 1)
    if not any(r.errors for r in reports):
        current: FileReport | None = None
        try:
            with transaction.atomic(durable=True):
                recipients.seed_register(actor)
                for current in todo:
                    _write(current, actor)
        except LoadRefused as e:
            assert current is not None
            current.refuse(str(e))
    if any(r.errors for r in reports):
        for r in reports:
            if not r.errors:
                r.status = "not loaded"
    return reports


def _write(report: FileReport, actor: AbstractBaseUser) -> None:
    assert report.parsed is not None and report.version is not None
    writer = DocumentWriter(report, actor)
    writer.write_source()
    doc = report.parsed.document
    if isinstance(doc, df.AgreementIn):
        writer.write_agreement(doc)
    else:
        decision = writer.write_decision(doc)
        register(actor, decision, doc, report.version)
