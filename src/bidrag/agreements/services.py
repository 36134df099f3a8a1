"""The agreements app's entry points: verifying and loading decision files.

By concern: :mod:`~bidrag.agreements.verification` (read and check, no database),
:mod:`~bidrag.agreements.loading` (versions, permission, one transaction),
:mod:`~bidrag.agreements.writing` (documents in place, payees under four eyes, findings),
:mod:`~bidrag.agreements.registration` (entitlements and the ledger).
"""

from bidrag.agreements.loading import LoadPermissionError, load_files
from bidrag.agreements.verification import FileReport, verify_file, verify_files

__all__ = ["FileReport", "LoadPermissionError", "load_files", "verify_file", "verify_files"]
