"""Checks of a decision file against itself, the register and its allocation models.

A :class:`Problem` is either *fatal* (the file is wrong: an unknown region, a line without an
appropriation item) or a *discrepancy* in the printed document, which the file may acknowledge
(``acknowledged:`` with ``code`` and ``at``). :func:`check` returns every problem with its
status; an unacknowledged discrepancy is an error like a fatal one.

Messages and locations are Swedish: officials read them on the document's page. A problem has
two locations: ``where`` names things by their ids in the file ("bilaga 4, kolumn workforce"),
``location`` by what the document prints ("bilaga 4, kolumn Vårdens medarbetare"). An
acknowledgement's ``at`` may use either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bidrag.agreements import decision_file as df
from bidrag.agreements.texts import (
    DEADLINES,
    RECIPIENT_GROUPS,
    core_reason,
    either,
    kr,
    lower_first,
    number,
    rows,
    signed,
)
from bidrag.core import register
from bidrag.core.allocation import Key, RecipientInput, allocate, reconcile
from bidrag.core.errors import DomainError
from bidrag.core.refdata import load_series

Loc = tuple[int | str, ...]


@dataclass
class Problem:
    code: str
    where: str  # location by the file's ids, matched by acknowledgements ("bilaga 1, rad 3")
    message: str
    loc: Loc = ()
    fatal: bool = False
    info: bool = False
    details: dict[str, Any] = field(default_factory=dict)
    acknowledged_by: df.Acknowledgement | None = None
    location: str = ""  # as the document prints it (column titles); ``where`` when the same

    def __post_init__(self) -> None:
        if not self.location:
            self.location = self.where

    def is_at(self, at: str) -> bool:
        """Whether an acknowledgement's ``at`` names this problem's place or a place above it."""
        return any(
            here == at or here.startswith((at + ",", at + " '"))
            for here in (self.where, self.location)
        )

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


def resolve_name(name: str, kind: str, field: str) -> Resolved:
    """Resolve a printed recipient name of an annex; raises DomainError with a suggestion."""
    if kind == "collaboration_regions":
        if name not in COLLABORATION_REGIONS:
            raise DomainError(
                field,
                f"'{name}' är inte en av de sex samverkansregionerna: "
                + either(COLLABORATION_REGIONS),
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

    @staticmethod
    def title(annex: df.AnnexIn, column_id: str) -> str:
        """A column's printed title (quoted if it has a comma), else its reference data's
        description, else its id."""
        title = next((c.title for c in annex.columns if c.id == column_id and c.title), "")
        if not title and column_id in annex.reference_data:
            title = annex.reference_data[column_id].description
        if not title:
            return column_id
        return f"'{title}'" if "," in title else title

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
                "totalbelopp",
                f"beslutsraderna summerar till {kr(lines_sum)}, men beslutets totalbelopp är "
                f"{kr(doc.total)} (skillnad {signed(lines_sum - doc.total)})",
                ("total",),
                details={"lines": lines_sum, "total": doc.total},
            )
        ids = [line.id for line in doc.lines]
        for i, line in enumerate(doc.lines):
            where = f"beslutsrad {line.id}"
            if ids.count(line.id) > 1:
                self.add(
                    "duplicate-id",
                    where,
                    f"id '{line.id}' används av mer än en beslutsrad",
                    ("lines", i, "id"),
                    fatal=True,
                )
            self.check_item_ref(line.appropriation_item, where, ("lines", i), required=True)
            self.check_deadlines(line, where, ("lines", i))
            if line.recipient is not None and line.recipient not in SKR_NAMES:
                self.add(
                    "unknown-recipient",
                    where,
                    f"mottagaren '{line.recipient}' är okänd; tillåtet är {either(SKR_NAMES)}",
                    ("lines", i, "recipient"),
                    fatal=True,
                )

    def check_item_ref(
        self, key: str | None, where: str, loc: Loc, *, required: bool, shown: str = ""
    ) -> None:
        items = self.doc.appropriation_items
        if key is None:
            if required:
                self.add(
                    "missing-appropriation-item",
                    where,
                    "anslagspost saknas (appropriation_item): varje beslutsrad ska belasta en "
                    "anslagspost",
                    loc,
                    fatal=True,
                    location=shown,
                )
            else:
                self.add(
                    "missing-appropriation-item",
                    where,
                    "anslagspost saknas (appropriation_item): dokumentet anger inte vilken "
                    "anslagspost området belastar",
                    loc,
                    location=shown,
                )
        elif key not in items:
            known = ", ".join(items) or "inga"
            self.add(
                "unknown-appropriation-item",
                where,
                f"anslagsposten '{key}' finns inte under appropriation_items (kända: {known})",
                (*loc, "appropriation_item"),
                fatal=True,
                location=shown,
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
                self.add(
                    "deadline-order",
                    where,
                    f"{DEADLINES[n1]} ({d1}) ligger efter {DEADLINES[n2]} ({d2})",
                    (*loc, n2),
                )
        if line.mode == "with_requisition" and line.requisition_deadline is None:
            self.add(
                "missing-deadline",
                where,
                "en beslutsrad med rekvisition behöver sista dag för rekvisition "
                "(requisition_deadline)",
                (*loc, "requisition_deadline"),
                fatal=True,
            )
        if (line.payment_window_start is None) != (line.payment_window_end is None):
            self.add(
                "missing-deadline",
                where,
                "en utbetalningsperiod behöver både början och slut "
                "(payment_window_start och payment_window_end)",
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
                "totalbelopp",
                f"områdena summerar till {kr(state_sum)}, men överenskommelsens totalbelopp är "
                f"{kr(doc.total)} (skillnad {signed(state_sum - doc.total)})",
                ("total",),
            )
        own_sum = sum(a.amount for a in own)
        if own_sum != doc.co_financing:
            self.add(
                "co-financing-sum",
                "medfinansiering",
                f"medfinansieringens områden summerar till {kr(own_sum)}, men angiven "
                f"medfinansiering är {kr(doc.co_financing)}",
                ("co_financing",),
            )
        whole = doc.total_including_co_financing
        if whole is not None and whole != doc.total + doc.co_financing:
            self.add(
                "total-with-co-financing",
                "totalbelopp inklusive medfinansiering",
                f"statens medel {kr(doc.total)} + medfinansiering {kr(doc.co_financing)} = "
                f"{kr(doc.total + doc.co_financing)}, men totalen inklusive medfinansiering "
                f"anges till {kr(whole)}",
                ("total_including_co_financing",),
            )
        for i, area in enumerate(doc.areas):
            self.check_area(area, ("areas", i))

    def check_area(self, area: df.AreaIn, loc: Loc) -> None:
        where = f"område {area.id}"
        shown = f"område {area.id} ({area.name})"
        if area.items:
            s = sum(item.amount for item in area.items)
            if s != area.amount:
                self.add(
                    "area-items-sum",
                    where,
                    f"delområdena summerar till {kr(s)}, men områdets belopp är {kr(area.amount)}",
                    (*loc, "amount"),
                    location=shown,
                )
            for j, item in enumerate(area.items):
                self.check_area(item, (*loc, "items", j))
        elif not area.co_financing:
            self.check_item_ref(area.appropriation_item, where, loc, required=False, shown=shown)
            if area.recipient_group is None:
                self.add(
                    "missing-recipient-group",
                    where,
                    "ett område utan delområden behöver mottagargrupp (recipient_group)",
                    loc,
                    fatal=True,
                    location=shown,
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
                groups = either((RECIPIENT_GROUPS[g] for g in stated.groups), "och")
                decision = isinstance(self.doc, df.PaymentDecisionIn)
                rows_are = "beslutsraderna" if decision else "områdena"
                self.add(
                    "stated-total",
                    f"angiven summa {i + 1}",
                    f"{rows_are} till {groups} summerar till {kr(s)}, men texten anger "
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

    def line_word(self) -> str:
        """What an annex column's ``line`` names: a decision line or an agreement's area."""
        return "beslutsraden" if isinstance(self.doc, df.PaymentDecisionIn) else "området"

    def check_annex(self, i: int, annex: df.AnnexIn) -> None:
        here = f"bilaga {annex.number}"
        loc: Loc = ("annexes", i)
        columns = {c.id: c for c in annex.columns}
        amounts = self.row_amounts(i, annex)
        if amounts is None:
            return
        self.check_names(i, annex)
        for c, column in enumerate(annex.columns):
            cwhere = f"{here}, kolumn {column.id}"
            cshown = f"{here}, kolumn {self.title(annex, column.id)}"
            cloc: Loc = (*loc, "columns", c)
            col = [row[column.id] for row in amounts]
            total = sum(col)
            target = self.target_amount(column)
            if column.line is not None and target is None:
                self.add(
                    "unknown-line",
                    cwhere,
                    f"kolumnen hänvisar till '{column.line}', men {self.line_word()} finns inte",
                    (*cloc, "line"),
                    fatal=True,
                    location=cshown,
                )
            elif target is not None and total != target:
                self.add(
                    "annex-sum",
                    cwhere,
                    f"raderna summerar till {kr(total)}, men {self.line_word()} {column.line} "
                    f"anger {kr(target)} (skillnad {signed(total - target)})",
                    cloc,
                    details={"rows": total, "line": target},
                    location=cshown,
                )
            for part in column.sum_of:
                if part not in columns:
                    self.add(
                        "unknown-column",
                        cwhere,
                        f"sum_of nämner kolumnen '{part}', som inte finns i bilagan",
                        (*cloc, "sum_of"),
                        fatal=True,
                        location=cshown,
                    )
                    return
            if column.sum_of:
                self.check_row_sums(i, annex, column, amounts, cwhere, cshown)
            if column.model is not None:
                self.check_model(
                    i, annex, column, column.model, col, target, (cwhere, cshown), "model"
                )
            elif column.model_unknown is not None:
                self.add(
                    "model-unknown",
                    cwhere,
                    f"fördelningsnyckeln går inte att härleda ur dokumentet: "
                    f"{column.model_unknown}",
                    cloc,
                    location=cshown,
                )
            if column.prose_model is not None:
                self.check_model(
                    i,
                    annex,
                    column,
                    column.prose_model,
                    col,
                    target,
                    (cwhere, cshown),
                    "prose_model",
                )
        self.check_total_row(i, annex, amounts)

    def row_amounts(self, i: int, annex: df.AnnexIn) -> list[dict[str, int]] | None:
        single = annex.columns[0].id if len(annex.columns) == 1 else None
        out: list[dict[str, int]] = []
        ok = True
        for r, row in enumerate(annex.rows):
            where = f"bilaga {annex.number}, rad {r + 1}"
            shown = f"{where} '{row.name}'"
            values = dict(row.amounts)
            if row.amount is not None:
                if single is None:
                    self.add(
                        "row-amounts",
                        where,
                        "bilagan har flera kolumner: ange beloppen per kolumn under 'amounts'",
                        ("annexes", i, "rows", r, "amount"),
                        fatal=True,
                        location=shown,
                    )
                    ok = False
                    continue
                values[single] = row.amount
            missing = [c.id for c in annex.columns if c.id not in values]
            extra = [k for k in values if k not in {c.id for c in annex.columns}]
            if missing or extra:
                self.add(
                    "row-amounts",
                    where,
                    f"belopp saknas för kolumnen {either(missing, 'och')}"
                    if missing
                    else f"bilagan har ingen kolumn {either(extra, 'eller')}",
                    ("annexes", i, "rows", r),
                    fatal=True,
                    location=shown,
                )
                ok = False
            out.append(values)
        return out if ok else None

    def check_names(self, i: int, annex: df.AnnexIn) -> None:
        seen: dict[str, int] = {}
        for r, row in enumerate(annex.rows):
            where = f"bilaga {annex.number}, rad {r + 1} '{row.name}'"
            loc: Loc = ("annexes", i, "rows", r, "name")
            try:
                resolved = resolve_name(row.recipient or row.name, annex.recipients, "name")
            except DomainError as e:
                self.add("unknown-recipient", where, core_reason(e), loc, fatal=True)
                continue
            self.resolved[(i, r)] = resolved
            if resolved.name in seen:
                self.add(
                    "duplicate-recipient",
                    where,
                    f"{resolved.name} finns redan på rad {seen[resolved.name]}",
                    loc,
                    fatal=True,
                )
            seen[resolved.name] = r + 1
            if row.name != resolved.name:
                self.add(
                    "name-as-printed",
                    where,
                    f"tryckt som '{row.name}', tolkas som {resolved.name}",
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
        shown: str,
    ) -> None:
        parts = " + ".join(self.title(annex, p) for p in column.sum_of)
        for r, values in enumerate(amounts):
            s = sum(values[p] for p in column.sum_of)
            if s != values[column.id]:
                self.add(
                    "row-sum",
                    f"{where}, rad {r + 1}",
                    f"{parts} = {kr(s)}, men tryckt belopp är {kr(values[column.id])} "
                    f"(skillnad {signed(values[column.id] - s)})",
                    ("annexes", i, "rows", r),
                    location=f"{shown}, rad {r + 1} '{annex.rows[r].name}'",
                )

    def key_values(
        self, i: int, annex: df.AnnexIn, name: str, where: tuple[str, str], loc: Loc
    ) -> list[int] | None:
        if name == "equal":
            return [1] * len(annex.rows)
        ref = annex.reference_data.get(name)
        if ref is None:
            self.add(
                "unknown-reference",
                where[0],
                f"nyckeln '{name}' finns inte under reference_data",
                loc,
                fatal=True,
                location=where[1],
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
                    f"bilaga {annex.number}, rad {r + 1}",
                    f"värde för '{name}' saknas på raden, och ingen serie (series) anges att "
                    "hämta det ur",
                    ("annexes", i, "rows", r),
                    fatal=True,
                    location=f"bilaga {annex.number}, rad {r + 1} '{row.name}'",
                )
                return None
            if series is None:
                try:
                    series = load_series(ref.series)
                except DomainError as e:
                    reason = core_reason(e)
                    self.add(
                        "unknown-series",
                        where[0],
                        f"serien '{ref.series}' kan inte läsas: {reason}",
                        loc,
                        fatal=True,
                        location=where[1],
                    )
                    return None
                except (KeyError, OSError) as e:
                    self.add(
                        "unknown-series",
                        where[0],
                        f"serien '{ref.series}' finns inte ({e})",
                        loc,
                        fatal=True,
                        location=where[1],
                    )
                    return None
            values.append(series[resolved.county_code])
        return values

    def key_label(self, annex: df.AnnexIn, key: df.KeyIn) -> str:
        """``befolkning 1/11 - 2020``, ``lika delar``, ``… × 1/2``."""
        if key.reference == "equal":
            label = "lika delar"
        else:
            ref = annex.reference_data.get(key.reference)
            label = lower_first(ref.description) if ref and ref.description else key.reference
        return label if key.weight == 1 else f"{label} × {key.weight}"

    def check_model(
        self,
        i: int,
        annex: df.AnnexIn,
        column: df.AnnexColumnIn,
        model: df.AllocationModelIn,
        decided_col: list[int],
        target: int | None,
        where: tuple[str, str],
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
            reason = f"{e.field}: {core_reason(e)}" if e.field else core_reason(e)
            self.add(
                "model-error",
                where[0],
                f"modellen kan inte beräknas: {reason}",
                loc,
                fatal=True,
                location=where[1],
            )
            return
        decided = dict(zip(labels, decided_col, strict=True))
        rec = reconcile(result, decided)
        if not rec.deviations:
            return
        keys_text = " + ".join(self.key_label(annex, k) for k in model.keys)
        base = f", grundbelopp {kr(model.base_amount)} per mottagare" if model.base_amount else ""
        listed = "; ".join(f"{d.recipient} {signed(d.difference)}" for d in rec.deviations[:8])
        more = f"; … och {rows(len(rec.deviations) - 8)} till" if len(rec.deviations) > 8 else ""
        code = "model-deviation" if which == "model" else "prose-model-deviation"
        label = "modellen" if which == "model" else "modellen som texten anger"
        self.add(
            code,
            where[0],
            f"{rows(len(rec.deviations))} avviker från {label} ({keys_text}{base}, "
            f"avrundning {model.rounding}; modellens summa {kr(result.sum)}): {listed}{more}",
            loc,
            location=where[1],
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
        where = f"bilaga {annex.number}, summaraden"
        loc: Loc = ("annexes", i, "total_row")
        expected_text = " ".join([total_row.label, *(c.value for c in total_row.cells)])
        if " ".join(total_row.printed.split()) != " ".join(expected_text.split()):
            self.add(
                "total-row-cells",
                where,
                f"cellerna återger inte den tryckta raden: '{expected_text}', men tryckt står "
                f"'{total_row.printed}'",
                (*loc, "cells"),
                fatal=True,
            )
        column_ids = {c.id for c in annex.columns}
        for n, cell in enumerate(total_row.cells):
            cloc: Loc = (*loc, "cells", n)
            cwhere = f"{where}, kolumn {cell.column}"
            cshown = f"{where}, kolumn {self.title(annex, cell.column)}"
            if cell.kind == "amount":
                if cell.column not in column_ids:
                    self.add(
                        "unknown-column",
                        where,
                        f"bilagan har ingen kolumn '{cell.column}'",
                        cloc,
                        fatal=True,
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
                        cwhere,
                        f"raderna summerar till {kr(s)}, men den tryckta summan är {kr(printed)} "
                        f"(skillnad {signed(s - printed)})",
                        cloc,
                        details={"rows": s, "printed": printed},
                        location=cshown,
                    )
            elif cell.kind == "reference" and cell.column in annex.reference_data:
                values = [row.reference.get(cell.column) for row in annex.rows]
                if all(v is not None for v in values):
                    s = sum(v for v in values if v is not None)
                    printed = df._kronor(cell.value)
                    if s != printed:
                        self.add(
                            "printed-total",
                            cwhere,
                            f"raderna summerar till {number(s)}, men den tryckta summan är "
                            f"{number(printed)} (skillnad {number(s - printed)})",
                            cloc,
                            location=cshown,
                        )
        self.check_merged_cells(annex, total_row, where, loc)

    def check_merged_cells(
        self, annex: df.AnnexIn, row: df.TotalRowIn, where: str, loc: Loc
    ) -> None:
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
                    f"'{prev.value}' (kolumn {self.title(annex, prev.column)}) står direkt före "
                    f"'{cell.value}' (kolumn {self.title(annex, cell.column)}): raden kan också "
                    f"läsas som {merged} kr",
                    loc,
                )

    # --- acknowledgements ----------------------------------------------------------------

    def apply_acknowledgements(self) -> None:
        used: set[int] = set()
        for problem in self.problems:
            if problem.fatal:
                continue
            for n, ack in enumerate(self.doc.acknowledged):
                if ack.code == problem.code and problem.is_at(ack.at):
                    problem.acknowledged_by = ack
                    used.add(n)
                    break
        for n, ack in enumerate(self.doc.acknowledged):
            if n not in used:
                hint = ""
                if _ENGLISH_PLACE.search(ack.at):
                    hint = (
                        " (platser skrivs på svenska: 'bilaga 1, kolumn amount', 'rad 3', "
                        "'summaraden', 'område …', 'beslutsrad …')"
                    )
                self.add(
                    "unused-acknowledgement",
                    f"kvittering {n + 1}",
                    f"kvitterar {ack.code} vid ”{ack.at}”, men där finns ingen sådan avvikelse"
                    + hint,
                    ("acknowledged", n),
                    fatal=True,
                )


_ENGLISH_PLACE = re.compile(r"\b(column|row|total row|area|line)\b")


def check(parsed: df.ParsedFile) -> list[Problem]:
    return Checker(parsed).run()
