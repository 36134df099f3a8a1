"""Every finding the checks can report, by code: its Swedish wording, whether it is fatal, and
what an acknowledgement of it must pin.

A :class:`Kind` is a code plus one wording. A *fatal* kind is a mistake in the file (always an
error); any other kind is a discrepancy in the printed document, which the file may acknowledge
(``acknowledged:``) by naming the code, the place and the finding's figures (``pins``): the
acknowledgement covers that finding only while those figures are as acknowledged.

The wordings are Swedish msgids in ``str.format`` syntax (specs in
:mod:`bidrag.messages.formatting` and below); the English is in the ``.po``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bidrag.agreements import groups
from bidrag.messages import Choice, Wording, register, render_data
from bidrag.messages.formatting import SPECS, joined, kr, rows, signed


@dataclass(frozen=True)
class Kind:
    """One kind of finding. ``variant`` tells wordings of one fatal code apart; an
    acknowledgeable kind has none, so that a stored finding's code alone finds its wording."""

    code: str
    wording: Wording
    fatal: bool = False
    pins: tuple[str, ...] = ()
    variant: str = ""

    @property
    def key(self) -> str:
        """The message catalogue's key: the code, or ``code.variant``."""
        return f"{self.code}.{self.variant}" if self.variant else self.code


KINDS: list[Kind] = []


def kind(
    code: str,
    wording: Wording,
    *,
    fatal: bool = False,
    pins: tuple[str, ...] = (),
    variant: str = "",
) -> Kind:
    k = Kind(code, wording, fatal, pins, variant)
    if k.variant and not k.fatal:
        raise ValueError(f"{code}: an acknowledgeable finding has one wording (a Choice)")
    KINDS.append(k)
    return k


def _document(params: Mapping[str, Any]) -> str:
    return "decision" if params.get("document") == "decision" else "agreement"


# --- the document's totals ---------------------------------------------------------------------

LINES_SUM = kind(
    "lines-sum",
    gettext_noop(
        "beslutsraderna summerar till {lines:kr}, men beslutets totalbelopp är {total:kr} "
        "(skillnad {difference:signed})"
    ),
    pins=("lines", "total"),
)
AREAS_SUM = kind(
    "areas-sum",
    gettext_noop(
        "områdena summerar till {areas:kr}, men överenskommelsens totalbelopp är {total:kr} "
        "(skillnad {difference:signed})"
    ),
    pins=("areas", "total"),
)
CO_FINANCING_SUM = kind(
    "co-financing-sum",
    gettext_noop(
        "medfinansieringens områden summerar till {areas:kr}, men angiven medfinansiering är "
        "{co_financing:kr}"
    ),
    pins=("areas", "co_financing"),
)
TOTAL_WITH_CO_FINANCING = kind(
    "total-with-co-financing",
    gettext_noop(
        "statens medel {total:kr} + medfinansiering {co_financing:kr} = {sum:kr}, men totalen "
        "inklusive medfinansiering anges till {stated:kr}"
    ),
    pins=("sum", "stated"),
)
AREA_ITEMS_SUM = kind(
    "area-items-sum",
    gettext_noop("delområdena summerar till {items:kr}, men områdets belopp är {amount:kr}"),
    pins=("items", "amount"),
)
STATED_TOTAL = kind(
    "stated-total",
    Choice(
        _document,
        {
            "decision": gettext_noop(
                "beslutsraderna till {groups:groups} summerar till {rows:kr}, men texten anger "
                "{stated:kr} ({source})"
            ),
            "agreement": gettext_noop(
                "områdena till {groups:groups} summerar till {rows:kr}, men texten anger "
                "{stated:kr} ({source})"
            ),
        },
    ),
    pins=("rows", "stated"),
)

# --- lines, areas and their references -----------------------------------------------------------

DUPLICATE_ID = kind(
    "duplicate-id", gettext_noop("id '{id}' används av mer än en beslutsrad"), fatal=True
)
UNKNOWN_LINE_RECIPIENT = kind(
    "unknown-recipient",
    gettext_noop("mottagaren '{recipient}' är okänd; tillåtet är {allowed:or}"),
    fatal=True,
    variant="line",
)
LINE_WITHOUT_ITEM = kind(
    "missing-appropriation-item",
    gettext_noop(
        "anslagspost saknas (appropriation_item): varje beslutsrad ska belasta en anslagspost"
    ),
    fatal=True,
    variant="line",
)
AREA_WITHOUT_ITEM = kind(
    "missing-appropriation-item",
    gettext_noop(
        "anslagspost saknas (appropriation_item): dokumentet anger inte vilken anslagspost "
        "området belastar"
    ),
)
UNKNOWN_ITEM = kind(
    "unknown-appropriation-item",
    gettext_noop(
        "anslagsposten '{item}' finns inte under appropriation_items (kända: {known:list_or_none})"
    ),
    fatal=True,
)
DEADLINE_ORDER = kind(
    "deadline-order",
    gettext_noop("{first:deadline} ({first_date}) ligger efter {second:deadline} ({second_date})"),
    pins=("first_date", "second_date"),
)
MISSING_REQUISITION_DEADLINE = kind(
    "missing-deadline",
    gettext_noop(
        "en beslutsrad med rekvisition behöver sista dag för rekvisition (requisition_deadline)"
    ),
    fatal=True,
    variant="requisition",
)
HALF_A_WINDOW = kind(
    "missing-deadline",
    gettext_noop(
        "en utbetalningsperiod behöver både början och slut "
        "(payment_window_start och payment_window_end)"
    ),
    fatal=True,
    variant="window",
)
MISSING_RECIPIENT_GROUP = kind(
    "missing-recipient-group",
    gettext_noop("ett område utan delområden behöver mottagargrupp (recipient_group)"),
    fatal=True,
)

# --- annexes -----------------------------------------------------------------------------------

UNKNOWN_LINE = kind(
    "unknown-line",
    Choice(
        _document,
        {
            "decision": gettext_noop(
                "kolumnen hänvisar till '{line_id}', men beslutsraden finns inte"
            ),
            "agreement": gettext_noop("kolumnen hänvisar till '{line_id}', men området finns inte"),
        },
    ),
    fatal=True,
)
ANNEX_SUM = kind(
    "annex-sum",
    Choice(
        _document,
        {
            "decision": gettext_noop(
                "raderna summerar till {rows:kr}, men beslutsraden {line_id} anger {line:kr} "
                "(skillnad {difference:signed})"
            ),
            "agreement": gettext_noop(
                "raderna summerar till {rows:kr}, men området {line_id} anger {line:kr} "
                "(skillnad {difference:signed})"
            ),
        },
    ),
    pins=("rows", "line"),
)
UNKNOWN_SUM_COLUMN = kind(
    "unknown-column",
    gettext_noop("sum_of nämner kolumnen '{column}', som inte finns i bilagan"),
    fatal=True,
    variant="sum-of",
)
UNKNOWN_TOTAL_COLUMN = kind(
    "unknown-column", gettext_noop("bilagan har ingen kolumn '{column}'"), fatal=True
)
MODEL_UNKNOWN = kind(
    "model-unknown", gettext_noop("fördelningsnyckeln går inte att härleda ur dokumentet: {reason}")
)
SINGLE_AMOUNT = kind(
    "row-amounts",
    gettext_noop("bilagan har flera kolumner: ange beloppen per kolumn under 'amounts'"),
    fatal=True,
    variant="single",
)
MISSING_AMOUNTS = kind(
    "row-amounts",
    gettext_noop("belopp saknas för kolumnen {missing:and}"),
    fatal=True,
    variant="missing",
)
EXTRA_AMOUNTS = kind(
    "row-amounts", gettext_noop("bilagan har ingen kolumn {extra:or}"), fatal=True, variant="extra"
)
UNKNOWN_RECIPIENT = kind("unknown-recipient", gettext_noop("{error:reason}"), fatal=True)
DUPLICATE_RECIPIENT = kind(
    "duplicate-recipient", gettext_noop("{name} finns redan på rad {row}"), fatal=True
)
NAME_AS_PRINTED = kind(
    "name-as-printed",
    gettext_noop("tryckt som '{name}', tolkas som {canonical}"),
    pins=("name", "canonical"),
)
ROW_SUM = kind(
    "row-sum",
    gettext_noop(
        "{columns:plus} = {sum:kr}, men tryckt belopp är {printed:kr} "
        "(skillnad {difference:signed})"
    ),
    pins=("sum", "printed"),
)
UNKNOWN_REFERENCE = kind(
    "unknown-reference", gettext_noop("nyckeln '{key}' finns inte under reference_data"), fatal=True
)
MISSING_REFERENCE = kind(
    "missing-reference",
    gettext_noop(
        "värde för '{key}' saknas på raden, och ingen serie (series) anges att hämta det ur"
    ),
    fatal=True,
)
UNREADABLE_SERIES = kind(
    "unknown-series", gettext_noop("serien '{series}' kan inte läsas: {error:reason}"), fatal=True
)
MISSING_SERIES = kind(
    "unknown-series",
    gettext_noop("serien '{series}' finns inte ({detail})"),
    fatal=True,
    variant="missing",
)
MODEL_ERROR = kind(
    "model-error", gettext_noop("modellen kan inte beräknas: {error:error}"), fatal=True
)
MODEL_DEVIATION = kind(
    "model-deviation",
    gettext_noop(
        "{count:rows} avviker från modellen ({keys:keys}{base:base}, avrundning {rounding}; "
        "modellens summa {model_sum:kr}): {deviations:deviations}"
    ),
    pins=("adjustments",),
)
PROSE_MODEL_DEVIATION = kind(
    "prose-model-deviation",
    gettext_noop(
        "{count:rows} avviker från modellen som texten anger ({keys:keys}{base:base}, "
        "avrundning {rounding}; modellens summa {model_sum:kr}): {deviations:deviations}"
    ),
    pins=("adjustments",),
)
TOTAL_ROW_TEXT = kind(
    "total-row-cells",
    gettext_noop(
        "cellerna återger inte den tryckta raden: '{expected}', men tryckt står '{printed}'"
    ),
    fatal=True,
)
TOTAL_ROW_AMOUNT = kind(
    "total-row-cells", gettext_noop("'{value}': {error:reason}"), fatal=True, variant="amount"
)
PRINTED_TOTAL = kind(
    "printed-total",
    Choice(
        lambda p: "number" if p.get("unit") == "number" else "kr",
        {
            "kr": gettext_noop(
                "raderna summerar till {rows:kr}, men den tryckta summan är {printed:kr} "
                "(skillnad {difference:signed})"
            ),
            "number": gettext_noop(
                "raderna summerar till {rows:number}, men den tryckta summan är "
                "{printed:number} (skillnad {difference:number})"
            ),
        },
    ),
    pins=("rows", "printed"),
)
TOTAL_ROW_MERGED = kind(
    "total-row-merged",
    gettext_noop(
        "'{previous}' (kolumn {previous_column}) står direkt före '{cell}' (kolumn {column}): "
        "raden kan också läsas som {reading:kr}"
    ),
    pins=("reading",),
)

# --- acknowledgements --------------------------------------------------------------------------

UNUSED_ACKNOWLEDGEMENT = kind(
    "unused-acknowledgement",
    Choice(
        lambda p: "english" if p.get("english") else "plain",
        {
            "plain": gettext_noop(
                "kvitterar {code} vid ”{at}”, men där finns ingen sådan avvikelse"
            ),
            "english": gettext_noop(
                "kvitterar {code} vid ”{at}”, men där finns ingen sådan avvikelse (platser "
                "skrivs på svenska: 'bilaga 1, kolumn amount', 'rad 3', 'summaraden', "
                "'område …', 'beslutsrad …')"
            ),
        },
    ),
    fatal=True,
)
ACKNOWLEDGEMENT_MISMATCH = kind(
    "acknowledgement-mismatch",
    gettext_noop(
        "kvitterar {code} vid ”{at}”, men avvikelsen där ({found_at:place}) är inte den "
        "kvitterade: {differences:differences}"
    ),
    fatal=True,
)
UNPINNED_ACKNOWLEDGEMENT = kind(
    "acknowledgement-unpinned",
    Choice(
        lambda p: "found" if p.get("found") else "plain",
        {
            "plain": gettext_noop(
                "en kvittering av {code} ska ange vad den kvitterar: {missing:quoted_and}"
            ),
            "found": gettext_noop(
                "en kvittering av {code} ska ange vad den kvitterar: {missing:quoted_and} "
                "(avvikelsen vid ”{at}” har nu {found:pins})"
            ),
        },
    ),
    fatal=True,
)
FOREIGN_PIN = kind(
    "acknowledgement-pin",
    Choice(
        lambda p: "pins" if p.get("pins") else "none",
        {
            "pins": gettext_noop(
                "{given:quoted_and} hör inte till en kvittering av {code}, som anger "
                "{pins:quoted_and}"
            ),
            "none": gettext_noop(
                "{given:quoted_and} hör inte till en kvittering av {code}, som bara anger plats"
            ),
        },
    ),
    fatal=True,
)
UNKNOWN_COLLABORATION_REGION = kind(
    "unknown-collaboration-region",
    gettext_noop("'{name}' är inte en av de sex samverkansregionerna: {names:or}"),
    fatal=True,
)

# A finding code → the figures an acknowledgement of it pins (acknowledgeable codes only).
PINS: dict[str, tuple[str, ...]] = {k.code: k.pins for k in KINDS if not k.fatal}

register({k.key: k.wording for k in KINDS})


# --- specs of the wordings above ---------------------------------------------------------------

DEADLINES: dict[str, str] = {
    "payment_window_start": gettext_noop("utbetalningsperiodens början"),
    "payment_window_end": gettext_noop("utbetalningsperiodens slut"),
    "requisition_deadline": gettext_noop("sista dag för rekvisition"),
    "repayment_deadline": gettext_noop("sista dag för återbetalning"),
}

MORE_ROWS = gettext_noop("… och {rows} till")


def _keys(keys: list[Mapping[str, Any]]) -> str:
    """``befolkning 1/11 - 2020``, ``lika delar``, ``… × 1/2`` joined with ``+``."""
    out = []
    for k in keys:
        label = k.get("label") or _("lika delar")
        weight = str(k.get("weight", "1"))
        out.append(label if weight == "1" else f"{label} × {weight}")
    return " + ".join(out)


def _base(amount: int) -> str:
    return _(", grundbelopp {amount} per mottagare").format(amount=kr(amount)) if amount else ""


def _deviations(deviations: list[Mapping[str, Any]]) -> str:
    listed = "; ".join(f"{d['recipient']} {signed(d['difference'])}" for d in deviations[:8])
    if len(deviations) > 8:
        listed += "; " + _(MORE_ROWS).format(rows=rows(len(deviations) - 8))
    return listed


def _value(kind_: str, value: Any) -> str:
    if kind_ == "amount":
        return kr(value)
    if kind_ == "text":
        return f"'{value}'"
    return str(value)


def _difference(d: Mapping[str, Any]) -> str:
    if d["type"] == "row":
        return _(
            "{recipient}: modellen med de kvitterade justeringarna ger {expected}, "
            "tabellen anger {printed} ({difference})"
        ).format(
            recipient=d["recipient"],
            expected=kr(d["expected"]),
            printed=kr(d["printed"]),
            difference=signed(d["difference"]),
        )
    if d["type"] == "error":
        return render_data(d["error"])
    return _("{field}: kvitterat {acknowledged}, nu {found}").format(
        field=d["field"],
        acknowledged=_value(d["type"], d["acknowledged"]),
        found=_value(d["type"], d["found"]),
    )


def _pins(values: list[Mapping[str, Any]]) -> str:
    """What a finding has now, as an acknowledgement would write it."""
    out = []
    for v in values:
        if v["type"] == "adjustments":
            rows_ = "; ".join(f"{a['recipient']} {signed(a['kronor'])}" for a in v["value"])
            out.append(f"{v['field']}: {rows_}")
        else:
            out.append(f"{v['field']}: {_value(v['type'], v['value'])}")
    return ", ".join(out)


SPECS.update(
    {
        "deadline": lambda name: _(DEADLINES[name]) if name in DEADLINES else str(name),
        "groups": lambda codes: joined((groups.in_sentence(c) for c in codes), _("och")),
        "keys": _keys,
        "base": _base,
        "deviations": _deviations,
        "plus": lambda items: " + ".join(str(i) for i in items),
        "list_or_none": lambda items: ", ".join(str(i) for i in items) or _("inga"),
        "differences": lambda items: "; ".join(_difference(d) for d in items),
        "pins": _pins,
    }
)
