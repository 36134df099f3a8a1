"""Acknowledged findings for a page: grouped by their explanation, so one reason shows once;
each said in the active language from its code and params."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bidrag.agreements.checks import stored_text
from bidrag.agreements.models import Finding


@dataclass(frozen=True)
class FindingText:
    """A finding as shown: its place and message in the reader's language."""

    code: str
    location: str
    message: str


@dataclass(frozen=True)
class FindingGroup:
    code: str
    explanation: str
    findings: list[FindingText]


def shown(finding: Finding) -> FindingText:
    location, message = stored_text(
        finding.code, finding.details, finding.location, finding.message
    )
    return FindingText(finding.code, location, message)


def grouped(findings: Iterable[Finding]) -> list[FindingGroup]:
    groups: dict[tuple[str, str], list[FindingText]] = {}
    for finding in findings:
        groups.setdefault((finding.code, finding.explanation), []).append(shown(finding))
    return [FindingGroup(code, explanation, items) for (code, explanation), items in groups.items()]
