"""Mentorships: the published pairs of a program, from the start until they end.

A mentor may have several adepts (group mentoring): that is several ``Mentorship`` rows
with the same mentor, gathered in one ``MentorshipGroup`` that meets and logs as one.
An adept has at most one active mentorship per program.
Pairs are created by ``services.start_mentorships`` when a coordinator publishes a
matching proposal. Around them: the pair's goals and group, the meeting log (effort),
answers to the joint meetings, their material, and the reminders with their settings.
"""

import re
import secrets
import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Mentorship(models.Model):
    """One mentor and one adept of a program, with why they were matched."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")

    class EndCause(models.TextChoices):
        """Why a pair ended early. The first two name the person (``leaver``), who is out of
        later matching runs until a coordinator takes them back; the partner is not."""

        LEFT_ORGANISATION = "left_organisation", _("left the organisation")
        STOPPED = "stopped", _("stopped taking part in the program")
        DID_NOT_WORK = "did_not_work", _("the pair did not work out")
        OTHER = "other", _("another reason")

    # The causes that name one person who leaves.
    LEAVING = (EndCause.LEFT_ORGANISATION, EndCause.STOPPED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="mentorships",
        verbose_name=_("program"),
    )
    mentor = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="mentorships_as_mentor",
        verbose_name=_("mentor"),
    )
    adept = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="mentorships_as_adept",
        verbose_name=_("adept"),
    )
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, default=0)
    # Both languages are kept so each participant reads "why you were matched" in their own.
    explanation_sv = models.TextField(_("explanation in Swedish"), blank=True)
    explanation_en = models.TextField(_("explanation in English"), blank=True)
    source_proposal = models.ForeignKey(
        "matching.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorships",
        verbose_name=_("from proposal"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # Blank on a pair that ended before the cause was a choice: who left is not known, so
    # both partners stay out of later matching runs until a coordinator takes them back.
    end_cause = models.CharField(
        _("why the pair ended"), max_length=20, choices=EndCause.choices, blank=True
    )
    leaver = models.ForeignKey(
        "applications.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who left"),
    )
    end_reason = models.CharField(_("reason for ending"), max_length=500, blank=True)
    # Written by the pair themselves; either partner may change them.
    goals = models.TextField(_("our goals"), max_length=4000, blank=True)
    # The goal template: three questions the pair answers together.
    adept_learning = models.TextField(
        _("what the adept wants to learn"), max_length=2000, blank=True
    )
    mentor_understanding = models.TextField(
        _("what the mentor wants to understand"), max_length=2000, blank=True
    )
    meeting_rhythm = models.CharField(_("how often we meet"), max_length=200, blank=True)
    goals_updated_at = models.DateTimeField(null=True, blank=True)
    group = models.ForeignKey(
        "MentorshipGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pairs",
        verbose_name=_("group"),
    )

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["program", "mentor_id", "adept_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "adept"],
                condition=models.Q(status="active"),
                name="mentorship_one_active_per_adept",
            ),
            models.CheckConstraint(
                condition=~models.Q(mentor=models.F("adept")),
                name="mentorship_two_people",
            ),
            models.CheckConstraint(
                condition=models.Q(leaver__isnull=True)
                | models.Q(leaver=models.F("mentor"))
                | models.Q(leaver=models.F("adept")),
                name="mentorship_leaver_is_a_partner",
            ),
        ]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        return f"{self.mentor.full_name} – {self.adept.full_name}"

    def explanation(self, language: str) -> str:
        """The "why you were matched" sentence in ``language`` (Swedish for anything else)."""
        return self.explanation_en if language == "en" else self.explanation_sv

    def explanation_for_partners(self, language: str) -> str:
        """The sentence the partners see: the age gap becomes "the age rule is met"."""
        return without_age(self.explanation(language), language)


# The engine's age phrases (matching/engine/explain.py); partners never learn each other's age.
AGE_CLAUSE = re.compile(
    r"\b(?:samma ålder|mentorn är \d+ år äldre|\d+ års åldersskillnad|same age"
    r"|the mentor is \d+ years? older|\d+ years?'s? age gap)\b"
)


def without_age(sentence: str, language: str) -> str:
    """``sentence`` with any age phrase replaced by the age rule being met."""
    met = "the age rule is met" if language == "en" else "åldersregeln uppfylls"
    return AGE_CLAUSE.sub(met, sentence)


class MentorshipGroup(models.Model):
    """Pairs that meet as one group: a mentor's adepts (from the matching) or pairs the
    coordinator gathers. Its members see each other, share goals and one meeting log."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="mentorship_groups",
        verbose_name=_("program"),
    )
    name = models.CharField(_("name"), max_length=120)
    # Set for the group publishing a matching makes of one mentor and their adepts.
    mentor = models.ForeignKey(
        "applications.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_groups",
        verbose_name=_("mentor"),
    )
    goals = models.TextField(_("our goals"), max_length=4000, blank=True)
    goals_updated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="mentorship_group_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class MeetingFormat(models.TextChoices):
    DIGITAL = "digital", _("digital")
    PHYSICAL = "physical", _("physical")


MAX_MEETING_HOURS = Decimal("12")


class MeetingLog(models.Model):
    """One meeting of a pair or of a group: held (counts as effort for every member) or
    planned ahead (in the members' calendar feeds)."""

    class Status(models.TextChoices):
        HELD = "held", _("held")
        PLANNED = "planned", _("planned")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="meeting_logs", null=True, blank=True
    )
    group = models.ForeignKey(
        MentorshipGroup,
        on_delete=models.CASCADE,
        related_name="meeting_logs",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.HELD
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(
        _("place or video link"),
        max_length=300,
        blank=True,
        help_text=_("Where you meet, or the link to the video meeting."),
    )
    hours = models.DecimalField(_("duration (hours)"), max_digits=4, decimal_places=2)
    format = models.CharField(
        _("format"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.DIGITAL
    )
    topics = models.CharField(_("topics"), max_length=500, blank=True)
    # Read by the two partners only: never by HR, never by the coordinators.
    notes = models.TextField(_("notes for the two of you"), max_length=4000, blank=True)
    # A private note is read by its writer only, also in a group.
    private = models.BooleanField(_("only I can read the notes"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("meeting log")
        verbose_name_plural = _("meeting logs")
        ordering = ["-date", "-start_time", "-id"]
        indexes = [models.Index(fields=["mentorship", "status", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0, hours__lte=MAX_MEETING_HOURS),
                name="meeting_log_hours_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(mentorship__isnull=False, group__isnull=True)
                | models.Q(mentorship__isnull=True, group__isnull=False),
                name="meeting_log_of_a_pair_or_a_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.hours} h"

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.date, self.start_time or time(9), tzinfo=STOCKHOLM)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=int(self.hours * 60))


class Attendance(models.Model):
    """A participant's answer to whether they come to a joint meeting."""

    class Answer(models.TextChoices):
        ATTENDING = "attending", _("attending")
        NOT_ATTENDING = "not_attending", _("not attending")

    meeting = models.ForeignKey(
        "programs.JointMeeting", on_delete=models.CASCADE, related_name="attendances"
    )
    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="attendances"
    )
    answer = models.CharField(_("answer"), max_length=15, choices=Answer.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "application"], name="attendance_one_answer")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.answer} {self.meeting_id}"


def material_path(instance: "MeetingMaterial", filename: str) -> str:
    # Never the uploaded name: it could be anything; the file is served through a view.
    return f"mentorships/materials/{instance.public_id}"


class MeetingMaterial(models.Model):
    """Slides or other material from a joint meeting, served to the participants through a view."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        "programs.JointMeeting", on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_path, max_length=300)
    filename = models.CharField(max_length=200)
    kind = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class ReminderSettings(models.Model):
    """Whether the program's reminders go out at all (the coordinator's switch)."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="reminder_settings"
    )
    enabled = models.BooleanField(
        _("send reminders"),
        default=True,
        help_text=_(
            "Joint meeting reminders 7 days and 1 day before, and a nudge to pairs "
            "with no meeting logged for 30 days."
        ),
    )

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return f"reminders {'on' if self.enabled else 'off'} for {self.program_id}"


class PersonalSettings(models.Model):
    """A person's own calendar feed token and whether they want reminders."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentorship_settings",
        primary_key=True,
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_token)
    token_created_at = models.DateTimeField(default=timezone.now)
    reminders = models.BooleanField(_("send me reminders by e-mail"), default=True)

    class Meta:
        verbose_name = _("personal settings")
        verbose_name_plural = _("personal settings")

    def __str__(self) -> str:
        return f"settings of {self.user_id}"


class SentReminder(models.Model):
    """A reminder that has gone out: the send job skips what is recorded here, so each goes once."""

    class Kind(models.TextChoices):
        JOINT_WEEK = "joint_7d", _("joint meeting in 7 days")
        JOINT_DAY = "joint_1d", _("joint meeting tomorrow")
        NUDGE = "nudge", _("no meeting logged for 30 days")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=100)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key", "user"], name="reminder_sent_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} to {self.user_id}"
