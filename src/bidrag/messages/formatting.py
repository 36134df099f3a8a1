"""How the values of a message are said: the format specs of the catalogues' templates.

``fill("{rows:kr} mot {printed:kr}", params)``: a field without a spec is ``str(value)``;
a spec names one of :data:`SPECS`. Words the specs add ("eller", "rader") are translated like
the templates, so a whole message follows the active language.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from bidrag.core.money import format_kronor

MINUS = "\u2212"


def kr(amount: int) -> str:
    """``-1234`` → ``"−1 234 kr"`` (typographic minus)."""
    return format_kronor(int(amount)).replace("-", MINUS)


def signed(amount: int) -> str:
    """A difference: ``+1 kr``, ``−1 kr``, ``0 kr``."""
    return ("+" if int(amount) > 0 else "") + kr(amount)


def number(value: int) -> str:
    """``10319473`` → ``"10 319 473"``."""
    return format_kronor(int(value), unit=False).replace("-", MINUS)


def joined(items: Iterable[Any], word: str) -> str:
    """``a, b <word> c``."""
    listed = [str(i) for i in items]
    if len(listed) <= 1:
        return "".join(listed)
    return f"{', '.join(listed[:-1])} {word} {listed[-1]}"


def rows(n: int) -> str:
    return ngettext("%(n)s rad", "%(n)s rader", n) % {"n": n}


def cells(n: int) -> str:
    return ngettext("%(n)s cell", "%(n)s celler", n) % {"n": n}


# Words a message names by a key (a kind of name, a file type, a delimiter), said in Swedish.
LABELS: dict[str, str] = {
    "region": gettext_noop("region"),
    "county": gettext_noop("län"),
    "region-or-county": gettext_noop("region eller län"),
    "bankgiro": gettext_noop("bankgiro"),
    "plusgiro": gettext_noop("plusgiro"),
    "pdf": gettext_noop("ett PDF-dokument"),
    "zip": gettext_noop("ett ZIP-arkiv (en XLSX-, ODS- eller DOCX-fil?)"),
    "ole": gettext_noop("en äldre Office-fil (XLS eller DOC)"),
    "png": gettext_noop("en PNG-bild"),
    "jpeg": gettext_noop("en JPEG-bild"),
    "gzip": gettext_noop("ett gzip-arkiv"),
    "comma": gettext_noop("komma"),
    "semicolon": gettext_noop("semikolon"),
    "tab": gettext_noop("tabb"),
}


def label(value: str) -> str:
    return _(LABELS[value]) if value in LABELS else str(value)


def _error(value: Mapping[str, Any]) -> str:
    from bidrag.messages import render_data

    return render_data(value, with_field=True)


def _reason(value: Mapping[str, Any]) -> str:
    from bidrag.messages import render_data

    return render_data(value)


def _message(value: Mapping[str, Any] | None) -> str:
    """A nested message ``{code, params}``; ``None`` says nothing (an optional part)."""
    from bidrag.messages import render

    return "" if not value else render(value["code"], value.get("params") or {})


# Specs that open a registry elsewhere (recipient groups, places) are added by their modules.
SPECS: dict[str, Callable[[Any], str]] = {
    "kr": kr,
    "signed": signed,
    "number": number,
    "or": lambda items: joined(items, _("eller")),
    "and": lambda items: joined(items, _("och")),
    "quoted_or": lambda items: joined((f"'{i}'" for i in items), _("eller")),
    "quoted_and": lambda items: joined((f"'{i}'" for i in items), _("och")),
    "comma": lambda items: ", ".join(str(i) for i in items),
    "quoted_comma": lambda items: ", ".join(f"'{i}'" for i in items) or _("(inga)"),
    "rows": rows,
    "cells": cells,
    "label": label,
    "error": _error,
    "reason": _reason,
    "message": _message,
}


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if not format_spec:
            return "" if value is None else str(value)
        return SPECS[format_spec](value)


_FORMATTER = _Formatter()


def fill(template: str, params: Mapping[str, Any]) -> str:
    """``template`` with ``params`` said by their specs."""
    return _FORMATTER.vformat(template, (), dict(params))
