"""Places in a decision file, as findings name them ("bilaga 4, kolumn Vision e-hälsa").

A :class:`Place` is a path of segments (an annex, one of its columns, a row …), each with its
params. It is said three ways: :meth:`Place.where` by the file's ids, in Swedish (what an
acknowledgement's ``at`` is matched against); :meth:`Place.shown` as the document prints it
(column titles, row names), in Swedish; :meth:`Place.text` as printed, in the active language
(pages). The Swedish words are the msgids below, so each is written once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext, gettext_noop

from bidrag.messages.formatting import SPECS, fill

# segment → (by the file's ids, as printed)
SEGMENTS: dict[str, tuple[str, str]] = {
    "total": (gettext_noop("totalbelopp"), gettext_noop("totalbelopp")),
    "co_financing": (gettext_noop("medfinansiering"), gettext_noop("medfinansiering")),
    "total_with_co_financing": (
        gettext_noop("totalbelopp inklusive medfinansiering"),
        gettext_noop("totalbelopp inklusive medfinansiering"),
    ),
    "stated_total": (gettext_noop("angiven summa {n}"), gettext_noop("angiven summa {n}")),
    "line": (gettext_noop("beslutsrad {id}"), gettext_noop("beslutsrad {id}")),
    "area": (gettext_noop("område {id}"), gettext_noop("område {id} ({name})")),
    "annex": (gettext_noop("bilaga {n}"), gettext_noop("bilaga {n}")),
    "column": (gettext_noop("kolumn {id}"), gettext_noop("kolumn {title}")),
    "row": (gettext_noop("rad {n}"), gettext_noop("rad {n} '{name}'")),
    "named_row": (gettext_noop("rad {n} '{name}'"), gettext_noop("rad {n} '{name}'")),
    "total_row": (gettext_noop("summaraden"), gettext_noop("summaraden")),
    "acknowledgement": (gettext_noop("kvittering {n}"), gettext_noop("kvittering {n}")),
}

Segment = tuple[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Place:
    segments: tuple[Segment, ...] = ()

    def then(self, segment: str, **params: Any) -> Place:
        if segment not in SEGMENTS:
            raise KeyError(segment)
        return Place((*self.segments, (segment, params)))

    def where(self) -> str:
        """By the file's ids, in Swedish: ``bilaga 4, kolumn workforce``."""
        return ", ".join(fill(SEGMENTS[s][0], p) for s, p in self.segments)

    def shown(self) -> str:
        """As printed, in Swedish: ``bilaga 4, kolumn Vårdens medarbetare``."""
        return ", ".join(fill(SEGMENTS[s][1], p) for s, p in self.segments)

    def text(self) -> str:
        """As printed, in the active language: ``annex 4, column Vårdens medarbetare``."""
        return ", ".join(fill(gettext(SEGMENTS[s][1]), p) for s, p in self.segments)

    def data(self) -> list[list[Any]]:
        """Plain values to store: ``[["annex", {"n": 4}], ["column", {...}]]``."""
        return [[s, dict(p)] for s, p in self.segments]

    @classmethod
    def from_data(cls, data: Sequence[Sequence[Any]]) -> Place:
        return cls(tuple((str(s), dict(p)) for s, p in data))


def at(segment: str, **params: Any) -> Place:
    """A place of one segment: ``at("annex", n=1).then("column", id="amount", title="…")``."""
    return Place().then(segment, **params)


SPECS["place"] = lambda data: Place.from_data(data).text()
