"""Annexes (bilagor): row amounts, names, column sums, the printed totals row."""

from __future__ import annotations

from bidrag.agreements import decision_file as df
from bidrag.agreements.checks import catalogue as k
from bidrag.agreements.checks.models import check_model
from bidrag.agreements.checks.names import resolve_name
from bidrag.agreements.checks.places import Place, at
from bidrag.agreements.checks.problems import Context, Loc
from bidrag.core.errors import DomainError
from bidrag.core.money import check_amount, parse_kronor


def title(annex: df.AnnexIn, column_id: str) -> str:
    """A column's printed title (quoted if it has a comma), else its reference data's
    description, else its id."""
    text = next((c.title for c in annex.columns if c.id == column_id and c.title), "")
    if not text and column_id in annex.reference_data:
        text = annex.reference_data[column_id].description
    if not text:
        return column_id
    return f"'{text}'" if "," in text else text


def column_place(annex: df.AnnexIn, column_id: str, above: Place | None = None) -> Place:
    return (above or at("annex", n=annex.number)).then(
        "column", id=column_id, title=title(annex, column_id)
    )


def row_place(annex: df.AnnexIn, r: int, above: Place | None = None) -> Place:
    return (above or at("annex", n=annex.number)).then("row", n=r + 1, name=annex.rows[r].name)


def target_amount(ctx: Context, column: df.AnnexColumnIn) -> int | None:
    """The amount of the line (or area) the column is tied to."""
    if column.line is None:
        return None
    doc = ctx.doc
    if isinstance(doc, df.PaymentDecisionIn):
        return next((line.amount for line in doc.lines if line.id == column.line), None)

    def find(areas: list[df.AreaIn]) -> int | None:
        for a in areas:
            if a.id == column.line:
                return a.amount
            found = find(a.items)
            if found is not None:
                return found
        return None

    return find(doc.areas)


def check_annex(ctx: Context, i: int, annex: df.AnnexIn) -> None:
    loc: Loc = ("annexes", i)
    columns = {c.id: c for c in annex.columns}
    amounts = row_amounts(ctx, i, annex)
    if amounts is None:
        return
    check_names(ctx, i, annex)
    for c, column in enumerate(annex.columns):
        place = column_place(annex, column.id)
        cloc: Loc = (*loc, "columns", c)
        col = [row[column.id] for row in amounts]
        total = sum(col)
        target = target_amount(ctx, column)
        if column.line is not None and target is None:
            ctx.add(
                k.UNKNOWN_LINE, place, (*cloc, "line"), document=ctx.document, line_id=column.line
            )
        elif target is not None and total != target:
            ctx.add(
                k.ANNEX_SUM,
                place,
                cloc,
                document=ctx.document,
                rows=total,
                line_id=column.line,
                line=target,
                difference=total - target,
            )
        for part in column.sum_of:
            if part not in columns:
                ctx.add(k.UNKNOWN_SUM_COLUMN, place, (*cloc, "sum_of"), column=part)
                return
        if column.sum_of:
            check_row_sums(ctx, i, annex, column, amounts, place)
        if column.model is not None:
            check_model(ctx, i, annex, column, column.model, col, target, place, "model")
        elif column.model_unknown is not None:
            ctx.add(k.MODEL_UNKNOWN, place, cloc, reason=column.model_unknown)
        if column.prose_model is not None:
            check_model(
                ctx, i, annex, column, column.prose_model, col, target, place, "prose_model"
            )
    check_total_row(ctx, i, annex, amounts)


def row_amounts(ctx: Context, i: int, annex: df.AnnexIn) -> list[dict[str, int]] | None:
    """Each row's amounts by column id; ``None`` (with the problems added) if any is amiss."""
    single = annex.columns[0].id if len(annex.columns) == 1 else None
    known = {c.id for c in annex.columns}
    out: list[dict[str, int]] = []
    ok = True
    for r, row in enumerate(annex.rows):
        place = row_place(annex, r)
        values = dict(row.amounts)
        if row.amount is not None:
            if single is None:
                ctx.add(k.SINGLE_AMOUNT, place, ("annexes", i, "rows", r, "amount"))
                ok = False
                continue
            values[single] = row.amount
        missing = [c.id for c in annex.columns if c.id not in values]
        extra = [key for key in values if key not in known]
        if missing:
            ctx.add(k.MISSING_AMOUNTS, place, ("annexes", i, "rows", r), missing=missing)
            ok = False
        elif extra:
            ctx.add(k.EXTRA_AMOUNTS, place, ("annexes", i, "rows", r), extra=extra)
            ok = False
        out.append(values)
    return out if ok else None


def check_names(ctx: Context, i: int, annex: df.AnnexIn) -> None:
    seen: dict[str, int] = {}
    for r, row in enumerate(annex.rows):
        place = at("annex", n=annex.number).then("named_row", n=r + 1, name=row.name)
        loc: Loc = ("annexes", i, "rows", r, "name")
        try:
            resolved = resolve_name(row.recipient or row.name, annex.recipients, "name")
        except DomainError as e:
            ctx.add(k.UNKNOWN_RECIPIENT, place, loc, error=e.as_data())
            continue
        ctx.resolved[(i, r)] = resolved
        if resolved.name in seen:
            ctx.add(k.DUPLICATE_RECIPIENT, place, loc, name=resolved.name, row=seen[resolved.name])
        seen[resolved.name] = r + 1
        if row.name != resolved.name:
            ctx.add(k.NAME_AS_PRINTED, place, loc, name=row.name, canonical=resolved.name)


def check_row_sums(
    ctx: Context,
    i: int,
    annex: df.AnnexIn,
    column: df.AnnexColumnIn,
    amounts: list[dict[str, int]],
    place: Place,
) -> None:
    parts = [title(annex, p) for p in column.sum_of]
    for r, values in enumerate(amounts):
        s = sum(values[p] for p in column.sum_of)
        if s != values[column.id]:
            ctx.add(
                k.ROW_SUM,
                row_place(annex, r, place),
                ("annexes", i, "rows", r),
                columns=parts,
                sum=s,
                printed=values[column.id],
                difference=values[column.id] - s,
            )


def check_total_row(ctx: Context, i: int, annex: df.AnnexIn, amounts: list[dict[str, int]]) -> None:
    total_row = annex.total_row
    if total_row is None:
        return
    place = at("annex", n=annex.number).then("total_row")
    loc: Loc = ("annexes", i, "total_row")
    expected_text = " ".join([total_row.label, *(c.value for c in total_row.cells)])
    if " ".join(total_row.printed.split()) != " ".join(expected_text.split()):
        ctx.add(
            k.TOTAL_ROW_TEXT,
            place,
            (*loc, "cells"),
            expected=expected_text,
            printed=total_row.printed,
        )
    column_ids = {c.id for c in annex.columns}
    for n, cell in enumerate(total_row.cells):
        cloc: Loc = (*loc, "cells", n)
        cplace = column_place(annex, cell.column, place)
        if cell.kind == "amount":
            if cell.column not in column_ids:
                ctx.add(k.UNKNOWN_TOTAL_COLUMN, place, cloc, column=cell.column)
                continue
            try:
                printed = check_amount(parse_kronor(cell.value, "value"), "value")
            except DomainError as e:
                ctx.add(k.TOTAL_ROW_AMOUNT, place, cloc, value=cell.value, error=e.as_data())
                continue
            s = sum(values[cell.column] for values in amounts)
            if s != printed:
                ctx.add(
                    k.PRINTED_TOTAL,
                    cplace,
                    cloc,
                    unit="kr",
                    rows=s,
                    printed=printed,
                    difference=s - printed,
                )
        elif cell.kind == "reference" and cell.column in annex.reference_data:
            values = [row.reference.get(cell.column) for row in annex.rows]
            if all(v is not None for v in values):
                s = sum(v for v in values if v is not None)
                try:
                    printed = check_amount(parse_kronor(cell.value, "value"), "value")
                except DomainError as e:
                    ctx.add(k.TOTAL_ROW_AMOUNT, place, cloc, value=cell.value, error=e.as_data())
                    continue
                if s != printed:
                    ctx.add(
                        k.PRINTED_TOTAL,
                        cplace,
                        cloc,
                        unit="number",
                        rows=s,
                        printed=printed,
                        difference=s - printed,
                    )
    check_merged_cells(ctx, annex, total_row, place, loc)


def check_merged_cells(
    ctx: Context, annex: df.AnnexIn, row: df.TotalRowIn, place: Place, loc: Loc
) -> None:
    """A short number printed right before an amount can be read as part of it."""
    cells = row.cells
    for prev, cell in zip(cells, cells[1:], strict=False):
        if cell.kind != "amount" or prev.kind == "amount":
            continue
        tail = prev.value.split()
        head = cell.value.split()
        if len(tail) == 1 and tail[0].isdigit() and len(head[0]) == 3:
            try:
                reading = parse_kronor(f"{tail[0]} {cell.value}", "value")
            except DomainError:
                continue
            ctx.add(
                k.TOTAL_ROW_MERGED,
                place,
                loc,
                previous=prev.value,
                previous_column=title(annex, prev.column),
                cell=cell.value,
                column=title(annex, cell.column),
                reading=reading,
            )
