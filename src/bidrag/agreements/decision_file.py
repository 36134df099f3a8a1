"""Decision files (``decisions/*.yaml``): bytes → typed values, no business rules.

The schema is documented in ``decisions/README.md``. Every refusal names the file, the line and
the field (``decisions/x.yaml:42: lines[1].appropriation_item: ...``); line numbers come from
PyYAML's node marks. Dates stay text until pydantic reads them, so a bad date ("2021-02-30")
is refused with its place like any other field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from bidrag.agreements.groups import RecipientGroupCode
from bidrag.agreements.texts import pydantic_message
from bidrag.core.allocation import Rounding
from bidrag.core.errors import DomainError
from bidrag.core.identifiers import parse_bankgiro, parse_orgnr, parse_plusgiro
from bidrag.core.limits import (
    MAX_DECISION_FILE_BYTES,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    LimitError,
    check_digits,
    format_size,
    read_file_limited,
)
from bidrag.core.money import check_amount, parse_kronor
from bidrag.messages import render_error


class DecisionFileError(Exception):
    """A decision file cannot be read; ``problems`` are (line, field, reason)."""

    def __init__(self, path: str, problems: list[tuple[int | None, str, str]]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        out = []
        for line, field, reason in self.problems:
            where = f"{self.path}:{line}" if line else self.path
            out.append(f"{where}: {field}: {reason}" if field else f"{where}: {reason}")
        return out


# --- value types -----------------------------------------------------------------------------


def _amount(value: object, *, allow_negative: bool) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("ett belopp anges i hela kronor: ett heltal eller text som '215 000 000'")
    try:
        return check_amount(parse_kronor(value), "amount", allow_negative=allow_negative)
    except DomainError as e:
        raise ValueError(render_error(e)) from e


def _kronor(value: object) -> int:
    """A decided or printed amount: whole kronor, never negative, at most ``MAX_KRONOR``."""
    return _amount(value, allow_negative=False)


def _signed_kronor(value: object) -> int:
    """A difference (a hand adjustment): whole kronor, ± at most ``MAX_KRONOR``."""
    return _amount(value, allow_negative=True)


def _fraction(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("en vikt är ett heltal eller ett bråk i text, t.ex. '1/2'")
    try:
        return Fraction(str(value))
    except (ValueError, ZeroDivisionError) as e:
        raise ValueError(f"'{value}' är inte ett heltal eller ett bråk") from e


Kronor = Annotated[int, BeforeValidator(_kronor)]
SignedKronor = Annotated[int, BeforeValidator(_signed_kronor)]
Weight = Annotated[Fraction, BeforeValidator(_fraction)]

RecipientGroupName = RecipientGroupCode  # the codes are defined once, in agreements.groups


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


# --- printed text (text: blocks, see decisions/README.md "Printed text") ----------------------


def _cell(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise ValueError("en cell är text som tryckt")
    return value


Printed = Annotated[str, StringConstraints(min_length=1)]
Cell = Annotated[str, BeforeValidator(_cell)]

BLOCK_KINDS = ("heading", "paragraph", "items", "table", "footnote", "signatures", "annex")


class TableIn(Strict):
    """A printed table: ``rows`` as printed, or (in an annex) ``columns`` of the annex's rows."""

    header: list[Cell] = Field(min_length=1)
    rows: list[list[Cell]] | None = None
    columns: list[str] | None = None

    @model_validator(mode="after")
    def _shape(self) -> TableIn:
        if (self.rows is None) == (self.columns is None):
            raise ValueError(
                "en tabell har antingen 'rows' (cellerna som tryckta) eller 'columns' "
                "(bilagans tabell), inte båda och inte ingen"
            )
        width = len(self.header)
        if self.columns is not None and len(self.columns) != width:
            raise ValueError(f"'columns' ska ha lika många nycklar som 'header' ({width})")
        for i, row in enumerate(self.rows or []):
            if len(row) != width:
                raise ValueError(f"rad {i + 1} har {len(row)} celler, 'header' har {width}")
        return self


class AnnexTextIn(Strict):
    """An annex printed as text (a form, prose), not as an allocation table."""

    number: int
    text: list[BlockIn] = Field(min_length=1)

    @field_validator("text")
    @classmethod
    def _plain(cls, blocks: list[BlockIn]) -> list[BlockIn]:
        for i, block in enumerate(blocks):
            if block.annex is not None:
                raise ValueError(f"text[{i}]: en bilaga kan inte innehålla en bilaga")
            if block.table is not None and block.table.columns is not None:
                raise ValueError(
                    f"text[{i}]: en tabell med 'columns' hör till en bilaga i 'annexes'"
                )
        return blocks


class BlockIn(Strict):
    """One printed block; exactly one of its keys is given."""

    heading: Printed | None = None
    paragraph: Printed | None = None
    items: list[Printed] | None = Field(default=None, min_length=1)
    table: TableIn | None = None
    footnote: Printed | None = None
    signatures: list[list[Cell]] | None = Field(default=None, min_length=1)
    annex: AnnexTextIn | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_key(cls, data: Any) -> Any:
        if isinstance(data, dict) and len(data) != 1:
            raise ValueError(_ONE_KEY)
        return data

    @model_validator(mode="after")
    def _one_value(self) -> BlockIn:
        if sum(getattr(self, kind) is not None for kind in BLOCK_KINDS) != 1:
            raise ValueError(_ONE_KEY)
        return self

    @property
    def kind(self) -> str:
        return next(kind for kind in BLOCK_KINDS if getattr(self, kind) is not None)


_ONE_KEY = "ett textblock har exakt en nyckel: " + ", ".join(BLOCK_KINDS)
AnnexTextIn.model_rebuild()


def _document_text(blocks: list[BlockIn]) -> list[BlockIn]:
    """A document's text: no annex table outside an annex; annexes printed as text come last."""
    seen_annex = False
    numbers: set[int] = set()
    for i, block in enumerate(blocks):
        if block.table is not None and block.table.columns is not None:
            raise ValueError(f"text[{i}]: en tabell med 'columns' hör till en bilagas text")
        if block.annex is not None:
            if block.annex.number in numbers:
                raise ValueError(f"text[{i}]: bilaga {block.annex.number} står två gånger")
            numbers.add(block.annex.number)
            seen_annex = True
        elif seen_annex:
            raise ValueError(f"text[{i}]: efter en bilaga (annex) kommer bara fler bilagor")
    return blocks


class AppropriationRef(Strict):
    expenditure_area: int
    expenditure_area_name: str
    appropriation: str
    appropriation_name: str
    item: int
    item_name: str


class StatedTotal(Strict):
    groups: list[RecipientGroupName] = Field(min_length=1)
    amount: Kronor
    source: str


class AdjustmentIn(Strict):
    """A hand adjustment of one row (recipient as printed or canonical, ± kronor, reason)."""

    recipient: str
    kronor: SignedKronor
    reason: str = ""


# The figures an acknowledgement may pin that are amounts (which ones a code needs: checks).
PINNED_AMOUNTS = (
    "lines",
    "total",
    "areas",
    "co_financing",
    "sum",
    "stated",
    "items",
    "amount",
    "rows",
    "line",
    "printed",
    "reading",
)


class Acknowledgement(Strict):
    """An acknowledged discrepancy: ``code`` at ``at``, pinned to the finding's figures."""

    code: str
    at: str
    explanation: str = Field(min_length=10)
    adjustments: list[AdjustmentIn] | None = None  # model-deviation, prose-model-deviation
    name: str | None = None  # name-as-printed: the name as printed …
    canonical: str | None = None  # … and the register's name it is read as
    first_date: dt.date | None = None  # deadline-order
    second_date: dt.date | None = None
    lines: Kronor | None = None
    total: Kronor | None = None
    areas: Kronor | None = None
    co_financing: Kronor | None = None
    sum: Kronor | None = None
    stated: Kronor | None = None
    items: Kronor | None = None
    amount: Kronor | None = None
    rows: Kronor | None = None
    line: Kronor | None = None
    printed: Kronor | None = None
    reading: Kronor | None = None


class KeyIn(Strict):
    reference: str  # a reference_data name, or "equal" for equal parts
    weight: Weight = Fraction(1)


class AllocationModelIn(Strict):
    description: str = ""
    keys: list[KeyIn] = Field(min_length=1)
    base_amount: Kronor = 0
    rounding: Rounding


class ReferenceData(Strict):
    description: str
    series: str | None = None  # a core.refdata series, when the values are not inline
    source: str = ""


class AnnexColumnIn(Strict):
    id: str
    title: str = ""
    line: str | None = None
    model: AllocationModelIn | None = None
    model_unknown: str | None = None
    prose_model: AllocationModelIn | None = None
    sum_of: list[str] = []


class PayeeIn(Strict):
    name: str
    org_number: str | None = None
    bankgiro: str | None = None
    plusgiro: str | None = None
    bank: str | None = None
    payment_reference: str | None = None

    @field_validator("org_number")
    @classmethod
    def _orgnr(cls, v: str | None) -> str | None:
        return None if v is None else _identifier(parse_orgnr, v)

    @field_validator("bankgiro")
    @classmethod
    def _bankgiro(cls, v: str | None) -> str | None:
        return None if v is None else _identifier(parse_bankgiro, v)

    @field_validator("plusgiro")
    @classmethod
    def _plusgiro(cls, v: str | None) -> str | None:
        return None if v is None else _identifier(parse_plusgiro, v)


def _identifier(parse: Any, text: str) -> str:
    try:
        return str(parse(text, "value"))
    except DomainError as e:
        raise ValueError(f"'{text}': {render_error(e)}") from e


class AnnexRowIn(Strict):
    name: str
    recipient: str | None = None  # the canonical name, when the printed one is not
    amount: Kronor | None = None
    amounts: dict[str, Kronor] = {}
    reference: dict[str, int] = {}
    printed: dict[str, str] = {}
    payee: PayeeIn | None = None


class TotalCell(Strict):
    column: str
    kind: Literal["amount", "reference", "printed"]
    value: str


class TotalRowIn(Strict):
    printed: str
    label: str
    cells: list[TotalCell]


class AnnexIn(Strict):
    number: int
    title: str
    recipients: Literal["regions", "counties", "collaboration_regions"]
    key_description: str = ""
    reference_data: dict[str, ReferenceData] = {}
    columns: list[AnnexColumnIn] = Field(min_length=1)
    rows: list[AnnexRowIn] = Field(min_length=1)
    total_row: TotalRowIn | None = None
    total_text: str | None = None
    text: list[BlockIn] = []

    @model_validator(mode="after")
    def _annex_text(self) -> AnnexIn:
        known = {"name", *(c.id for c in self.columns), *self.reference_data}
        for row in self.rows:
            known.update(row.reference, row.printed)
        tables = 0
        for i, block in enumerate(self.text):
            if block.annex is not None:
                raise ValueError(f"text[{i}]: en bilaga kan inte innehålla en bilaga")
            columns = block.table.columns if block.table is not None else None
            if columns is None:
                continue
            tables += 1
            if tables > 1:
                raise ValueError(f"text[{i}]: bilagans tabell ('columns') står redan i texten")
            unknown = [c for c in columns if c not in known]
            if unknown:
                raise ValueError(
                    f"text[{i}].table.columns: okänd kolumn '{unknown[0]}'; "
                    f"kända: {', '.join(sorted(known))}"
                )
        return self


class LineIn(Strict):
    id: str
    amount: Kronor
    recipient_group: RecipientGroupName
    recipient: str | None = None
    purpose: str
    area: str | None = None
    appropriation_item: str | None = None
    mode: Literal["without_requisition", "with_requisition"]
    payment_window_start: dt.date | None = None
    payment_window_end: dt.date | None = None
    requisition_deadline: dt.date | None = None
    repayment_deadline: dt.date | None = None
    report_deadline: dt.date | None = None
    deadline_rule_1930_173: bool = True
    conditions: list[str] = []


class AgreementRef(Strict):
    id: str | None = None
    diarienummer: str | None = None
    name: str
    decision_date: dt.date | None = None
    decision_reference: str | None = None


class DateStandIn(Strict):
    """The date the ledger uses for a decision that prints none, and why that date."""

    date: dt.date
    reason: str = Field(min_length=10)


class PaymentDecisionIn(Strict):
    kind: Literal["payment_decision"]
    id: str
    diarienummer: str | None
    date: dt.date | None
    date_stand_in: DateStandIn | None = None
    missing: list[str] = []
    department: str = ""
    addressee: str = ""
    title: str
    agreement: AgreementRef
    budget_year: int
    total: Kronor
    stated_totals: list[StatedTotal] = []
    appropriation_items: dict[str, AppropriationRef]
    lines: list[LineIn] = Field(min_length=1)
    annexes: list[AnnexIn] = []
    signatories: list[str] = []
    copy_to: list[str] = []
    text: list[BlockIn] = []
    acknowledged: list[Acknowledgement] = []

    text_order = field_validator("text")(_document_text)

    @model_validator(mode="after")
    def _one_business_date(self) -> PaymentDecisionIn:
        # The ledger dates a decision by the day it was taken, never the day it was loaded.
        if self.date is None and self.date_stand_in is None:
            raise ValueError(
                "beslutet har inget tryckt datum: ange 'date_stand_in' (date, reason) med det "
                "datum som bokföringen ska använda och varför"
            )
        if self.date is not None and self.date_stand_in is not None:
            raise ValueError("'date_stand_in' anges bara när beslutet saknar tryckt datum")
        return self


class SignatureIn(Strict):
    party: str
    place: str = ""
    date: dt.date | None = None
    date_printed: str = ""
    signatory: str = ""
    title: str = ""


class AreaIn(Strict):
    id: str
    section: str = ""
    name: str
    amount: Kronor
    recipient_group: RecipientGroupName | None = None
    co_financing: bool = False
    appropriation_item: str | None = None
    conditions: list[str] = []
    reports: list[str] = []
    items: list[AreaIn] = []


class GovernmentDecision(Strict):
    date: dt.date | None = None
    reference: str | None = None
    source: str = ""


class AgreementIn(Strict):
    kind: Literal["agreement"]
    id: str
    diarienummer: str | None
    diarienummer_source: str = ""
    year: int
    name: str
    parties: list[str] = Field(min_length=2)
    signatures: list[SignatureIn] = []
    government_decision: GovernmentDecision | None = None
    total: Kronor
    co_financing: Kronor = 0
    total_including_co_financing: Kronor | None = None
    stated_totals: list[StatedTotal] = []
    appropriation_items: dict[str, AppropriationRef] = {}
    areas: list[AreaIn] = Field(min_length=1)
    annexes: list[AnnexIn] = []
    missing: list[str] = []
    text: list[BlockIn] = []
    acknowledged: list[Acknowledgement] = []

    text_order = field_validator("text")(_document_text)


Document = PaymentDecisionIn | AgreementIn

# every field name of the schema, for "okänt fält (menade du …?)"
_FIELD_NAMES = sorted({name for model in Strict.__subclasses__() for name in model.model_fields})


# --- reading --------------------------------------------------------------------------------


class YamlLimitError(yaml.MarkedYAMLError):
    """The document is over a limit of :mod:`bidrag.core.limits` (depth, expanded size, digits)."""


def _refuse(problem: str, mark: Any) -> NoReturn:
    raise YamlLimitError(problem=problem, problem_mark=mark)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as text (pydantic reads them, with the place) and
    bounds the document before anything is built from it: nesting depth, the number of nodes
    with every alias expanded (a "billion laughs" of 342 bytes expands to 10^9), aliases
    inside their own anchor, and the digits of an integer."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0  # nodes composed so far, aliases counted as what they expand to
        self._anchor_nodes: dict[str, int] = {}

    def _count(self, n: int, mark: Any) -> None:
        self._nodes += n
        if self._nodes > MAX_YAML_NODES:
            _refuse(
                f"dokumentet blir större än {MAX_YAML_NODES:,} noder när alias (*namn) räknas "
                "ut; skriv ut värdena i stället".replace(",", " "),
                mark,
            )

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            expanded = self._anchor_nodes.get(event.anchor or "")
            if expanded is None and event.anchor in self.anchors:
                _refuse(
                    f"aliaset *{event.anchor} står inuti sitt eget ankare &{event.anchor} "
                    "(en oändlig struktur)",
                    event.start_mark,
                )
            self._count(expanded or 0, event.start_mark)
            return super().compose_node(parent, index)
        if self._depth >= MAX_YAML_DEPTH:
            _refuse(f"nästlad djupare än {MAX_YAML_DEPTH} nivåer", event.start_mark)
        self._depth += 1
        before = self._nodes
        self._count(1, event.start_mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self._anchor_nodes[anchor] = self._nodes - before
        return node

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A value that its tag cannot hold (``!!int abc``, ``!!timestamp 2021-02-30``) is
        refused at its line, not left to raise from deep inside PyYAML."""
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, AttributeError, OverflowError) as e:
            tag = str(node.tag).rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"värdet kan inte läsas som {tag} ({e})", node.start_mark
            ) from e

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            check_digits(str(node.value), "")
        except LimitError as e:
            _refuse(f"ett tal med {e.size} siffror; högst {e.limit} läses", node.start_mark)
        return super().construct_yaml_int(node)


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class ParsedFile:
    """A read decision file: the typed document, its raw data and where each field stands."""

    path: str
    sha256: str
    text: str
    data: Any
    document: Document
    root: yaml.Node

    def line_of(self, loc: tuple[int | str, ...]) -> int | None:
        return line_of(self.root, loc)


def line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the deepest node on ``loc`` that exists."""
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == part:
                    node = value
                    line = key.start_mark.line + 1
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _duplicate_keys(node: yaml.Node, problems: list[tuple[int | None, str, str]]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            if key.value in seen:
                problems.append(
                    (
                        key.start_mark.line + 1,
                        str(key.value),
                        "nyckeln står två gånger på samma nivå",
                    )
                )
            seen.add(key.value)
            _duplicate_keys(value, problems)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _duplicate_keys(item, problems)


def _too_large(size: int | None) -> str:
    said = "är större än så" if size is None else f"är {format_size(size)}"
    return f"filen {said}; en beslutsfil får vara högst {format_size(MAX_DECISION_FILE_BYTES)}"


def parse_text(text: str, path: str) -> ParsedFile:
    """Read one decision file's text; raise :class:`DecisionFileError` with every problem."""
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_DECISION_FILE_BYTES:
        raise DecisionFileError(path, [(None, "", _too_large(len(encoded)))])
    digest = hashlib.sha256(encoded).hexdigest()
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as e:
        at = text[: e.position].count("\n") + 1
        char = f"otillåtet tecken U+{e.character:04X} (ett styrtecken); skriv filen som text"
        raise DecisionFileError(path, [(at, "", char)]) from e
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        problem = e.problem if isinstance(e, YamlLimitError) else f"ogiltig YAML: {e.problem}"
        place = (mark.line + 1 if mark else None, "", str(problem))
        raise DecisionFileError(path, [place]) from e
    if root is None or not isinstance(data, dict):
        raise DecisionFileError(
            path, [(1, "", "filen ska vara en mappning som börjar med 'kind: ...'")]
        )
    problems: list[tuple[int | None, str, str]] = []
    _duplicate_keys(root, problems)
    kind = data.get("kind")
    model: type[BaseModel]
    if kind == "payment_decision":
        model = PaymentDecisionIn
    elif kind == "agreement":
        model = AgreementIn
    else:
        line = line_of(root, ("kind",))
        got = "fältet saknas" if kind is None else f"inte {kind!r}"
        raise DecisionFileError(
            path, [(line, "kind", f"ska vara 'agreement' eller 'payment_decision' ({got})")]
        )
    try:
        document = model.model_validate(data)
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(err["loc"])
            problems.append(
                (line_of(root, loc), field_path(loc), pydantic_message(err, _FIELD_NAMES))
            )
    if problems:
        raise DecisionFileError(path, problems)
    return ParsedFile(path, digest, text, data, document, root)


def read_file(path: Path | str) -> ParsedFile:
    p = Path(path)
    try:
        raw = read_file_limited(p, MAX_DECISION_FILE_BYTES, "a decision file")
    except LimitError as e:
        raise DecisionFileError(str(path), [(None, "", _too_large(e.size))]) from e
    except OSError as e:
        raise DecisionFileError(str(path), [(None, "", f"kan inte läsas: {e.strerror}")]) from e
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DecisionFileError(str(path), [(line, "", "filen är inte i UTF-8")]) from e
    return parse_text(text, str(path))
