"""Printed recipient names of annex rows → the register's recipients."""

from __future__ import annotations

from dataclasses import dataclass

from bidrag.agreements.checks.catalogue import UNKNOWN_COLLABORATION_REGION
from bidrag.core import register
from bidrag.core.errors import RegisterError


@dataclass(frozen=True)
class Resolved:
    """The register's answer for a printed name: canonical name, kind and länskod."""

    name: str
    kind: str
    county_code: str


SKR_NAMES = {"SKR": "Sveriges Kommuner och Regioner"}


def resolve_name(name: str, kind: str, field: str) -> Resolved:
    """Resolve a printed recipient name of an annex; raises a RegisterError with a suggestion."""
    if kind == "collaboration_regions":
        if name not in register.COLLABORATION_REGIONS:
            raise RegisterError(
                field,
                f"'{name}' is not one of the six collaboration regions",
                name,
                code=UNKNOWN_COLLABORATION_REGION.key,
                params={"name": name, "names": list(register.COLLABORATION_REGIONS)},
            )
        return Resolved(name, "collaboration_region", "")
    if kind == "regions":
        region = register.resolve_region(name, field)
        return Resolved(region.name, "region", region.code)
    county = register.resolve_county(name, field)
    return Resolved(county.name, "county", county.code)
