import pytest
from django.contrib.auth.models import User

from bidrag.accounts.demo import create_demo_users
from bidrag.recipients.models import Organisation


@pytest.fixture
def stockholm(db: None) -> Organisation:
    return Organisation.objects.create(kind="region", name="Region Stockholm", county_code="01")


@pytest.fixture
def demo_users(stockholm: Organisation) -> dict[str, User]:
    create_demo_users(stockholm.pk)
    return {u.username: u for u in User.objects.all()}
