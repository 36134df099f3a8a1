"""Forms of the user pages. They only read input; ``bidrag.accounts.services`` decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bidrag.accounts.roles import Role
from bidrag.recipients.models import Organisation

NO_ROLE = "-"


def role_choices() -> list[tuple[str, str]]:
    return [(role.value, str(role.label)) for role in Role]


class UserFilterForm(forms.Form):
    roll = forms.ChoiceField(label=_("Roll"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roll"].choices = [  # type: ignore[attr-defined]
            ("", str(_("Alla"))),
            *role_choices(),
            (NO_ROLE, str(_("Utan roll"))),
        ]


class CreateUserForm(forms.Form):
    username = forms.CharField(
        label=_("Användarnamn"),
        max_length=150,
        help_text=_("Bokstäver, siffror och @ . + - _ (t.ex. förnamn.efternamn)."),
        error_messages={"required": _("Användarnamn: måste fyllas i.")},
    )
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-postadress"),
        required=False,
        error_messages={"invalid": _("E-postadress: ange en giltig e-postadress.")},
    )


class GrantRoleForm(forms.Form):
    prefix = "grant"

    role = forms.ChoiceField(
        label=_("Roll"),
        error_messages={
            "required": _("Roll: välj en roll."),
            "invalid_choice": _("Roll: välj en roll i listan."),
        },
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        label=_("Organisation (för roller hos en mottagare)"),
        required=False,
        help_text=_(
            "Användare hos mottagare och behöriga företrädare arbetar för en organisation."
        ),
        error_messages={"invalid_choice": _("Organisation: välj en organisation i listan.")},
    )

    def __init__(self, *args: Any, held: frozenset[Role] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            ("", str(_("Välj roll"))),
            *((value, label) for value, label in role_choices() if Role(value) not in held),
        ]


class RoleForm(forms.Form):
    """Which role to revoke (a hidden field next to each role's button)."""

    role = forms.ChoiceField(choices=role_choices, widget=forms.HiddenInput)


class AddMembershipForm(forms.Form):
    prefix = "membership"

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"),
        label=_("Organisation"),
        error_messages={
            "required": _("Organisation: välj en organisation."),
            "invalid_choice": _("Organisation: välj en organisation i listan."),
        },
    )


class OrganisationForm(forms.Form):
    """Which membership to remove (a hidden field next to each organisation's button)."""

    # Bounded like the id column: a larger number would overflow the query, not just miss.
    organisation = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)


class ConfirmForm(forms.Form):
    """Deactivation: the administrator confirms."""

    prefix = "deactivate"

    confirm = forms.BooleanField(
        label=_("Jag vill inaktivera kontot. Användaren kan inte längre logga in."),
        error_messages={"required": _("Bekräfta att kontot ska inaktiveras.")},
    )
