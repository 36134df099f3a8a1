"""A payment decision's printed text → the content of a draft decision file.

The document is read in its parts: the heading (date, diarienummer, department, addressee,
title), the body by sections ("Regeringens beslut", "Medel till SKR", "Ärendet"), the
signatures and copy list, then the annexes. In the body every sentence goes past the
recognisers of :mod:`.recognisers`; a line statement opens a decision line, and the sentences
after it in its paragraph add to it. A condition (appropriation item, repayment, report) applies
to the lines it names (by amount or recipient group, or "samtliga"); otherwise to the lines
before it in its section that lack it, or, when its section has none, to every line before it.

Nothing is invented: a value the text does not give stays None and a ``missing`` entry says
what and where (page and line).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bidrag.agreements.reading import recognisers as rc
from bidrag.agreements.reading.annexes import (
    AnnexResult,
    annex_data,
    block_sentences,
    prose_block,
    split_annexes,
)
from bidrag.agreements.reading.layout import ANNEX_LABEL, Block, Layout, chunks
from bidrag.agreements.reading.source import Line, Source
from bidrag.agreements.reading.tables import read_table

CASE_HEADINGS = re.compile(
    r"^(?:Ärendet|Skälen för regeringens beslut|Skäl för beslutet|Bakgrund|Ärendet och skälen)",
    re.IGNORECASE,
)
DECISION_HEADING = re.compile(r"^Regeringens beslut$", re.IGNORECASE)
SIGNATURE = re.compile(r"^På regeringens vägnar\b", re.IGNORECASE)
COPIES = re.compile(r"^Kopia(?:\s+för\s+kännedom)?\s+till\b:?", re.IGNORECASE)
LABELLED = re.compile(r"^(?:Datum|Diarienummer|Dnr|Beslutsdatum)\b", re.IGNORECASE)
NAME_LINE = re.compile(r"^(?:[A-ZÅÄÖ][\wåäöéü'-]+\.?\s+){1,5}[A-ZÅÄÖ][\wåäöéü'-]+$")
LETTERHEAD = re.compile(
    r"^(?:Regeringen|Regeringsbeslut\b.*|Datum\b.*|Diarienummer\b.*|"
    r"Regeringen\s+Regeringsbeslut.*|Dnr\b.*)$",
    re.IGNORECASE,
)


@dataclass
class LineDraft:
    facts: rc.LineFacts
    place: str
    section: int
    item: rc.ItemFacts | None = None
    item_place: str = ""
    repayment: dt.date | None = None
    repayment_place: str = ""
    report: dt.date | None = None
    report_place: str = ""
    texts: list[str] = field(default_factory=list)
    item_missing: str = ""


@dataclass
class Draft:
    """What was read: the file's content, what is missing, what a person should confirm."""

    data: dict[str, Any]
    missing: list[tuple[str, str]]  # (field, Swedish text with page and line)
    notes: list[str]
    text: list[dict[str, Any]]  # the printed body as text blocks
    annex_text: dict[int, list[dict[str, Any]]]
    places: dict[str, str]  # field → where it was read
    source: Source


class DecisionReader:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.layout = Layout(source)
        self.missing: list[tuple[str, str]] = []
        self.notes: list[str] = []
        self.places: dict[str, str] = {}

    # --- parts ------------------------------------------------------------------------------

    def split(self) -> tuple[list[Line], list[Line], list[Line], list[Line]]:
        """body lines, signature lines, copy lines, annex lines."""
        lines = self.source.lines
        sig = next((i for i, ln in enumerate(lines) if SIGNATURE.match(ln.text.strip())), None)
        cop = next(
            (
                i
                for i, ln in enumerate(lines)
                if COPIES.match(ln.text.strip()) and (sig is None or i > sig)
            ),
            None,
        )
        end_body = sig if sig is not None else cop
        if end_body is None:
            label = next(
                (i for i, ln in enumerate(lines) if ANNEX_LABEL.match(ln.text.strip())), len(lines)
            )
            return lines[:label], [], [], lines[label:]
        body = lines[:end_body]
        signatures: list[Line] = []
        copies: list[Line] = []
        i = end_body + 1 if sig is not None else end_body
        if sig is not None:
            # names, side by side or one a line, with room for the signature between them
            while i < len(lines) and not COPIES.match(lines[i].text.strip()):
                line = lines[i]
                if ANNEX_LABEL.match(line.text.strip()) or line.new_page and signatures:
                    break
                if not NAME_LINE.match(line.text.strip()) or len(signatures) >= 4:
                    break
                signatures.append(line)
                i += 1
        if i < len(lines) and COPIES.match(lines[i].text.strip()):
            rest = COPIES.sub("", lines[i].text.strip()).strip()
            start = i
            i += 1
            if rest:
                copies.append(lines[start])
            while i < len(lines) and not self._annex_starts(lines, i, start):
                copies.append(lines[i])
                i += 1
        return body, signatures, copies, lines[i:]

    def _annex_starts(self, lines: list[Line], i: int, start: int) -> bool:
        line = lines[i]
        if ANNEX_LABEL.match(line.text.strip()) or line.new_page or line.break_before:
            return i > start + 1 or bool(ANNEX_LABEL.match(line.text.strip()))
        if self.layout.pdf:
            return line.gap > 2.0
        return line.gap >= (3 if self.layout.double else 2)

    # --- reading ----------------------------------------------------------------------------

    def read(self) -> Draft:
        body_lines, sig_lines, copy_lines, annex_lines = self.split()
        blocks = self.layout.blocks(body_lines)
        header, title_block, body = self.heading(blocks)
        data: dict[str, Any] = {"kind": "payment_decision", "id": None}
        facts = self.header_facts(header, body)
        data.update(facts)
        data["title"] = title_block.text if title_block else None
        if title_block is None:
            self.missing.append(("title", "rubriken hittades inte före beslutstexten"))
        else:
            self.places["title"] = title_block.place

        sections = self.sections(body)
        lines, statements = self.body(sections)
        agreement_facts = statements["agreement"]
        data["agreement"] = {
            "id": None,
            "diarienummer": agreement_facts.diarienummer,
            "name": agreement_facts.name,
        }
        if agreement_facts.decision_date is not None:
            data["agreement"]["decision_date"] = agreement_facts.decision_date
        if agreement_facts.decision_reference is not None:
            data["agreement"]["decision_reference"] = agreement_facts.decision_reference
        if agreement_facts.name is None:
            self.missing.append(("agreement.name", "överenskommelsens namn hittades inte i texten"))
        if agreement_facts.diarienummer is None:
            self.missing.append(
                (
                    "agreement.diarienummer",
                    "överenskommelsens diarienummer är inte tryckt i beslutet",
                )
            )
        self.missing.append(
            (
                "agreement.id",
                "överenskommelsens fil (id) väljs av en person"
                + (
                    f"; sök på diarienummer {agreement_facts.diarienummer}"
                    if agreement_facts.diarienummer
                    else ""
                ),
            )
        )
        data["budget_year"] = statements["budget_year"]
        if data["budget_year"] is None:
            self.missing.append(("budget_year", "budgetåret är inte tryckt i beslutet"))
        data["total"] = statements["total"]
        if data["total"] is None:
            self.missing.append(
                ("total", "beslutets totalbelopp ('utbetala totalt … kronor') är inte tryckt")
            )
        if statements["stated"]:
            data["stated_totals"] = statements["stated"]
        items, line_dicts, line_annexes, line_texts = self.lines_out(lines)
        data["appropriation_items"] = items
        data["lines"] = line_dicts
        annexes, annex_text = self.annexes(annex_lines, line_dicts, line_annexes, line_texts)
        data["annexes"] = annexes
        data["signatories"] = self.signatories(sig_lines)
        data["copy_to"] = [c for c in (self.copy_entry(ln) for ln in copy_lines) if c]
        text = self.text_blocks(body)
        data["id"] = self.document_id(data)
        return Draft(data, self.missing, self.notes, text, annex_text, self.places, self.source)

    def heading(self, blocks: list[Block]) -> tuple[list[Block], Block | None, list[Block]]:
        header: list[Block] = []
        for i, block in enumerate(blocks):
            text = block.text.strip()
            if self._header_block(block):
                header.append(block)
                continue
            if block.kind == "heading" and not DECISION_HEADING.match(text):
                return header, block, blocks[i + 1 :]
            return header, None, blocks[i:]
        return header, None, []

    @staticmethod
    def _header_texts(block: Block) -> list[tuple[str, Line]]:
        """The heading's texts: a letterhead prints two columns side by side."""
        out: list[tuple[str, Line]] = []
        for line in block.lines:
            groups = [" ".join(g) for g in chunks(line)]
            if len(groups) > 1 and LABELLED.match(line.text.strip()):
                groups = [line.text.strip()]  # "Datum    2 februari 2023": label and value
            out.extend((g, line) for g in groups)
        return out

    def _header_block(self, block: Block) -> bool:
        for text, _line in self._header_texts(block):
            if not (
                LETTERHEAD.match(text)
                or rc.header_date(text)
                or rc.header_diarienummer(text)
                or rc.DEPARTMENT.fullmatch(text)
                or rc.POSTAL.match(text)
                or (len(block.lines) <= 4 and re.fullmatch(r"[A-ZÅÄÖ][\wåäö-]+", text))
            ):
                return False
        return True

    def header_facts(self, header: list[Block], body: list[Block]) -> dict[str, Any]:
        date: dt.date | None = None
        dnr: str | None = None
        department = ""
        addressee: list[str] = []
        for block in header:
            for text, line in self._header_texts(block):
                if date is None and rc.header_date(text):
                    date = rc.header_date(text)
                    self.places["date"] = line.place
                elif dnr is None and rc.header_diarienummer(text):
                    dnr = rc.header_diarienummer(text)
                    self.places["diarienummer"] = line.place
                elif rc.DEPARTMENT.fullmatch(text):
                    department = text
                elif LETTERHEAD.match(text):
                    continue
                else:
                    addressee.append(text)
        if not addressee:
            for block in body[:4]:
                m = rc.ADDRESSEE.search(block.text)
                if m:
                    addressee = [m["name"]]
                    break
        if date is None:
            self.missing.append(("date", "beslutets datum är inte tryckt i texten"))
        if dnr is None:
            self.missing.append(("diarienummer", "beslutets diarienummer är inte tryckt i texten"))
        if not department:
            self.missing.append(("department", "departementet är inte tryckt i beslutets huvud"))
        if not addressee:
            self.missing.append(("addressee", "mottagaren av uppdraget hittades inte"))
        return {
            "diarienummer": dnr,
            "date": date,
            "department": department,
            "addressee": ", ".join(addressee),
        }

    def sections(self, body: list[Block]) -> list[tuple[str, bool, list[Block]]]:
        """(heading, is the case, blocks) in order."""
        out: list[tuple[str, bool, list[Block]]] = [("", False, [])]
        case = False
        for block in body:
            if block.kind == "heading":
                text = block.text.strip()
                if CASE_HEADINGS.match(text):
                    case = True
                elif DECISION_HEADING.match(text):
                    case = False
                out.append((text, case, [block]))
            else:
                out[-1][2].append(block)
        return out

    # --- the body ---------------------------------------------------------------------------

    def body(
        self, sections: list[tuple[str, bool, list[Block]]]
    ) -> tuple[list[LineDraft], dict[str, Any]]:
        lines: list[LineDraft] = []
        agreement = rc.AgreementFacts()
        total: int | None = None
        years: Counter[int] = Counter()
        stated: list[dict[str, Any]] = []
        has_collaboration = False
        sentences_by_section = []
        for s, (heading, case, blocks) in enumerate(sections):
            sentences = []
            for b, block in enumerate(blocks):
                if block.kind in ("paragraph", "items"):
                    for sentence, place in block_sentences(block):
                        sentences.append((b, sentence, place))
            sentences_by_section.append((s, heading, case, sentences))
        for _, _, case, sentences in sentences_by_section:
            if not case:
                for _, sentence, _ in sentences:
                    facts = rc.payment_line(sentence)
                    if facts and facts.group == "collaboration_regions":
                        has_collaboration = True
        all_lines_facts: dict[str, tuple[Any, str]] = {}
        for s, heading, case, sentences in sentences_by_section:
            current: LineDraft | None = None
            current_block = -1
            for b, sentence, place in sentences:
                for m in re.finditer(r"\bbudgetåret\s+(\d{4})\b", sentence):
                    years[int(m.group(1))] += 2
                for m in re.finditer(r"\bkronor\s+för\s+(\d{4})\b", sentence):
                    years[int(m.group(1))] += 1
                rc.agreement(sentence, agreement)
                section_name = heading or "Regeringens beslut"
                for st in rc.stated_totals(sentence, has_collaboration):
                    if not any(
                        x["amount"] == st.amount and tuple(x["groups"]) == st.groups for x in stated
                    ):
                        stated.append(
                            {
                                "groups": list(st.groups),
                                "amount": st.amount,
                                "source": f"{section_name} ({place}): '{st.text}'",
                            }
                        )
                if case:
                    continue
                if total is None:
                    found = rc.decision_total(sentence)
                    if found is not None:
                        total = found.value
                        self.places["total"] = place
                if b != current_block:
                    current = None
                    current_block = b
                approp = rc.appropriation(sentence)
                if approp is not None:
                    self.apply_item(approp, lines, s, place, sentence)
                    if approp.budget_year:
                        years[approp.budget_year] += 3
                    current = None
                    continue
                found_deadlines = rc.deadlines(sentence)
                if found_deadlines:
                    for d in found_deadlines:
                        self.apply_deadline(d, lines, s, place, all_lines_facts)
                    current = None
                    continue
                line = rc.payment_line(sentence)
                if line is not None:
                    current = LineDraft(line, place, s, texts=[sentence])
                    for kind, (value, where) in all_lines_facts.items():
                        _set_deadline(current, kind, value, where)
                    lines.append(current)
                    continue
                if current is not None and rc.continues_line(sentence):
                    rc.continue_line(current.facts, sentence)
                    current.texts.append(sentence)
        budget_year = years.most_common(1)[0][0] if years else None
        return lines, {
            "agreement": agreement,
            "total": total,
            "budget_year": budget_year,
            "stated": stated,
        }

    def _targets(
        self,
        lines: list[LineDraft],
        section: int,
        lacking: Any,
        amount: int | None,
        groups: list[str],
        every: bool,
    ) -> list[LineDraft]:
        if every:
            return list(lines)
        if amount is not None:
            same = [ln for ln in lines if ln.facts.amount == amount and lacking(ln)]
            return same[:1]
        if groups:
            return [ln for ln in lines if ln.facts.group in groups and lacking(ln)]
        here = [ln for ln in lines if ln.section == section and lacking(ln)]
        if any(ln.section == section for ln in lines):
            return here
        return [ln for ln in lines if lacking(ln)]

    def apply_item(
        self,
        facts: rc.AppropriationFacts,
        lines: list[LineDraft],
        section: int,
        place: str,
        sentence: str,
    ) -> None:
        targets = self._targets(
            lines, section, lambda ln: ln.item is None, facts.amount, facts.groups, facts.all_lines
        )
        if not targets:
            self.notes.append(f"anslagsposten ({place}) gäller ingen beslutsrad som saknar en")
            return
        items = facts.items
        if len(items) == 1:
            for ln in targets:
                ln.item, ln.item_place = items[0], place
            return
        by_amount = {it.amount: it for it in items if it.amount is not None}
        if by_amount:
            for ln in targets:
                if ln.facts.amount in by_amount:
                    ln.item, ln.item_place = by_amount[ln.facts.amount], place
            return
        if re.search(r"\bi\s+nämnd\s+ordning\b|\brespektive\b", sentence) and len(targets) == len(
            items
        ):
            for ln, it in zip(targets, items, strict=True):
                ln.item, ln.item_place = it, place
            return
        for ln in targets:
            ln.item_missing = (
                f"meningen på {place} räknar upp {len(items)} anslagsposter "
                f"({', '.join(str(it.item) for it in items)}) utan att säga vilken rad som "
                "belastar vilken"
            )

    def apply_deadline(
        self,
        d: rc.DeadlineFacts,
        lines: list[LineDraft],
        section: int,
        place: str,
        all_lines_facts: dict[str, tuple[Any, str]],
    ) -> None:
        attr = "repayment" if d.kind == "repayment" else "report"
        targets = self._targets(
            lines, section, lambda ln: getattr(ln, attr) is None, None, d.groups, d.all_lines
        )
        for ln in targets:
            value = d.date if not d.same_time else ln.repayment
            if value is not None and getattr(ln, attr) is None:
                _set_deadline(ln, attr, value, place)
        if d.all_lines and d.date is not None:
            all_lines_facts[attr] = (d.date, place)

    # --- output -----------------------------------------------------------------------------

    def lines_out(
        self, lines: list[LineDraft]
    ) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, list[int]], dict[str, list[str]]]:
        items: dict[str, dict[str, Any]] = {}
        item_ids: dict[rc.ItemFacts, str] = {}
        numbers = Counter(ln.item.item for ln in lines if ln.item)
        appropriations = {
            (ln.item.item, ln.item.appropriation) for ln in lines if ln.item is not None
        }
        for ln in lines:
            if ln.item is None or ln.item in item_ids:
                continue
            it = ln.item
            clash = sum(1 for n, _ in appropriations if n == it.item) > 1 or numbers[it.item] < 0
            key = (
                f"ap{it.item}"
                if not clash
                else f"ap{(it.appropriation or '').replace(':', '-')}-{it.item}"
            )
            item_ids[it] = key
            items[key] = {
                "expenditure_area": it.expenditure_area,
                "expenditure_area_name": it.expenditure_area_name,
                "appropriation": it.appropriation,
                "appropriation_name": it.appropriation_name,
                "item": it.item,
                "item_name": it.item_name,
            }
            for k, v in items[key].items():
                if v is None:
                    self.missing.append(
                        (f"appropriation_items.{key}.{k}", f"{k} är inte tryckt ({ln.item_place})")
                    )
        groups = Counter(ln.facts.group for ln in lines)
        counters: Counter[str] = Counter()
        out: list[dict[str, Any]] = []
        annex_refs: dict[str, list[int]] = {}
        texts: dict[str, list[str]] = {}
        for i, ln in enumerate(lines):
            f = ln.facts
            base = f.group or "line"
            counters[base] += 1
            line_id = base if groups[f.group] == 1 else f"{base}-{counters[base]}"
            where = f"beslutsrad {line_id} ({ln.place})"
            d: dict[str, Any] = {"id": line_id, "amount": f.amount, "recipient_group": f.group}
            if f.group == "skr":
                d["recipient"] = "SKR"
            d["purpose"] = f.purpose
            d["appropriation_item"] = item_ids.get(ln.item) if ln.item else None
            d["mode"] = f.mode
            if f.window is not None:
                d["payment_window_start"], d["payment_window_end"] = f.window[0], f.window[1]
            if f.requisition_deadline is not None or f.mode == "with_requisition":
                d["requisition_deadline"] = f.requisition_deadline
            d["repayment_deadline"] = ln.repayment
            d["report_deadline"] = ln.report
            self.places[f"lines[{i}]"] = ln.place
            for key, label in (
                ("recipient_group", "mottagargrupp"),
                ("purpose", "ändamål"),
                ("appropriation_item", "anslagspost"),
                ("mode", "utbetalningssätt (med eller utan rekvisition)"),
                ("requisition_deadline", "sista dag för rekvisition"),
                ("repayment_deadline", "sista dag för återbetalning"),
                ("report_deadline", "sista dag för ekonomisk redovisning"),
            ):
                if key in d and d[key] is None:
                    reason = (
                        ln.item_missing
                        if key == "appropriation_item" and ln.item_missing
                        else ("står inte i texten")
                    )
                    self.missing.append((f"lines[{i}].{key}", f"{where}: {label} {reason}"))
            if f.window is not None and None in f.window[:2]:
                self.missing.append(
                    (
                        f"lines[{i}].payment_window_start",
                        f"{where}: perioden '{f.window[2]}' kan inte läsas som två datum",
                    )
                )
            out.append(d)
            annex_refs[line_id] = f.annexes
            texts[line_id] = ln.texts
        if not lines:
            self.missing.append(
                ("lines", "ingen beslutsrad ('N kronor ska betalas ut …') hittades")
            )
        return items, out, annex_refs, texts

    def annexes(
        self,
        annex_lines: list[Line],
        lines: list[dict[str, Any]],
        line_annexes: dict[str, list[int]],
        line_texts: dict[str, list[str]],
    ) -> tuple[list[dict[str, Any]], dict[int, list[dict[str, Any]]]]:
        if not annex_lines:
            return [], {}
        blocks = self.layout.blocks(annex_lines)
        out: list[dict[str, Any]] = []
        texts: dict[int, list[dict[str, Any]]] = {}
        for part in split_annexes(blocks):
            if not part.has_content:
                self.notes.append(
                    f"bilaga {part.number} ({part.place}) har ingen tabell; den läses inte"
                )
                continue
            result: AnnexResult = annex_data(part, lines, line_annexes, line_texts)
            out.append(result.data)
            self.missing.extend(result.missing)
            self.notes.extend(result.notes)
            texts[result.data["number"]] = result.text
        return out, texts

    def signatories(self, lines: list[Line]) -> list[str]:
        names: list[str] = []
        for line in lines:
            for group in chunks(line):
                name = " ".join(group).strip()
                if name and not COPIES.match(name):
                    names.append(name)
        if not names:
            self.missing.append(("signatories", "inga underskrifter efter 'På regeringens vägnar'"))
        return names

    def copy_entry(self, line: Line) -> str:
        return COPIES.sub("", line.text.strip()).strip()

    def text_blocks(self, body: list[Block]) -> list[dict[str, Any]]:
        """The printed body (decisions/README.md, "Printed text"), title and head left out."""
        out: list[dict[str, Any]] = []
        for block in body:
            if block.kind == "table" and block.table is not None:
                read = read_table(block.table)
                rows = [[r.label, *(c or "" for c in r.cells)] for r in read.rows]
                if read.total is not None:
                    rows.append([read.total.label, *(c or "" for c in read.total.cells)])
                out.append({"table": {"header": [read.label_title, *read.titles], "rows": rows}})
            elif block.kind == "entries":
                for entry in block.entries:
                    out.extend(entry.text_blocks())
            else:
                out.append(prose_block(block))
        return out

    def document_id(self, data: dict[str, Any]) -> str:
        """A stable id from what is printed: the diarienummer, else the year and the title."""
        if data.get("diarienummer"):
            return (
                f"{data['date'].year if data.get('date') else data.get('budget_year')}-"
                + re.sub(r"[^A-Za-z0-9]+", "-", data["diarienummer"]).strip("-")
                + "-payment-decision"
            )
        words = re.findall(r"[a-zåäö0-9]+", (data.get("title") or "beslut").lower())[:6]
        plain = "-".join(words).translate(str.maketrans("åäö", "aao"))
        return f"{data.get('budget_year') or 'utkast'}-{plain}"


def _set_deadline(line: LineDraft, attr: str, value: Any, place: str) -> None:
    if getattr(line, attr) is None:
        setattr(line, attr, value)
        setattr(line, f"{attr}_place", place)


def read_decision(source: Source) -> Draft:
    return DecisionReader(source).read()
