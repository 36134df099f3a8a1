"""`bidrag decisions` on an empty database (no module-wide load in this file)."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_decisions_says_how_to_load_when_nothing_is_loaded() -> None:
    out, err = StringIO(), StringIO()
    call_command("decisions", stdout=out, stderr=err)
    assert out.getvalue() == ""
    assert "bidrag load" in err.getvalue()
