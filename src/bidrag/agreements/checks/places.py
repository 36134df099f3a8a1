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

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

from bidrag.messages.formatting import SPECS, fill

# segment → (by the file's ids, as printed)
SEGMENTS: dict[str, tuple[str, str]] = {
    "total": (N_("totalbelopp"), N_("totalbelopp")),
    "co_financing": (N_("medfinansiering"), N_("medfinansiering")),
    "total_with_co_financing": (
        N_("totalbelopp inklusive medfinansiering"),
        N_("totalbelopp inklusive medfinansiering"),
    ),
    "stated_total": (N_("angiven summa {n}"), N_("angiven summa {n}")),
    "line": (N_("beslutsrad {id}"), N_("beslutsrad {id}")),
    "area": (N_("område {id}"), N_("område {id} ({name})")),
    "annex": (N_("bilaga {n}"), N_("bilaga {n}")),
    "column": (N_("kolumn {id}"), N_("kolumn {title}")),
    "row": (N_("rad {n}"), N_("rad {n} '{name}'")),
    "named_row": (N_("rad {n} '{name}'"), N_("rad {n} '{name}'")),
    "total_row": (N_("summaraden"), N_("summaraden")),
    "acknowledgement": (N_("kvittering {n}"), N_("kvittering {n}")),
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
