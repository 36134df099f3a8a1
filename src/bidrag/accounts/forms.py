from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class PasswordForm(AuthenticationForm):
    """Step 1: username and password (django-axes counts the failures)."""

    error_messages = {
        "invalid_login": _("Fel användarnamn eller lösenord."),
        "inactive": _("Kontot är inte aktivt."),
    }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].label = _("Användarnamn")
        # AuthenticationForm sets max_length after the field is built, so nothing enforces it:
        # an overlong name reached django-axes, whose username column is 255 characters.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))  # type: ignore[attr-defined]
        self.fields["password"].label = _("Lösenord")
        # No autofocus: a keyboard user starts at the skip link, like on every other page.
        self.fields["username"].widget.attrs.pop("autofocus", None)


class CodeForm(forms.Form):
    """Step 2: the six-digit code from the user's authenticator app."""

    code = forms.CharField(
        label=_("Engångskod"),
        help_text=_("Sex siffror från din autentiseringsapp."),
        max_length=10,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "autofocus": True,
            }
        ),
    )
