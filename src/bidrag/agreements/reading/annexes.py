"""The annex part of a decision → ``annexes:`` of a decision file.

Annexes are split at "Bilaga N" labels, at a table's caption ("Bilaga 3. …" after the table),
at a department name heading a new page, or at a heading after a finished table or list. Each
annex's table (or recipient entries) becomes columns and rows:

- an integer column whose title speaks of money ("Belopp", "Fördelade medel", "kr") or whose
  sum is a decision line's amount is an *amount* column; "Totalt" over other amount columns is
  their ``sum_of``;
- an integer column of "Befolkning", "Folkmängd", "Invånare", "Antal …" is *reference data*;
- decimals and per cents ("Andel") are *printed* as they stand;
- "Betalningsmottagare", "Organisationsnummer", "Bankgiro", "Plusgiro", "Bank",
  "Betalningsreferens" make the row's *payee*.

Recipients are resolved through :mod:`bidrag.core.register` (every spelling it knows) and the
six collaboration regions of :mod:`bidrag.agreements.checks`. The key is read from the annex's
and the line's words ("lika belopp" → equal parts; "befolkningsandel", "invånare",
"folkmängd" → population, its values printed in the table or a shipped series of the date the
text names); the rounding is the one of the three policies that reproduces the printed rows
best, which the report says a person must confirm.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from bidrag.agreements.reading.layout import ANNEX_LABEL, Block, Entry, join_with_offsets
from bidrag.agreements.reading.numbers import find_amounts, find_dates, integer
from bidrag.agreements.reading.recognisers import DEPARTMENT, split_sentences
from bidrag.agreements.reading.tables import ReadRow, ReadTable, caption_title, read_table
from bidrag.core import register
from bidrag.core.allocation import Key, RecipientInput, Rounding, allocate, reconcile
from bidrag.core.errors import DomainError
from bidrag.core.refdata import available_series, load_series
from bidrag.core.register import COLLABORATION_REGIONS


@dataclass
class AnnexPart:
    """The blocks of one annex as printed."""

    number: int | None
    title: str = ""
    title_place: str = ""
    blocks: list[Block] = field(default_factory=list)
    table: ReadTable | None = None
    entries: list[Entry] = field(default_factory=list)
    place: str = ""

    @property
    def has_content(self) -> bool:
        return self.table is not None or bool(self.entries)

    @property
    def prose(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in ("paragraph", "items", "heading")]


def split_annexes(blocks: list[Block]) -> list[AnnexPart]:
    labelled = any(_label(b) for b in blocks)
    parts: list[AnnexPart] = []
    current: AnnexPart | None = None
    closed: AnnexPart | None = None  # the annex a caption after its table closed

    def start(number: int | None, place: str) -> AnnexPart:
        part = AnnexPart(number, place=place)
        parts.append(part)
        return part

    for block in blocks:
        label = _label(block)
        if label is not None or _department(block) or block.kind in ("heading", "table"):
            closed = None
        if label is not None:
            current = start(label[0], block.place)
            if label[1]:
                current.title, current.title_place = label[1], block.place
            continue
        if _department(block):
            if not labelled and (current is None or current.has_content):
                current = start(None, block.place)
            continue
        if block.kind == "heading" and current is not None and not current.title:
            current.title, current.title_place = block.text, block.place
            continue
        if block.kind == "heading" and not labelled and (current is None or current.has_content):
            current = start(None, block.place)
            current.title, current.title_place = block.text, block.place
            continue
        if current is None and closed is not None and block.kind in ("paragraph", "items"):
            closed.blocks.append(block)  # prose under a table and its caption
            continue
        if current is None:
            current = start(None, block.place)
        if block.kind == "table" and block.table is not None:
            if current.has_content and not labelled:
                current = start(None, block.place)
            current.table = read_table(block.table)
            current.blocks.append(block)
            if block.table.caption:  # a title after its table closes the annex
                m = re.match(r"^bilaga\s+(\d+)", block.table.caption, re.IGNORECASE)
                if m and current.number is None:
                    current.number = int(m.group(1))
                if not current.title:
                    current.title = caption_title(block.table.caption)
                    line = block.table.caption_line
                    current.title_place = line.place if line else block.place
                closed, current = current, None
            continue
        if block.kind == "entries":
            current.entries.extend(block.entries)
        current.blocks.append(block)
    used = {p.number for p in parts if p.number is not None}
    n = 0
    for p in parts:
        if p.number is None:
            n += 1
            while n in used:
                n += 1
            p.number = n
        n = max(n, p.number)
    return [p for p in parts if p.has_content or p.title]


def _label(block: Block) -> tuple[int, str] | None:
    if block.kind not in ("heading", "paragraph") or len(block.text) > 200:
        return None
    m = ANNEX_LABEL.match(block.text.strip())
    if m is None:
        return None
    return int(m.group(1)), (m["title"] or "").strip()


def _department(block: Block) -> bool:
    m = DEPARTMENT.fullmatch(block.text.strip())
    return m is not None


# --- columns ---------------------------------------------------------------------------------

_MONEY = re.compile(r"belopp|medel|\bkr\b|kronor|summa|totalt|stimulans|fördel", re.IGNORECASE)
_POPULATION = re.compile(r"befolkning|folkmängd|invånare", re.IGNORECASE)
_COUNT = re.compile(r"^antal\b|mottagare\s+av", re.IGNORECASE)
_SHARE = re.compile(r"andel", re.IGNORECASE)
_TOTAL_COLUMN = re.compile(r"^(?:totalt|summa|total)\b", re.IGNORECASE)
PAYEE_TITLES = {
    "betalningsmottagare": "name",
    "mottagare": "name",
    "organisationsnummer": "org_number",
    "org.nr": "org_number",
    "orgnr": "org_number",
    "bankgiro": "bankgiro",
    "bankgironummer": "bankgiro",
    "plusgiro": "plusgiro",
    "plusgironummer": "plusgiro",
    "bank": "bank",
    "betalningsreferens": "payment_reference",
    "referens": "payment_reference",
    "ocr": "payment_reference",
}


def slug(text: str) -> str:
    """``"Vårdens medarbetare"`` → ``"vardens_medarbetare"`` (ids in the file)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    return "_".join(words[:3]) or "kolumn"


@dataclass
class ColumnPlan:
    index: int
    title: str
    kind: str  # amount, reference, printed, payee
    key: str  # id (amount), reference name, printed key, payee field


def plan_columns(table: ReadTable, line_amounts: list[int]) -> list[ColumnPlan]:
    plans: list[ColumnPlan] = []
    values = [[r.cells[k] for r in table.rows] for k in range(len(table.titles))]
    shares = sum(1 for t in table.titles if _SHARE.search(t))
    for k, title in enumerate(table.titles):
        cells = [c for c in values[k] if c]
        ints = [integer(c) for c in cells]
        payee = PAYEE_TITLES.get(title.strip().lower().rstrip(":"))
        if payee is not None:
            plans.append(ColumnPlan(k, title, "payee", payee))
        elif cells and all(v is not None for v in ints):
            if _POPULATION.search(title) and not _MONEY.search(title):
                plans.append(ColumnPlan(k, title, "reference", "population"))
            elif _COUNT.search(title) and not _MONEY.search(title):
                plans.append(ColumnPlan(k, title, "reference", slug(title)))
            else:  # money, unless its title names what is counted
                plans.append(ColumnPlan(k, title, "amount", ""))
        else:
            key = slug(title) if title else f"kolumn_{k + 1}"
            if _SHARE.search(title):
                previous = next((p for p in reversed(plans) if p.kind == "reference"), None)
                key = "share" if shares == 1 or previous is None else f"{previous.key}_share"
            plans.append(ColumnPlan(k, title, "printed", key))
    amounts = [p for p in plans if p.kind == "amount"]
    if len(amounts) == 1:
        amounts[0].key = "amount"
    else:
        seen: set[str] = set()
        for p in amounts:
            key = slug(p.title) or f"amount_{p.index + 1}"
            while key in seen:
                key += "_2"
            seen.add(key)
            p.key = key
    return plans


# --- resolving names -------------------------------------------------------------------------


def recipients_kind(names: list[str], group: str | None, label_title: str, title: str = "") -> str:
    """Regions, counties (the municipalities of each county, via RSS) or samverkansregioner.

    A table of money to the municipalities is per county even where its rows carry region
    names (seed 003 bilaga 3, "Medel till kommunerna (länsvis)", rows "Region Blekinge")."""
    if names and all(n in COLLABORATION_REGIONS for n in names):
        return "collaboration_regions"
    if group == "municipalities_via_rss" or re.match(r"^l[äa]n\b", label_title, re.IGNORECASE):
        return "counties"
    if group is None and re.search(r"\bkommuner(?:na)?\b", title, re.IGNORECASE):
        return "counties"
    counties = sum(1 for n in names if n.strip().endswith(" län"))
    if names and counties > len(names) / 2 and not any(n.startswith("Region") for n in names):
        return "counties"
    return "regions"


def canonical(name: str, kind: str) -> str | None:
    """The register's name for a printed one; None when the register does not know it."""
    try:
        if kind == "collaboration_regions":
            return name if name in COLLABORATION_REGIONS else None
        if kind == "counties":
            return register.resolve_county(name).name
        return register.resolve_region(name).name
    except DomainError:
        return None


def county_code(name: str, kind: str) -> str | None:
    try:
        if kind == "counties":
            return register.resolve_county(name).code
        if kind == "regions":
            return register.resolve_region(name).code
    except DomainError:
        return None
    return None


# --- the key ---------------------------------------------------------------------------------

_EQUAL = re.compile(r"\blika\s+(?:stora\s+)?(?:belopp|delar)\b|\bjämnt\s+fördela", re.IGNORECASE)
_BY_POPULATION = re.compile(
    r"befolkningsandel|befolkningsmängd|\binvånare\b|\bfolkmängd\w*|\bbefolkning\b",
    re.IGNORECASE,
)
_BASE = re.compile(
    r"(?:grundbelopp|minimibelopp|grundnivå)\w*\s+(?:på\s+|om\s+)?(?P<amount>\d[\d ]*\s*(?:kronor|"
    r"miljoner kronor))",
    re.IGNORECASE,
)


@dataclass
class KeyHint:
    kind: str | None  # "equal", "population" or None
    sentence: str = ""
    date: str | None = None  # ISO date of the population figures the text names
    base_amount: int = 0


def key_hint(texts: list[str]) -> KeyHint:
    for text in texts:
        for _, sentence in split_sentences(text):
            if _EQUAL.search(sentence):
                return KeyHint("equal", sentence.strip())
    for text in texts:
        for _, sentence in split_sentences(text):
            if _BY_POPULATION.search(sentence):
                dates = [d.value for d in find_dates(sentence) if d.value is not None]
                base = _BASE.search(sentence)
                return KeyHint(
                    "population",
                    sentence.strip(),
                    dates[0].isoformat() if dates else None,
                    find_amounts(base["amount"])[0].value if base else 0,
                )
    return KeyHint(None)


def best_rounding(
    labels: list[str], values: list[int], decided: list[int], total: int, base: int = 0
) -> tuple[Rounding, int] | None:
    """The rounding that reproduces the printed rows with the fewest deviations (half-up first
    on a tie: the genre rounds each row, then adjusts by hand)."""
    best: tuple[Rounding, int] | None = None
    recipients = [RecipientInput(label, {"k": v}) for label, v in zip(labels, values, strict=True)]
    for rounding in (Rounding.HALF_UP, Rounding.LARGEST_REMAINDER):
        try:
            result = allocate(recipients, total, [Key("k")], base_amount=base, rounding=rounding)
        except DomainError:
            return None
        deviations = len(reconcile(result, dict(zip(labels, decided, strict=True))).deviations)
        if best is None or deviations < best[1]:
            best = (rounding, deviations)
    return best


# --- the annex -------------------------------------------------------------------------------


@dataclass
class AnnexResult:
    data: dict[str, Any]
    missing: list[tuple[str, str]]  # (field, Swedish text with place)
    notes: list[str]
    text: list[dict[str, Any]]


def annex_data(
    part: AnnexPart,
    lines: list[dict[str, Any]],
    line_annexes: dict[str, list[int]],
    line_texts: dict[str, list[str]],
    *,
    agreement: bool = False,
) -> AnnexResult:
    """``agreement``: the columns pay out areas the reader does not draft, so they are named
    as missing and no model is inferred."""
    number = part.number or 0
    here = f"bilaga {number}"
    missing: list[tuple[str, str]] = []
    notes: list[str] = []
    linked = [ln for ln in lines if number in line_annexes.get(ln["id"], [])]
    prose_texts = [b.text for b in part.prose if b.text != part.title]
    data: dict[str, Any] = {"number": number, "title": part.title or None}
    if not part.title:
        missing.append((f"{here}.title", f"{here}: ingen rubrik hittades ({part.place})"))

    if part.table is not None:
        table = part.table
        names = [r.label for r in table.rows]
        amount_lines = [ln["amount"] for ln in lines if isinstance(ln.get("amount"), int)]
        plans = plan_columns(table, amount_lines)
        group = linked[0]["recipient_group"] if linked else None
        kind = recipients_kind(names, group, table.label_title, part.title)
        rows_in = table.rows
        for place, message in table.problems:
            missing.append((f"{here}.rows", f"{here}: {message} ({place})"))
    else:
        plans = [ColumnPlan(0, "Belopp", "amount", "amount")]
        names = [e.name for e in part.entries]
        group = linked[0]["recipient_group"] if linked else None
        kind = recipients_kind(names, group, "")
        rows_in = []
    data["recipients"] = kind

    amount_plans = [p for p in plans if p.kind == "amount"]
    if not amount_plans:
        missing.append((f"{here}.columns", f"{here}: ingen beloppskolumn hittades ({part.place})"))

    # rows
    rows: list[dict[str, Any]] = []
    column_values: dict[str, list[int | None]] = {p.key: [] for p in amount_plans}
    if part.table is not None:
        for r in rows_in:
            rows.append(_row(r, plans, kind, here, missing))
            for p in amount_plans:
                column_values[p.key].append(integer(r.cells[p.index] or ""))
    else:
        for e in part.entries:
            row: dict[str, Any] = {"name": e.name}
            _add_recipient(row, e.name, kind, here, e.line.place, missing)
            row["amount"] = integer(e.amount)
            column_values["amount"].append(integer(e.amount))
            payee = _payee(e.attributes)
            if payee:
                row["payee"] = payee
            rows.append(row)
    data["rows"] = rows

    # which line each amount column pays out
    columns: list[dict[str, Any]] = []
    key_texts = prose_texts + [t for ln in linked for t in line_texts.get(ln["id"], [])]
    hint = key_hint(key_texts)
    key_description = hint.sentence
    reference_data: dict[str, dict[str, Any]] = {}
    for p in plans:
        if p.kind == "reference":
            reference_data[p.key] = {"description": p.title or p.key}
    for p in amount_plans:
        col: dict[str, Any] = {"id": p.key, "title": p.title or "Belopp"}
        values = column_values[p.key]
        total = sum(v for v in values if v is not None)
        line = _line_for(p, linked, lines, total, len(amount_plans))
        col["line"] = line["id"] if line else None
        if agreement:
            missing.append(
                (
                    f"{here}.columns.{p.key}.line",
                    f"{here}, kolumn {p.title or p.key}: området (areas) som kolumnen fördelar "
                    f"väljs av en person ({part.place})",
                )
            )
        elif line is None:
            missing.append(
                (
                    f"{here}.columns.{p.key}.line",
                    f"{here}, kolumn {p.title or p.key}: ingen beslutsrad hänvisar till bilagan "
                    f"och ingen rad har kolumnens summa {total} kr ({part.place})",
                )
            )
        columns.append(col)
    _sum_columns(columns, rows, amount_plans)

    # the model
    if agreement:
        pass
    elif len(amount_plans) == 1 and columns and not columns[0].get("sum_of"):
        col = columns[0]
        values = column_values[amount_plans[0].key]
        line = next((ln for ln in lines if ln["id"] == col.get("line")), None)
        _model(col, hint, kind, rows, values, line, plans, reference_data, notes, here)
    elif hint.kind is None and amount_plans:
        notes.append(f"{here}: ingen fördelningsnyckel hittades i texten")

    if reference_data:
        data["reference_data"] = reference_data
    if key_description:
        data["key_description"] = key_description
    # move key_description before reference data, as the files read
    ordered: dict[str, Any] = {k: data[k] for k in ("number", "title", "recipients")}
    if key_description:
        ordered["key_description"] = key_description
    if reference_data:
        ordered["reference_data"] = reference_data
    ordered["columns"] = columns
    ordered["rows"] = rows

    if part.table is not None and part.table.total is not None:
        ordered["total_row"] = _total_row(part.table.total, plans, rows)
    elif part.table is None or part.table.total is None:
        total = sum(v for p in amount_plans for v in column_values[p.key] if v is not None)
        sentence = _total_sentence(prose_texts, total)
        if sentence:
            ordered["total_text"] = sentence

    return AnnexResult(ordered, missing, notes, annex_text(part, plans))


def _row(
    r: ReadRow, plans: list[ColumnPlan], kind: str, here: str, missing: list[tuple[str, str]]
) -> dict[str, Any]:
    row: dict[str, Any] = {"name": r.label}
    _add_recipient(row, r.label, kind, here, r.place, missing)
    amounts = [p for p in plans if p.kind == "amount"]
    if len(amounts) == 1:
        row["amount"] = integer(r.cells[amounts[0].index] or "")
    else:
        row["amounts"] = {p.key: integer(r.cells[p.index] or "") for p in amounts}
    reference = {
        p.key: integer(r.cells[p.index] or "")
        for p in plans
        if p.kind == "reference" and r.cells[p.index]
    }
    if reference:
        row["reference"] = reference
    printed = {p.key: r.cells[p.index] for p in plans if p.kind == "printed" and r.cells[p.index]}
    if printed:
        row["printed"] = printed
    payee = {p.key: r.cells[p.index] for p in plans if p.kind == "payee" and r.cells[p.index]}
    if payee:
        row["payee"] = {"name": payee.pop("name", None) or r.label, **payee}
    for p in amounts:
        if not r.cells[p.index]:
            missing.append(
                (
                    f"{here}.rows",
                    f"{here}: raden '{r.label}' saknar belopp i kolumnen {p.title} ({r.place})",
                )
            )
    return row


def _add_recipient(
    row: dict[str, Any], name: str, kind: str, here: str, place: str, missing: list[tuple[str, str]]
) -> None:
    resolved = canonical(name, kind)
    if resolved is None:
        missing.append(
            (
                f"{here}.rows",
                f"{here}: '{name}' finns inte i registret över "
                f"{'samverkansregioner' if kind == 'collaboration_regions' else 'regioner och län'}"
                f" ({place})",
            )
        )
    elif resolved != name:
        row["recipient"] = resolved


_PAYEE_KEYS = {
    "mottagare": "name",
    "betalningsmottagare": "name",
    "organisationsnummer": "org_number",
    "org.nr": "org_number",
    "orgnr": "org_number",
    "org. nr": "org_number",
    "bankgiro": "bankgiro",
    "bankgironummer": "bankgiro",
    "plusgiro": "plusgiro",
    "plusgironummer": "plusgiro",
    "bank": "bank",
    "betalningsreferens": "payment_reference",
    "referens": "payment_reference",
    "ref": "payment_reference",
    "ocr": "payment_reference",
    "ocr-nummer": "payment_reference",
}


def _payee(attributes: list[tuple[str, str, Any]]) -> dict[str, str]:
    payee: dict[str, str] = {}
    for key, value, _line in attributes:
        field_name = _PAYEE_KEYS.get(key.lower())
        if field_name and value and field_name not in payee:
            payee[field_name] = value
    if payee and "name" not in payee:
        return {}
    return dict(sorted(payee.items(), key=lambda kv: list(_PAYEE_ORDER).index(kv[0])))


_PAYEE_ORDER = ("name", "org_number", "bankgiro", "plusgiro", "bank", "payment_reference")


def _line_for(
    plan: ColumnPlan,
    linked: list[dict[str, Any]],
    lines: list[dict[str, Any]],
    total: int,
    n_columns: int,
) -> dict[str, Any] | None:
    if n_columns == 1 and len(linked) == 1:
        return linked[0]
    same = [ln for ln in linked if ln.get("amount") == total]
    if len(same) == 1:
        return same[0]
    anywhere = [ln for ln in lines if ln.get("amount") == total]
    if len(anywhere) == 1:
        return anywhere[0]
    return None


def _sum_columns(
    columns: list[dict[str, Any]], rows: list[dict[str, Any]], plans: list[ColumnPlan]
) -> None:
    """A "Totalt" column that is the row sum of the other amount columns gets ``sum_of``."""
    if len(columns) < 3:
        return
    for col, plan in zip(columns, plans, strict=True):
        if not _TOTAL_COLUMN.match(plan.title or ""):
            continue
        others = [c["id"] for c in columns if c is not col and not c.get("sum_of")]
        # the parts are the columns left of it since the previous total column
        start = max(
            (i + 1 for i, c in enumerate(columns) if c.get("sum_of") and columns.index(col) > i),
            default=0,
        )
        parts = [c["id"] for c in columns[start : columns.index(col)] if c["id"] in others]
        if not parts:
            continue
        matches = sum(
            1
            for row in rows
            if row.get("amounts")
            and all(row["amounts"].get(p) is not None for p in [*parts, col["id"]])
            and sum(row["amounts"][p] for p in parts) == row["amounts"][col["id"]]
        )
        if matches >= len(rows) / 2:
            col["sum_of"] = parts
            col["line"] = None


def _model(
    col: dict[str, Any],
    hint: KeyHint,
    kind: str,
    rows: list[dict[str, Any]],
    values: list[int | None],
    line: dict[str, Any] | None,
    plans: list[ColumnPlan],
    reference_data: dict[str, dict[str, Any]],
    notes: list[str],
    here: str,
) -> None:
    decided = [v for v in values if v is not None]
    if hint.kind is None:
        col["model_unknown"] = "fördelningsnyckeln anges inte i texten"
        notes.append(f"{here}: ingen fördelningsnyckel i texten; model_unknown satt")
        return
    if hint.kind == "equal":
        col["model"] = {
            "description": "Lika delar",
            "keys": [{"reference": "equal"}],
            "rounding": "largest-remainder",
        }
        return
    # population: printed in the table, or a shipped series of the date the text names
    inline = [p for p in plans if p.kind == "reference" and p.key == "population"]
    series = f"population_{hint.date}" if hint.date else None
    has_series = series in available_series() if series else False
    described = f"Folkmängd {hint.date}" if hint.date else "Folkmängd"
    if not inline and not has_series:
        reference_data.setdefault(
            "population", {"description": f"{described}; inte tryckt i beslutet"}
        )
        col["model_unknown"] = (
            "nyckelns underlag (folkmängd"
            + (f" {hint.date}" if hint.date else "")
            + ") nämns men är inte tryckt"
            + (f", och serien {series} finns inte bland referensdata" if series else "")
        )
        return
    ref = reference_data.setdefault("population", {"description": described})
    if has_series:
        ref["series"] = series
    labels = [r["name"] for r in rows]
    population: list[int] = []
    for r in rows:
        value = (r.get("reference") or {}).get("population")
        if value is None and has_series and series:
            code = county_code(r.get("recipient") or r["name"], kind)
            value = load_series(series).get(code) if code else None
        if value is None:
            col["model_unknown"] = f"befolkning saknas för '{r['name']}'"
            return
        population.append(value)
    if len(decided) != len(rows) or line is None or not isinstance(line.get("amount"), int):
        col["model_unknown"] = "tabellen eller beslutsradens belopp är ofullständigt läst"
        return
    best = best_rounding(labels, population, decided, line["amount"], hint.base_amount)
    if best is None:
        col["model_unknown"] = "modellen kan inte beräknas på de tryckta värdena"
        return
    rounding, deviations = best
    model: dict[str, Any] = {
        "description": (
            f"Befolkningsandel, avrundning {rounding.value} "
            "(vald av läsaren: återger tabellen bäst)"
        ),
        "keys": [{"reference": "population"}],
    }
    if hint.base_amount:
        model["base_amount"] = hint.base_amount
    model["rounding"] = rounding.value
    col["model"] = model
    notes.append(
        f"{here}: nyckeln befolkningsandel; avrundningen {rounding.value} återger tabellen bäst "
        f"({deviations} rader avviker) – en person bekräftar modellen"
    )


def _total_row(
    total: ReadRow, plans: list[ColumnPlan], rows: list[dict[str, Any]]
) -> dict[str, Any]:
    cells = []
    for p in plans:
        value = total.cells[p.index] if p.index < len(total.cells) else None
        if not value:
            continue
        kind = {"amount": "amount", "reference": "reference"}.get(p.kind, "printed")
        cells.append({"column": p.key, "kind": kind, "value": value})
    return {"printed": total.printed or total.line.text, "label": total.label, "cells": cells}


def _total_sentence(texts: list[str], total: int) -> str | None:
    for text in texts:
        for _, sentence in split_sentences(text):
            if any(a.value == total for a in find_amounts(sentence)):
                return sentence.strip()
    return None


def annex_text(part: AnnexPart, plans: list[ColumnPlan]) -> list[dict[str, Any]]:
    """The annex's printed text as blocks (decisions/README.md, "Printed text"): prose as
    printed, the allocation table where it stands (its head and the keys of its columns),
    recipient entries with their lines kept apart. Its title and number are not repeated."""
    out: list[dict[str, Any]] = []
    for block in part.blocks:
        if block.kind == "heading" and block.text == part.title:
            continue
        if block.kind in ("heading", "paragraph", "items"):
            out.append(prose_block(block))
        elif block.kind == "entries":
            for entry in block.entries:
                out.extend(entry.text_blocks())
        elif block.kind == "table" and part.table is not None:
            table = part.table
            header = [table.label_title, *table.titles]
            if any(p.kind == "payee" for p in plans):
                rows = [[r.label, *(c or "" for c in r.cells)] for r in table.rows]
                if table.total is not None:
                    rows.append([table.total.label, *(c or "" for c in table.total.cells)])
                out.append({"table": {"header": header, "rows": rows}})
            else:
                out.append(
                    {"table": {"header": header, "columns": ["name", *(p.key for p in plans)]}}
                )
    return out


def prose_block(block: Block) -> dict[str, Any]:
    if block.kind == "heading":
        return {"heading": block.text}
    if block.kind == "items":
        return {"items": block.item_texts}
    return {"paragraph": block.text}


def block_sentences(block: Block) -> list[tuple[str, str]]:
    """(sentence, place) of a prose block."""
    text, starts = join_with_offsets(block.lines)
    out = []
    for offset, sentence in split_sentences(text):
        line = starts[0][1]
        for start, ln in starts:
            if start <= offset:
                line = ln
        out.append((sentence, line.place))
    return out
