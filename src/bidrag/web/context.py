from typing import Any

from django.http import HttpRequest

from bidrag.accounts.roles import Role
from bidrag.accounts.scoping import roles_of
from bidrag.web.navigation import items_for


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the base template needs on every page: the navigation and the user's roles."""
    user = getattr(request, "user", None)
    return {
        "nav_links": items_for(user, request.path),
        "user_role_labels": [role.label for role in Role if role in roles_of(user)],
    }
