"""Messages by code: a refusal or a finding carries a stable ``code`` and ``params``; its
wording is looked up here and said in the active language (gettext, Swedish msgids).

A code's wording is a Swedish template in ``str.format`` syntax whose fields may carry a
*format spec* naming how a value is said (``{amount:kr}`` → ``1 234 kr``, ``{names:or}`` →
``a, b eller c``, ``{n:rows}`` → ``3 rader``); see :mod:`bidrag.messages.formatting`. The English
is in ``locale/en/LC_MESSAGES/django.po`` like every other UI string, so a template without a
translation is caught by the catalogue test rather than shown half in Swedish.

Catalogues register themselves: :mod:`bidrag.messages.core` for the core's errors (imported
here), ``bidrag.agreements.checks.catalogue`` for decision-file findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from bidrag.core.errors import DomainError

__all__ = [
    "Choice",
    "Wording",
    "catalogue",
    "msgids",
    "register",
    "render",
    "render_data",
    "render_error",
    "swedish",
]


@dataclass(frozen=True)
class Choice:
    """A wording that depends on the params: ``select(params)`` names one of ``texts``."""

    select: Callable[[Mapping[str, Any]], str]
    texts: Mapping[str, str]

    def msgid(self, params: Mapping[str, Any]) -> str:
        return self.texts[self.select(params)]


Wording = str | Choice

_CATALOGUE: dict[str, Wording] = {}


def register(entries: Mapping[str, Wording]) -> None:
    """Add ``code → wording`` entries; a code registered twice with another wording is a bug."""
    for code, wording in entries.items():
        if code in _CATALOGUE and _CATALOGUE[code] != wording:
            raise ValueError(f"message code {code!r} is registered twice")
        _CATALOGUE[code] = wording


def catalogue() -> Mapping[str, Wording]:
    return dict(_CATALOGUE)


def msgids(wording: Wording) -> Iterator[str]:
    """Every Swedish template a wording may use."""
    if isinstance(wording, Choice):
        yield from wording.texts.values()
    else:
        yield wording


def render(code: str, params: Mapping[str, Any] | None = None, *, fallback: str = "") -> str:
    """The wording of ``code`` in the active language, filled with ``params``.

    An unknown code gives ``fallback`` (the caller's own text, e.g. an error's reason), so a
    message is never lost, only untranslated.
    """
    from bidrag.messages.formatting import fill

    wording = _CATALOGUE.get(code)
    if wording is None:
        return fallback or code
    values = dict(params or {})
    msgid = wording.msgid(values) if isinstance(wording, Choice) else wording
    return fill(translation.gettext(msgid), values)


def render_data(data: Mapping[str, Any], *, with_field: bool = False) -> str:
    """A refusal stored as plain values (``DomainError.as_data()``)."""
    text = render(
        str(data.get("code", "")), data.get("params") or {}, fallback=data.get("reason", "")
    )
    field = data.get("field")
    return f"{field}: {text}" if with_field and field else text


def render_error(error: DomainError, *, with_field: bool = False) -> str:
    """The reason of a core refusal in the active language (``field: reason`` if asked)."""
    text = render(error.code, error.params, fallback=error.reason)
    return f"{error.field}: {text}" if with_field and error.field else text


def swedish(fn: Callable[[], str]) -> str:
    """``fn()`` said in Swedish whatever the active language (stored texts, the CLI)."""
    with translation.override("sv"):
        return fn()


from bidrag.messages import core as _core  # noqa: E402,F401  (registers the core's codes)
