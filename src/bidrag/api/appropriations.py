"""Anslagsposter with their ledger balances (computed by bidrag.ledger). Officials only."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from bidrag.api.access import require_all_organisations
from bidrag.api.schemas import AppropriationItemOut, BalancesOut
from bidrag.ledger.models import AppropriationItem
from bidrag.ledger.services import Balances, balance_sheet, balances

router = Router(tags=["anslag"])


def item_out(item: AppropriationItem, b: Balances) -> AppropriationItemOut:
    a = item.appropriation
    return AppropriationItemOut(
        id=item.pk,
        budget_year=a.budget_year,
        expenditure_area=a.expenditure_area.number,
        appropriation=a.code,
        appropriation_name=a.name,
        number=item.number,
        name=item.name,
        balances=BalancesOut(**b.kronor()),
        balances_ore=BalancesOut(**b.__dict__),
    )


@router.get("/appropriation-items", response=list[AppropriationItemOut], summary="Anslagsposter")
def item_list(request: HttpRequest, budget_year: int | None = None) -> list[AppropriationItemOut]:
    require_all_organisations(request)
    years = (
        [budget_year]
        if budget_year is not None
        else AppropriationItem.objects.values_list("appropriation__budget_year", flat=True)
        .distinct()
        .order_by("appropriation__budget_year")
    )
    return [item_out(item, b) for year in years for item, b in balance_sheet(year)]


@router.get("/appropriation-items/{int:pk}", response=AppropriationItemOut, summary="Anslagspost")
def item_detail(request: HttpRequest, pk: int) -> AppropriationItemOut:
    require_all_organisations(request)
    item = get_object_or_404(
        AppropriationItem.objects.select_related("appropriation__expenditure_area"), pk=pk
    )
    return item_out(item, balances(item))
