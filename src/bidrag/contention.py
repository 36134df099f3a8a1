"""Whether a database error means "someone else holds it": one definition for pages and API.

A lock wait that ran out, a deadlock or a serialization failure, on PostgreSQL (by SQLSTATE) or
SQLite (by message), also when another exception was raised because of one (the session
middleware turns a failed save into ``SessionInterrupted``). The faces turn it into a 409
refusal: :mod:`bidrag.web.contention` for pages, :mod:`bidrag.api.errors` for the API.
"""

from __future__ import annotations

from django.db import DatabaseError

CODE = "contention"
# SQLSTATEs of PostgreSQL's lock and serialization failures (Appendix A of its manual).
POSTGRES_STATES = frozenset(
    {
        "40001",  # serialization_failure
        "40P01",  # deadlock_detected
        "55P03",  # lock_not_available (lock_timeout, NOWAIT)
    }
)
SQLITE_MESSAGES = ("database is locked", "database table is locked", "database schema is locked")


def is_lock_error(exc: BaseException) -> bool:
    if not isinstance(exc, DatabaseError):
        return False
    if getattr(exc.__cause__, "sqlstate", None) in POSTGRES_STATES:
        return True
    return any(text in str(exc).lower() for text in SQLITE_MESSAGES)


def is_contention(exc: BaseException | None) -> bool:
    """True for a lock error, or an error raised because of one (followed five causes deep)."""
    for _depth in range(5):
        if exc is None:
            return False
        if is_lock_error(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
