"""Exact allocation (fördelningsnycklar): a total shared between recipients by weighted keys.

Every recipient first gets ``base_amount`` (grund-/minimibelopp); the rest, the *distributable*
amount ``D = total − n·base``, is shared by the keys. A key's values are non-negative integers or
fractions (population, recipients of municipal health care, a constant 1 for equal parts); key
weights are relative (``population=1, insatser=1`` gives each half of ``D``). Recipient *i*'s
combined share is ``Σ_k (w_k/W)·(v_ik/V_k)`` and its exact amount ``base + D·share``.

Rounding policies:

- ``half-up``: each row's exact amount rounded half up; the sum may miss the total and the
  result says by how much (:attr:`AllocationResult.gap`).
- ``largest-remainder`` (Hamilton): floor every row, then the rows with the largest remainders
  get 1 kr each until the total is exact; ties go to the larger combined share, then to the
  earlier row in input order.
- ``parts-half-up``: each key's part rounded half up, then summed, plus the base.

Explicit adjustments (±kronor with a reason) are applied after rounding and shown separately,
as published tables are the model plus hand adjustments. :func:`reconcile` lists every row in
which a computed allocation and a decided (printed) table differ.

Arithmetic is exact and integer: all shares are brought to one common denominator, so the hot
path is ``divmod`` on ints. The :class:`AllocationRow` objects (with their ``Fraction`` fields)
are built on first access to :attr:`AllocationResult.rows`; the final amounts are available
at once as :attr:`AllocationResult.amounts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from math import gcd, lcm
from operator import add, attrgetter, itemgetter
from typing import cast

from bidrag.core.errors import AllocationError

__all__ = [
    "Adjustment",
    "AllocationResult",
    "AllocationRow",
    "Deviation",
    "Key",
    "Reconciliation",
    "RecipientInput",
    "Rounding",
    "allocate",
    "reconcile",
]


class Rounding(StrEnum):
    HALF_UP = "half-up"
    LARGEST_REMAINDER = "largest-remainder"
    PARTS_HALF_UP = "parts-half-up"


_LABEL = attrgetter("label")
_VALUES = attrgetter("values")
_VALID_ROUNDINGS = ", ".join(r.value for r in Rounding)


@dataclass(frozen=True)
class Key:
    """A key (fördelningsnyckel) by name, with a relative weight (default 1)."""

    name: str
    weight: Fraction | int = Fraction(1)


@dataclass(frozen=True)
class RecipientInput:
    """A recipient and its value for each key (``int`` or ``Fraction``; never ``float``)."""

    label: str
    values: Mapping[str, Fraction | int]


@dataclass(frozen=True)
class Adjustment:
    """An explicit hand adjustment of a recipient's amount, in whole kronor, with its reason."""

    recipient: str
    kronor: int
    reason: str


def _half_up(value: Fraction) -> int:
    """``value`` rounded half up (towards +∞ at exactly .5)."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


@dataclass(frozen=True)
class AllocationRow:
    """One recipient's line of an allocation.

    ``share`` is the combined exact share of the distributable amount; ``parts`` the exact
    kronor per key; ``exact`` = ``base`` + Σ parts; ``rounded`` the amount after the rounding
    policy; ``amount`` = ``rounded`` + ``adjustment``.
    """

    recipient: str
    share: Fraction
    parts: Mapping[str, Fraction]
    base: int
    exact: Fraction
    rounded: int
    adjustment: int
    amount: int

    def share_text(self, decimals: int = 10) -> str:
        """The share rounded half up to ``decimals`` places, with a decimal point."""
        if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
            raise AllocationError(
                f"{self.recipient}, share",
                "decimals must be a non-negative integer",
                decimals,
                code="allocation.decimals",
            )
        scaled = _half_up(self.share * 10**decimals)
        if decimals == 0:
            return str(scaled)
        whole, frac = divmod(scaled, 10**decimals)
        return f"{whole}.{frac:0{decimals}d}"

    def part_kronor(self, key: str) -> int:
        """The key's part in whole kronor as shown: its exact part rounded half up.

        Under ``parts-half-up`` this is the rounded part that was summed into ``rounded``.
        """
        try:
            part = self.parts[key]
        except KeyError:
            raise AllocationError(
                f"{self.recipient}, {key}",
                f"no such key; the keys are {', '.join(self.parts)}",
                key,
                code="allocation.no-such-key",
                params={"key": key, "keys": list(self.parts)},
            ) from None
        return _half_up(part)


@dataclass(frozen=True)
class _Calc:
    """Integer working data kept to build the rows on demand (lists owned by this object,
    never changed after :func:`allocate` returns)."""

    distributable: int
    denominator: int  # common denominator of every share
    numerators: Sequence[int]  # share_i = numerators[i] / denominator
    coefficients: Sequence[int]  # per key: part_ik = D·c_k·v_ik / denominator
    columns: Sequence[Sequence[int]]  # per key: the scaled integer values
    rounded: Sequence[int]
    adjustments: Sequence[int]


@dataclass(frozen=True)
class AllocationResult:
    """The outcome of :func:`allocate`. ``rows`` are in input order."""

    total: int
    base_amount: int
    keys: tuple[Key, ...]
    rounding: Rounding
    recipients: tuple[str, ...]
    amounts: tuple[int, ...]  # final amounts (rounded + adjustment), input order
    adjustments: tuple[Adjustment, ...] = ()
    _calc: _Calc | None = field(default=None, repr=False, compare=False)

    @cached_property
    def rows(self) -> tuple[AllocationRow, ...]:
        calc = self._calc
        if calc is None:
            raise AllocationError(
                "rows", "this result carries no working data", code="allocation.no-working-data"
            )
        d = calc.distributable
        den = calc.denominator
        base_den = self.base_amount * den
        names = [k.name for k in self.keys]
        scaled = [
            (name, d * c, col)
            for name, c, col in zip(names, calc.coefficients, calc.columns, strict=True)
        ]
        rows = []
        for i, label in enumerate(self.recipients):
            num = calc.numerators[i]
            rows.append(
                AllocationRow(
                    label,
                    Fraction(num, den),
                    {name: Fraction(dc * col[i], den) for name, dc, col in scaled},
                    self.base_amount,
                    Fraction(base_den + d * num, den),
                    calc.rounded[i],
                    calc.adjustments[i],
                    self.amounts[i],
                )
            )
        return tuple(rows)

    @property
    def sum(self) -> int:
        return sum(self.amounts)

    @property
    def gap(self) -> int:
        """``total − sum``: 0 for largest-remainder without adjustments."""
        return self.total - sum(self.amounts)

    def by_recipient(self) -> dict[str, AllocationRow]:
        return {row.recipient: row for row in self.rows}

    def amount_of(self) -> dict[str, int]:
        """Recipient → final amount, without building the rows."""
        return dict(zip(self.recipients, self.amounts, strict=True))


# ---------------------------------------------------------------------------------------------
# Validation helpers


def _is_int(value: object) -> bool:
    return type(value) is int or (isinstance(value, int) and not isinstance(value, bool))


def _check_int(value: object, field_name: str) -> int:
    if not _is_int(value):
        raise AllocationError(
            field_name,
            f"must be an integer (kronor), got {type(value).__name__}",
            value,
            code="allocation.not-an-integer",
            params={"type": type(value).__name__},
        )
    return value  # type: ignore[return-value]


def _check_number(value: object, field_name: str) -> Fraction | int:
    """An ``int`` or a ``Fraction``; floats, Decimals, bools and text are refused."""
    if _is_int(value) or isinstance(value, Fraction):
        return value  # type: ignore[return-value]
    raise AllocationError(
        field_name,
        f"must be an integer or a Fraction, got {type(value).__name__}",
        value,
        code="allocation.not-a-number",
        params={"type": type(value).__name__},
    )


def _to_integers(values: Sequence[object], name: str, labels: list[str]) -> list[int]:
    """Check a key's column and scale it to integers with the same ratios."""
    types = set(map(type, values))
    if types == {int}:
        ints = cast(list[int], values)
    else:
        for label, v in zip(labels, values, strict=True):
            _check_number(v, f"{label}, {name}")
        denominators = [v.denominator for v in values if isinstance(v, Fraction)]
        scale = lcm(*denominators)
        ints = [
            v.numerator * (scale // v.denominator) if isinstance(v, Fraction) else int(v) * scale
            for v in cast(Sequence[Fraction | int], values)
        ]
    if ints and min(ints) < 0:
        for label, v in zip(labels, values, strict=True):
            if v < 0:  # type: ignore[operator]
                raise AllocationError(
                    f"{label}, {name}",
                    f"must not be negative, got {v}",
                    v,
                    code="allocation.negative",
                    params={"value": str(v)},
                )
    return ints


def _resolve_rounding(rounding: Rounding | str) -> Rounding:
    if isinstance(rounding, Rounding):
        return rounding
    if isinstance(rounding, str):
        try:
            return Rounding(rounding)
        except ValueError:
            pass
    raise AllocationError(
        "rounding",
        f"unknown rounding {rounding!r}; valid: {_VALID_ROUNDINGS}",
        rounding,
        code="allocation.rounding",
        params={"value": str(rounding), "valid": [r.value for r in Rounding]},
    )


def _check_keys(keys: Sequence[Key]) -> tuple[list[str], list[int]]:
    """Key names and the weights as coprime positive integers."""
    if not keys:
        raise AllocationError("keys", "at least one key is required", code="allocation.no-keys")
    names: list[str] = []
    weights: list[Fraction | int] = []
    for key in keys:
        if not isinstance(key, Key):
            raise AllocationError(
                "keys",
                f"expected a Key, got {type(key).__name__}",
                key,
                code="allocation.key-type",
                params={"type": type(key).__name__},
            )
        if not isinstance(key.name, str) or not key.name.strip():
            raise AllocationError(
                "keys", "a key needs a non-empty name", key.name, code="allocation.key-name"
            )
        if key.name in names:
            raise AllocationError(
                key.name,
                "duplicate key name",
                key.name,
                code="allocation.duplicate-key",
                params={"key": key.name},
            )
        w = _check_number(key.weight, f"{key.name}, weight")
        if w <= 0:
            raise AllocationError(
                f"{key.name}, weight",
                f"must be positive, got {w}",
                w,
                code="allocation.weight",
                params={"value": str(w)},
            )
        names.append(key.name)
        weights.append(w)
    scale = lcm(*(w.denominator for w in weights))
    ints = [w.numerator * (scale // w.denominator) for w in weights]
    g = gcd(*ints)
    return names, [w // g for w in ints]


def _missing(recipients: Sequence[RecipientInput], name: str) -> AllocationError:
    for r in recipients:
        if name not in r.values:
            return AllocationError(
                f"{r.label}, {name}",
                f"no value for key '{name}'",
                code="allocation.no-value",
                params={"key": name},
            )
    return AllocationError(  # pragma: no cover
        name, "a value is missing", code="allocation.no-value", params={"key": name}
    )


def _largest_remainders(
    rems: Sequence[int], numerators: Sequence[int], den: int, left: int
) -> list[int]:
    """Indices of the ``left`` rows with the largest remainders (all ``< den``); ties go to the
    larger combined share (numerator), then to the earlier row.

    Speed: rows are sorted on a coarse key, ``rem >> shift`` (< 2**30, which ``list.sort``
    compares fast); only rows whose coarse key equals the one at the cut are ordered exactly.
    """
    n = len(rems)
    shift = max(den.bit_length() - 30, 0)
    coarse = [r >> shift for r in rems] if shift else list(rems)
    order = sorted(range(n), key=coarse.__getitem__, reverse=True)
    if left >= n:
        return order
    cut = coarse[order[left - 1]]
    if cut != coarse[order[left]]:
        return order[:left]
    chosen = [i for i in order[:left] if coarse[i] != cut]
    tied = [i for i in order if coarse[i] == cut]
    tied.sort(key=lambda i: (rems[i], numerators[i], -i), reverse=True)
    return chosen + tied[: left - len(chosen)]


# ---------------------------------------------------------------------------------------------


def allocate(
    recipients: Sequence[RecipientInput],
    total: int,
    keys: Sequence[Key],
    *,
    base_amount: int = 0,
    rounding: Rounding | str = Rounding.LARGEST_REMAINDER,
    adjustments: Sequence[Adjustment] = (),
) -> AllocationResult:
    """Allocate ``total`` kronor to ``recipients`` by ``keys``; see the module docstring."""
    policy = _resolve_rounding(rounding)
    total = _check_int(total, "total")
    base = _check_int(base_amount, "base_amount")
    if total < 0:
        raise AllocationError(
            "total",
            f"must not be negative, got {total}",
            total,
            code="allocation.negative",
            params={"value": str(total)},
        )
    if base < 0:
        raise AllocationError(
            "base_amount",
            f"must not be negative, got {base}",
            base,
            code="allocation.negative",
            params={"value": str(base)},
        )
    n = len(recipients)
    if n == 0:
        raise AllocationError(
            "recipients", "the list of recipients is empty", code="allocation.no-recipients"
        )
    names, weights = _check_keys(keys)

    labels = list(map(_LABEL, recipients))
    if set(map(type, labels)) != {str}:
        for i, label in enumerate(labels, 1):
            if not isinstance(label, str):
                raise AllocationError(
                    f"recipient {i}",
                    f"label must be text, got {type(label).__name__}",
                    label,
                    code="allocation.label-type",
                    params={"type": type(label).__name__},
                )
    if len(set(labels)) != n:
        seen: dict[str, int] = {}
        for i, label in enumerate(labels, 1):
            if label in seen:
                raise AllocationError(
                    label,
                    f"duplicate recipient (rows {seen[label]} and {i})",
                    label,
                    code="allocation.duplicate-recipient",
                    params={"first": seen[label], "second": i},
                )
            seen[label] = i
    if not all(map(str.strip, labels)):
        i = next(i for i, label in enumerate(labels, 1) if not label.strip())
        raise AllocationError(
            f"recipient {i}", "label is empty", labels[i - 1], code="allocation.empty-label"
        )
    if n * base > total:
        raise AllocationError(
            "total",
            f"{total} kr is less than {n} recipients × base amount {base} kr = {n * base} kr",
            total,
            code="allocation.base-exceeds-total",
            params={"total": total, "recipients": n, "base": base, "needed": n * base},
        )
    distributable = total - n * base

    # Columns of scaled integer values, one per key.
    value_maps = list(map(_VALUES, recipients))
    columns: list[list[int]] = []
    sums: list[int] = []
    for name in names:
        try:
            raw = list(map(itemgetter(name), value_maps))
        except KeyError:
            raise _missing(recipients, name) from None
        col = _to_integers(raw, name, labels)
        s = sum(col)
        if s == 0:
            raise AllocationError(
                name,
                "all values are zero; the key cannot share anything",
                code="allocation.zero-key",
            )
        columns.append(col)
        sums.append(s)

    # One common denominator: share_i = Σ_k c_k·v_ik / den.
    w_total = sum(weights)
    common = lcm(*sums)
    den = w_total * common
    coefficients = [w * (common // s) for w, s in zip(weights, sums, strict=True)]
    if len(columns) == 1:
        c = coefficients[0]
        numerators = columns[0] if c == 1 else [c * v for v in columns[0]]
    elif len(columns) == 2:
        c0, c1 = coefficients
        numerators = [c0 * a + c1 * b for a, b in zip(columns[0], columns[1], strict=True)]
    else:
        numerators = [0] * n
        for c, col in zip(coefficients, columns, strict=True):
            numerators = [x + c * v for x, v in zip(numerators, col, strict=True)]

    d = distributable
    if policy is Rounding.LARGEST_REMAINDER:
        floors, rems = zip(*[divmod(d * x, den) for x in numerators], strict=True)
        rounded = [base + q for q in floors] if base else list(floors)
        left = d - sum(floors)
        if left:
            for i in _largest_remainders(rems, numerators, den, left):
                rounded[i] += 1
    elif policy is Rounding.HALF_UP:
        den2 = 2 * den
        d2 = 2 * d
        rounded = [base + (d2 * x + den) // den2 for x in numerators]
    else:  # parts-half-up: part_ik = D·w_k·v_ik / (W·V_k), each with its own small denominator
        rounded = [base] * n
        for w, s, col in zip(weights, sums, columns, strict=True):
            num, kden = d * w, w_total * s
            g = gcd(num, kden)
            f, kden = 2 * num // g, kden // g
            kden2 = 2 * kden
            rounded = [a + (f * v + kden) // kden2 for a, v in zip(rounded, col, strict=True)]

    adj = [0] * n
    adj_records: tuple[Adjustment, ...] = ()
    if adjustments:
        adj_records = tuple(adjustments)
        index = {label: i for i, label in enumerate(labels)}
        for a in adj_records:
            if not isinstance(a, Adjustment):
                raise AllocationError(
                    "adjustments",
                    f"expected an Adjustment, got {type(a).__name__}",
                    a,
                    code="allocation.adjustment-type",
                    params={"type": type(a).__name__},
                )
            where = f"{a.recipient}, adjustment"
            if a.recipient not in index:
                raise AllocationError(
                    where,
                    "unknown recipient",
                    a.recipient,
                    code="allocation.unknown-recipient",
                    params={"recipient": str(a.recipient)},
                )
            kronor = _check_int(a.kronor, where)
            if not isinstance(a.reason, str) or not a.reason.strip():
                raise AllocationError(
                    where, "a reason is required", a.reason, code="allocation.reason-required"
                )
            adj[index[a.recipient]] += kronor
        amounts = list(map(add, rounded, adj))
        for label, amount, a_kr in zip(labels, amounts, adj, strict=True):
            if amount < 0:
                raise AllocationError(
                    f"{label}, adjustment",
                    f"{a_kr} kr would make the amount negative ({amount} kr)",
                    a_kr,
                    code="allocation.adjustment-negative",
                    params={"kronor": a_kr, "amount": amount},
                )
    else:
        amounts = rounded

    calc = _Calc(
        distributable=distributable,
        denominator=den,
        numerators=numerators,
        coefficients=coefficients,
        columns=columns,
        rounded=rounded,
        adjustments=adj,
    )
    return AllocationResult(
        total=total,
        base_amount=base,
        keys=tuple(keys),
        rounding=policy,
        recipients=tuple(labels),
        amounts=tuple(amounts),
        adjustments=adj_records,
        _calc=calc,
    )


# ---------------------------------------------------------------------------------------------
# Reconciliation of a computed allocation with a decided (printed) table


@dataclass(frozen=True)
class Deviation:
    """A row where computed and decided differ; ``None`` = the row is missing on that side."""

    recipient: str
    computed: int | None
    decided: int | None
    difference: int  # decided − computed (a missing side counts as 0)


@dataclass(frozen=True)
class Reconciliation:
    deviations: tuple[Deviation, ...]
    computed_sum: int
    decided_sum: int

    @property
    def matches(self) -> bool:
        return not self.deviations and self.computed_sum == self.decided_sum

    @property
    def sum_difference(self) -> int:
        """``decided_sum − computed_sum``."""
        return self.decided_sum - self.computed_sum


def reconcile(
    computed: AllocationResult | Mapping[str, int], decided: Mapping[str, int]
) -> Reconciliation:
    """Every row where ``decided`` differs from ``computed``: in computed order, then the rows
    only ``decided`` has, in its order. Nothing is corrected on either side."""
    comp = computed.amount_of() if isinstance(computed, AllocationResult) else dict(computed)
    for label, value in comp.items():
        _check_int(value, f"{label}, computed")
    for label, value in decided.items():
        _check_int(value, f"{label}, decided")
    deviations: list[Deviation] = []
    for label, c in comp.items():
        d = decided.get(label)
        if d is None:
            deviations.append(Deviation(label, c, None, -c))
        elif d != c:
            deviations.append(Deviation(label, c, d, d - c))
    for label, d in decided.items():
        if label not in comp:
            deviations.append(Deviation(label, None, d, d))
    return Reconciliation(tuple(deviations), sum(comp.values()), sum(decided.values()))
