"""Small recognisers for the sentence patterns of Swedish payment decisions.

Each takes one sentence (or a short header line) and returns what it states, or None. They know
nothing of the document around them: :mod:`.decision` decides which line a condition belongs
to. Patterns of the genre, for example:

- a line: "N kronor ska betalas ut engångsvis efter rekvisition av X senast den …",
  "N kronor utbetalas engångsvis utan rekvisition till X under perioden …",
  "X får … rekvirera N från Kammarkollegiet för …";
- an appropriation item: "Medlen utbetalas från det under utgiftsområde 9 … uppförda anslaget
  1:6 …, anslagsposten 40 …", "Utgifterna ska redovisas mot det inom utgiftsområde …";
- repayment and report: "… ska återbetalas … senast den …", "En ekonomisk redovisning ska
  lämnas … senast den …/vid samma tidpunkt";
- totals: "utbetala totalt N kronor", "Av dessa betalas N kronor ut till SKR, N kronor till
  regionerna och …".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from bidrag.agreements.reading.numbers import (
    DATE,
    Amount,
    find_amounts,
    find_dates,
    find_period,
    parse_date,
)

# --- sentences -------------------------------------------------------------------------------

_ABBREVIATIONS = ("bl.a.", "t.ex.", "m.m.", "dnr.", "kap.", "nr.", "jfr.", "t.o.m.", "s.k.", "ca.")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9•])")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences with their offsets; abbreviations ("bl.a.", "t.ex.") do not end one."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _SPLIT.finditer(text):
        before = text[start : m.start()]
        if before.lower().endswith(_ABBREVIATIONS):
            continue
        out.append((start, before))
        start = m.end()
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


# --- recipient groups ------------------------------------------------------------------------

_SKR = r"(?:Sveriges\s+Kommuner\s+och\s+Regioner(?:\s+\(SKR\))?|SKR)"
GROUPS: tuple[tuple[str, str], ...] = (
    (
        "regions_for_onward_payment_to_skr",
        rf"regionerna\s+för\s+vidare\s*utbetalning\s+till\s+{_SKR}",
    ),
    ("regions_via_skr", rf"regionerna\s+via\s+{_SKR}"),
    ("regions_and_skr", rf"regionerna\s+och\s+{_SKR}"),
    (
        "municipalities_via_rss",
        r"kommunerna(?:\s+(?:via|genom)\s+(?:de\s+)?(?:regionala\s+samverkans-?\s*och\s+"
        r"stödstruktur(?:er|erna)|RSS)(?:\s*\(RSS\))?|\s+länsvis)?\b",
    ),
    ("collaboration_regions", r"(?:de\s+sex\s+)?samverkansregionerna\b(?!s)"),
    ("regions", r"\bregionerna\b(?!s)"),
    ("skr", rf"\b{_SKR}"),
)


@dataclass(frozen=True)
class GroupMention:
    group: str
    start: int
    end: int
    text: str


def group_mentions(text: str) -> list[GroupMention]:
    """Every recipient group the text names, left to right; the longest at each place."""
    found: list[GroupMention] = []
    for group, pattern in GROUPS:
        for m in re.finditer(pattern, text, re.IGNORECASE if group != "skr" else 0):
            found.append(GroupMention(group, m.start(), m.end(), m.group()))
    found.sort(key=lambda g: (g.start, -(g.end - g.start)))
    out: list[GroupMention] = []
    for g in found:
        if out and g.start < out[-1].end:
            continue
        out.append(g)
    return out


# --- lines -----------------------------------------------------------------------------------

PAY_VERB = re.compile(
    r"\b(?:ska\s+)?(?:ut)?betalas(?:\s+ut)?\b|\butbetala\b|\bbetala\s+ut\b|\brekvirera\b|"
    r"\btilldelas\b|\bbeviljas\b",
    re.IGNORECASE,
)
_NOT_A_LINE = re.compile(
    r"^\s*av\s+(?:dessa|detta|beloppet)\b|\bavsätts\b|\bomfattar\b|\btotalt\b|\butgiftsområde\b|"
    r"\banslagspost|\båterbetala|\bredovisning\b|\bredovisas\b",
    re.IGNORECASE,
)
_WITHOUT = re.compile(r"\butan\s+rekvisition\b", re.IGNORECASE)
_WITH = re.compile(r"\befter\s+rekvisition\b|\brekvirera\b|\brekvisition\b", re.IGNORECASE)
_PURPOSE_LABEL = re.compile(r"\bÄndamål:\s*(?P<purpose>.+)$", re.IGNORECASE)
_PURPOSE = re.compile(r"\sför\s+(?!budgetåret|samtliga|hanteringen|\d)(?P<purpose>[^\s].+)$")
_ANNEX_REF = re.compile(r"\bbilaga\s+(\d+)\b", re.IGNORECASE)
_REQUISITION_BY = re.compile(
    r"(?:rekvisition|rekvireras|rekvirera)[^.]*?\bsenast\s+(?:den\s+)?", re.IGNORECASE
)


@dataclass
class LineFacts:
    amount: int
    amount_text: str
    group: str | None = None
    group_text: str = ""
    mode: str | None = None
    window: tuple[dt.date | None, dt.date | None, str] | None = None
    requisition_deadline: dt.date | None = None
    requisition_text: str = ""
    purpose: str | None = None
    annexes: list[int] = field(default_factory=list)


def payment_line(sentence: str) -> LineFacts | None:
    """A decision line: an amount that is to be paid out (or requisitioned)."""
    if _NOT_A_LINE.search(sentence) or not PAY_VERB.search(sentence):
        return None
    amounts = find_amounts(sentence)
    if not amounts:
        return None
    first: Amount = amounts[0]
    facts = LineFacts(first.value, first.text)
    subject = sentence[: first.start]
    rest = sentence[first.end :]
    mentions = group_mentions(rest)
    before = group_mentions(subject)
    if mentions:
        facts.group, facts.group_text = mentions[0].group, mentions[0].text
    elif before:  # "SKR får … rekvirera N kronor"
        facts.group, facts.group_text = before[0].group, before[0].text
    continue_line(facts, sentence, after=first.end)
    return facts


def continue_line(facts: LineFacts, sentence: str, after: int = 0) -> None:
    """What a sentence after a line's own adds to it: mode, window, deadline, purpose, annex."""
    if facts.mode is None:
        if _WITHOUT.search(sentence):
            facts.mode = "without_requisition"
        elif _WITH.search(sentence):
            facts.mode = "with_requisition"
    if facts.window is None and re.search(r"\bperioden\b|\bunder\s+tiden\b|\bmellan\b", sentence):
        period = find_period(sentence)
        if period is not None:
            facts.window = period
    if facts.requisition_deadline is None:
        m = _REQUISITION_BY.search(sentence)
        if m is not None:
            date = DATE.match(sentence, m.end())
            if date is not None:
                facts.requisition_deadline = parse_date(date.group())
                facts.requisition_text = sentence[m.start() : date.end()]
    if facts.purpose is None:
        labelled = _PURPOSE_LABEL.search(sentence)
        if labelled:
            facts.purpose = labelled["purpose"].strip()
        else:
            m = _PURPOSE.search(sentence, after)
            if m is not None:
                facts.purpose = _as_purpose(m["purpose"])
    for m in _ANNEX_REF.finditer(sentence):
        number = int(m.group(1))
        if number not in facts.annexes:
            facts.annexes.append(number)


def _as_purpose(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def continues_line(sentence: str) -> bool:
    """A sentence that says more about the line before it and states no condition of its own
    ("Medlen utbetalas engångsvis efter rekvisition", "Rekvisition ska lämnas senast …")."""
    return not re.search(
        r"utgiftsområde|anslagspost|återbetala|redovisning|redovisas|^\s*av\s+dessa|avsätts",
        sentence,
        re.IGNORECASE,
    )


# --- appropriation items ---------------------------------------------------------------------

_CHARGE = re.compile(
    r"\b(?:utbetalas|betalas\s+ut|betalas)\s+från\b|\bredovisas\s+mot\b|\bbelasta[rs]?\b|"
    r"\bavräknas\b|\bbelastar\b",
    re.IGNORECASE,
)
_AREA = re.compile(
    r"\butgiftsområde\s+(?P<number>\d{1,2})\s+(?P<name>.+?)"
    r"(?=\s+för\s+budgetåret|\s+uppförd|,?\s+anslag|\s+under\b|\s+inom\b|[.;]|$)",
)
_APPROPRIATION = re.compile(
    r"\banslag(?:et)?\s+(?P<code>\d{1,2}:\d{1,2})\s+(?P<name>.+?)"
    r"(?=,?\s+(?:anslagspost|ap\.)|,?\s+inom\s+utgiftsområde|,?\s+under\s+utgiftsområde|"
    r"\.\s|\.$|$)",
)
_ITEMS = re.compile(r"\b(?:anslagsposte(?:n|rna)|anslagspost|ap\.)\s+(?P<list>.+)$")
_ITEM = re.compile(
    r"(?P<number>\d{1,3})\s+(?P<name>[^\d(),;.][^(),;]*?)"
    r"(?:\s*\((?P<amount>[^)]*kronor[^)]*)\))?(?=,\s*\d|\s+och\s+\d|\s*\.?\s*$|,|\s+inom\b|\s+under\b)"
)
_BUDGET_YEAR = re.compile(r"\bbudgetåret\s+(\d{4})\b")


@dataclass(frozen=True)
class ItemFacts:
    expenditure_area: int | None
    expenditure_area_name: str | None
    appropriation: str | None
    appropriation_name: str | None
    item: int
    item_name: str
    amount: int | None = None  # "(3 000 000 kronor)" after the item, when the text splits


@dataclass
class AppropriationFacts:
    items: list[ItemFacts]
    budget_year: int | None
    amount: int | None  # "N kronor redovisas mot …": the statement is for that line only
    groups: list[str]  # "Medlen till regionerna …": for that group only
    all_lines: bool


def appropriation(sentence: str) -> AppropriationFacts | None:
    """Where lines are charged: expenditure area, appropriation and item(s)."""
    if not _CHARGE.search(sentence) or "utgiftsområde" not in sentence:
        return None
    area = _AREA.search(sentence)
    approp = _APPROPRIATION.search(sentence)
    items_m = _ITEMS.search(sentence)
    if items_m is None:
        return None
    items: list[ItemFacts] = []
    listed = re.split(
        r",?\s+(?:inom|under)\s+utgiftsområde\b|,?\s+för\s+budgetåret\b", items_m["list"]
    )[0]
    for m in _ITEM.finditer(listed.rstrip(" .")):
        amount = None
        if m["amount"]:
            found = find_amounts(m["amount"])
            amount = found[0].value if found else None
        items.append(
            ItemFacts(
                int(area["number"]) if area else None,
                _clean_name(area["name"]) if area else None,
                approp["code"] if approp else None,
                _clean_name(approp["name"]) if approp else None,
                int(m["number"]),
                _clean_name(m["name"]),
                amount,
            )
        )
    if not items:
        return None
    head = sentence[: sentence.find("utgiftsområde")]
    amounts = [a for a in find_amounts(head) if a.unit]
    groups = scope_groups(head)
    year = _BUDGET_YEAR.search(sentence)
    return AppropriationFacts(
        items,
        int(year.group(1)) if year else None,
        amounts[0].value if amounts else None,
        groups,
        bool(re.search(r"\bsamtliga\b", head, re.IGNORECASE)),
    )


def _clean_name(text: str) -> str:
    return text.strip().rstrip(",.;").strip()


# --- repayment and reports --------------------------------------------------------------------

_REPAY = re.compile(r"\båterbetala[s]?\b|\båterbetalning\b", re.IGNORECASE)
_REPORT = re.compile(
    r"\bekonomisk(?:a)?\s+redovisning(?:en)?\b|\bredovisning\s+av\s+(?:hur\s+)?(?:använda\s+)?"
    r"medel|\bredovisas\s+ekonomiskt\b|\bslutlig\s+ekonomisk\b",
    re.IGNORECASE,
)
_SAME_TIME = re.compile(
    r"\bvid\s+samma\s+tidpunkt\b|\bsamtidigt\s+som\b|\bsamma\s+dag\b", re.IGNORECASE
)
_BY = re.compile(r"\bsenast\s+(?:den\s+)?", re.IGNORECASE)


@dataclass
class DeadlineFacts:
    kind: str  # "repayment" or "report"
    date: dt.date | None
    same_time: bool  # "vid samma tidpunkt": the repayment's date
    groups: list[str]
    all_lines: bool
    text: str


def _deadline_after_by(sentence: str) -> dt.date | None:
    for m in _BY.finditer(sentence):
        date = DATE.match(sentence, m.end())
        if date is not None:
            return parse_date(date.group())
    return None


def deadlines(sentence: str) -> list[DeadlineFacts]:
    """Repayment and economic report deadlines a sentence states (both, when it says both)."""
    out: list[DeadlineFacts] = []
    if re.search(r"\bhänvisa\b", sentence):
        return out
    scope = _scope(sentence)
    if _REPAY.search(sentence):
        repay_part = _REPORT.split(sentence)[0]
        date = _deadline_after_by(repay_part) or _deadline_after_by(sentence)
        if date is not None:
            out.append(DeadlineFacts("repayment", date, False, *scope, sentence))
    if _REPORT.search(sentence):
        m = _REPORT.search(sentence)
        assert m is not None
        tail = sentence[m.start() :]
        date = _deadline_after_by(tail)
        same = bool(_SAME_TIME.search(sentence)) and date is None
        if date is None and not same and out:
            same = True  # "ska återbetalas och redovisas senast den …": one date for both
        if date is not None or same:
            out.append(DeadlineFacts("report", date, same, *scope, sentence))
    return out


def scope_groups(text: str) -> list[str]:
    """The groups a condition names ("Regionerna och SKR ska …" names both)."""
    out: list[str] = []
    for g in group_mentions(text):
        expanded = ["regions", "skr", g.group] if g.group == "regions_and_skr" else [g.group]
        out.extend(x for x in expanded if x not in out)
    return out


def _scope(sentence: str) -> tuple[list[str], bool]:
    head = re.split(r"\bsom\s+inte\b|\bska\b", sentence, maxsplit=1)[0]
    groups = scope_groups(head)
    every = bool(re.search(r"\bsamtliga\b|\balla\s+utbetalningar\b", sentence, re.IGNORECASE))
    return groups, every


# --- totals ----------------------------------------------------------------------------------

_TOTAL = re.compile(r"\btotalt\s+(?=\d)", re.IGNORECASE)
_PAY_TOTAL = re.compile(r"\butbetala\b|\bbetala\s+ut\b|\butbetalning\b", re.IGNORECASE)


def decision_total(sentence: str) -> Amount | None:
    """ "… uppdrar åt Kammarkollegiet att utbetala totalt 290 000 000 kronor …"."""
    m = _TOTAL.search(sentence)
    if m is None or not _PAY_TOTAL.search(sentence):
        return None
    amounts = [a for a in find_amounts(sentence) if a.start == m.end()]
    return amounts[0] if amounts else None


@dataclass(frozen=True)
class StatedFacts:
    amount: int
    groups: tuple[str, ...]
    text: str


def stated_totals(sentence: str, has_collaboration_lines: bool) -> list[StatedFacts]:
    """Totals a sentence states per recipient group ("Av dessa betalas N kronor ut till SKR,
    N kronor till regionerna och …", "avsätts också N kronor till SKR")."""
    if not re.search(r"^\s*av\s+dessa\b|\bavsätts\b", sentence, re.IGNORECASE):
        return []
    if re.search(r"\btotalt\b", sentence, re.IGNORECASE):
        return []
    amounts = find_amounts(sentence)
    mentions = group_mentions(sentence)
    names_collaboration = any(g.group == "collaboration_regions" for g in mentions)
    out: list[StatedFacts] = []
    for k, amount in enumerate(amounts):
        end = amounts[k + 1].start if k + 1 < len(amounts) else len(sentence)
        segment = sentence[amount.end : end]
        m = re.match(r"^\s*(?:kronor\s+)?(?:ut\s+)?(?:till|för)\s+", segment)
        if m is None:
            continue
        found = [g for g in group_mentions(segment) if g.start == m.end()]
        if not found:
            continue
        group = found[0].group
        groups: tuple[str, ...] = (group,)
        # "regionerna" alone also covers the samverkansregioner, which are regions acting
        # together, when the sentence does not name them apart.
        if group == "regions" and has_collaboration_lines and not names_collaboration:
            groups = ("regions", "collaboration_regions")
        out.append(StatedFacts(amount.value, groups, sentence.strip()))
    return out


# --- the agreement ---------------------------------------------------------------------------

_AGREEMENT_NAME = (
    re.compile(r"\böverenskommelsen\s+(?P<name>[A-ZÅÄÖ].+?)\s+mellan\s+(?:staten|regeringen)\b"),
    re.compile(r"\bsom\s+avser\s+(?P<name>[A-ZÅÄÖ].+?)\.?$"),
    re.compile(r"\böverenskommelse(?:n)?\s+om\s+(?P<name>[A-ZÅÄÖ].+?)(?=\s+mellan\b|,|\.?$)"),
)
_DNR = r"[A-ZÅÄÖ]{1,4}\d{4}/\d{3,6}(?:/[A-ZÅÄÖa-zåäö0-9]+)?"
_AGREEMENT_DNR = re.compile(rf"\((?:dnr\.?|diarienummer)?\s*(?P<dnr>{_DNR})\)", re.IGNORECASE)
_REFERENCE = re.compile(r"\bregeringsbeslut\s+(?P<ref>[IVX]+\s*:\s*\d+)")
DNR = re.compile(rf"(?<![\w/])(?P<dnr>{_DNR})(?![\w/])")


@dataclass
class AgreementFacts:
    name: str | None = None
    diarienummer: str | None = None
    decision_reference: str | None = None
    decision_date: dt.date | None = None


def agreement(sentence: str, facts: AgreementFacts) -> None:
    """Adds what the sentence says about the agreement the decision pays out under."""
    if not re.search(r"överenskommelse", sentence, re.IGNORECASE):
        return
    if facts.name is None:
        for pattern in _AGREEMENT_NAME:
            m = pattern.search(sentence)
            if m is not None:
                facts.name = m["name"].strip().rstrip(",")
                break
    if facts.diarienummer is None:
        m = _AGREEMENT_DNR.search(sentence)
        if m is not None:
            facts.diarienummer = m["dnr"]
    if facts.decision_reference is None:
        m = _REFERENCE.search(sentence)
        if m is not None:
            facts.decision_reference = "regeringsbeslut " + re.sub(r"\s+", "", m["ref"])
            dates = [d for d in find_dates(sentence[m.end() :]) if d.value]
            if dates and facts.decision_date is None:
                facts.decision_date = dates[0].value


# --- the heading of the decision ---------------------------------------------------------------

DEPARTMENT = re.compile(r"\b(?P<name>[A-ZÅÄÖ][a-zåäö]+departementet)\b")
POSTAL = re.compile(r"^(?:Box\s+\d+|\d{3}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]+)")
ADDRESSEE = re.compile(
    r"\b(?:uppdrar\s+åt|ger|uppdrar)\s+(?P<name>[A-ZÅÄÖ][\wåäöÅÄÖ-]+(?:\s+[A-ZÅÄÖ][\wåäö-]+)*)"
    r"\s+(?:att|i\s+uppdrag)\b"
)


def header_date(text: str) -> dt.date | None:
    """The decision's date in its heading: ``2023-02-02`` or ``Datum 2 februari 2023``."""
    stripped = re.sub(
        r"^(?:datum|beslutsdatum)?[:\s]*(?:den\s+)?", "", text.strip(), flags=re.IGNORECASE
    )
    m = DATE.match(stripped)
    if m is None or m.end() < len(stripped.rstrip(" .")) - 0:
        return None
    return parse_date(m.group())


def header_diarienummer(text: str) -> str | None:
    stripped = re.sub(r"^(?:diarienummer|dnr)[:\s.]*", "", text.strip(), flags=re.IGNORECASE)
    m = DNR.fullmatch(stripped.strip())
    return m["dnr"] if m else None
