"""Verifying decision files: read and check, without touching the database."""

from __future__ import annotations

from dataclasses import dataclass, field

from bidrag.agreements import decision_file as df
from bidrag.agreements.checks import Problem, check


@dataclass
class FileReport:
    """What ``verify`` and ``load`` found in one file, and what loading did with it."""

    path: str
    document_id: str = ""
    status: str = "checked"  # checked, refused, new, unchanged, new-version, not loaded
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

    def refuse(self, message: str) -> None:
        self.read_errors.append(f"{self.path}: {message}")
        self.status = "refused"


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
            r.refuse(f"id '{r.document_id}' används också i {seen[r.document_id]}")
        seen.setdefault(r.document_id, r.path)
    return reports
