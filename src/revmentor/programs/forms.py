"""Forms of the coordinator workspace."""

from django import forms
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


DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]


class ProgramForm(forms.ModelForm):
    application_deadline = forms.DateTimeField(
        label=_("application deadline"),
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
            "slug",
            "description",
            "purpose",
            "setup",
            "period_start",
            "period_end",
            "application_deadline",
            "how_to_apply",
            "cost_per_participant",
            "travel_costs_note",
            "expected_effort_hours",
            "meeting_format",
            "manager_confirmation_required",
        ]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program

    def clean_new_deadline(self):
        value = self.cleaned_data["new_deadline"]
        if value == self.program.application_deadline:
            raise forms.ValidationError(_("The new deadline is the same as the current one."))
        if timezone.localtime(value).date() > self.program.period_end:
            raise forms.ValidationError(
                _("The application deadline cannot be after the program has ended.")
            )
        return value


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Program.Status.choices)

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [c for c in Program.Status.choices if c[0] in allowed]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["description", "eligibility", "min_age", "max_age"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
        }


ProfileFormSet = inlineformset_factory(
    Program, Profile, form=ProfileForm, extra=0, can_delete=False, max_num=2, validate_max=True
)


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["name", "position"]


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


class JointMeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("starts"),
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        help_text=_("Swedish time."),
    )
    ends_at = forms.DateTimeField(
        label=_("ends"),
        input_formats=DATETIME_FORMATS,
        widget=DateTimeInput(),
        help_text=_("Swedish time."),
    )

    class Meta:
        model = JointMeeting
        fields = ["title", "lecturer", "topics", "starts_at", "ends_at", "digital_link", "place"]
        widgets = {"topics": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("digital_link") and not cleaned.get("place"):
            raise forms.ValidationError(_("Give a digital link, a place, or both."))
        return cleaned


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "organisation", "email", "phone", "position"]


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
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Name"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Role"), choices=Role.Kind.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation (for local HR)"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            participations__program=program
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Role.Kind.HR and not cleaned.get("organisation"):
            self.add_error(
                "organisation", _("Local HR belongs to one of the participating organisations.")
            )
        return cleaned
