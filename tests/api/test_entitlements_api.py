"""GET /api/v1/entitlements and /api/v1/payees with tokens: the figures of the money model."""

from __future__ import annotations

from django.test import Client

from bidrag.accounts.testing import bearer
from bidrag.agreements.models import AnnexRow, Entitlement

PSV = "2021-psv-payment-decision"
S2023 = "2023-S2023-00488-payment-decision"


def get(token: str, path: str) -> list[dict]:
    response = Client().get(path, headers=bearer(token))
    assert response.status_code == 200, response.content
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )
    return response.json()


def test_seeds_000_and_001_give_28_and_32_entitlements_equal_to_their_annex_rows(
    loaded: None, demo_tokens: dict[str, str]
) -> None:
    token = demo_tokens["handlaggare"]
    psv = get(token, f"/api/v1/entitlements?decision={PSV}")
    s2023 = get(token, f"/api/v1/entitlements?decision={S2023}")
    assert (len(psv), len(s2023)) == (28, 32)
    assert len(get(token, "/api/v1/entitlements")) == 60
    for row in psv + s2023:
        e = Entitlement.objects.get(pk=row["id"])
        printed = e.annex_row.amount if e.annex_row else e.line.amount
        assert row["amount"] == printed
        assert row["remaining"] == row["amount"] and row["paid"] == row["requested"] == 0
    stockholm = next(r for r in psv if r["recipient"]["name"] == "Region Stockholm")
    assert stockholm["amount"] == 49_472_318
    assert stockholm["line"] == "regions" and stockholm["mode"] == "without_requisition"
    assert stockholm["blockers"] == ["no-payment-details"] and stockholm["payee"] is None
    skr = next(r for r in psv if r["line"] == "skr")
    assert skr["requisition_deadline_effective"] == "2021-12-01"
    assert AnnexRow.objects.get(printed_name="Region Stockholm", annex__decision__document_id=PSV)


def test_a_recipient_user_sees_only_its_own_entitlements(
    loaded: None, demo_tokens: dict[str, str]
) -> None:
    rows = get(demo_tokens["mottagare"], "/api/v1/entitlements")
    assert {r["recipient"]["name"] for r in rows} == {"Region Stockholm"}
    assert len(rows) == 2  # the 2021 and the 2023 regions lines
    assert (
        Client().get("/api/v1/entitlements", headers=bearer(demo_tokens["sysadmin"])).status_code
        == 403
    )


def test_payees_carry_their_approved_details_as_ocr_or_message(
    loaded: None, demo_tokens: dict[str, str]
) -> None:
    payees = {p["org_number"]: p for p in get(demo_tokens["handlaggare"], "/api/v1/payees")}
    norra = payees["222000-1651"]
    (details,) = norra["payment_details"]
    assert details["recipient"]["name"] == "Norra samverkansregionen"
    assert (details["bankgiro"], details["plusgiro"]) == ("57283905", None)
    assert (details["ocr"], details["message"]) == (None, "0319200")
    varmland = payees["232100-0156"]["payment_details"][0]
    assert (varmland["plusgiro"], varmland["ocr"], varmland["message"]) == ("370205", None, None)
    # Region Stockholm (232100-0016) receives Stockholm-Gotland samverkansregion's money
    (sthlm,) = payees["232100-0016"]["payment_details"]
    assert sthlm["recipient"]["name"] == "Stockholm-Gotland samverkansregion"
    assert get(demo_tokens["mottagare"], "/api/v1/payees") == []
