"""Shared form rendering (label, help and errors tied to each field) and the sign-in forms."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

# Django 6.1's label for an empty choice; its own Swedish catalogue has no translation yet,
# so ours (in core's catalogue) supplies it.
BLANK_CHOICE_LABEL = _("- Select an option -")


class FormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    formset_template_name = "core/forms/formset.html"


class SignInEmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Work e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SignInCodeForm(forms.Form):
    email = forms.EmailField(widget=forms.HiddenInput, required=False)
    code = forms.RegexField(
        label=_("Code from the e-mail"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits from the e-mail.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "8"}
        ),
    )


class PasswordSignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Work e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=200,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TOTPForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits from the app.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "8"}
        ),
    )


class AuditSearchForm(forms.Form):
    action = forms.ChoiceField(label=_("What"), required=False)
    person = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=254,
        help_text=_("Part of the e-mail address of the person who acted."),
    )
    start = forms.DateField(
        label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, actions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Every action"))] + [(a, a) for a in actions]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end date cannot be before the start date."))
        return data
