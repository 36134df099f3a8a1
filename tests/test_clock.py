"""One clock: the business date comes from bidrag.clock; BIDRAG_TODAY sets it outside
production, and the production settings refuse it."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from bidrag import clock

ROOT = Path(__file__).resolve().parents[1]


def test_today_is_the_local_date_unless_fixed(settings) -> None:  # type: ignore[no-untyped-def]
    settings.BIDRAG_TODAY = None
    assert clock.today() == timezone.localdate() and not clock.is_fixed()
    settings.BIDRAG_TODAY = dt.date(2021, 3, 1)
    assert clock.today() == dt.date(2021, 3, 1) and clock.is_fixed()


def test_the_variable_is_read_as_a_date_or_refused_by_name() -> None:
    assert clock.parse_today("2023-12-01") == dt.date(2023, 12, 1)
    assert clock.parse_today("  ") is None
    with pytest.raises(ValueError, match="BIDRAG_TODAY"):
        clock.parse_today("1 december")


def _run(settings_module: str, today: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE=settings_module,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        DJANGO_ALLOWED_HOSTS="bidrag.example",
        # parsed, never connected to (production refuses SQLite)
        DATABASE_URL="postgres://bidrag@127.0.0.1:5432/bidrag_clock_check",
        BIDRAG_TODAY=today,
    )
    code = "import django; django.setup(); from bidrag import clock; print(clock.today())"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_bidrag_today_sets_the_date_in_dev_and_is_refused_in_production() -> None:
    dev = _run("bidrag.settings.dev", "2021-03-01")
    assert dev.returncode == 0 and dev.stdout.strip() == "2021-03-01", dev.stderr
    prod = _run("bidrag.settings.production", "2021-03-01")
    assert prod.returncode != 0
    assert "BIDRAG_TODAY" in prod.stderr and "ImproperlyConfigured" in prod.stderr


def test_no_service_reads_the_system_date_itself() -> None:
    src = ROOT / "src" / "bidrag"
    offenders = []
    for path in src.rglob("*.py"):
        if path.name == "clock.py" or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "date.today()" in text or "localdate()" in text:
            offenders.append(str(path.relative_to(src)))
    assert offenders == [], offenders
