"""`bidrag read FILE --output DRAFT.yaml`: what it writes, what it reports, what it refuses."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from reading_facts import FIXTURES, raw

SEED_001 = FIXTURES / "001_01be34344d5dc148.txt"


def run(*args: str) -> str:
    out = StringIO()
    call_command("read", *args, stdout=out)
    return out.getvalue()


def test_writes_the_draft_and_reports_what_is_missing_and_who_settles_the_findings(
    tmp_path: Path,
) -> None:
    target = tmp_path / "draft.yaml"
    report = run(str(SEED_001), "--output", str(target))
    data = raw(target)
    assert data["kind"] == "payment_decision" and data["diarienummer"] == "S2023/00488"
    assert len(data["lines"]) == 7
    # what the text does not give is null, and the report says where the line stands
    assert data["lines"][5]["report_deadline"] is None
    assert "saknas lines[5].report_deadline" in report and "sida 1, rad 34" in report
    # verify ran on the draft; the findings say that a person must explain them
    assert "name-as-printed" in report and "model-unknown" in report
    assert "en person kvitterar den under acknowledged: med en förklaring" in report


def test_refuses_to_overwrite_a_file(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    target.write_text("# a person's work\n", encoding="utf-8")
    with pytest.raises(CommandError, match="finns redan"):
        run(str(SEED_001), "--output", str(target))
    assert target.read_text(encoding="utf-8") == "# a person's work\n"
    run(str(SEED_001), "--output", str(target), "--force", "--no-verify")
    assert raw(target)["kind"] == "payment_decision"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "ingen text"),
        (b"%PDF-1.4\nnot really a pdf", "PDF-filen kan inte läsas"),
        (b"\xff\xfe\x00\x00\x81\x8d", "ingen text|varken PDF"),
    ],
)
def test_refuses_what_is_not_a_decision_and_writes_nothing(
    tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "input"
    source.write_bytes(content)
    target = tmp_path / "draft.yaml"
    with pytest.raises(CommandError, match=message):
        run(str(source), "--output", str(target))
    assert not target.exists()


def test_refuses_a_missing_file_or_folder(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="kan inte läsas"):
        run(str(tmp_path / "nothing.pdf"), "--output", str(tmp_path / "d.yaml"))
    with pytest.raises(CommandError, match="finns inte"):
        run(str(SEED_001), "--output", str(tmp_path / "no" / "such" / "d.yaml"))


def test_a_text_without_a_decision_is_named_missing_not_invented(tmp_path: Path) -> None:
    source = tmp_path / "letter.txt"
    source.write_text(
        "Socialdepartementet\n\nInbjudan till dialogmöte\n\nVälkommen till ett möte om vården.\n",
        encoding="utf-8",
    )
    target = tmp_path / "draft.yaml"
    report = run(str(source), "--output", str(target))
    data = raw(target)
    assert data["lines"] == [] and data["total"] is None
    assert any(m.startswith("lines:") for m in data["missing"])
    assert "utkastet läses inte in" in report
