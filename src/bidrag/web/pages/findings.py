"""Acknowledged findings for a page: grouped by their explanation, so one reason shows once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bidrag.agreements.models import Finding


@dataclass(frozen=True)
class FindingGroup:
    code: str
    explanation: str
    findings: list[Finding]


def grouped(findings: Iterable[Finding]) -> list[FindingGroup]:
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.code, finding.explanation), []).append(finding)
    return [FindingGroup(code, explanation, items) for (code, explanation), items in groups.items()]
