"""Checks of a decision file against itself, the register and its allocation models.

A :class:`Problem` is either *fatal* (the file is wrong: an unknown region, a line without an
appropriation item) or a *discrepancy* in the printed document, which the file may acknowledge
(``acknowledged:`` with ``code`` and ``at``). :func:`check` returns every problem with its
status; an unacknowledged discrepancy is an error like a fatal one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bidrag.agreements import decision_file as df
from bidrag.core import register
from bidrag.core.allocation import Key, RecipientInput, allocate, reconcile
from bidrag.core.errors import DomainError
from bidrag.core.money import format_kronor
from bidrag.core.refdata import load_series

Loc = tuple[int | str, ...]


@dataclass
class Problem:
    code: str
    where: str  # human location, matched by acknowledgements ("bilaga 1, row 3")
    message: str
    loc: Loc = ()
    fatal: bool = False
    info: bool = False
    details: dict[str, Any] = field(default_factory=dict)
    acknowledged_by: df.Acknowledgement | None = None

    @property
    def status(self) -> str:
        if self.info:
            return "info"
        if self.fatal or self.acknowledged_by is None:
            return "error"
        return "warning"


@dataclass(frozen=True)
class Resolved:
    """The register's answer for a printed name: canonical name, kind and länskod."""

    name: str
    kind: str
    county_code: str


COLLABORATION_REGIONS = (
    "Norra samverkansregionen",
    "Sydöstra samverkansregionen",
    "Stockholm-Gotland samverkansregion",
    "Västra samverkansregionen",
    "Uppsala-Örebro samverkansregion",
    "Södra samverkansregionen",
)
SKR_NAMES = {"SKR": "Sveriges Kommuner och Regioner"}


def kr(amount: int) -> str:
    return format_kronor(amount)


def signed(amount: int) -> str:
    return ("+" if amount > 0 else "") + format_kronor(amount)


def resolve_name(name: str, kind: str, field: str) -> Resolved:
    """Resolve a printed recipient name of an annex; raises DomainError with a suggestion."""
    if kind == "collaboration_regions":
        if name not in COLLABORATION_REGIONS:
            raise DomainError(
                field,
                f"'{name}' is not one of the six samverkansregioner: "
                + ", ".join(COLLABORATION_REGIONS),
            )
        return Resolved(name, "collaboration_region", "")
    if kind == "regions":
        region = register.resolve_region(name, field)
        return Resolved(region.name, "region", region.code)
    county = register.resolve_county(name, field)
    return Resolved(county.name, "county", county.code)


class Checker:
    def __init__(self, parsed: df.ParsedFile) -> None:
        self.parsed = parsed
        self.doc = parsed.document
        self.problems: list[Problem] = []
        self.resolved: dict[tuple[int, int], Resolved] = {}  # (annex, row) → recipient

    def add(self, code: str, where: str, message: str, loc: Loc = (), **kw: Any) -> None:
        self.problems.append(Problem(code, where, message, loc, **kw))

    # --- totals --------------------------------------------------------------------------

    def run(self) -> list[Problem]:
        doc = self.doc
        if isinstance(doc, df.PaymentDecisionIn):
            self.check_decision(doc)
        else:
            self.check_agreement(doc)
        self.check_stated_totals()
        for i, annex in enumerate(doc.annexes):
            self.check_annex(i, annex)
        self.apply_acknowledgements()
        return self.problems

    def check_decision(self, doc: df.PaymentDecisionIn) -> None:
        lines_sum = sum(line.amount for line in doc.lines)
        if lines_sum != doc.total:
            self.add(
                "lines-sum",
                "total",
                f"the lines sum to {kr(lines_sum)}, the decision's total is {kr(doc.total)}",
                ("total",),
                details={"lines": lines_sum, "total": doc.total},
            )
        ids = [line.id for line in doc.lines]
        for i, line in enumerate(doc.lines):
            where = f"line {line.id}"
            if ids.count(line.id) > 1:
                self.add(
                    "duplicate-id", where, "line id used twice", ("lines", i, "id"), fatal=True
                )
            self.check_item_ref(line.appropriation_item, where, ("lines", i), required=True)
            self.check_deadlines(line, where, ("lines", i))
            if line.recipient is not None and line.recipient not in SKR_NAMES:
                self.add(
                    "unknown-recipient",
                    where,
                    f"recipient '{line.recipient}' is not known; use one of {', '.join(SKR_NAMES)}",
                    ("lines", i, "recipient"),
                    fatal=True,
                )

    def check_item_ref(self, key: str | None, where: str, loc: Loc, *, required: bool) -> None:
        items = self.doc.appropriation_items
        if key is None:
            if required:
                self.add(
                    "missing-appropriation-item",
                    where,
                    "no appropriation_item: every line must be charged to an anslagspost",
                    loc,
                    fatal=True,
                )
            else:
                self.add(
                    "missing-appropriation-item",
                    where,
                    "no appropriation_item: the document does not say which anslagspost "
                    "this area is charged to",
                    loc,
                )
        elif key not in items:
            known = ", ".join(items) or "none"
            self.add(
                "unknown-appropriation-item",
                where,
                f"appropriation_item '{key}' is not in appropriation_items (known: {known})",
                (*loc, "appropriation_item"),
                fatal=True,
            )

    def check_deadlines(self, line: df.LineIn, where: str, loc: Loc) -> None:
        order = [
            ("payment_window_start", line.payment_window_start),
            ("payment_window_end", line.payment_window_end),
            ("requisition_deadline", line.requisition_deadline),
            ("repayment_deadline", line.repayment_deadline),
        ]
        present = [(name, d) for name, d in order if d is not None]
        for (n1, d1), (n2, d2) in zip(present, present[1:], strict=False):
            if d1 > d2:
                self.add("deadline-order", where, f"{n1} {d1} is after {n2} {d2}", (*loc, n2))
        if line.mode == "with_requisition" and line.requisition_deadline is None:
            self.add(
                "missing-deadline",
                where,
                "a line with requisition needs requisition_deadline",
                (*loc, "requisition_deadline"),
                fatal=True,
            )
        if (line.payment_window_start is None) != (line.payment_window_end is None):
            self.add(
                "missing-deadline",
                where,
                "a payment window needs both start and end",
                (*loc, "payment_window_start"),
                fatal=True,
            )

    def check_agreement(self, doc: df.AgreementIn) -> None:
        state = [a for a in doc.areas if not a.co_financing]
        own = [a for a in doc.areas if a.co_financing]
        state_sum = sum(a.amount for a in state)
        if state_sum != doc.total:
            self.add(
                "areas-sum",
                "total",
                f"the areas sum to {kr(state_sum)}, the agreement's total is {kr(doc.total)}",
                ("total",),
            )
        own_sum = sum(a.amount for a in own)
        if own_sum != doc.co_financing:
            self.add(
                "co-financing-sum",
                "co_financing",
                f"co-financing areas sum to {kr(own_sum)}, stated {kr(doc.co_financing)}",
                ("co_financing",),
            )
        whole = doc.total_including_co_financing
        if whole is not None and whole != doc.total + doc.co_financing:
            self.add(
                "total-with-co-financing",
                "total_including_co_financing",
                f"{kr(doc.total)} + {kr(doc.co_financing)} ≠ {kr(whole)}",
                ("total_including_co_financing",),
            )
        for i, area in enumerate(doc.areas):
            self.check_area(area, ("areas", i))

    def check_area(self, area: df.AreaIn, loc: Loc) -> None:
        where = f"area {area.id}"
        if area.items:
            s = sum(item.amount for item in area.items)
            if s != area.amount:
                self.add(
                    "area-items-sum",
                    where,
                    f"the items sum to {kr(s)}, the area's amount is {kr(area.amount)}",
                    (*loc, "amount"),
                )
            for j, item in enumerate(area.items):
                self.check_area(item, (*loc, "items", j))
        elif not area.co_financing:
            self.check_item_ref(area.appropriation_item, where, loc, required=False)
            if area.recipient_group is None:
                self.add(
                    "missing-recipient-group",
                    where,
                    "an area without items needs recipient_group",
                    loc,
                    fatal=True,
                )

    def leaves(self) -> Iterator[tuple[str | None, int]]:
        doc = self.doc
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

    def check_stated_totals(self) -> None:
        leaves = list(self.leaves())
        for i, stated in enumerate(self.doc.stated_totals):
            s = sum(amount for group, amount in leaves if group in stated.groups)
            if s != stated.amount:
                self.add(
                    "stated-total",
                    f"stated_totals[{i}]",
                    f"{' + '.join(stated.groups)}: the lines sum to {kr(s)}, the text states "
                    f"{kr(stated.amount)} ({stated.source})",
                    ("stated_totals", i, "amount"),
                )

    # --- annexes -------------------------------------------------------------------------

    def target_amount(self, column: df.AnnexColumnIn) -> int | None:
        if column.line is None:
            return None
        doc = self.doc
        if isinstance(doc, df.PaymentDecisionIn):
            for line in doc.lines:
                if line.id == column.line:
                    return line.amount
            return None

        def find(areas: list[df.AreaIn]) -> int | None:
            for a in areas:
                if a.id == column.line:
                    return a.amount
                found = find(a.items)
                if found is not None:
                    return found
            return None

        return find(doc.areas)

    def check_annex(self, i: int, annex: df.AnnexIn) -> None:
        here = f"bilaga {annex.number}"
        loc: Loc = ("annexes", i)
        columns = {c.id: c for c in annex.columns}
        amounts = self.row_amounts(i, annex)
        if amounts is None:
            return
        self.check_names(i, annex)
        for c, column in enumerate(annex.columns):
            cwhere = f"{here}, column {column.id}"
            cloc: Loc = (*loc, "columns", c)
            col = [row[column.id] for row in amounts]
            total = sum(col)
            target = self.target_amount(column)
            if column.line is not None and target is None:
                self.add(
                    "unknown-line",
                    cwhere,
                    f"line '{column.line}' does not exist",
                    (*cloc, "line"),
                    fatal=True,
                )
            elif target is not None and total != target:
                self.add(
                    "annex-sum",
                    cwhere,
                    f"the rows sum to {kr(total)}, the line is {kr(target)} "
                    f"(difference {signed(total - target)})",
                    cloc,
                    details={"rows": total, "line": target},
                )
            for part in column.sum_of:
                if part not in columns:
                    self.add(
                        "unknown-column",
                        cwhere,
                        f"sum_of names unknown column '{part}'",
                        (*cloc, "sum_of"),
                        fatal=True,
                    )
                    return
            if column.sum_of:
                self.check_row_sums(i, annex, column, amounts, cwhere)
            if column.model is not None:
                self.check_model(i, annex, column, column.model, col, target, cwhere, "model")
            elif column.model_unknown is not None:
                self.add(
                    "model-unknown",
                    cwhere,
                    f"the allocation key is not derivable from the document: "
                    f"{column.model_unknown}",
                    cloc,
                )
            if column.prose_model is not None:
                self.check_model(
                    i, annex, column, column.prose_model, col, target, cwhere, "prose_model"
                )
        self.check_total_row(i, annex, amounts)

    def row_amounts(self, i: int, annex: df.AnnexIn) -> list[dict[str, int]] | None:
        single = annex.columns[0].id if len(annex.columns) == 1 else None
        out: list[dict[str, int]] = []
        ok = True
        for r, row in enumerate(annex.rows):
            values = dict(row.amounts)
            if row.amount is not None:
                if single is None:
                    self.add(
                        "row-amounts",
                        f"bilaga {annex.number}, row {r + 1}",
                        "this annex has several columns: give 'amounts' per column",
                        ("annexes", i, "rows", r, "amount"),
                        fatal=True,
                    )
                    ok = False
                    continue
                values[single] = row.amount
            missing = [c.id for c in annex.columns if c.id not in values]
            extra = [k for k in values if k not in {c.id for c in annex.columns}]
            if missing or extra:
                self.add(
                    "row-amounts",
                    f"bilaga {annex.number}, row {r + 1}",
                    f"missing amounts for {missing}" if missing else f"unknown columns {extra}",
                    ("annexes", i, "rows", r),
                    fatal=True,
                )
                ok = False
            out.append(values)
        return out if ok else None

    def check_names(self, i: int, annex: df.AnnexIn) -> None:
        seen: dict[str, int] = {}
        for r, row in enumerate(annex.rows):
            where = f"bilaga {annex.number}, row {r + 1} '{row.name}'"
            loc: Loc = ("annexes", i, "rows", r, "name")
            try:
                resolved = resolve_name(row.recipient or row.name, annex.recipients, "name")
            except DomainError as e:
                self.add("unknown-recipient", where, e.reason, loc, fatal=True)
                continue
            self.resolved[(i, r)] = resolved
            if resolved.name in seen:
                self.add(
                    "duplicate-recipient",
                    where,
                    f"{resolved.name} already in row {seen[resolved.name]}",
                    loc,
                    fatal=True,
                )
            seen[resolved.name] = r + 1
            if row.name != resolved.name:
                self.add(
                    "name-as-printed",
                    where,
                    f"printed '{row.name}' is read as {resolved.name}",
                    loc,
                    details={"printed": row.name, "canonical": resolved.name},
                )

    def check_row_sums(
        self,
        i: int,
        annex: df.AnnexIn,
        column: df.AnnexColumnIn,
        amounts: list[dict[str, int]],
        where: str,
    ) -> None:
        for r, values in enumerate(amounts):
            s = sum(values[p] for p in column.sum_of)
            if s != values[column.id]:
                self.add(
                    "row-sum",
                    f"{where}, row {r + 1}",
                    f"{' + '.join(column.sum_of)} = {kr(s)}, printed {kr(values[column.id])}",
                    ("annexes", i, "rows", r),
                )

    def key_values(
        self, i: int, annex: df.AnnexIn, name: str, where: str, loc: Loc
    ) -> list[int] | None:
        if name == "equal":
            return [1] * len(annex.rows)
        ref = annex.reference_data.get(name)
        if ref is None:
            self.add(
                "unknown-reference",
                where,
                f"key '{name}' is not in reference_data",
                loc,
                fatal=True,
            )
            return None
        values: list[int] = []
        series: dict[str, int] | None = None
        for r, row in enumerate(annex.rows):
            if name in row.reference:
                values.append(row.reference[name])
                continue
            resolved = self.resolved.get((i, r))
            if ref.series is None or resolved is None or not resolved.county_code:
                self.add(
                    "missing-reference",
                    f"bilaga {annex.number}, row {r + 1}",
                    f"no value for '{name}' and no series to look it up",
                    ("annexes", i, "rows", r),
                    fatal=True,
                )
                return None
            if series is None:
                try:
                    series = load_series(ref.series)
                except (DomainError, KeyError, OSError) as e:
                    self.add(
                        "unknown-series", where, f"series '{ref.series}': {e}", loc, fatal=True
                    )
                    return None
            values.append(series[resolved.county_code])
        return values

    def check_model(
        self,
        i: int,
        annex: df.AnnexIn,
        column: df.AnnexColumnIn,
        model: df.AllocationModelIn,
        decided_col: list[int],
        target: int | None,
        where: str,
        which: str,
    ) -> None:
        loc: Loc = ("annexes", i, "columns", annex.columns.index(column), which)
        keys = [Key(k.reference, k.weight) for k in model.keys]
        columns: dict[str, list[int]] = {}
        for k in model.keys:
            values = self.key_values(i, annex, k.reference, where, loc)
            if values is None:
                return
            columns[k.reference] = values
        labels = [
            self.resolved[(i, r)].name if (i, r) in self.resolved else row.name
            for r, row in enumerate(annex.rows)
        ]
        recipients = [
            RecipientInput(label, {k: columns[k][r] for k in columns})
            for r, label in enumerate(labels)
        ]
        total = target if target is not None else sum(decided_col)
        try:
            result = allocate(
                recipients, total, keys, base_amount=model.base_amount, rounding=model.rounding
            )
        except DomainError as e:
            self.add("model-error", where, f"the model cannot be computed: {e}", loc, fatal=True)
            return
        decided = dict(zip(labels, decided_col, strict=True))
        rec = reconcile(result, decided)
        if not rec.deviations:
            return
        keys_text = " + ".join(
            f"{k.reference}×{k.weight}" if k.weight != 1 else k.reference for k in model.keys
        )
        base = f", base {kr(model.base_amount)}" if model.base_amount else ""
        listed = "; ".join(f"{d.recipient} {signed(d.difference)}" for d in rec.deviations[:8])
        more = f"; … {len(rec.deviations) - 8} more" if len(rec.deviations) > 8 else ""
        code = "model-deviation" if which == "model" else "prose-model-deviation"
        label = "the model" if which == "model" else "the model stated in the prose"
        self.add(
            code,
            where,
            f"{len(rec.deviations)} row(s) differ from {label} ({keys_text}{base}, "
            f"{model.rounding}; model sum {kr(result.sum)}): {listed}{more}",
            loc,
            details={
                "deviations": [
                    {
                        "recipient": d.recipient,
                        "computed": d.computed,
                        "decided": d.decided,
                        "difference": d.difference,
                    }
                    for d in rec.deviations
                ],
                "model_sum": result.sum,
                "decided_sum": rec.decided_sum,
            },
        )

    def check_total_row(self, i: int, annex: df.AnnexIn, amounts: list[dict[str, int]]) -> None:
        total_row = annex.total_row
        if total_row is None:
            return
        where = f"bilaga {annex.number}, total row"
        loc: Loc = ("annexes", i, "total_row")
        expected_text = " ".join([total_row.label, *(c.value for c in total_row.cells)])
        if " ".join(total_row.printed.split()) != " ".join(expected_text.split()):
            self.add(
                "total-row-cells",
                where,
                f"the cells do not spell the printed row: '{expected_text}' vs "
                f"'{total_row.printed}'",
                (*loc, "cells"),
                fatal=True,
            )
        column_ids = {c.id for c in annex.columns}
        for n, cell in enumerate(total_row.cells):
            cloc: Loc = (*loc, "cells", n)
            if cell.kind == "amount":
                if cell.column not in column_ids:
                    self.add(
                        "unknown-column", where, f"no column '{cell.column}'", cloc, fatal=True
                    )
                    continue
                try:
                    printed = df._kronor(cell.value)
                except ValueError as e:
                    self.add("total-row-cells", where, str(e), cloc, fatal=True)
                    continue
                s = sum(values[cell.column] for values in amounts)
                if s != printed:
                    self.add(
                        "printed-total",
                        f"{where}, {cell.column}",
                        f"the rows sum to {kr(s)}, the printed total is {kr(printed)} "
                        f"(difference {signed(s - printed)})",
                        cloc,
                        details={"rows": s, "printed": printed},
                    )
            elif cell.kind == "reference" and cell.column in annex.reference_data:
                values = [row.reference.get(cell.column) for row in annex.rows]
                if all(v is not None for v in values):
                    s = sum(v for v in values if v is not None)
                    printed = df._kronor(cell.value)
                    if s != printed:
                        self.add(
                            "printed-total",
                            f"{where}, {cell.column}",
                            f"the rows sum to {s}, the printed total is {printed}",
                            cloc,
                        )
        self.check_merged_cells(total_row, where, loc)

    def check_merged_cells(self, row: df.TotalRowIn, where: str, loc: Loc) -> None:
        """A short number printed right before an amount can be read as part of it."""
        cells = row.cells
        for prev, cell in zip(cells, cells[1:], strict=False):
            if cell.kind != "amount" or prev.kind == "amount":
                continue
            tail = prev.value.split()
            head = cell.value.split()
            if len(tail) == 1 and tail[0].isdigit() and len(head[0]) == 3:
                merged = f"{tail[0]} {cell.value}"
                self.add(
                    "total-row-merged",
                    where,
                    f"'{prev.value}' ({prev.column}) runs into '{cell.value}' ({cell.column}): "
                    f"the row can be read as {merged} kr",
                    loc,
                )

    # --- acknowledgements ----------------------------------------------------------------

    def apply_acknowledgements(self) -> None:
        used: set[int] = set()
        for problem in self.problems:
            if problem.fatal:
                continue
            for n, ack in enumerate(self.doc.acknowledged):
                at = ack.at
                if ack.code == problem.code and (
                    problem.where == at or problem.where.startswith(at + ",")
                ):
                    problem.acknowledged_by = ack
                    used.add(n)
                    break
        for n, ack in enumerate(self.doc.acknowledged):
            if n not in used:
                self.add(
                    "unused-acknowledgement",
                    f"acknowledged[{n}]",
                    f"acknowledges {ack.code} at '{ack.at}', but no such finding is there",
                    ("acknowledged", n),
                    fatal=True,
                )


def check(parsed: df.ParsedFile) -> list[Problem]:
    return Checker(parsed).run()
