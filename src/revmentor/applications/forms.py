"""Forms of the application flow: eligibility, the application, HR's decisions, e-mail texts."""

import re
import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from revmentor.applications.models import (
    APPLICANT_FIELDS,
    FREE_TEXT_MAX,
    Application,
    Availability,
    EmailTemplate,
    EmploymentType,
    Language,
    PreferredFormat,
    birth_year_bounds,
    eligibility_problem,
)
from revmentor.programs.models import Organisation, Profile, Program, Topic

PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,24}$")
# Needed to send; a draft may leave them empty.
REQUIRED_TO_SUBMIT = [
    "full_name",
    "email",
    "phone",
    "organisation",
    "unit",
    "job_title",
    "birth_year",
    "employment_type",
    "profile_kind",
    "manager_name",
    "manager_email",
    "preferred_format",
    "city",
    "languages",
    "availability",
    "discussed_with_manager",
    "privacy_acknowledged",
]


class BirthYearField(forms.IntegerField):
    def __init__(self, **kwargs):
        low, high = birth_year_bounds()
        super().__init__(
            label=_("Birth year"),
            min_value=low,
            max_value=high,
            help_text=_(
                "Used only for the profiles' age rule and the generation rule when pairs are "
                "matched."
            ),
            error_messages={
                "min_value": _("Give a birth year from %(low)s to %(high)s.")
                % {"low": low, "high": high},
                "max_value": _("Give a birth year from %(low)s to %(high)s.")
                % {"low": low, "high": high},
                "invalid": _("Give the birth year as four digits, for example 1995."),
            },
            widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
            **kwargs,
        )


class EligibilityForm(forms.Form):
    """The first step: may this person apply at all, and for which profile?"""

    employment_type = forms.ChoiceField(
        label=_("Employment"), choices=EmploymentType.choices, widget=forms.RadioSelect
    )
    profile_kind = forms.ChoiceField(
        label=_("I apply as"), choices=Profile.Kind.choices, widget=forms.RadioSelect
    )
    birth_year = BirthYearField()

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.ineligible_reason = ""
        self.ineligible_message = ""

    def clean(self):
        cleaned = super().clean()
        problem = eligibility_problem(
            program=self.program,
            employment_type=cleaned.get("employment_type", ""),
            profile_kind=cleaned.get("profile_kind", ""),
            birth_year=cleaned.get("birth_year"),
        )
        if problem is not None:
            field, message = problem
            self.ineligible_reason = field
            if field == "employment_type":
                # The page explains it once above the form; the field only points there.
                self.ineligible_message = message
                message = _("With this answer you cannot apply this time (see above).")
            self.add_error(field, message)
        return cleaned


class ApplicationForm(forms.ModelForm):
    """The application itself; ``submitting`` makes the fields needed to send it required."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Only the organisations taking part in the program are listed."),
    )
    birth_year = BirthYearField(required=False)
    employment_type = forms.ChoiceField(
        label=_("Employment"),
        choices=EmploymentType.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    profile_kind = forms.ChoiceField(
        label=_("I apply as"),
        choices=Profile.Kind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("What I want to share (as mentor) or learn (as adept)"),
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    topics_text = forms.CharField(
        label=_("In my own words"),
        max_length=FREE_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("At most 2,000 characters."),
    )
    preferred_format = forms.ChoiceField(
        label=_("Preferred meeting format"),
        choices=PreferredFormat.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I can hold the meetings in"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    availability = forms.MultipleChoiceField(
        label=_("When I can meet"),
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=FREE_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example hearing loop, step-free access, or captions. Optional."),
    )
    discussed_with_manager = forms.BooleanField(
        label=_("I have discussed my application with my manager"), required=False
    )
    privacy_acknowledged = forms.BooleanField(
        label=_(
            "I have read the privacy information: what is stored, why, for how long and who sees it"
        ),
        required=False,
    )

    submission_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    # The topics are a declared field, not a model one: a posted form does not read the
    # application's current topics (the service sets them); the page keeps the model's order.
    field_order = APPLICANT_FIELDS

    class Meta:
        model = Application
        fields = [name for name in APPLICANT_FIELDS if name != "topics"]
        labels = {
            "full_name": _("Name"),
            "email": _("Work e-mail address"),
            "phone": _("Phone"),
            "unit": _("Unit"),
            "job_title": _("Job title"),
            "manager_name": _("Manager's name"),
            "manager_email": _("Manager's work e-mail address"),
            "city": _("City where I work"),
        }
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
        }

    def __init__(self, *args, program: Program, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.submitting = submitting
        if not self.is_bound:
            # A fresh token per rendered form: a second POST of the same form is recognised.
            self.initial["submission_token"] = uuid.uuid4()
        self.fields["organisation"].queryset = Organisation.objects.filter(
            participations__program=program
        ).order_by("name")
        self.fields["topics"].queryset = program.topics.all()
        if self.instance.pk and not self.is_bound:
            self.initial["topics"] = [t.pk for t in self.instance.topics.all()]
        for name in REQUIRED_TO_SUBMIT:
            if name in self.fields:
                # Marked "(required)" from the start, though a draft may leave them empty.
                self.fields[name].needed_to_send = True  # type: ignore[attr-defined]
                if submitting:
                    self.fields[name].required = True
        self.fields["discussed_with_manager"].error_messages["required"] = _(
            "Talk to your manager before you send the application."
        )
        self.fields["privacy_acknowledged"].error_messages["required"] = _(
            "Read the privacy information and tick the box."
        )

    def _get_validation_exclusions(self):
        # The organisation field already checked the choice against the program's organisations.
        exclusions = super()._get_validation_exclusions()
        exclusions.add("organisation")
        return exclusions

    def clean_phone(self):
        phone = " ".join(self.cleaned_data.get("phone", "").split())
        if phone and (not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 6):
            raise forms.ValidationError(
                _("Give a phone number with digits only, for example 070-123 45 67.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        manager = (cleaned.get("manager_email") or "").strip().lower()
        own = {(cleaned.get("email") or "").strip().lower()}
        if self.instance.applicant_id:
            own.add(self.instance.applicant.email.lower())
        if manager and manager in own:
            self.add_error(
                "manager_email",
                _(
                    "Give your manager's address, not your own: your manager confirms the application."
                ),
            )
        if self.submitting and not (cleaned.get("topics") or cleaned.get("topics_text")):
            self.add_error(
                "topics", _("Choose at least one topic or describe it in your own words.")
            )
        problem = eligibility_problem(
            program=self.program,
            employment_type=cleaned.get("employment_type", ""),
            profile_kind=cleaned.get("profile_kind", ""),
            birth_year=cleaned.get("birth_year"),
        )
        if problem is not None and problem[0] not in self.errors:
            self.add_error(problem[0], problem[1])
        return cleaned

    def to_application(self) -> Application:
        """The application with the form's values, unsaved: the service writes it."""
        # The model keeps lists in JSON fields; the topics are set by the service.
        application = super().save(commit=False)
        application.languages = list(self.cleaned_data.get("languages") or [])
        application.availability = list(self.cleaned_data.get("availability") or [])
        return application


class LateRegistrationForm(ApplicationForm):
    """HR registers an applicant after the deadline; the reason is kept with the application."""

    reason = forms.CharField(
        label=_("Reason for the late registration"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the application and in the audit log."),
    )

    class Meta(ApplicationForm.Meta):
        fields = [
            f
            for f in ApplicationForm.Meta.fields
            if f not in ("discussed_with_manager", "privacy_acknowledged")
        ]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, submitting=True, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["email"].help_text = _(
            "The applicant signs in with this address to follow the application."
        )

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if (
            email
            and Application.objects.filter(
                program=self.program, applicant__email__iexact=email
            ).exists()
        ):
            raise forms.ValidationError(_("This person already has an application to the program."))
        return email


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Application.Status.NOMINATED.value, _("Nominate")),
            (Application.Status.WAITLISTED.value, _("Waiting list")),
            (Application.Status.DECLINED.value, _("Do not nominate")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (optional, sent to the applicant)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BulkDecisionForm(DecisionForm):
    applications = forms.MultipleChoiceField(
        label=_("Applications"), choices=[], widget=forms.MultipleHiddenInput
    )

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].choices = choices
        self.fields["applications"].error_messages["required"] = _("Tick at least one application.")


class FilterForm(forms.Form):
    profile = forms.ChoiceField(
        label=_("Profile"), choices=[("", _("All"))] + list(Profile.Kind.choices), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All"))]
        + [c for c in Application.Status.choices if c[0] != Application.Status.DRAFT],
        required=False,
    )
    manager = forms.ChoiceField(
        label=_("Manager"),
        choices=[("", _("All"))] + list(Application.ManagerAnswer.choices),
        required=False,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("name", _("Name")),
            ("-submitted", _("Newest first")),
            ("submitted", _("Oldest first")),
            ("profile", _("Profile")),
            ("status", _("Status")),
            ("manager", _("Manager's answer")),
            ("organisation", _("Organisation")),
        ],
        required=False,
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"] = forms.ChoiceField(
                label=_("Organisation"),
                choices=[("", _("All"))] + [(str(o.pk), o.name) for o in organisations],
                required=False,
            )

    def filters(self) -> dict[str, str]:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class ManagerAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("confirmed", _("Confirm")), ("declined", _("Decline"))],
        error_messages={"required": _("Choose confirm or decline.")},
    )


class EmailTemplateForm(forms.ModelForm):
    class Meta:
        model = EmailTemplate
        fields = ["subject", "body"]
        labels = {"subject": _("Subject"), "body": _("Text")}
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File with applications"),
        help_text=_(
            "An Excel (.xlsx) or CSV (.csv) file with the template's columns, at most 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
