import pytest
from django.contrib.auth.models import User

from bidrag.accounts.demo import create_demo_users
from bidrag.recipients.models import Organisation


@pytest.fixture
def demo_users(db: None) -> dict[str, User]:
    stockholm = Organisation.objects.create(
        kind="region", name="Region Stockholm", county_code="01", org_number="232100-0016"
    )
    create_demo_users(stockholm.pk)
    return {u.username: u for u in User.objects.all()}
