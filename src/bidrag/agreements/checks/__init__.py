"""Checks of a decision file against itself, the register and its allocation models.

A :class:`Problem` is either *fatal* (the file is wrong: an unknown region, a line without an
appropriation item) or a *discrepancy* in the printed document, which the file may acknowledge
(``acknowledged:`` with ``code``, ``at`` and the figures it acknowledges). :func:`check` returns
every problem with its status; an unacknowledged discrepancy is an error like a fatal one.

One module per concern: :mod:`.document` (totals, lines, areas, deadlines, stated totals),
:mod:`.annexes` (rows, names, column sums, the totals row), :mod:`.models` (allocation models),
:mod:`.acknowledgements`; :mod:`.catalogue` holds every finding's code and wording,
:mod:`.places` how places are named.

A problem has two locations: ``where`` names things by their ids in the file ("bilaga 4,
kolumn workforce"), ``location`` by what the document prints ("bilaga 4, kolumn Vårdens
medarbetare"). An acknowledgement's ``at`` may use either.
"""

from __future__ import annotations

from bidrag.agreements import decision_file as df
from bidrag.agreements.checks import acknowledgements, annexes, document
from bidrag.agreements.checks.names import Resolved, resolve_name
from bidrag.agreements.checks.problems import Context, Loc, Problem, stored_text

__all__ = ["Loc", "Problem", "Resolved", "check", "resolve_name", "stored_text"]


def check(parsed: df.ParsedFile) -> list[Problem]:
    ctx = Context(parsed)
    document.check_document(ctx)
    for i, annex in enumerate(ctx.doc.annexes):
        annexes.check_annex(ctx, i, annex)
    acknowledgements.apply(ctx)
    return ctx.problems
