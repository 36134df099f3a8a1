"""An annex column against its allocation model (fördelningsnyckel), computed with
:mod:`bidrag.core.allocation` and reconciled with the printed rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bidrag.agreements import decision_file as df
from bidrag.agreements.checks import catalogue as k
from bidrag.agreements.checks.places import Place
from bidrag.agreements.checks.problems import Context, Loc
from bidrag.core.allocation import Adjustment, Key, RecipientInput, allocate, reconcile
from bidrag.core.errors import DomainError
from bidrag.core.refdata import load_series


def key_values(
    ctx: Context, i: int, annex: df.AnnexIn, name: str, place: Place, loc: Loc
) -> list[int] | None:
    """The key's value on every row: inline (``reference:``) or from its series by länskod."""
    if name == "equal":
        return [1] * len(annex.rows)
    ref = annex.reference_data.get(name)
    if ref is None:
        ctx.add(k.UNKNOWN_REFERENCE, place, loc, key=name)
        return None
    values: list[int] = []
    series: dict[str, int] | None = None
    for r, row in enumerate(annex.rows):
        if name in row.reference:
            values.append(row.reference[name])
            continue
        resolved = ctx.resolved.get((i, r))
        if ref.series is None or resolved is None or not resolved.county_code:
            row_place = Place(place.segments[:1]).then("row", n=r + 1, name=row.name)
            ctx.add(k.MISSING_REFERENCE, row_place, ("annexes", i, "rows", r), key=name)
            return None
        if series is None:
            try:
                series = load_series(ref.series)
            except DomainError as e:
                ctx.add(k.UNREADABLE_SERIES, place, loc, series=ref.series, error=e.as_data())
                return None
            except (KeyError, OSError) as e:
                ctx.add(k.MISSING_SERIES, place, loc, series=ref.series, detail=str(e))
                return None
        values.append(series[resolved.county_code])
    return values


def key_label(annex: df.AnnexIn, key: df.KeyIn) -> dict[str, str | None]:
    """``{"label": "befolkning 1/11 - 2020", "weight": "1"}``; ``label`` None = equal parts."""
    label: str | None = None
    if key.reference != "equal":
        ref = annex.reference_data.get(key.reference)
        label = _lower_first(ref.description) if ref and ref.description else key.reference
    return {"label": label, "weight": str(key.weight)}


def _lower_first(text: str) -> str:
    """``"Befolkning 1/11"`` → ``"befolkning 1/11"``; ``"SCB"`` stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def check_model(
    ctx: Context,
    i: int,
    annex: df.AnnexIn,
    column: df.AnnexColumnIn,
    model: df.AllocationModelIn,
    decided_col: list[int],
    target: int | None,
    place: Place,
    which: str,
) -> None:
    """Compute the model and report the rows that differ from the printed column.

    The finding carries a re-check: given an acknowledgement's hand adjustments it computes
    model + adjustments (``allocate(adjustments=…)``, as ``bidrag allocate --adjust`` does) and
    returns the rows that still differ from the print.
    """
    loc: Loc = ("annexes", i, "columns", annex.columns.index(column), which)
    keys = [Key(key.reference, key.weight) for key in model.keys]
    columns: dict[str, list[int]] = {}
    for key in model.keys:
        values = key_values(ctx, i, annex, key.reference, place, loc)
        if values is None:
            return
        columns[key.reference] = values
    labels = [
        ctx.resolved[(i, r)].name if (i, r) in ctx.resolved else row.name
        for r, row in enumerate(annex.rows)
    ]
    recipients = [
        RecipientInput(label, {name: columns[name][r] for name in columns})
        for r, label in enumerate(labels)
    ]
    total = target if target is not None else sum(decided_col)
    try:
        result = allocate(
            recipients, total, keys, base_amount=model.base_amount, rounding=model.rounding
        )
    except DomainError as e:
        ctx.add(k.MODEL_ERROR, place, loc, error=e.as_data())
        return
    decided = dict(zip(labels, decided_col, strict=True))
    rec = reconcile(result, decided)
    if not rec.deviations:
        return
    # An adjustment may name a row as printed or by its canonical name.
    label_of = {row.name: label for row, label in zip(annex.rows, labels, strict=True)}
    label_of.update({label: label for label in labels})

    def recheck(adjustments: Sequence[df.AdjustmentIn], reason: str) -> list[dict[str, Any]]:
        hand = [
            Adjustment(label_of.get(a.recipient, a.recipient), a.kronor, a.reason or reason)
            for a in adjustments
        ]
        try:
            adjusted = allocate(
                recipients,
                total,
                keys,
                base_amount=model.base_amount,
                rounding=model.rounding,
                adjustments=hand,
            )
        except DomainError as e:
            return [{"type": "error", "error": e.as_data()}]
        return [
            {
                "type": "row",
                "recipient": d.recipient,
                "expected": d.computed,
                "printed": d.decided,
                "difference": d.difference,
            }
            for d in reconcile(adjusted, decided).deviations
        ]

    ctx.add(
        k.MODEL_DEVIATION if which == "model" else k.PROSE_MODEL_DEVIATION,
        place,
        loc,
        recheck=recheck,
        count=len(rec.deviations),
        keys=[key_label(annex, key) for key in model.keys],
        base=model.base_amount,
        rounding=str(model.rounding),
        model_sum=result.sum,
        decided_sum=rec.decided_sum,
        deviations=[
            {
                "recipient": d.recipient,
                "computed": d.computed,
                "decided": d.decided,
                "difference": d.difference,
            }
            for d in rec.deviations
        ],
    )
