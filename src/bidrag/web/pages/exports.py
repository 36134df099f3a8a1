"""``?format=csv`` / ``?format=xlsx``: a page's tables as a download."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from bidrag.documents.csv_writer import csv_bytes
from bidrag.documents.tables import Table
from bidrag.documents.xlsx import write_xlsx

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


def page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    tables: Sequence[Table],
    name: str,
) -> HttpResponse:
    """The page, or its tables when ``?format=`` asks for csv or xlsx."""
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return export(tables, fmt, name)
    return render(request, template, {**context, "tables": tables, "export_formats": FORMATS})
