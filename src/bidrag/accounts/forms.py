from django import forms
from django.contrib.auth.forms import AuthenticationForm
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
