"""Reference series shipped in ``bidrag.refdata`` (sources in its README.md).

A series is a CSV file ``code,name,value`` keyed by SCB länskod; :func:`load_series` returns
``{code: value}`` in länskod order after checking that all 21 codes are there once, that each
name is its code's county and that each value is a whole number.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from bidrag.core.errors import TableError
from bidrag.core.register import CODES, resolve_county
from bidrag.core.tables import parse_integer, read_table, where

_PACKAGE = "bidrag.refdata"
_COLUMNS = ("code", "name", "value")


def available_series() -> list[str]:
    """The names of the shipped series, sorted (``population_2019-11-01``, ...)."""
    root = resources.files(_PACKAGE)
    return sorted(
        entry.name.removesuffix(".csv") for entry in root.iterdir() if entry.name.endswith(".csv")
    )


def load_series(name: str) -> dict[str, int]:
    """``{länskod: value}`` of the series ``name`` (a copy: callers may change it)."""
    return dict(_load(name))


@cache
def _load(name: str) -> tuple[tuple[str, int], ...]:
    if name not in available_series():
        raise TableError(
            "series",
            f"'{name}' is not a shipped series; available: {available_series()}",
            name,
            code="refdata.unknown-series",
            params={"name": name, "available": list(available_series())},
        )
    source = f"bidrag/refdata/{name}.csv"
    data = resources.files(_PACKAGE).joinpath(f"{name}.csv").read_bytes()
    table = read_table(data, source)
    if table.header != _COLUMNS:
        raise TableError(
            source,
            f"header must be {','.join(_COLUMNS)}, is {table.header}",
            code="refdata.header",
            params={"expected": list(_COLUMNS), "header": list(table.header)},
        )
    values: dict[str, int] = {}
    for row in table.rows:
        code = row.cells["code"]
        if code not in CODES:
            raise TableError(
                where(row.line, "code"),
                f"'{code}' is not a länskod",
                code,
                code="refdata.not-a-county-code",
                params={"value": code},
            )
        if code in values:
            raise TableError(
                where(row.line, "code"),
                f"länskod {code} appears twice",
                code,
                code="refdata.duplicate-code",
                params={"value": code},
            )
        county = resolve_county(row.cells["name"], where(row.line, "name"))
        if county.code != code:
            raise TableError(
                where(row.line, "name"),
                f"'{row.cells['name']}' is länskod {county.code}, the row says {code}",
                code="refdata.code-mismatch",
                params={"name": row.cells["name"], "actual": county.code, "stated": code},
            )
        values[code] = parse_integer(row.cells["value"], where(row.line, "value"))
    missing = [c for c in CODES if c not in values]
    if missing:
        raise TableError(
            source,
            f"länskoder missing: {', '.join(missing)}",
            missing,
            code="refdata.missing-codes",
            params={"codes": missing},
        )
    return tuple((code, values[code]) for code in CODES)
