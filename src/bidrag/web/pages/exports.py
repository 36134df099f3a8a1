"""``?format=csv`` / ``?format=xlsx``: a page's tables as a download.

A list page passes a :class:`~bidrag.web.pages.table_query.TableQuery`: the page, its export and
its htmx update (``HX-Request``: only the table region) then show the same rows in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify

from bidrag.documents.csv_writer import csv_bytes
from bidrag.documents.tables import Table
from bidrag.documents.xlsx import write_xlsx

if TYPE_CHECKING:
    from bidrag.web.pages.table_query import TableQuery

REGION_TEMPLATE = "web/pages/_table_update.html"

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export(tables: Sequence[Table], fmt: str, name: str) -> HttpResponse:
    stem = slugify(name) or "export"
    if fmt == "csv":
        return download(csv_bytes(*tables), CSV, f"{stem}.csv")
    return download(write_xlsx(tables), XLSX, f"{stem}.xlsx")


def is_htmx_update(request: HttpRequest) -> bool:
    """An htmx request for part of the page (not htmx restoring a page missing from its history)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    tables: Sequence[Table],
    name: str,
    query: TableQuery | None = None,
) -> HttpResponse:
    """The page, or its tables when ``?format=`` asks for csv or xlsx.

    With ``query``, the tables are sorted and filtered as it asks, and an htmx request gets only
    the table region (with the row count for the live region).
    """
    if query is not None:
        tables = query.apply(tables)
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return export(tables, fmt, name)
    full = {**context, "tables": tables, "export_formats": FORMATS, "listing": query}
    if query is None:
        return render(request, template, full)
    full["export_query"] = query.querystring
    if is_htmx_update(request):
        response = render(request, REGION_TEMPLATE, full)
    else:
        response = render(request, template, full)
    patch_vary_headers(response, ["HX-Request"])
    return response
