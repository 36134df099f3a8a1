"""Messages by code: every refusal of the core and every finding has a code, and every code a
Swedish and an English wording with the same fields, so no message is lost or half translated."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from django.utils import translation

from bidrag.agreements.checks import catalogue as findings
from bidrag.agreements.checks.places import SEGMENTS
from bidrag.core.errors import DomainError, IdentifierError
from bidrag.core.identifiers import parse_bankgiro
from bidrag.core.money import check_amount
from bidrag.messages import catalogue, msgids, render_error
from bidrag.messages.formatting import LABELS

CORE = Path(__file__).resolve().parents[2] / "src" / "bidrag" / "core"
ERRORS = {"DomainError", "MoneyError", "IdentifierError", "AllocationError", "RegisterError"}
ERRORS |= {"TableError"}


def core_codes() -> dict[str, list[str]]:
    """Every code a refusal in ``bidrag.core`` carries, with where it is raised."""
    codes: dict[str, list[str]] = {}
    for path in sorted(CORE.glob("*.py")):
        if path.name == "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") in ERRORS):
                continue
            place = f"{path.name}:{node.lineno}"
            code = next((k.value for k in node.keywords if k.arg == "code"), None)
            assert code is not None, f"{place}: a refusal without a code"
            options = [code.body, code.orelse] if isinstance(code, ast.IfExp) else [code]
            literals = [n.value for n in options if isinstance(n, ast.Constant)]
            assert len(literals) == len(options), (
                f"{place}: a code is a literal (or a choice of two)"
            )
            for value in literals:
                codes.setdefault(value, []).append(place)
    return codes


def fields(template: str) -> set[str]:
    return {f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(template) if name}


def every_msgid() -> list[str]:
    out = [m for wording in catalogue().values() for m in msgids(wording)]
    out += [text for pair in SEGMENTS.values() for text in pair]
    out += list(LABELS.values()) + list(findings.DEADLINES.values()) + [findings.MORE_ROWS]
    return sorted(set(out))


def test_every_refusal_of_the_core_carries_a_code_and_each_code_has_a_wording() -> None:
    codes = core_codes()
    assert len(codes) > 90
    missing = {code: places for code, places in codes.items() if code not in catalogue()}
    assert missing == {}


def test_every_finding_kind_is_in_the_catalogue_by_its_key() -> None:
    keys = [k.key for k in findings.KINDS]
    assert len(keys) == len(set(keys))
    for kind in findings.KINDS:
        assert catalogue()[kind.key] == kind.wording
    # an acknowledgeable finding is found by its code alone (what a stored Finding keeps)
    for kind in findings.KINDS:
        if not kind.fatal:
            assert kind.key == kind.code


@pytest.mark.parametrize("msgid", every_msgid())
def test_every_wording_is_swedish_with_an_english_translation_of_the_same_fields(
    msgid: str,
) -> None:
    with translation.override("en"):
        assert msgid in translation.trans_real.translation("en")._catalog, "no English"
        english = translation.gettext(msgid)
    assert fields(english) == fields(msgid)
    words = re.sub(r"\{[^}]*\}", "", msgid)
    if re.search(r"[åäö]", words):
        assert english != msgid


def test_a_core_refusal_is_said_in_the_readers_language_and_logged_in_english() -> None:
    with pytest.raises(IdentifierError) as info:
        parse_bankgiro("5728-3906", "account_number")
    error = info.value
    assert str(error) == "account_number: check digit is 6, expected 5"
    with translation.override("sv"):
        assert render_error(error) == (
            "kontrollsiffran stämmer inte (sista siffran är 6, den ska vara 5)"
        )
    with translation.override("en"):
        assert render_error(error, with_field=True) == (
            "account_number: the check digit is wrong (the last digit is 6, it should be 5)"
        )


def test_a_reworded_reason_keeps_its_translation() -> None:
    """The wording follows the code, not the English reason written for the log."""
    with pytest.raises(DomainError) as info:
        check_amount(-5, "amount")
    error = info.value
    error.reason = "a negative amount (reworded for the log)"
    with translation.override("en"):
        assert render_error(error) == "must not be negative (is −5 kr)"


def test_an_error_without_a_code_keeps_its_own_text() -> None:
    error = DomainError("field", "something the core never says")
    with translation.override("en"):
        assert render_error(error) == "something the core never says"
