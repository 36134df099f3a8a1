"""Forms of the approval pages. They only read input; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from bidrag.recipients.approvals import LIMITS
from bidrag.recipients.models import AccountType, Organisation
from bidrag.web.approvals.messages import FIELD_LABELS

ACCOUNT_TYPES = [
    (AccountType.BANKGIRO.value, _("Bankgiro")),
    (AccountType.PLUSGIRO.value, _("Plusgiro")),
    ("", _("Inget konto")),
]


def limited(field: str, label: Any = None) -> dict[str, Any]:
    """``max_length`` and its message for a text field the service bounds (``LIMITS``), so
    that the form refuses an overlong text with the field's name before the service does."""
    label = label or FIELD_LABELS[field]
    return {
        "max_length": LIMITS[field],
        "error_messages": {
            "max_length": format_lazy(
                "{}: {}", label, _("får vara högst %(limit_value)s tecken (nu %(show_value)s).")
            )
        },
    }


class ProposeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=FIELD_LABELS["organisation"],
        error_messages={
            "required": _("Mottagare: välj en organisation."),
            "invalid_choice": _("Mottagare: välj en organisation i listan."),
        },
    )
    payee_name = forms.CharField(
        label=FIELD_LABELS["payee_name"],
        required=False,
        **limited("payee_name"),
        help_text=_("Namnet som det ska stå i betalningen."),
    )
    account_type = forms.ChoiceField(
        label=FIELD_LABELS["account_type"],
        choices=ACCOUNT_TYPES,
        required=False,
        error_messages={"invalid_choice": _("Kontotyp: välj bankgiro, plusgiro eller inget.")},
    )
    account_number = forms.CharField(
        label=FIELD_LABELS["account_number"],
        required=False,
        max_length=40,  # digits, spaces and hyphens of a Bankgiro or Plusgiro number
        help_text=_("Bankgiro: 7–8 siffror, t.ex. 5728-3905. Plusgiro: 2–8 siffror."),
    )
    payee_org_number = forms.CharField(
        label=FIELD_LABELS["payee_org_number"],
        required=False,
        max_length=40,
        help_text=_(
            "Den juridiska person som tar emot pengarna. Lämna tomt för att behålla den "
            "nuvarande (eller mottagaren själv)."
        ),
    )
    bank = forms.CharField(label=FIELD_LABELS["bank"], required=False, **limited("bank"))
    ocr = forms.CharField(
        label=FIELD_LABELS["ocr"],
        required=False,
        **limited("ocr"),
        help_text=_("Strukturerad referens med kontrollsiffra, högst 25 siffror."),
    )
    message = forms.CharField(
        label=FIELD_LABELS["message"],
        required=False,
        **limited("message"),
        help_text=_("Fritext till mottagaren, högst 140 tecken. Ange OCR eller meddelande."),
    )
    reason = forms.CharField(
        label=FIELD_LABELS["reason"],
        required=False,
        **limited("reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Varför uppgifterna ändras och vilket underlag som finns (t.ex. intyg från banken)."
        ),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Jag har kontrollerat de nya uppgifterna mot underlaget."),
        error_messages={"required": _("Bekräfta att du har kontrollerat uppgifterna.")},
    )
    note = forms.CharField(
        label=_("Kommentar (frivillig)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        **limited("note", _("Kommentar")),
    )


class RejectForm(forms.Form):
    decision_note = forms.CharField(
        label=_("Motivering till avslaget"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=LIMITS["decision_note"],
        error_messages={
            "required": _("Motivering: skriv varför förslaget avslås."),
            **limited("decision_note")["error_messages"],
        },
    )


class AuditFilterForm(forms.Form):
    event_type = forms.ChoiceField(label=_("Händelse"), required=False)
    object_type = forms.ChoiceField(label=_("Objekttyp"), required=False)
    actor = forms.CharField(label=_("Utförd av"), required=False, max_length=150)
    text = forms.CharField(
        label=_("Objekt eller kommentar innehåller"), required=False, max_length=300
    )
    date_from = forms.DateField(
        label=_("Från och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Från och med: ange ett datum som ÅÅÅÅ-MM-DD.")},
    )
    date_to = forms.DateField(
        label=_("Till och med"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Till och med: ange ett datum som ÅÅÅÅ-MM-DD.")},
    )

    def __init__(
        self,
        *args: Any,
        event_types: list[tuple[str, str]],
        object_types: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", str(_("Alla")))]
        self.fields["event_type"].choices = everything + event_types  # type: ignore[attr-defined]
        self.fields["object_type"].choices = everything + object_types  # type: ignore[attr-defined]
