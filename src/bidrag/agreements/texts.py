"""Swedish wording of pydantic's validation errors when a decision file is read.

Everything else a decision file can be told is said by code (:mod:`bidrag.messages`: the core's
refusals, :mod:`bidrag.agreements.checks.catalogue`: the findings), translated at the edge.
Anything not recognised here keeps pydantic's own text rather than being hidden.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

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
