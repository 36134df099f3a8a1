"""Swedish wording of decision-file refusals and findings (read by officials).

The core (``bidrag.core``) refuses values in English; :func:`core_reason` says the refusals a
decision file can meet in Swedish, and :func:`pydantic_message` does the same for pydantic's
validation errors. Anything not recognised keeps its original text rather than being hidden.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from bidrag.core.errors import DomainError
from bidrag.core.money import format_kronor

MINUS = "\u2212"

RECIPIENT_GROUPS = {
    "regions": "regionerna",
    "municipalities_via_rss": "kommunerna via RSS",
    "collaboration_regions": "samverkansregionerna",
    "skr": "SKR",
    "regions_via_skr": "regionerna via SKR",
    "regions_for_onward_payment_to_skr": "regionerna för vidare utbetalning till SKR",
    "regions_and_skr": "regionerna och SKR",
}

DEADLINES = {
    "payment_window_start": "utbetalningsperiodens början",
    "payment_window_end": "utbetalningsperiodens slut",
    "requisition_deadline": "sista dag för rekvisition",
    "repayment_deadline": "sista dag för återbetalning",
}

_WHAT = {"region": "region", "county": "län", "region or county": "region eller län"}


def kr(amount: int) -> str:
    """``-1234`` → ``"−1 234 kr"`` (typographic minus)."""
    return format_kronor(amount).replace("-", MINUS)


def signed(amount: int) -> str:
    """A difference: ``+1 kr``, ``−1 kr``, ``0 kr``."""
    return ("+" if amount > 0 else "") + kr(amount)


def number(value: int) -> str:
    """``10319473`` → ``"10 319 473"``."""
    return format_kronor(value, unit=False).replace("-", MINUS)


def rows(n: int) -> str:
    return "1 rad" if n == 1 else f"{n} rader"


def either(items: Iterable[str], word: str = "eller") -> str:
    """``a, b eller c``."""
    listed = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    return f"{', '.join(listed[:-1])} {word} {listed[-1]}"


def lower_first(text: str) -> str:
    """``"Befolkning 1/11"`` → ``"befolkning 1/11"``; ``"SCB"`` stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


# --- the core's refusals ---------------------------------------------------------------------


def _unknown_name(m: re.Match[str]) -> str:
    text = f"'{m['name']}' är inte ett känt namn på {_WHAT[m['what']]}"
    if m["hint"]:
        text += f"; menade du {m['hint'].replace(' or ', ' eller ')}?"
    return text


def _giro_length(m: re.Match[str]) -> str:
    span = m["span"].replace(" or ", " eller ").replace(" to ", "–")
    return f"ett {m['kind'].lower()}nummer har {span} siffror, här finns {m['n']}"


_CORE: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # register
    (
        r"'(?P<name>.*)' is not a known (?P<what>region or county|region|county)"
        r"(?:; did you mean (?P<hint>.*)\?)?",
        _unknown_name,
    ),
    (r"'(?P<name>.*)' is not a länskod \(the 21 are .*\)", "'{name}' är ingen länskod"),
    (r"is empty; expected a .*", "är tomt"),
    # identifiers
    (
        r"check digit is (?P<got>\d), expected (?P<expected>\d)",
        "kontrollsiffran stämmer inte (sista siffran är {got}, den ska vara {expected})",
    ),
    (r"has (?P<n>\d+) digits?, a (?P<kind>\w+) number has (?P<span>.+)", _giro_length),
    (
        r"has (?P<n>\d+) digits?, an organisationsnummer has 10 \(or 12 with the prefix 16\)",
        "ett organisationsnummer har 10 siffror (eller 12 med prefixet 16), här finns {n}",
    ),
    (
        r"has 12 digits starting (?P<start>\d\d).*",
        "har 12 siffror som börjar med {start}: ett organisationsnummer med 12 siffror börjar "
        "med 16 (19 eller 20 inleder ett personnummer)",
    ),
    (
        r"digits 3–4 are (?P<d>\d\d): that is a personnummer, not an organisation",
        "siffrorna 3–4 är {d}: det är ett personnummer, inte ett organisationsnummer",
    ),
    (
        r"digits 3–4 are (?P<d>\d\d): an organisationsnummer has 20 or more there",
        "siffrorna 3–4 är {d}: i ett organisationsnummer är de 20 eller mer",
    ),
    (
        r"contains (?P<ch>.+)",
        "innehåller tecknet {ch}; bara siffror, mellanslag och bindestreck går",
    ),
    (r"contains no digits", "innehåller inga siffror"),
    (r"is empty", "är tomt"),
    # money
    (r"'(?P<text>.*)' is not an amount in kronor", "'{text}' är inte ett belopp i kronor"),
    (
        r"'(?P<text>.*)' is ambiguous: use a space between thousands and a comma before öre",
        "'{text}' är tvetydigt: skriv mellanslag mellan tusental och komma före ören",
    ),
    (r"'(?P<text>.*)' has more than two decimals \(öre\)", "'{text}' har fler än två decimaler"),
    (
        r"'(?P<text>.*)' has öre; whole kronor are required here",
        "'{text}' har ören; här krävs hela kronor",
    ),
    # allocation
    (r"must not be negative, got (?P<v>.*)", "får inte vara negativt (är {v})"),
    (
        r"all values are zero; the key cannot share anything",
        "alla värden är noll; nyckeln kan inte fördela något",
    ),
    (r"no value for key '(?P<key>.*)'", "värde saknas för nyckeln '{key}'"),
    (
        r"duplicate recipient \(rows (?P<a>\d+) and (?P<b>\d+)\)",
        "mottagaren står två gånger (rad {a} och {b})",
    ),
    (
        r"(?P<total>\d+) kr is less than (?P<n>\d+) recipients × base amount (?P<base>\d+) kr"
        r" = \d+ kr",
        "{total} kr räcker inte till grundbeloppet {base} kr för {n} mottagare",
    ),
]


def core_reason(error: DomainError) -> str:
    """The reason of a core refusal in Swedish; unknown reasons keep the core's text."""
    for pattern, say in _CORE:
        m = re.fullmatch(pattern, error.reason)
        if m is not None:
            return say(m) if callable(say) else say.format(**m.groupdict())
    return error.reason


# --- pydantic's errors -----------------------------------------------------------------------

_DATE_DETAILS = {
    "day value is outside expected range": "dagen finns inte i den månaden",
    "month value is outside expected range": "månaden finns inte",
    "input is too short": "för kort",
    "invalid character in year": "ogiltigt år",
    "invalid character in month": "ogiltig månad",
    "invalid character in day": "ogiltig dag",
    "invalid date separator, expected `-`": "datumdelarna ska skiljas med bindestreck",
}


def _expected(ctx: dict[str, Any]) -> str:
    return str(ctx.get("expected", "")).replace(" or ", " eller ")


def pydantic_message(err: Any, known_fields: Iterable[str] = ()) -> str:
    """Swedish text for one of pydantic's ``ValidationError.errors()``; else pydantic's own."""
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing":
        return "fältet saknas"
    if kind == "extra_forbidden":
        name = str(err["loc"][-1]) if err.get("loc") else ""
        close = difflib.get_close_matches(name, list(known_fields), n=1, cutoff=0.75)
        return "okänt fält" + (f" (menade du '{close[0]}'?)" if close else "")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"ska vara ett heltal, inte {value!r}"
    if kind in ("bool_parsing", "bool_type"):
        return f"ska vara true eller false, inte {value!r}"
    if kind in (
        "date_parsing",
        "date_type",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ):
        detail = _DATE_DETAILS.get(str(ctx.get("error", "")), "")
        shown = f" {value!r}" if isinstance(value, str | int) else ""
        return f"ogiltigt datum{shown}" + (f" ({detail})" if detail else "") + "; ange ÅÅÅÅ-MM-DD"
    if kind in ("literal_error", "enum"):
        return f"ogiltigt värde {value!r}; tillåtna värden: {_expected(ctx)}"
    if kind == "string_type":
        return "ska vara text"
    if kind == "list_type":
        return "ska vara en lista"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "ska vara en mappning (nyckel: värde)"
    if kind == "too_short":
        return f"för få poster: minst {ctx.get('min_length')} krävs"
    if kind == "string_too_short":
        return f"texten är för kort: minst {ctx.get('min_length')} tecken krävs"
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    return str(err["msg"])
