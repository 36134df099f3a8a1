"""Decisions of the same family that the reader was not built from.

Three decisions written for these tests (tests/fixtures/reading/unseen_*), each as text (the
way an extractor gives it) and as a PDF made by WeasyPrint from the HTML beside it:

- a: lines as a bulleted list; municipalities per county via RSS; one appropriation list per
  recipient group with an amount per item; conditions in their own section; a tab-separated
  table whose title stands after it; signatories side by side.
- b: a numbered list; amounts in "miljoner kronor"; the date in words; an appropriation
  sentence in another order; "Regionerna och SKR … vid samma tidpunkt"; a space-aligned table
  with a base amount, a hand adjustment and spellings the register knows ("Region Örebro").
- c: sections per recipient group, an appropriation item per line, "2,5 miljoner kronor",
  recipient entries with payees as a dashed list, no totals row but a sentence; the budget year
  is not printed, so the draft must name it as missing.

Every line amount, appropriation item, deadline and annex row must be right, or null and named
under `missing:`; these three are read completely, which the test holds them to.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from reading_facts import FIXTURES, iso

from bidrag.agreements import decision_file as df
from bidrag.agreements.reading import read_path
from bidrag.agreements.reading.writer import to_yaml
from bidrag.agreements.services import verify_file

STEMS = ["unseen_a_kommuner_rss_2024", "unseen_b_ambulans_2024", "unseen_c_kunskapsstyrning_2024"]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from weasyprint import HTML

    folder = tmp_path_factory.mktemp("unseen")
    out = {}
    for stem in STEMS:
        target = folder / f"{stem}.pdf"
        HTML(filename=str(FIXTURES / f"{stem}.html")).write_pdf(str(target))
        out[stem] = target
    return out


def source(stem: str, form: str, pdfs: dict[str, Path]) -> Path:
    return pdfs[stem] if form == "pdf" else FIXTURES / f"{stem}.txt"


def expected(stem: str) -> dict[str, Any]:
    return yaml.safe_load((FIXTURES / f"{stem}.expected.yaml").read_text(encoding="utf-8"))


def right_or_missing(got: Any, want: Any, field: str, missing: list[str]) -> None:
    if got is None and want is not None:
        assert any(m.startswith(field) for m in missing), f"{field}: null without a missing entry"
        pytest.fail(f"{field}: named as missing, but the document prints {want!r}")
    assert iso(got) == iso(want), field


@pytest.mark.parametrize("form", ["text", "pdf"])
@pytest.mark.parametrize("stem", STEMS)
def test_unseen_decision_is_read(
    stem: str, form: str, pdfs: dict[str, Path], tmp_path: Path
) -> None:
    draft = read_path(source(stem, form, pdfs))
    want = expected(stem)
    data = draft.data
    missing = [f"{f}: {t}" for f, t in draft.missing]
    for field in ("title", "diarienummer", "total", "budget_year"):
        if field in want.get("missing", []):
            assert data[field] is None and any(m.startswith(field) for m in missing)
        else:
            right_or_missing(data[field], want[field], field, missing)
    right_or_missing(data["date"], dt.date.fromisoformat(want["date"]), "date", missing)
    for key, value in want["agreement"].items():
        assert iso(data["agreement"].get(key)) == value, key

    assert len(data["lines"]) == len(want["lines"])
    for i, (line, w) in enumerate(zip(data["lines"], want["lines"], strict=True)):
        for key, value in w.items():
            if key == "item":
                item = data["appropriation_items"].get(line["appropriation_item"] or "")
                right_or_missing(
                    item and item["item"], value, f"lines[{i}].appropriation_item", missing
                )
                assert item is not None and item["item_name"] == want["items"][value]
                assert (item["expenditure_area"], item["appropriation"]) == (9, "1:6")
            else:
                right_or_missing(line.get(key), value, f"lines[{i}].{key}", missing)

    assert len(data["annexes"]) == len(want["annexes"])
    for annex, w in zip(data["annexes"], want["annexes"], strict=True):
        assert annex["number"] == w["number"]
        assert annex["title"] == w["title"]
        assert annex["recipients"] == w["recipients"]
        assert [c["line"] for c in annex["columns"]] == [data["lines"][w["line"]]["id"]]
        assert annex["rows"] == w["rows"]
        if "total_row" in w:
            assert annex["total_row"]["printed"] == w["total_row"]
        else:
            assert annex["total_text"] == w["total_text"]
    assert data["signatories"] == want["signatories"]
    assert data["copy_to"] == want["copy_to"]
    assert [(s["groups"], s["amount"]) for s in data.get("stated_totals", [])] == [
        (s["groups"], s["amount"]) for s in want["stated_totals"]
    ]

    # the draft goes through verify like a hand-written file
    target = tmp_path / "draft.yaml"
    target.write_text(to_yaml(draft), encoding="utf-8")
    report = verify_file(str(target))
    if want.get("missing"):
        assert report.read_errors  # a null budget year cannot load: a person fills it in
    else:
        assert not report.read_errors, report.read_errors
        fatal = [p for p in report.problems if p.fatal]
        assert not fatal, [p.message for p in fatal]


def test_unseen_b_findings_are_the_documents_own(tmp_path: Path) -> None:
    """What verify finds in b are the printed spellings, for a person to acknowledge."""
    target = tmp_path / "b.yaml"
    target.write_text(to_yaml(read_path(FIXTURES / "unseen_b_ambulans_2024.txt")), encoding="utf-8")
    report = verify_file(str(target))
    assert sorted((p.code, p.where) for p in report.problems) == [
        ("name-as-printed", "bilaga 1, rad 12 'Västragötalandsregionen'"),
        ("name-as-printed", "bilaga 1, rad 14 'Region Örebro'"),
    ]
    parsed = df.read_file(target).document
    assert isinstance(parsed, df.PaymentDecisionIn)
    model = parsed.annexes[0].columns[0].model
    assert model is not None and model.base_amount == 500_000
