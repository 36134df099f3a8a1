"""Forms of the approval pages. They only read input; the services validate and decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bidrag.recipients.models import AccountType, Organisation
from bidrag.web.approvals.messages import FIELD_LABELS

ACCOUNT_TYPES = [
    (AccountType.BANKGIRO.value, _("Bankgiro")),
    (AccountType.PLUSGIRO.value, _("Plusgiro")),
    ("", _("Inget konto")),
]


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
        help_text=_("Bankgiro: 7–8 siffror, t.ex. 5728-3905. Plusgiro: 2–8 siffror."),
    )
    payee_org_number = forms.CharField(
        label=FIELD_LABELS["payee_org_number"],
        required=False,
        help_text=_(
            "Den juridiska person som tar emot pengarna. Lämna tomt för att behålla den "
            "nuvarande (eller mottagaren själv)."
        ),
    )
    bank = forms.CharField(label=FIELD_LABELS["bank"], required=False)
    ocr = forms.CharField(
        label=FIELD_LABELS["ocr"],
        required=False,
        help_text=_("Strukturerad referens med kontrollsiffra, högst 25 siffror."),
    )
    message = forms.CharField(
        label=FIELD_LABELS["message"],
        required=False,
        help_text=_("Fritext till mottagaren, högst 140 tecken. Ange OCR eller meddelande."),
    )
    reason = forms.CharField(
        label=FIELD_LABELS["reason"],
        required=False,
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
        label=_("Kommentar (frivillig)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RejectForm(forms.Form):
    decision_note = forms.CharField(
        label=_("Motivering till avslaget"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Motivering: skriv varför förslaget avslås.")},
    )


class AuditFilterForm(forms.Form):
    event_type = forms.ChoiceField(label=_("Händelse"), required=False)
    object_type = forms.ChoiceField(label=_("Objekttyp"), required=False)
    actor = forms.CharField(label=_("Utförd av"), required=False)
    text = forms.CharField(label=_("Objekt eller kommentar innehåller"), required=False)
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
