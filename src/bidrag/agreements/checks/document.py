"""The document's own figures: lines or areas against the totals, references, deadlines."""

from __future__ import annotations

from collections.abc import Iterator

from bidrag.agreements import decision_file as df
from bidrag.agreements.checks import catalogue as k
from bidrag.agreements.checks.names import SKR_NAMES
from bidrag.agreements.checks.places import Place, at
from bidrag.agreements.checks.problems import Context, Loc


def check_document(ctx: Context) -> None:
    doc = ctx.doc
    if isinstance(doc, df.PaymentDecisionIn):
        check_decision(ctx, doc)
    else:
        check_agreement(ctx, doc)
    check_stated_totals(ctx)


def check_decision(ctx: Context, doc: df.PaymentDecisionIn) -> None:
    lines_sum = sum(line.amount for line in doc.lines)
    if lines_sum != doc.total:
        ctx.add(
            k.LINES_SUM,
            at("total"),
            ("total",),
            lines=lines_sum,
            total=doc.total,
            difference=lines_sum - doc.total,
        )
    ids = [line.id for line in doc.lines]
    for i, line in enumerate(doc.lines):
        place = at("line", id=line.id)
        if ids.count(line.id) > 1:
            ctx.add(k.DUPLICATE_ID, place, ("lines", i, "id"), id=line.id)
        check_item_ref(ctx, line.appropriation_item, place, ("lines", i), required=True)
        check_deadlines(ctx, line, place, ("lines", i))
        if line.recipient is not None and line.recipient not in SKR_NAMES:
            ctx.add(
                k.UNKNOWN_LINE_RECIPIENT,
                place,
                ("lines", i, "recipient"),
                recipient=line.recipient,
                allowed=list(SKR_NAMES),
            )


def check_item_ref(
    ctx: Context, key: str | None, place: Place, loc: Loc, *, required: bool
) -> None:
    items = ctx.doc.appropriation_items
    if key is None:
        ctx.add(k.LINE_WITHOUT_ITEM if required else k.AREA_WITHOUT_ITEM, place, loc)
    elif key not in items:
        ctx.add(k.UNKNOWN_ITEM, place, (*loc, "appropriation_item"), item=key, known=list(items))


def check_deadlines(ctx: Context, line: df.LineIn, place: Place, loc: Loc) -> None:
    order = [
        ("payment_window_start", line.payment_window_start),
        ("payment_window_end", line.payment_window_end),
        ("requisition_deadline", line.requisition_deadline),
        ("repayment_deadline", line.repayment_deadline),
    ]
    present = [(name, d) for name, d in order if d is not None]
    for (n1, d1), (n2, d2) in zip(present, present[1:], strict=False):
        if d1 > d2:
            ctx.add(
                k.DEADLINE_ORDER,
                place,
                (*loc, n2),
                first=n1,
                first_date=d1.isoformat(),
                second=n2,
                second_date=d2.isoformat(),
            )
    if line.mode == "with_requisition" and line.requisition_deadline is None:
        ctx.add(k.MISSING_REQUISITION_DEADLINE, place, (*loc, "requisition_deadline"))
    if (line.payment_window_start is None) != (line.payment_window_end is None):
        ctx.add(k.HALF_A_WINDOW, place, (*loc, "payment_window_start"))


def check_agreement(ctx: Context, doc: df.AgreementIn) -> None:
    state = [a for a in doc.areas if not a.co_financing]
    own = [a for a in doc.areas if a.co_financing]
    state_sum = sum(a.amount for a in state)
    if state_sum != doc.total:
        ctx.add(
            k.AREAS_SUM,
            at("total"),
            ("total",),
            areas=state_sum,
            total=doc.total,
            difference=state_sum - doc.total,
        )
    own_sum = sum(a.amount for a in own)
    if own_sum != doc.co_financing:
        ctx.add(
            k.CO_FINANCING_SUM,
            at("co_financing"),
            ("co_financing",),
            areas=own_sum,
            co_financing=doc.co_financing,
        )
    whole = doc.total_including_co_financing
    if whole is not None and whole != doc.total + doc.co_financing:
        ctx.add(
            k.TOTAL_WITH_CO_FINANCING,
            at("total_with_co_financing"),
            ("total_including_co_financing",),
            total=doc.total,
            co_financing=doc.co_financing,
            sum=doc.total + doc.co_financing,
            stated=whole,
        )
    for i, area in enumerate(doc.areas):
        check_area(ctx, area, ("areas", i))


def check_area(ctx: Context, area: df.AreaIn, loc: Loc) -> None:
    place = at("area", id=area.id, name=area.name)
    if area.items:
        s = sum(item.amount for item in area.items)
        if s != area.amount:
            ctx.add(k.AREA_ITEMS_SUM, place, (*loc, "amount"), items=s, amount=area.amount)
        for j, item in enumerate(area.items):
            check_area(ctx, item, (*loc, "items", j))
    elif not area.co_financing:
        check_item_ref(ctx, area.appropriation_item, place, loc, required=False)
        if area.recipient_group is None:
            ctx.add(k.MISSING_RECIPIENT_GROUP, place, loc)


def leaves(doc: df.Document) -> Iterator[tuple[str | None, int]]:
    """(recipient group, amount) of every line, or of every area that has no sub-areas."""
    if isinstance(doc, df.PaymentDecisionIn):
        for line in doc.lines:
            yield line.recipient_group, line.amount
        return

    def walk(areas: list[df.AreaIn]) -> Iterator[tuple[str | None, int]]:
        for a in areas:
            if a.co_financing:
                continue
            if a.items:
                yield from walk(a.items)
            else:
                yield a.recipient_group, a.amount

    yield from walk(doc.areas)


def check_stated_totals(ctx: Context) -> None:
    found = list(leaves(ctx.doc))
    for i, stated in enumerate(ctx.doc.stated_totals):
        s = sum(amount for group, amount in found if group in stated.groups)
        if s != stated.amount:
            ctx.add(
                k.STATED_TOTAL,
                at("stated_total", n=i + 1),
                ("stated_totals", i, "amount"),
                document=ctx.document,
                groups=[str(g) for g in stated.groups],
                rows=s,
                stated=stated.amount,
                source=stated.source,
            )
