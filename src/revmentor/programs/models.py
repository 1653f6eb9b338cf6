"""Programs, the organisations taking part with their places, profiles, joint meetings."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class MeetingFormat(models.TextChoices):
    DIGITAL = "digital", _("digital")
    PHYSICAL = "physical", _("physical")
    HYBRID = "hybrid", _("digital and physical")


class Organisation(models.Model):
    """An agency or other organisation whose employees take part.

    The registry is shared by every program and belongs to the site's operator; a program's
    own contacts for an organisation live on its ``Participation``.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BillingRule(models.TextChoices):
    """Who an organisation is charged the participant fee for; each label ends "Charged: ..."."""

    NOMINATED = (
        "nominated",
        _("everyone who was nominated and did not withdraw before the cut-off date"),
    )
    MATCHED = "matched", _("everyone who was placed in a pair or a group")
    MET = "met", _("everyone who took part in at least one meeting with their pair or group")


class CostRounding(models.TextChoices):
    """What the invoice basis rounds each amount to, once, before anything is added up."""

    ORE = "ore", _("öre (two decimals)")
    KRONA = "krona", _("whole kronor")


class Program(models.Model):
    """One reverse mentoring program run jointly by several organisations."""

    class Status(models.TextChoices):
        # Translators: glossary (program status): this exact word wherever the stage is named.
        DRAFT = "draft", pgettext_lazy("program status", "draft")
        # Translators: glossary (program status): this exact word wherever the stage is named.
        OPEN = "open", pgettext_lazy("program status", "open for applications")
        # Translators: glossary (program status): this exact word wherever the stage is named.
        NOMINATING = "nominating", pgettext_lazy("program status", "nominating")
        # Translators: glossary (program status): this exact word wherever the stage is named.
        MATCHING = "matching", pgettext_lazy("program status", "matching")
        # Translators: glossary (program status): this exact word wherever the stage is named.
        RUNNING = "running", pgettext_lazy("program status", "running")
        # Translators: glossary (program status): this exact word wherever the stage is named.
        CLOSED = "closed", pgettext_lazy("program status", "closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    slug = models.SlugField(
        _("address name"),
        max_length=80,
        unique=True,
        help_text=_("Used in the program's web address, e.g. omvant-mentorskap-2027."),
    )
    description = models.TextField(
        _("description"), help_text=_("The introduction on the public page.")
    )
    description_en = models.TextField(_("description in English"), blank=True)
    purpose = models.TextField(_("purpose"))
    purpose_en = models.TextField(_("purpose in English"), blank=True)
    setup = models.TextField(
        _("set-up"),
        blank=True,
        help_text=_("How the program runs: joint meetings, pairs meeting on their own."),
    )
    setup_en = models.TextField(_("set-up in English"), blank=True)
    period_start = models.DateField(_("program starts"))
    period_end = models.DateField(_("program ends"))
    application_deadline = models.DateTimeField(_("application deadline"))
    cost_per_participant = models.DecimalField(
        _("cost per participant (SEK)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("5000.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    billing_rule = models.CharField(
        _("who is charged"),
        max_length=20,
        choices=BillingRule.choices,
        default=BillingRule.NOMINATED,
    )
    cost_rounding = models.CharField(
        _("amounts rounded to"),
        max_length=10,
        choices=CostRounding.choices,
        default=CostRounding.ORE,
    )
    travel_costs_note = models.CharField(
        _("travel costs"),
        max_length=300,
        blank=True,
        default="",
        help_text=_("For example: travel costs are added on top of the course fee."),
    )
    travel_costs_note_en = models.CharField(
        _("travel costs in English"), max_length=300, blank=True
    )
    expected_effort_hours = models.DecimalField(
        _("expected effort per person (hours)"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("40.0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    meeting_format = models.CharField(
        _("meeting format"),
        max_length=20,
        choices=MeetingFormat.choices,
        default=MeetingFormat.HYBRID,
    )
    how_to_apply = models.TextField(
        _("how to apply"),
        blank=True,
        help_text=_("Shown next to the deadline, e.g. talk to your manager first."),
    )
    how_to_apply_en = models.TextField(_("how to apply in English"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # When nomination last closed and matching began: the retention clock for applicants
    # who were not nominated starts here.
    matching_started_at = models.DateTimeField(_("matching started"), null=True, blank=True)
    goal_guidance = models.TextField(
        _("guidance for the pairs' goals"),
        blank=True,
        help_text=_(
            "Shown above the pairs' goal template: what a good goal looks like, how to start."
        ),
    )
    goal_guidance_en = models.TextField(_("guidance for the pairs' goals in English"), blank=True)
    manager_confirmation_required = models.BooleanField(
        _("manager confirms by e-mail"),
        default=True,
        help_text=_("The applicant's manager gets a link to confirm or decline."),
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="program_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(cost_per_participant__gte=0), name="program_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors.setdefault("period_end", []).append(
                _("The program cannot end before it starts.")
            )
        if self.application_deadline and self.period_end:
            deadline_day = timezone.localtime(self.application_deadline).date()
            if deadline_day > self.period_end:
                errors.setdefault("application_deadline", []).append(
                    _("The application deadline cannot be after the program has ended.")
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def accepts_applications(self) -> bool:
        return self.status == self.Status.OPEN and timezone.now() < self.application_deadline

    def latest_deadline_change(self) -> "DeadlineChange | None":
        changes = list(self.deadline_changes.all())
        return max(changes, key=lambda c: c.changed_at) if changes else None

    def latest_postponement(self) -> "DeadlineChange | None":
        changes = [c for c in self.deadline_changes.all() if c.new_deadline > c.old_deadline]
        return max(changes, key=lambda c: c.changed_at) if changes else None

    def profile(self, kind: str) -> "Profile | None":
        return next((p for p in self.profiles.all() if p.kind == kind), None)


class DeadlineChange(models.Model):
    """A moved application deadline, with the reason given for it."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="deadline_changes")
    old_deadline = models.DateTimeField(_("previous deadline"))
    new_deadline = models.DateTimeField(_("new deadline"))
    reason = models.CharField(_("reason"), max_length=500)
    reason_en = models.CharField(_("reason in English"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("deadline change")
        verbose_name_plural = _("deadline changes")
        ordering = ["changed_at"]

    def __str__(self) -> str:
        return f"{self.old_deadline:%Y-%m-%d} -> {self.new_deadline:%Y-%m-%d}"

    @property
    def is_postponement(self) -> bool:
        return self.new_deadline > self.old_deadline


class Participation(models.Model):
    """An organisation taking part in a program, with how many it may nominate."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    places = models.PositiveIntegerField(
        _("places"), default=0, help_text=_("How many participants the organisation may nominate.")
    )
    # Kept by applications.services in the same transaction as each nomination: the
    # database, not a read-then-write, keeps it within the places.
    nominated = models.PositiveIntegerField(_("nominated"), default=0, editable=False)
    # This program's own HR contacts for the organisation: no other program can redirect them.
    hr_emails = models.TextField(
        _("local HR contact addresses"),
        blank=True,
        help_text=_("One e-mail address per line. New applications are announced here."),
    )

    class Meta:
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "organisation"], name="participation_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(places__gte=0), name="participation_places_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(nominated__gte=0, nominated__lte=models.F("places")),
                name="participation_nominated_within_places",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.places})"

    @property
    def places_left(self) -> int:
        return max(self.places - self.nominated, 0)

    @property
    def hr_email_list(self) -> list[str]:
        return [
            line.strip() for line in self.hr_emails.replace(",", "\n").splitlines() if line.strip()
        ]

    def clean(self) -> None:
        from django.core.validators import validate_email

        for address in self.hr_email_list:
            try:
                validate_email(address)
            except ValidationError:
                raise ValidationError(
                    {
                        "hr_emails": _("“%(address)s” is not a valid e-mail address.")
                        % {"address": address}
                    }
                ) from None


class Profile(models.Model):
    """One of the program's two profiles, with its description and eligibility."""

    class Kind(models.TextChoices):
        MENTOR = "mentor", _("junior mentor")
        ADEPT = "adept", _("senior adept")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="profiles")
    kind = models.CharField(_("profile"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description in English"), blank=True)
    eligibility = models.TextField(
        _("eligibility"), help_text=_("Who can apply for this profile, in plain words.")
    )
    eligibility_en = models.TextField(_("eligibility in English"), blank=True)
    min_age = models.PositiveSmallIntegerField(_("lowest age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("highest age"), null=True, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["program", "kind"], name="profile_unique")]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def clean(self) -> None:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": _("The highest age cannot be below the lowest age.")})


class Topic(models.Model):
    """A subject applicants can pick: what mentors share and adepts want to learn."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(_("topic"), max_length=120)
    name_en = models.CharField(_("topic in English"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["program", "name"], name="topic_unique")]

    def __str__(self) -> str:
        # Choice labels in the application form follow the page's language.
        if self.name_en and (get_language() or "sv").startswith("en"):
            return self.name_en
        return self.name


class JointMeeting(models.Model):
    """A joint inspiration meeting with a lecturer, for every participant."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="joint_meetings")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    lecturer = models.CharField(_("lecturer"), max_length=200, blank=True)
    topics = models.TextField(_("topics"), blank=True)
    topics_en = models.TextField(_("topics in English"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    digital_link = models.URLField(
        _("digital link"), blank=True, help_text=_("Shown to participants only.")
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    discussion_guide = models.TextField(
        _("discussion guide for the pairs"),
        blank=True,
        help_text=_("Questions the pairs can talk about on this meeting's theme, one per line."),
    )
    discussion_guide_en = models.TextField(
        _("discussion guide for the pairs in English"), blank=True
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    cancel_reason_en = models.CharField(
        _("reason for cancelling in English"), max_length=500, blank=True
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # The SEQUENCE whose calendar invitations have been e-mailed (None: never): the send is
    # claimed by a conditional update, so a double click never e-mails anyone twice.
    invited_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="joint_meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})

    @property
    def invitations_pending(self) -> bool:
        """Whether the latest version has not been e-mailed to the participants yet."""
        return self.invited_sequence is None or self.invited_sequence < self.sequence

    @property
    def format_label(self) -> str:
        if self.digital_link and self.place:
            return str(_("digital and physical"))
        return str(_("physical")) if self.place else str(_("digital"))


class ContactPerson(models.Model):
    """Someone applicants can ask about the program."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="contact_persons")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_en = models.CharField(_("organisation in English"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name
