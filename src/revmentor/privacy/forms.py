"""Forms for privacy settings, erasure requests and decisions, extracts and accessibility reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from revmentor.privacy.models import ErasureRequest, ProgramPrivacy
from revmentor.programs import queries as program_queries


class ProgramPrivacyForm(forms.ModelForm):
    class Meta:
        model = ProgramPrivacy
        fields = [
            "controller",
            "controller_contact",
            "dpo_name",
            "dpo_email",
            "dpo_phone",
            "not_nominated_months",
            "personal_data_months",
        ]


class ErasureRequestForm(forms.ModelForm):
    program = forms.ModelChoiceField(
        label=_("Program"),
        queryset=program_queries.public_programs().order_by("-period_start"),
        to_field_name="public_id",
        empty_label=_("Choose a program"),
        error_messages={"invalid_choice": _("Choose one of the programs in the list.")},
    )

    class Meta:
        model = ErasureRequest
        fields = ["program", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}


class ErasureDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve: anonymise the data")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent in the audit trail; for a refusal, say which rule requires keeping it."),
    )


class ExtractForPersonForm(forms.Form):
    email = forms.EmailField(
        label=_("The person's e-mail address"),
        max_length=254,
        help_text=_(
            "For a request that came by post or e-mail; the person must be in this program."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("html", _("Readable page")), ("json", _("JSON file"))],
        initial="html",
        widget=forms.RadioSelect,
    )


class AccessibilityReportForm(forms.Form):
    program = forms.ModelChoiceField(
        label=_("Program (if it concerns one)"),
        queryset=program_queries.public_programs().order_by("-period_start"),
        to_field_name="public_id",
        required=False,
        empty_label=_("No program in particular"),
        error_messages={"invalid_choice": _("Choose one of the programs in the list.")},
    )
    page = forms.CharField(
        label=_("Which page or function"), max_length=500, help_text=_("An address or a name.")
    )
    description = forms.CharField(
        label=_("What does not work?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        required=False,
        help_text=_("If you want an answer."),
    )
