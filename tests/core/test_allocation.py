"""Unit and property tests of the exact allocation engine (no mocks)."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bidrag.core.allocation import (
    Adjustment,
    AllocationResult,
    Deviation,
    Key,
    RecipientInput,
    Rounding,
    _largest_remainders,
    allocate,
    reconcile,
)
from bidrag.core.errors import AllocationError

POP = [Key("population")]


def rec(label: str, **values: int | Fraction) -> RecipientInput:
    return RecipientInput(label, values)


def amounts(result: AllocationResult) -> dict[str, int]:
    return {row.recipient: row.amount for row in result.rows}


# ---------------------------------------------------------------------------------------------
# Policies


THREE = [rec("A", population=1), rec("B", population=1), rec("C", population=1)]


def test_largest_remainder_equal_thirds_goes_to_input_order() -> None:
    result = allocate(THREE, 100, POP)
    assert amounts(result) == {"A": 34, "B": 33, "C": 33}
    assert result.sum == 100 and result.gap == 0
    assert result.rounding is Rounding.LARGEST_REMAINDER


def test_largest_remainder_tie_goes_to_larger_key_value() -> None:
    # 10 by 1:3 → 2.5 and 7.5, both remainders ½: the larger value (B) gets the krona.
    result = allocate([rec("A", population=1), rec("B", population=3)], 10, POP)
    assert amounts(result) == {"A": 2, "B": 8}
    # Same remainders, B listed first: still B (key value before input order).
    result = allocate([rec("B", population=3), rec("A", population=1)], 10, POP)
    assert amounts(result) == {"B": 8, "A": 2}


def test_largest_remainder_tie_with_several_keys_uses_combined_share() -> None:
    keys = [Key("population"), Key("insatser")]
    # shares: A = ½·1/4 + ½·3/4 = ½, B = ½·3/4 + ½·1/4 = ½ → full tie → input order.
    recips = [rec("A", population=1, insatser=3), rec("B", population=3, insatser=1)]
    assert amounts(allocate(recips, 11, keys)) == {"A": 6, "B": 5}
    assert amounts(allocate(recips[::-1], 11, keys)) == {"B": 6, "A": 5}
    # shares 3/8 vs 5/8 with 4 kr: 1.5 and 2.5, equal remainders → the larger share (B).
    recips = [rec("A", population=1, insatser=1), rec("B", population=1, insatser=3)]
    result = allocate(recips, 4, keys)
    assert [r.share for r in result.rows] == [Fraction(3, 8), Fraction(5, 8)]
    assert amounts(result) == {"A": 1, "B": 3}


def test_largest_remainder_picks_largest_remainders() -> None:
    recips = [rec("A", population=10), rec("B", population=25), rec("C", population=65)]
    # exact 0.7, 1.75, 4.55 of 7 kr: floors 0, 1, 4 → 2 kr left → B (.75) and A (.7)
    result = allocate(recips, 7, POP)
    assert amounts(result) == {"A": 1, "B": 2, "C": 4}


def test_half_up_reports_gap() -> None:
    result = allocate(THREE, 100, POP, rounding="half-up")
    assert amounts(result) == {"A": 33, "B": 33, "C": 33}
    assert result.sum == 99 and result.gap == 1
    result = allocate([rec("A", population=1), rec("B", population=1)], 5, POP, rounding="half-up")
    assert amounts(result) == {"A": 3, "B": 3}
    assert result.gap == -1


def test_parts_half_up_rounds_each_part() -> None:
    keys = [Key("population"), Key("insatser")]
    recips = [rec("A", population=1, insatser=1), rec("B", population=1, insatser=1)]
    # each part is 2.5 kr → 3 each → 6 per row, gap −2; half-up of the row (5) would give 5.
    parts = allocate(recips, 10, keys, rounding=Rounding.PARTS_HALF_UP)
    assert amounts(parts) == {"A": 6, "B": 6}
    assert parts.gap == -2
    assert parts.rows[0].parts == {"population": Fraction(5, 2), "insatser": Fraction(5, 2)}
    assert parts.rows[0].part_kronor("population") == 3
    half = allocate(recips, 10, keys, rounding=Rounding.HALF_UP)
    assert amounts(half) == {"A": 5, "B": 5}


def test_base_amount_then_population() -> None:
    recips = [rec("A", population=1), rec("B", population=3)]
    result = allocate(recips, 1_000_100, POP, base_amount=500_000)
    a, b = result.rows
    assert (a.base, a.exact, a.amount) == (500_000, Fraction(500_025), 500_025)
    assert (b.base, b.exact, b.amount) == (500_000, Fraction(500_075), 500_075)
    assert a.share == Fraction(1, 4)
    assert result.base_amount == 500_000 and result.total == 1_000_100


def test_weights_are_relative() -> None:
    recips = [rec("A", population=1, insatser=0), rec("B", population=0, insatser=1)]
    keys = [Key("population", Fraction(1)), Key("insatser", Fraction(3))]
    result = allocate(recips, 1000, keys)
    assert amounts(result) == {"A": 250, "B": 750}
    scaled = allocate(recips, 1000, [Key("population", 2), Key("insatser", 6)])
    assert amounts(scaled) == amounts(result)
    assert result.rows[1].parts == {"population": Fraction(0), "insatser": Fraction(750)}


def test_fraction_values_and_weights() -> None:
    recips = [rec("A", population=Fraction(1, 3)), rec("B", population=Fraction(2, 3))]
    result = allocate(recips, 90, [Key("population", Fraction(1, 7))])
    assert amounts(result) == {"A": 30, "B": 60}
    assert result.rows[0].share == Fraction(1, 3)


def test_constant_key_is_equal_split() -> None:
    recips = [rec(f"R{i}", lika=1) for i in range(6)]
    result = allocate(recips, 60_000_000, [Key("lika")])
    assert set(amounts(result).values()) == {10_000_000}


def test_zero_total_and_zero_values_allowed() -> None:
    result = allocate([rec("A", population=0), rec("B", population=5)], 0, POP)
    assert amounts(result) == {"A": 0, "B": 0}
    result = allocate([rec("A", population=0), rec("B", population=5)], 7, POP)
    assert amounts(result) == {"A": 0, "B": 7}


def test_extra_values_are_ignored() -> None:
    result = allocate([rec("A", population=1, other=9), rec("B", population=1)], 2, POP)
    assert amounts(result) == {"A": 1, "B": 1}


def test_row_fields_and_share_text() -> None:
    result = allocate([rec("A", population=1), rec("B", population=2)], 100, POP)
    a, b = result.rows
    assert a.share == Fraction(1, 3) and b.share == Fraction(2, 3)
    assert a.exact == Fraction(100, 3) and a.rounded == 33 and a.amount == 33
    assert b.exact == Fraction(200, 3) and b.rounded == 67
    assert a.share_text() == "0.3333333333"
    assert b.share_text() == "0.6666666667"
    assert b.share_text(2) == "0.67"
    assert b.share_text(0) == "1"
    one = allocate([rec("A", population=1)], 5, POP).rows[0]
    assert one.share_text(3) == "1.000"
    assert Fraction(1, 8) == allocate([rec("A", x=1), rec("B", x=7)], 8, [Key("x")]).rows[0].share
    assert allocate([rec("A", x=1), rec("B", x=7)], 8, [Key("x")]).rows[0].share_text(2) == "0.13"
    with pytest.raises(AllocationError, match=r"^A, share: decimals must be a non-negative"):
        a.share_text(-1)
    with pytest.raises(
        AllocationError, match=r"^A, insatser: no such key; the keys are population"
    ):
        a.part_kronor("insatser")


def test_result_accessors() -> None:
    result = allocate(THREE, 100, POP)
    assert list(result.by_recipient()) == ["A", "B", "C"]
    assert result.by_recipient()["B"].amount == 33
    assert result.amount_of() == {"A": 34, "B": 33, "C": 33}
    assert result.keys == (Key("population"),)
    assert result.amounts == (34, 33, 33)


# ---------------------------------------------------------------------------------------------
# Adjustments


def test_adjustments_are_shown_separately() -> None:
    adj = [
        Adjustment("B", 1, "as decided: printed table"),
        Adjustment("C", -2, "rounding moved"),
        Adjustment("B", 1, "second krona"),
    ]
    result = allocate(THREE, 100, POP, adjustments=adj)
    b = result.by_recipient()["B"]
    assert (b.rounded, b.adjustment, b.amount) == (33, 2, 35)
    c = result.by_recipient()["C"]
    assert (c.rounded, c.adjustment, c.amount) == (33, -2, 31)
    assert result.sum == 100 and result.gap == 0
    assert result.adjustments == tuple(adj)
    result = allocate(THREE, 100, POP, adjustments=[Adjustment("A", 5, "x")])
    assert result.gap == -5


@pytest.mark.parametrize(
    ("adjustment", "message"),
    [
        (Adjustment("D", 1, "why"), r"^D, adjustment: unknown recipient$"),
        (Adjustment("A", 1, ""), r"^A, adjustment: a reason is required$"),
        (Adjustment("A", 1, "   "), r"^A, adjustment: a reason is required$"),
        (Adjustment("A", 1.0, "x"), r"^A, adjustment: must be an integer \(kronor\), got float$"),  # type: ignore[arg-type]
        (Adjustment("A", -40, "x"), r"^A, adjustment: -40 kr would make the amount negative"),
    ],
)
def test_adjustment_errors(adjustment: Adjustment, message: str) -> None:
    with pytest.raises(AllocationError, match=message):
        allocate(THREE, 100, POP, adjustments=[adjustment])


# ---------------------------------------------------------------------------------------------
# Errors


def test_error_empty_recipients() -> None:
    with pytest.raises(AllocationError, match=r"^recipients: the list of recipients is empty$"):
        allocate([], 100, POP)


def test_error_duplicate_recipient() -> None:
    with pytest.raises(AllocationError, match=r"^B: duplicate recipient \(rows 2 and 3\)$") as e:
        allocate([rec("A", population=1), rec("B", population=1), rec("B", population=2)], 9, POP)
    assert e.value.field == "B"
    # exact label equality: different spellings are different recipients
    allocate([rec("Region Örebro", population=1), rec("Region Örebro län", population=1)], 2, POP)


def test_error_negative_key_value() -> None:
    with pytest.raises(
        AllocationError, match=r"^Region Skåne, population: must not be negative, got -5$"
    ) as e:
        allocate([rec("A", population=1), rec("Region Skåne", population=-5)], 9, POP)
    assert e.value.field == "Region Skåne, population" and e.value.value == -5


def test_error_all_zero_key() -> None:
    with pytest.raises(
        AllocationError, match=r"^population: all values are zero; the key cannot share anything$"
    ):
        allocate([rec("A", population=0), rec("B", population=0)], 9, POP)


def test_error_missing_key_value() -> None:
    keys = [Key("population"), Key("insatser")]
    with pytest.raises(AllocationError, match=r"^B, insatser: no value for key 'insatser'$"):
        allocate([rec("A", population=1, insatser=1), rec("B", population=1)], 9, keys)


@pytest.mark.parametrize("weight", [0, -1, Fraction(-1, 2)])
def test_error_non_positive_weight(weight: int | Fraction) -> None:
    keys = [Key("population"), Key("insatser", weight)]
    with pytest.raises(
        AllocationError, match=rf"^insatser, weight: must be positive, got {weight}$"
    ):
        allocate([rec("A", population=1, insatser=1)], 9, keys)


def test_error_no_keys_and_duplicate_keys() -> None:
    with pytest.raises(AllocationError, match=r"^keys: at least one key is required$"):
        allocate(THREE, 9, [])
    with pytest.raises(AllocationError, match=r"^population: duplicate key name$"):
        allocate(THREE, 9, [Key("population"), Key("population", Fraction(2))])


def test_error_total_below_bases() -> None:
    with pytest.raises(
        AllocationError,
        match=r"^total: 1499999 kr is less than 3 recipients × base amount 500000 kr = 1500000 kr$",
    ):
        allocate(THREE, 1_499_999, POP, base_amount=500_000)
    assert allocate(THREE, 1_500_000, POP, base_amount=500_000).sum == 1_500_000


def test_error_negative_total_and_base() -> None:
    with pytest.raises(AllocationError, match=r"^total: must not be negative, got -1$"):
        allocate(THREE, -1, POP)
    with pytest.raises(AllocationError, match=r"^base_amount: must not be negative, got -1$"):
        allocate(THREE, 10, POP, base_amount=-1)


def test_error_unknown_rounding_lists_valid() -> None:
    with pytest.raises(
        AllocationError,
        match=r"^rounding: unknown rounding 'bankers'; "
        r"valid: half-up, largest-remainder, parts-half-up$",
    ):
        allocate(THREE, 10, POP, rounding="bankers")
    assert allocate(THREE, 10, POP, rounding="parts-half-up").rounding is Rounding.PARTS_HALF_UP


@pytest.mark.parametrize("bad", [1.0, Decimal("1"), "1", True, None])
def test_error_non_exact_key_values(bad: object) -> None:
    with pytest.raises(
        AllocationError,
        match=rf"^B, population: must be an integer or a Fraction, got {type(bad).__name__}$",
    ):
        allocate([rec("A", population=1), RecipientInput("B", {"population": bad})], 9, POP)  # type: ignore[dict-item]


def test_error_floats_elsewhere() -> None:
    with pytest.raises(AllocationError, match=r"^total: must be an integer \(kronor\), got float$"):
        allocate(THREE, 100.0, POP)  # type: ignore[arg-type]
    with pytest.raises(
        AllocationError, match=r"^base_amount: must be an integer \(kronor\), got float$"
    ):
        allocate(THREE, 100, POP, base_amount=1.0)  # type: ignore[arg-type]
    with pytest.raises(
        AllocationError, match=r"^population, weight: must be an integer or a Fraction, got float$"
    ):
        allocate(THREE, 100, [Key("population", 0.5)])  # type: ignore[arg-type]
    with pytest.raises(AllocationError, match=r"^total: must be an integer \(kronor\), got bool$"):
        allocate(THREE, True, POP)
    with pytest.raises(AllocationError, match=r"^B, decided: must be an integer \(kronor\)"):
        reconcile({"B": 1}, {"B": 1.0})  # type: ignore[dict-item]


def test_error_empty_label() -> None:
    with pytest.raises(AllocationError, match=r"^recipient 2: label is empty$"):
        allocate([rec("A", population=1), rec(" ", population=1)], 9, POP)


# ---------------------------------------------------------------------------------------------
# Reconcile


def test_reconcile_lists_every_difference_in_order() -> None:
    computed = allocate(THREE, 100, POP)  # A 34, B 33, C 33
    decided = {"C": 33, "B": 34, "A": 32, "D": 1}
    rec_ = reconcile(computed, decided)
    assert rec_.deviations == (
        Deviation("A", 34, 32, -2),
        Deviation("B", 33, 34, 1),
        Deviation("D", None, 1, 1),
    )
    assert (rec_.computed_sum, rec_.decided_sum) == (100, 100)
    assert not rec_.matches
    assert rec_.sum_difference == 0


def test_reconcile_missing_decided_and_match() -> None:
    rec_ = reconcile({"A": 5, "B": 0}, {"A": 5})
    assert rec_.deviations == (Deviation("B", 0, None, 0),)
    assert not rec_.matches
    ok = reconcile(allocate(THREE, 100, POP), {"A": 34, "B": 33, "C": 33})
    assert ok.matches and ok.deviations == ()


# ---------------------------------------------------------------------------------------------
# Properties

Table = tuple[list[RecipientInput], int, int, list[Key]]
values_st = st.integers(min_value=0, max_value=10**7)


@st.composite
def tables(draw: st.DrawFn, keys: int = 2) -> Table:
    n = draw(st.integers(min_value=1, max_value=30))
    names = [f"k{j}" for j in range(keys)]
    recipients = [
        RecipientInput(f"R{i}", {name: draw(values_st) for name in names}) for i in range(n)
    ]
    for name in names:  # no all-zero key
        if all(r.values[name] == 0 for r in recipients):
            recipients[0] = RecipientInput("R0", {**recipients[0].values, name: 1})
    base = draw(st.integers(min_value=0, max_value=10**6))
    total = n * base + draw(st.integers(min_value=0, max_value=10**10))
    weights = [draw(st.fractions(min_value=Fraction(1, 100), max_value=100)) for _ in names]
    return recipients, total, base, [Key(n_, w) for n_, w in zip(names, weights, strict=True)]


@settings(max_examples=200, deadline=None)
@given(tables())
def test_largest_remainder_hits_total_and_no_row_negative(table: Table) -> None:
    recipients, total, base, keys = table
    result = allocate(recipients, total, keys, base_amount=base)
    assert result.sum == total and result.gap == 0
    for row in result.rows:
        assert row.amount >= base >= 0
        assert row.exact - 1 < row.amount < row.exact + 1
        assert row.exact == base + sum(row.parts.values())
    assert sum(row.share for row in result.rows) == 1


@settings(max_examples=200, deadline=None)
@given(tables(), st.sampled_from(list(Rounding)), st.randoms(use_true_random=False))
def test_order_independent_without_full_ties(
    table: Table, rounding: Rounding, rnd: random.Random
) -> None:
    recipients, total, base, keys = table
    result = allocate(recipients, total, keys, base_amount=base, rounding=rounding)
    shares = [row.share for row in result.rows]
    assume(len(set(shares)) == len(shares))  # equal shares = a tie broken by input order
    shuffled = list(recipients)
    rnd.shuffle(shuffled)
    again = allocate(shuffled, total, keys, base_amount=base, rounding=rounding)
    assert again.amount_of() == result.amount_of()
    assert {r.recipient: r.share for r in again.rows} == {r.recipient: r.share for r in result.rows}


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=20), st.integers(min_value=0, max_value=10**6))
def test_full_ties_follow_input_order(n: int, total: int) -> None:
    recipients = [RecipientInput(f"R{i}", {"x": 7}) for i in range(n)]
    result = allocate(recipients, total, [Key("x")])
    q, left = divmod(total, n)
    assert list(result.amounts) == [q + 1] * left + [q] * (n - left)
    backwards = allocate(recipients[::-1], total, [Key("x")])
    assert list(backwards.amounts) == [q + 1] * left + [q] * (n - left)


@settings(max_examples=200, deadline=None)
@given(tables(keys=1), st.sampled_from(list(Rounding)))
def test_one_key_monotone(table: Table, rounding: Rounding) -> None:
    recipients, total, base, keys = table
    result = allocate(recipients, total, keys, base_amount=base, rounding=rounding)
    pairs = sorted((r.values["k0"], a) for r, a in zip(recipients, result.amounts, strict=True))
    for (v1, a1), (v2, a2) in zip(pairs, pairs[1:], strict=False):
        assert v1 <= v2
        if v1 < v2:
            assert a1 <= a2


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=4).flatmap(lambda k: tables(keys=k)))
def test_half_up_gaps_bounded(table: Table) -> None:
    recipients, total, base, keys = table
    n = len(recipients)
    half = allocate(recipients, total, keys, base_amount=base, rounding="half-up")
    assert 2 * abs(half.gap) <= n
    parts = allocate(recipients, total, keys, base_amount=base, rounding="parts-half-up")
    assert 2 * abs(parts.gap) <= n * len(keys)
    for row in parts.rows:
        assert row.rounded == base + sum(row.part_kronor(k.name) for k in keys)
        assert row.amount >= 0
    for row in half.rows:
        assert abs(row.rounded - row.exact) <= Fraction(1, 2)


def reference_largest_remainder(
    recipients: list[RecipientInput], total: int, base: int, keys: list[Key]
) -> dict[str, int]:
    """Hamilton, written plainly with Fractions (the specification the engine must meet)."""
    d = total - len(recipients) * base
    w = sum(Fraction(k.weight) for k in keys)
    sums = {k.name: sum(Fraction(r.values[k.name]) for r in recipients) for k in keys}
    shares = [
        sum(Fraction(k.weight) / w * Fraction(r.values[k.name]) / sums[k.name] for k in keys)
        for r in recipients
    ]
    exact = [d * s for s in shares]
    floors = [int(e) for e in exact]  # exact ≥ 0: int() is floor
    order = sorted(range(len(recipients)), key=lambda i: (exact[i] - floors[i], shares[i], -i))
    for i in order[::-1][: d - sum(floors)]:
        floors[i] += 1
    return {r.label: base + f for r, f in zip(recipients, floors, strict=True)}


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=3).flatmap(lambda k: tables(keys=k)))
def test_largest_remainder_matches_plain_reference(table: Table) -> None:
    recipients, total, base, keys = table
    result = allocate(recipients, total, keys, base_amount=base)
    assert result.amount_of() == reference_largest_remainder(recipients, total, base, keys)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=2**70),
    st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=40),
    st.integers(min_value=0, max_value=2**20),
    st.data(),
)
def test_coarse_sort_cut_is_exact(
    den: int, offsets: list[int], spread: int, data: st.DataObject
) -> None:
    """Remainders that agree in their top bits (coarse-key ties at the cut) are ordered exactly."""
    base_rem = data.draw(st.integers(min_value=0, max_value=den - 1))
    rems = [min(base_rem + o * spread, den - 1) for o in offsets]
    nums = [data.draw(st.integers(min_value=0, max_value=3)) for _ in rems]
    left = data.draw(st.integers(min_value=1, max_value=len(rems)))
    expected = sorted(range(len(rems)), key=lambda i: (rems[i], nums[i], -i), reverse=True)
    assert sorted(_largest_remainders(rems, nums, den, left)) == sorted(expected[:left])
