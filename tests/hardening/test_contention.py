"""Contention: real concurrent requests against a live server process, on SQLite and PostgreSQL.

The server is ``bidrag runserver`` (threaded) in its own process, on the test database: on
PostgreSQL the test database itself (the data is committed: ``transactional_db``), on SQLite a
file copy of it (the test database lives in memory, which no other process sees). Requests
carry real session cookies and CSRF tokens.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse

from bidrag.accounts.testing import sign_in
from bidrag.recipients.approvals import propose_payment_details_change
from bidrag.recipients.models import Organisation, PaymentDetailsChange

ROUNDS = 6
REFUSED = "Ändringen är redan beslutad."
CONTENTION = "Någon annan arbetade med samma uppgifter i samma ögonblick"

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Answer:
    status: int
    body: str
    headers: dict[str, str]


class Browser:
    """One signed-in user's cookies against the live server (no redirects followed)."""

    def __init__(self, base: str, cookies: dict[str, str]) -> None:
        self.base = urllib.parse.urlsplit(base)
        self.cookies = dict(cookies)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        conn = http.client.HTTPConnection(self.base.hostname, self.base.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        conn.close()
        return Answer(response.status, text, {k.lower(): v for k, v in response.getheaders()})

    def csrf_token(self, path: str) -> str:
        page = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert match, f"no form on {path} ({page.status})"
        return match[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_url(tmp_path: Path) -> str:
    """The URL of the test database for another process (a file copy on SQLite)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = tmp_path / "live.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        connection.connection.backup(copy)  # type: ignore[union-attr]
        copy.close()
        return f"sqlite:///{target}"
    user = urllib.parse.quote(settings["USER"] or "")
    password = urllib.parse.quote(settings["PASSWORD"] or "")
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{auth}{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


@contextmanager
def live_server(url: str, lock_timeout: int) -> Iterator[str]:
    port = free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bidrag.settings.test",
        DATABASE_URL=url,
        BIDRAG_LOCK_TIMEOUT=str(lock_timeout),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bidrag", "runserver", "--noreload", "--skip-checks"]
        + [f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                Browser(base, {}).request("GET", reverse("accounts:login"))
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0].decode("utf-8", "replace")
        assert "Traceback" not in output, output[-4000:]


def session_cookies(user: User) -> dict[str, str]:
    client = Client()
    sign_in(client, user)
    return {"sessionid": client.cookies["sessionid"].value}


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` read from the live server's database."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
        return db.execute(sql).fetchall()  # type: ignore[arg-type]


@pytest.fixture
def pending(
    people: dict[str, User], new_region: Callable[[str], Organisation]
) -> Callable[[int], list[PaymentDetailsChange]]:
    """Makes ``n`` pending changes of payment details, each for a region of its own."""

    def make(n: int) -> list[PaymentDetailsChange]:
        return [
            propose_payment_details_change(
                people["handlaggare"],
                org,
                payee_name=org.name,
                account_type="bankgiro",
                account_number="5050-1055",
                reason="Nytt intyg från banken",
            )
            for org in (new_region(f"Region Prov {i}") for i in range(n))
        ]

    return make


def at_once(*calls: Callable[[], Answer]) -> list[Answer]:
    """Run ``calls`` in threads released together; their answers in order."""
    barrier = threading.Barrier(len(calls))
    answers: list[Answer | BaseException] = [RuntimeError("not run")] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            answers[i] = calls[i]()
        except BaseException as e:  # reported below, with the others
            answers[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for a in answers:
        if isinstance(a, BaseException):
            raise a
    return answers  # type: ignore[return-value]


def test_two_attesters_approving_at_the_same_moment_one_wins_the_other_is_refused(
    people: dict[str, User], pending: Callable[[int], list[PaymentDetailsChange]], tmp_path: Path
) -> None:
    changes = pending(ROUNDS)
    approvers = [
        session_cookies(people["attestant"]),
        session_cookies(people["attestant2"]),
    ]
    url = database_url(tmp_path)
    with live_server(url, lock_timeout=10) as base:
        for change in changes:
            path = reverse("approvals:change", args=[change.pk])
            browsers = [Browser(base, cookies) for cookies in approvers]
            tokens = [b.csrf_token(path) for b in browsers]
            approve = reverse("approvals:approve", args=[change.pk])
            answers = at_once(
                *(
                    lambda b=b, t=t, a=approve: b.request(
                        "POST", a, {"confirm": "on", "csrfmiddlewaretoken": t}
                    )
                    for b, t in zip(browsers, tokens, strict=True)
                )
            )
            statuses = sorted(a.status for a in answers)
            assert statuses == [302, 409], [(a.status, a.body[-600:]) for a in answers]
            refusal = next(a for a in answers if a.status == 409)
            assert REFUSED in refusal.body or CONTENTION in refusal.body
    ids = ",".join(str(c.pk) for c in changes)
    statuses = query(url, f"SELECT status FROM recipients_paymentdetailschange WHERE id IN ({ids})")
    assert [s for (s,) in statuses] == ["approved"] * ROUNDS
    approvals = query(
        url,
        "SELECT count(*) FROM audit_auditevent "
        "WHERE event_type = 'payment_details_change.approved'",
    )
    assert approvals == [(ROUNDS,)]


@contextmanager
def lock_held(url: str, table: str, row_id: str) -> Iterator[None]:
    """Hold a write lock on ``table``'s row (PostgreSQL) or the whole file (SQLite)."""
    if url.startswith("sqlite:///"):
        db = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            db.execute("ROLLBACK")
            db.close()
        return
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as db:
        db.execute(f"SELECT 1 FROM {table} WHERE {row_id} FOR UPDATE")  # type: ignore[arg-type]
        yield
        db.rollback()


def test_a_lock_that_is_not_released_in_time_is_a_refusal_on_the_page(
    people: dict[str, User], pending: Callable[[int], list[PaymentDetailsChange]], tmp_path: Path
) -> None:
    (change,) = pending(1)
    cookies = session_cookies(people["attestant"])
    url = database_url(tmp_path)
    with live_server(url, lock_timeout=1) as base:
        browser = Browser(base, cookies)
        token = browser.csrf_token(reverse("approvals:change", args=[change.pk]))
        with lock_held(url, "recipients_paymentdetailschange", f"id = {change.pk}"):
            answer = browser.request(
                "POST",
                reverse("approvals:approve", args=[change.pk]),
                {"confirm": "on", "csrfmiddlewaretoken": token},
            )
        assert answer.status == 409, answer.body[-2000:]
        assert CONTENTION in answer.body
        assert "no-store" in answer.headers["cache-control"]
        again = browser.request("GET", reverse("approvals:change", args=[change.pk]))
        assert again.status == 200 and "Väntar på godkännande" in again.body
    rows = query(url, f"SELECT status FROM recipients_paymentdetailschange WHERE id = {change.pk}")
    assert rows == [("pending",)]


def test_a_lock_that_is_not_released_in_time_is_a_json_409_under_the_api(
    people: dict[str, User], tmp_path: Path
) -> None:
    """Here the lock stops the session being saved after the view: handler500's path."""
    cookies = session_cookies(people["revisor"])
    url = database_url(tmp_path)
    with live_server(url, lock_timeout=1) as base:
        browser = Browser(base, cookies)
        with lock_held(url, "django_session", f"session_key = '{cookies['sessionid']}'"):
            answer = browser.request("GET", reverse("api-v1:openapi-json"))
        assert answer.status == 409, answer.body[-2000:]
        assert answer.headers["content-type"] == "application/json"
        body = json.loads(answer.body)
        assert body["code"] == "contention" and body["detail"].startswith(CONTENTION)
