"""Forms of the pair's pages and the coordinator's activity workspace."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from revmentor.core.uploads import make_upload_validator
from revmentor.mentorships.models import (
    MAX_MEETING_HOURS,
    Attendance,
    MeetingLog,
    Mentorship,
    MentorshipGroup,
)

MAX_MATERIAL_BYTES = 20 * 1024 * 1024
validate_material = make_upload_validator(max_bytes=MAX_MATERIAL_BYTES)


class CommaDecimalField(forms.DecimalField):
    """A decimal number written either way: "1,5" (Swedish) or "1.5"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
        return super().to_python(value)


class MeetingLogForm(forms.ModelForm):
    """A held meeting (in the past, within the program) or a planned one (ahead)."""

    class Meta:
        model = MeetingLog
        fields = [
            "status",
            "date",
            "start_time",
            "hours",
            "format",
            "place",
            "topics",
            "notes",
            "private",
        ]
        field_classes = {"hours": CommaDecimalField}
        widgets = {
            "status": forms.RadioSelect,
            "format": forms.RadioSelect,
            # Plain text in ISO order: a native date picker's field order follows the
            # browser's language, which many keyboard and screen reader users find harder.
            "date": forms.DateInput(
                attrs={"inputmode": "numeric", "autocomplete": "off"}, format="%Y-%m-%d"
            ),
            "start_time": forms.TimeInput(
                attrs={"inputmode": "numeric", "autocomplete": "off"}, format="%H:%M"
            ),
            # Text, not number: a number field refuses "1,5" in some browsers and on phones.
            "hours": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            "topics": forms.TextInput,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "date": _("As YYYY-MM-DD, for example 2026-05-14."),
            "start_time": _(
                "As HH:MM, for example 13:30. Needed for a planned meeting to appear at the "
                "right time in your calendar."
            ),
            "hours": _("For example 1.5 for an hour and a half. At most 12 hours."),
            "topics": _("Optional: what you talked about."),
            "notes": _(
                "Optional. Only the two of you can read them: not HR, not the coordinators."
            ),
            "private": _(
                "Then the notes stay with you: the others see the meeting, not the notes."
            ),
        }

    def __init__(
        self,
        *args,
        mentorship: Mentorship | None = None,
        group: MentorshipGroup | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        owner = mentorship if mentorship is not None else group
        assert owner is not None
        self.program = owner.program
        if group is not None:
            self.fields["notes"].label = _("notes for the group")
            self.fields["notes"].help_text = _(
                "Optional. Every member of the group can read them, not HR, not the "
                "coordinators; unless you tick the box below."
            )
        self.mentorship = mentorship
        self.fields["hours"].localize = True
        self.fields["hours"].widget.is_localized = True
        self.fields["status"].label = _("Has the meeting taken place?")
        self.fields["status"].choices = [
            (MeetingLog.Status.HELD, _("Yes, we have met")),
            (MeetingLog.Status.PLANNED, _("No, it is planned")),
        ]

    def clean_hours(self) -> Decimal:
        hours = self.cleaned_data["hours"]
        if hours <= 0 or hours > MAX_MEETING_HOURS:
            raise forms.ValidationError(
                _("The duration must be more than 0 and at most 12 hours."), code="hours"
            )
        return hours

    def clean(self):
        cleaned = super().clean()
        day, status = cleaned.get("date"), cleaned.get("status")
        if day is None or status is None:
            return cleaned
        program = self.program
        if not program.period_start <= day <= program.period_end:
            self.add_error(
                "date",
                _("The date must be within the program, %(start)s to %(end)s.")
                % {
                    "start": date_format(program.period_start, "j F Y"),
                    "end": date_format(program.period_end, "j F Y"),
                },
            )
            return cleaned
        today = timezone.localdate()
        if status == MeetingLog.Status.HELD and day > today:
            self.add_error(
                "date",
                _("A meeting that has taken place cannot be in the future. Log it as planned."),
            )
        elif status == MeetingLog.Status.PLANNED and day < today:
            self.add_error(
                "date", _("A planned meeting cannot be in the past. Log it as held instead.")
            )
        return cleaned


class GroupGoalsForm(forms.ModelForm):
    class Meta:
        model = MentorshipGroup
        fields = ["goals"]
        widgets = {"goals": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"goals": _("What the group wants to achieve. Every member can change it.")}


class GoalsForm(forms.ModelForm):
    """The goal template: what the adept wants to learn, what the mentor wants to understand."""

    class Meta:
        model = Mentorship
        fields = ["adept_learning", "mentor_understanding", "meeting_rhythm", "goals"]
        labels = {
            "adept_learning": _("What does the adept want to learn?"),
            "mentor_understanding": _("What does the mentor want to understand?"),
            "meeting_rhythm": _("How often do you meet?"),
            "goals": _("Other goals"),
        }
        widgets = {
            "adept_learning": forms.Textarea(attrs={"rows": 4}),
            "mentor_understanding": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "adept_learning": _("For example: how younger colleagues use digital tools."),
            "mentor_understanding": _(
                "For example: how decisions are made and what experience brings."
            ),
            "meeting_rhythm": _("For example: an hour every other week, digitally."),
            "goals": _("Anything else you want to achieve together. Both of you can change it."),
        }


class AttendanceForm(forms.Form):
    answer = forms.ChoiceField(label=_("Will you attend?"), choices=Attendance.Answer.choices)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        validators=[validate_material],
        help_text=_("PDF, PowerPoint, Word or an image; at most 20 MB."),
    )


class GroupForm(forms.ModelForm):
    pairs = forms.ModelMultipleChoiceField(
        label=_("Pairs in the group"),
        queryset=Mentorship.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = MentorshipGroup
        fields = ["name"]

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.fields["pairs"].queryset = Mentorship.objects.filter(
            program=program, status=Mentorship.Status.ACTIVE
        ).select_related("mentor", "adept")
        if self.instance.pk:
            self.initial["pairs"] = list(self.instance.pairs.values_list("pk", flat=True))

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        taken = MentorshipGroup.objects.filter(program=self.program, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("The program already has a group with that name."))
        return name


class EndMentorshipForm(forms.Form):
    """Why the pair ends, as a choice (it decides who is in later matching runs) and a note."""

    cause = forms.ChoiceField(
        label=_("Why does the pair end?"),
        choices=Mentorship.EndCause.choices,
        widget=forms.RadioSelect,
    )
    leaver = forms.ChoiceField(
        label=_("Who is leaving?"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Only if someone left the organisation or stopped taking part. That person is out "
            "of later matching runs until you take them back in; the partner can be matched again."
        ),
    )
    reason = forms.CharField(
        label=_("Note (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Saved in the audit trail. The participants do not see it."),
    )

    def __init__(self, *args, mentorship: Mentorship, **kwargs):
        super().__init__(*args, **kwargs)
        self.mentorship = mentorship
        self.fields["leaver"].choices = [
            ("mentor", _("%(name)s (mentor)") % {"name": mentorship.mentor.full_name}),
            ("adept", _("%(name)s (adept)") % {"name": mentorship.adept.full_name}),
        ]

    def clean(self):
        data = super().clean()
        cause, side = data.get("cause"), data.get("leaver")
        if cause in Mentorship.LEAVING and not side:
            self.add_error("leaver", _("Choose who is leaving."))
        if cause and cause not in Mentorship.LEAVING:
            side = ""
        data["leaver"] = {"mentor": self.mentorship.mentor, "adept": self.mentorship.adept}.get(
            side or ""
        )
        return data


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the participants in the e-mail and on their program page."),
    )
    reason_en = forms.CharField(
        label=_("Reason for cancelling in English"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional. Participants who read in English get it; without it they get the "
            "Swedish reason."
        ),
    )


class ProgramRemindersForm(forms.Form):
    enabled = forms.BooleanField(
        label=_("Send reminders in this program"),
        required=False,
        help_text=_(
            "Joint meeting reminders 7 days and 1 day before, and a nudge to pairs "
            "with no meeting logged for 30 days."
        ),
    )


class PersonalRemindersForm(forms.Form):
    reminders = forms.BooleanField(
        label=_("Send me reminders by e-mail"),
        required=False,
        help_text=_(
            "Reminders before joint meetings, and calendar invitations when a meeting is "
            "added, moved or cancelled. Without them, your subscribed calendar still follows "
            "every change."
        ),
    )
