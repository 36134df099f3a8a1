"""A finding (:class:`Problem`) and the state the checks share while reading one file."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bidrag.agreements import decision_file as df
from bidrag.agreements.checks.catalogue import Kind
from bidrag.agreements.checks.places import Place
from bidrag.messages import render, swedish

Loc = tuple[int | str, ...]

# Re-checks a finding against an acknowledgement's adjustments: the rows where model plus
# adjustments still differ from the printed column (empty: the acknowledgement holds).
Recheck = Callable[[Sequence[df.AdjustmentIn], str], list[dict[str, Any]]]


@dataclass
class Problem:
    """A finding: ``kind`` (its code and wording) at ``place`` with ``params`` (plain values).

    ``where`` names the place by the file's ids (matched by acknowledgements), ``location`` as
    the document prints it; ``message`` is the Swedish text (CLI, stored), :meth:`text` the
    text in the active language.
    """

    kind: Kind
    place: Place
    params: dict[str, Any] = field(default_factory=dict)
    loc: Loc = ()
    info: bool = False
    acknowledged_by: df.Acknowledgement | None = None
    recheck: Recheck | None = field(default=None, repr=False, compare=False)

    @property
    def code(self) -> str:
        return self.kind.code

    @property
    def fatal(self) -> bool:
        return self.kind.fatal

    @property
    def where(self) -> str:
        return self.place.where()

    @property
    def location(self) -> str:
        return self.place.shown()

    @property
    def message(self) -> str:
        return swedish(self.text)

    def text(self) -> str:
        return render(self.kind.key, self.params)

    @property
    def details(self) -> dict[str, Any]:
        """What a stored finding keeps to be said again in any language."""
        out: dict[str, Any] = {"params": self.params, "place": self.place.data()}
        if self.kind.key != self.kind.code:
            out["message"] = self.kind.key
        return out

    def is_at(self, at: str) -> bool:
        """Whether an acknowledgement's ``at`` names this problem's place or a place above it."""
        return any(
            here == at or here.startswith((at + ",", at + " '"))
            for here in (self.where, self.location)
        )

    @property
    def status(self) -> str:
        if self.info:
            return "info"
        if self.fatal or self.acknowledged_by is None:
            return "error"
        return "warning"


@dataclass
class Context:
    """One file being checked: the document, the findings so far, resolved annex rows."""

    parsed: df.ParsedFile
    problems: list[Problem] = field(default_factory=list)
    resolved: dict[tuple[int, int], Any] = field(default_factory=dict)  # (annex, row) → Resolved

    @property
    def doc(self) -> df.Document:
        return self.parsed.document

    @property
    def is_decision(self) -> bool:
        return isinstance(self.doc, df.PaymentDecisionIn)

    @property
    def document(self) -> str:
        """``"decision"`` or ``"agreement"``: chooses a wording ("beslutsraden"/"området")."""
        return "decision" if self.is_decision else "agreement"

    def add(
        self,
        kind: Kind,
        place: Place,
        loc: Loc = (),
        *,
        recheck: Recheck | None = None,
        **params: Any,
    ) -> Problem:
        problem = Problem(kind, place, params, loc, recheck=recheck)
        self.problems.append(problem)
        return problem


def stored_text(
    code: str, details: Mapping[str, Any] | None, location: str, message: str
) -> tuple[str, str]:
    """A stored finding's place and message in the active language.

    ``details`` holds what :attr:`Problem.details` gave when it was stored; a finding stored
    before findings had codes keeps its Swedish ``location`` and ``message``.
    """
    details = details or {}
    params = details.get("params")
    if not isinstance(params, Mapping):
        return location, message
    place = details.get("place")
    shown = Place.from_data(place).text() if place else location
    return shown, render(str(details.get("message", code)), params, fallback=message)
