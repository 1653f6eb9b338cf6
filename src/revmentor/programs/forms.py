"""Forms of the coordinator workspace."""

from email.utils import parseaddr

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revmentor.core.models import Role
from revmentor.programs.models import (
    ContactPerson,
    JointMeeting,
    Organisation,
    Participation,
    Profile,
    Program,
    Topic,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


ENGLISH_HELP = _("Optional. Where it is empty, English pages show the Swedish text.")


class EnglishVersionsMixin:
    """Each ``*_en`` field is the optional English version of the field before it."""

    def _explain_english_fields(self) -> None:
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if name.endswith("_en"):
                field.help_text = ENGLISH_HELP


DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


class ProgramForm(EnglishVersionsMixin, forms.ModelForm):
    application_deadline = forms.DateTimeField(
        label=_("Application deadline"),
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        help_text=_(
            "Swedish time. To move the deadline of an opened program, use “Move the deadline”."
        ),
    )

    class Meta:
        model = Program
        fields = [
            "title",
            "title_en",
            "slug",
            "description",
            "description_en",
            "purpose",
            "purpose_en",
            "setup",
            "setup_en",
            "period_start",
            "period_end",
            "application_deadline",
            "how_to_apply",
            "how_to_apply_en",
            "cost_per_participant",
            "travel_costs_note",
            "travel_costs_note_en",
            "expected_effort_hours",
            "meeting_format",
            "manager_confirmation_required",
            "goal_guidance",
            "goal_guidance_en",
        ]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._explain_english_fields()
        # Once applicants have seen the deadline it only moves through the recorded change.
        if self.instance.pk and self.instance.status != Program.Status.DRAFT:
            self.fields["application_deadline"].disabled = True


class DeadlineForm(forms.Form):
    new_deadline = forms.DateTimeField(
        label=_("New deadline"),
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        help_text=_("Swedish time."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public page and in the e-mail to applicants."),
    )
    reason_en = forms.CharField(
        label=_("Reason in English"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=ENGLISH_HELP,
    )

    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program

    @property
    def warnings(self) -> list[str]:
        """What the coordinator must confirm before the move: a past or an earlier deadline."""
        value = self.cleaned_data.get("new_deadline")
        if value is None:
            return []
        found = []
        if value <= timezone.now():
            found.append(
                _(
                    "The new deadline has already passed: the program stops accepting "
                    "applications at once, and unsent drafts can no longer be sent."
                )
            )
        if value < self.program.application_deadline:
            found.append(
                _(
                    "The deadline moves earlier: applicants get less time than they were told. "
                    "Everyone concerned is told by e-mail."
                )
            )
        return found

    def clean_new_deadline(self):
        value = self.cleaned_data["new_deadline"]
        if value == self.program.application_deadline:
            raise forms.ValidationError(_("The new deadline is the same as the current one."))
        if timezone.localtime(value).date() > self.program.period_end:
            raise forms.ValidationError(
                _("The application deadline cannot be after the program has ended.")
            )
        return value


# What moving to each status does, shown before the coordinator confirms the move.
STATUS_CONSEQUENCES = {
    Program.Status.DRAFT.value: _("The public page is hidden and no one can apply."),
    Program.Status.OPEN.value: _(
        "The public page is shown and anyone eligible can apply until the deadline."
    ),
    Program.Status.NOMINATING.value: _(
        "No new applications; local HR decides whom each organisation nominates."
    ),
    Program.Status.MATCHING.value: _(
        "The nomination step closes: HR can no longer change decisions, and you match the pairs."
    ),
    Program.Status.RUNNING.value: _("The pairs meet, log their meetings and answer surveys."),
    Program.Status.CLOSED.value: _("The program is over: no more meetings are logged."),
}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Program.Status.choices)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [c for c in Program.Status.choices if c[0] in allowed]


class ProfileForm(EnglishVersionsMixin, forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "description",
            "description_en",
            "eligibility",
            "eligibility_en",
            "min_age",
            "max_age",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "eligibility_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._explain_english_fields()


ProfileFormSet = inlineformset_factory(
    Program, Profile, form=ProfileForm, extra=0, can_delete=False, max_num=2, validate_max=True
)


class TopicForm(EnglishVersionsMixin, forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["name", "name_en", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._explain_english_fields()


TopicFormSet = inlineformset_factory(
    Program, Topic, form=TopicForm, extra=3, can_delete=True, max_num=100, validate_max=True
)


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["organisation", "places", "hr_emails"]
        widgets = {"hr_emails": forms.Textarea(attrs={"rows": 2})}

    def clean_places(self):
        places = self.cleaned_data["places"]
        if places is not None and self.instance.pk and places < self.instance.nominated:
            raise forms.ValidationError(
                _("%(count)s are already nominated; the places cannot be fewer.")
                % {"count": self.instance.nominated}
            )
        return places

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.nominated and cleaned.get("DELETE"):
            raise forms.ValidationError(
                _("The organisation has nominated participants and cannot be removed.")
            )
        return cleaned


ParticipationFormSet = inlineformset_factory(
    Program,
    Participation,
    form=ParticipationForm,
    extra=2,
    can_delete=True,
    max_num=200,
    validate_max=True,
)


def place_rows(formset) -> list:
    """The places page's rows as plain values for ``services.save_places``."""
    from revmentor.programs.services import PlaceRow

    return [
        PlaceRow(
            organisation=form.cleaned_data["organisation"],
            places=form.cleaned_data["places"],
            hr_emails=form.cleaned_data.get("hr_emails", ""),
            participation_id=form.instance.pk,
            delete=bool(form.cleaned_data.get("DELETE")),
        )
        for form in formset.forms
        if form.has_changed() and form.cleaned_data.get("organisation") is not None
    ]


class OrganisationForm(forms.ModelForm):
    """The operator's registry entry: what every program shows for the organisation."""

    class Meta:
        model = Organisation
        fields = ["name", "short_name"]


class JointMeetingForm(EnglishVersionsMixin, forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        help_text=_("Swedish time."),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        help_text=_("Swedish time."),
    )

    class Meta:
        model = JointMeeting
        fields = [
            "title",
            "title_en",
            "lecturer",
            "topics",
            "topics_en",
            "starts_at",
            "ends_at",
            "digital_link",
            "place",
            "discussion_guide",
            "discussion_guide_en",
        ]
        widgets = {
            "topics": forms.Textarea(attrs={"rows": 3}),
            "topics_en": forms.Textarea(attrs={"rows": 3}),
            "discussion_guide": forms.Textarea(attrs={"rows": 6}),
            "discussion_guide_en": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._explain_english_fields()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("digital_link") and not cleaned.get("place"):
            raise forms.ValidationError(_("Give a digital link, a place, or both."))
        return cleaned


class ContactPersonForm(EnglishVersionsMixin, forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "organisation", "organisation_en", "email", "phone", "position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._explain_english_fields()


ContactPersonFormSet = inlineformset_factory(
    Program,
    ContactPerson,
    form=ContactPersonForm,
    extra=2,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


class RoleForm(forms.Form):
    emails = forms.CharField(
        label=_("E-mail addresses"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One person per line, optionally with the name first: Nina Svensson <nina@example.se>. "
            "Each person gets an e-mail with a sign-in link."
        ),
    )
    kind = forms.ChoiceField(label=_("Role"), choices=Role.Kind.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation (for local HR)"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            participations__program=program
        )

    def clean_emails(self) -> list[tuple[str, str]]:
        """(address, name) per line; every bad line is named in one message."""
        people: list[tuple[str, str]] = []
        bad: list[str] = []
        for line in self.cleaned_data["emails"].replace(",", "\n").replace(";", "\n").split("\n"):
            line = line.strip()
            if not line:
                continue
            name, address = parseaddr(line)
            try:
                validate_email(address)
            except ValidationError:
                bad.append(line)
                continue
            if address.lower() not in {a for a, _n in people}:
                people.append((address.lower(), name.strip()))
        if bad:
            raise forms.ValidationError(
                _("These are not e-mail addresses: %(lines)s") % {"lines": ", ".join(bad)}
            )
        if not people:
            raise forms.ValidationError(_("Give at least one e-mail address."))
        if len(people) > 50:
            raise forms.ValidationError(_("Give at most 50 addresses at a time."))
        return people

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Role.Kind.HR and not cleaned.get("organisation"):
            self.add_error(
                "organisation", _("Local HR belongs to one of the participating organisations.")
            )
        return cleaned
