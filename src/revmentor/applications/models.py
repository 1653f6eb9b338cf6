"""Applications to a program, the manager's answer, HR's decision, and editable e-mail texts."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from revmentor.programs.models import Organisation, Profile, Program, Topic

FREE_TEXT_MAX = 2000


class EmploymentType(models.TextChoices):
    PERMANENT = "permanent", _("permanent employment (tillsvidareanställd)")
    FIXED_TERM = "fixed_term", _("fixed-term employment")
    PROBATION = "probation", _("probationary employment")
    HOURLY = "hourly", _("hourly or on call")
    OTHER = "other", _("other (for example consultant or trainee)")


class PreferredFormat(models.TextChoices):
    DIGITAL = "digital", _("digital")
    PHYSICAL = "physical", _("physical")
    EITHER = "either", _("either")


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    FINNISH = "fi", _("Finnish")
    SAMI = "se", _("Sami")
    ARABIC = "ar", _("Arabic")
    PERSIAN = "fa", _("Persian")
    SPANISH = "es", _("Spanish")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")
    SIGN = "sgn", _("Swedish sign language")


class Availability(models.TextChoices):
    MONDAY_AM = "mon_am", _("Monday morning")
    MONDAY_PM = "mon_pm", _("Monday afternoon")
    TUESDAY_AM = "tue_am", _("Tuesday morning")
    TUESDAY_PM = "tue_pm", _("Tuesday afternoon")
    WEDNESDAY_AM = "wed_am", _("Wednesday morning")
    WEDNESDAY_PM = "wed_pm", _("Wednesday afternoon")
    THURSDAY_AM = "thu_am", _("Thursday morning")
    THURSDAY_PM = "thu_pm", _("Thursday afternoon")
    FRIDAY_AM = "fri_am", _("Friday morning")
    FRIDAY_PM = "fri_pm", _("Friday afternoon")


def age_at_start(birth_year: int, program: Program) -> int:
    """The age used by the profiles' age rule: by birth year, in the year the program starts."""
    return program.period_start.year - birth_year


def birth_year_bounds(today: date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    return 1940, today.year - 16


def eligibility_problem(
    *, program: Program, employment_type: str, profile_kind: str, birth_year: int | None
) -> tuple[str, str] | None:
    """(field, message) saying why the person cannot apply, or None if they can."""
    if employment_type and employment_type != EmploymentType.PERMANENT:
        return "employment_type", str(
            _(
                "Only permanently employed staff (tillsvidareanställda) can take part. "
                "Your local HR function can tell you about other ways to develop."
            )
        )
    profile = program.profile(profile_kind) if profile_kind else None
    if profile is None or birth_year is None:
        return None
    age = age_at_start(birth_year, program)
    too_young = profile.min_age is not None and age < profile.min_age
    too_old = profile.max_age is not None and age > profile.max_age
    if too_young or too_old:
        values = {
            "profile": profile.get_kind_display(),
            "age": age,
            "year": program.period_start.year,
            "low": profile.min_age,
            "high": profile.max_age,
        }
        if profile.min_age is not None and profile.max_age is not None:
            text = _(
                "The %(profile)s profile is for ages %(low)s to %(high)s. By birth year you "
                "turn %(age)s in %(year)s, when the program starts."
            )
        elif profile.min_age is not None:
            text = _(
                "The %(profile)s profile is for ages %(low)s and over. By birth year you "
                "turn %(age)s in %(year)s, when the program starts."
            )
        else:
            text = _(
                "The %(profile)s profile is for ages up to %(high)s. By birth year you "
                "turn %(age)s in %(year)s, when the program starts."
            )
        return "birth_year", str(text % values)
    return None


# The answers an applicant gives, in the form's order ("topics" is a many-to-many).
APPLICANT_FIELDS = [
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
    "discussed_with_manager",
    "topics",
    "topics_text",
    "preferred_format",
    "city",
    "languages",
    "availability",
    "accessibility_needs",
    "privacy_acknowledged",
]


class Application(models.Model):
    """One person's application to one program, from draft to HR's decision."""

    class Status(models.TextChoices):
        # Translators: glossary (application status): nominated is always anmäld.
        DRAFT = "draft", pgettext_lazy("application status", "draft")
        # Translators: glossary (application status): nominated is always anmäld.
        SUBMITTED = "submitted", pgettext_lazy("application status", "submitted")
        # Translators: glossary (application status): nominated is always anmäld.
        NOMINATED = "nominated", pgettext_lazy("application status", "nominated")
        # Translators: glossary (application status): nominated is always anmäld.
        WAITLISTED = "waitlisted", pgettext_lazy("application status", "on the waiting list")
        # Translators: glossary (application status): nominated is always anmäld.
        DECLINED = "declined", pgettext_lazy("application status", "not nominated")
        # Translators: glossary (application status): nominated is always anmäld.
        WITHDRAWN = "withdrawn", pgettext_lazy("application status", "withdrawn")

    class ManagerAnswer(models.TextChoices):
        NOT_ASKED = "not_asked", pgettext_lazy("manager answer", "not asked")
        PENDING = "pending", pgettext_lazy("manager answer", "waiting for answer")
        CONFIRMED = "confirmed", pgettext_lazy("manager answer", "confirmed")
        DECLINED = "declined", pgettext_lazy("manager answer", "declined")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="applications", verbose_name=_("program")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    language = models.CharField(_("language for e-mail"), max_length=8, default="sv")

    full_name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("work e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("organisation"),
    )
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    employment_type = models.CharField(
        _("employment"), max_length=20, choices=EmploymentType.choices, blank=True
    )
    profile_kind = models.CharField(
        _("profile"), max_length=10, choices=Profile.Kind.choices, blank=True
    )
    manager_name = models.CharField(_("manager's name"), max_length=200, blank=True)
    manager_email = models.EmailField(_("manager's work e-mail address"), blank=True)
    discussed_with_manager = models.BooleanField(
        _("I have discussed my application with my manager"), default=False
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="applications", verbose_name=_("topics")
    )
    topics_text = models.TextField(_("in my own words"), max_length=FREE_TEXT_MAX, blank=True)
    preferred_format = models.CharField(
        _("preferred meeting format"), max_length=10, choices=PreferredFormat.choices, blank=True
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    availability = models.JSONField(_("when I can meet"), default=list, blank=True)
    accessibility_needs = models.TextField(
        _("accessibility needs"), max_length=FREE_TEXT_MAX, blank=True
    )
    privacy_acknowledged = models.BooleanField(_("privacy information read"), default=False)

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # The status the application left when withdrawn: a nominated one may still be charged.
    withdrawn_from_status = models.CharField(
        _("status when withdrawn"), max_length=20, choices=Status.choices, blank=True
    )
    nominated_at = models.DateTimeField(_("nominated"), null=True, blank=True)

    manager_answer = models.CharField(
        _("manager"),
        max_length=12,
        choices=ManagerAnswer.choices,
        default=ManagerAnswer.NOT_ASKED,
        db_index=True,
    )
    manager_asked_at = models.DateTimeField(null=True, blank=True)
    manager_answered_at = models.DateTimeField(_("manager answered"), null=True, blank=True)
    # The account signed in on the browser that answered the manager's link, if any: an
    # answer from the applicant's own session is shown to HR as a warning.
    manager_answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("manager's answer given while signed in as"),
    )
    # Changes whenever a new link is sent, so an older link stops working.
    manager_token_nonce = models.UUIDField(default=uuid.uuid4, editable=False)

    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.CharField(_("reason for the decision"), max_length=500, blank=True)
    late_registration_reason = models.CharField(
        _("reason for late registration"), max_length=500, blank=True
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    # The deadline the draft reminder was sent for: a postponed deadline reminds again.
    reminded_for_deadline = models.DateTimeField(null=True, blank=True, editable=False)
    # The token of the last "Send" handled: a double click or a retried POST carries the
    # same token and is answered without sending anything twice.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "applicant"], name="application_one_per_person_and_program"
            ),
        ]
        indexes = [
            models.Index(fields=["program", "organisation", "status"]),
            # The staff lists' default order (by name) read from an index, not sorted per
            # request: HR's list within its organisation, the coordinator's over all.
            models.Index(
                fields=["program", "organisation", "full_name", "id"],
                name="application_hr_by_name",
            ),
            models.Index(fields=["program", "full_name", "id"], name="application_by_name"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name or self.applicant} ({self.program})"

    @property
    def is_active(self) -> bool:
        return self.status not in (self.Status.DRAFT, self.Status.WITHDRAWN)

    @property
    def manager_answered_by_applicant(self) -> bool:
        """The manager's answer came from a browser signed in as the applicant themselves."""
        return self.manager_answered_by_id is not None and (
            self.manager_answered_by_id == self.applicant_id
        )

    @property
    def can_be_edited(self) -> bool:
        return (
            self.status in (self.Status.DRAFT, self.Status.SUBMITTED)
            and self.program.accepts_applications
        )

    @property
    def can_be_withdrawn(self) -> bool:
        return self.status != self.Status.WITHDRAWN

    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.languages]

    def availability_labels(self) -> list[str]:
        labels = dict(Availability.choices)
        return [str(labels.get(code, code)) for code in self.availability]


class DraftReminder(models.Model):
    """One scheduled reminder per program and deadline, so a task is queued only once."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    deadline = models.DateTimeField()
    scheduled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["program", "deadline"], name="draft_reminder_unique")
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.deadline:%Y-%m-%d %H:%M}"


class EmailKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt to the applicant")
    HR_NEW_APPLICATION = "hr_new_application", _("New application, to local HR")
    MANAGER_REQUEST = "manager_request", _("Request to the manager")
    MANAGER_ANSWERED = "manager_answered", _("The manager's answer, to applicant and HR")
    DRAFT_REMINDER = "draft_reminder", _("Reminder about an unfinished draft")
    DEADLINE_POSTPONED = "deadline_postponed", _("Deadline postponed, to applicants with drafts")
    NOMINATED = "nominated", _("Decision: nominated")
    WAITLISTED = "waitlisted", _("Decision: waiting list")
    DECLINED = "declined", _("Decision: not nominated")
    WITHDRAWN = "withdrawn", _("Withdrawn after nomination, to local HR")


class EmailTemplate(models.Model):
    """A coordinator's own wording of one e-mail in one language; the file template otherwise."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="email_templates")
    kind = models.CharField(_("e-mail"), max_length=30, choices=EmailKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=10_000)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("e-mail text")
        verbose_name_plural = _("e-mail texts")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "kind", "language"], name="email_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"
