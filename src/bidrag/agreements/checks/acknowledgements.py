"""Acknowledgements (``acknowledged:``): each covers one kind of finding at one place, and only
while the finding's figures are the ones it pins.

An acknowledgement names a ``code``, a place (``at``; a place above covers the places under
it) and the figures the code's findings carry (:data:`catalogue.PINS`): the sums of a
``printed-total``, the name of a ``name-as-printed``, the hand adjustments (rows and kronor) of
a ``model-deviation``. A finding of that code at that place with other figures is not covered:
it stays an error, and the acknowledgement is reported with what differs.
"""

from __future__ import annotations

import re
from typing import Any

from bidrag.agreements import decision_file as df
from bidrag.agreements.checks import catalogue as k
from bidrag.agreements.checks.places import at
from bidrag.agreements.checks.problems import Context, Problem

# The type of each pinned figure: how it is compared and said.
PIN_TYPES: dict[str, str] = {
    "adjustments": "adjustments",
    "name": "text",
    "canonical": "text",
    "first_date": "date",
    "second_date": "date",
    **{name: "amount" for name in df.PINNED_AMOUNTS},
}

_ENGLISH_PLACE = re.compile(r"\b(column|row|total row|area|line)\b")


def given_pins(ack: df.Acknowledgement) -> list[str]:
    return [name for name in PIN_TYPES if name in ack.model_fields_set]


def _pinned(ack: df.Acknowledgement, name: str) -> Any:
    value = getattr(ack, name)
    return value.isoformat() if PIN_TYPES[name] == "date" and value is not None else value


def differences(problem: Problem, ack: df.Acknowledgement) -> list[dict[str, Any]]:
    """What differs between the finding and what ``ack`` acknowledges (empty: it is covered)."""
    out: list[dict[str, Any]] = []
    for name in problem.kind.pins:
        if PIN_TYPES[name] == "adjustments":
            if problem.recheck is None:  # pragma: no cover - every model finding has one
                raise AssertionError(f"{problem.code} cannot be re-checked")
            out.extend(problem.recheck(ack.adjustments or [], ack.explanation))
            continue
        acknowledged, found = _pinned(ack, name), problem.params.get(name)
        if acknowledged != found:
            out.append(
                {
                    "type": PIN_TYPES[name],
                    "field": name,
                    "acknowledged": acknowledged,
                    "found": found,
                }
            )
    return out


def current_pins(problem: Problem) -> list[dict[str, Any]]:
    """The finding's figures as an acknowledgement would pin them (shown when one is missing)."""
    out: list[dict[str, Any]] = []
    for name in problem.kind.pins:
        if PIN_TYPES[name] == "adjustments":
            value: Any = [
                {"recipient": d["recipient"], "kronor": d["difference"]}
                for d in problem.params.get("deviations", [])
            ]
        else:
            value = problem.params.get(name)
        out.append({"field": name, "type": PIN_TYPES[name], "value": value})
    return out


def apply(ctx: Context) -> None:
    """Mark the findings each acknowledgement covers; report the acknowledgements that are
    wrong (figures missing or foreign to the code), cover nothing, or no longer hold."""
    acks = ctx.doc.acknowledged
    valid: list[int] = []
    for n, ack in enumerate(acks):
        if _check_pins(ctx, n, ack):
            valid.append(n)
    open_findings = [p for p in ctx.problems if not p.fatal and not p.info]
    used: set[int] = set()
    near: dict[int, list[tuple[Problem, list[dict[str, Any]]]]] = {}
    for problem in open_findings:
        for n in valid:
            ack = acks[n]
            if ack.code != problem.code or not problem.is_at(ack.at):
                continue
            diffs = differences(problem, ack)
            if not diffs:
                problem.acknowledged_by = ack
                used.add(n)
                break
            near.setdefault(n, []).append((problem, diffs))
    for n in valid:
        if n in used:
            continue
        ack = acks[n]
        place = at("acknowledgement", n=n + 1)
        if n in near:
            for problem, diffs in near[n]:
                if problem.acknowledged_by is not None:
                    continue
                ctx.add(
                    k.ACKNOWLEDGEMENT_MISMATCH,
                    place,
                    ("acknowledged", n),
                    code=ack.code,
                    at=ack.at,
                    found_at=problem.place.data(),
                    differences=diffs,
                )
            continue
        ctx.add(
            k.UNUSED_ACKNOWLEDGEMENT,
            place,
            ("acknowledged", n),
            code=ack.code,
            at=ack.at,
            english=bool(_ENGLISH_PLACE.search(ack.at)),
        )


def _check_pins(ctx: Context, n: int, ack: df.Acknowledgement) -> bool:
    """Whether ``ack`` states exactly the figures its code pins (else the problem is added)."""
    place = at("acknowledgement", n=n + 1)
    pins = k.PINS.get(ack.code)
    given = given_pins(ack)
    if pins is None:
        return True  # an unknown or fatal code covers nothing: reported as unused
    foreign = [name for name in given if name not in pins]
    if foreign:
        ctx.add(
            k.FOREIGN_PIN,
            place,
            ("acknowledged", n, foreign[0]),
            code=ack.code,
            given=foreign,
            pins=list(pins),
        )
        return False
    missing = [name for name in pins if name not in given]
    if missing:
        here = next(
            (p for p in ctx.problems if p.code == ack.code and not p.fatal and p.is_at(ack.at)),
            None,
        )
        ctx.add(
            k.UNPINNED_ACKNOWLEDGEMENT,
            place,
            ("acknowledged", n),
            code=ack.code,
            at=ack.at,
            missing=missing,
            found=current_pins(here) if here is not None else [],
        )
        return False
    return True
