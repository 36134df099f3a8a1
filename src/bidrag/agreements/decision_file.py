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
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from bidrag.agreements.texts import core_reason, pydantic_message
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
from bidrag.core.money import parse_kronor


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


def _kronor(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("ett belopp anges i hela kronor: ett heltal eller text som '215 000 000'")
    try:
        return parse_kronor(value)
    except DomainError as e:
        raise ValueError(core_reason(e)) from e


def _fraction(value: object) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("en vikt är ett heltal eller ett bråk i text, t.ex. '1/2'")
    try:
        return Fraction(str(value))
    except (ValueError, ZeroDivisionError) as e:
        raise ValueError(f"'{value}' är inte ett heltal eller ett bråk") from e


Kronor = Annotated[int, BeforeValidator(_kronor)]
Weight = Annotated[Fraction, BeforeValidator(_fraction)]

RecipientGroupName = Literal[
    "regions",
    "municipalities_via_rss",
    "collaboration_regions",
    "skr",
    "regions_via_skr",
    "regions_for_onward_payment_to_skr",
    "regions_and_skr",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


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


class Acknowledgement(Strict):
    code: str
    at: str
    explanation: str = Field(min_length=10)


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
        raise ValueError(f"'{text}': {core_reason(e)}") from e


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


class PaymentDecisionIn(Strict):
    kind: Literal["payment_decision"]
    id: str
    diarienummer: str | None
    date: dt.date | None
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
    decision_text: str = ""
    case_text: str = ""
    acknowledged: list[Acknowledgement] = []


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
    acknowledged: list[Acknowledgement] = []


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
