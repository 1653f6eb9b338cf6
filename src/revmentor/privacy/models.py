"""Each program's privacy facts (controller, data protection officer, retention) and erasure requests."""

import uuid
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_NOT_NOMINATED_MONTHS = 3
DEFAULT_PERSONAL_DATA_MONTHS = 12


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` plus whole calendar months, on the last day of a shorter month if need be."""
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = moment.day
    while True:
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


class ProgramPrivacy(models.Model):
    """What the privacy notice of one program says, and how long its personal data is kept."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="privacy"
    )
    controller = models.CharField(
        _("controller"),
        max_length=500,
        blank=True,
        help_text=_("The agencies responsible for the personal data, e.g. the coordinating ones."),
    )
    controller_contact = models.CharField(
        _("controller's contact details"),
        max_length=500,
        blank=True,
        help_text=_("Postal address, registry e-mail (registrator) or phone."),
    )
    dpo_name = models.CharField(_("data protection officer"), max_length=200, blank=True)
    dpo_email = models.EmailField(_("data protection officer's e-mail address"), blank=True)
    dpo_phone = models.CharField(_("data protection officer's phone"), max_length=40, blank=True)
    not_nominated_months = models.PositiveSmallIntegerField(
        _("applications that were not nominated are kept (months)"),
        default=DEFAULT_NOT_NOMINATED_MONTHS,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
        help_text=_("Counted from the end of the nomination step."),
    )
    personal_data_months = models.PositiveSmallIntegerField(
        _("all other personal data is kept (months)"),
        default=DEFAULT_PERSONAL_DATA_MONTHS,
        validators=[MinValueValidator(0), MaxValueValidator(120)],
        help_text=_("Counted from the day the program ends."),
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("privacy settings")
        verbose_name_plural = _("privacy settings")

    def __str__(self) -> str:
        return str(self.program)

    def personal_data_due_at(self) -> datetime:
        """When everything personal about the program becomes due for anonymisation."""
        end = datetime.combine(
            self.program.period_end + timedelta(days=1),
            time.min,
            tzinfo=timezone.get_current_timezone(),
        )
        return add_months(end, self.personal_data_months)


def privacy_for(program) -> ProgramPrivacy:
    """The program's privacy settings: the saved ones, or the defaults (unsaved)."""
    try:
        return program.privacy
    except ProgramPrivacy.DoesNotExist:
        return ProgramPrivacy(program=program)


class ErasureRequest(models.Model):
    """A person's request to have their data in a program erased, decided by a coordinator."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for decision")
        APPROVED = "approved", _("approved: the data was anonymised")
        REFUSED = "refused", _("refused")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="erasure_requests",
        verbose_name=_("program"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasure_requests",
        verbose_name=_("person"),
    )
    person_label = models.CharField(_("person"), max_length=254)
    reason = models.TextField(_("why you ask for erasure"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person_label} ({self.get_status_display()})"


class AccessibilityReport(models.Model):
    """A reported accessibility problem, kept only until its e-mail has gone out and been purged."""

    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("program"),
    )
    page = models.CharField(_("page"), max_length=500, blank=True)
    description = models.TextField(_("description"), max_length=5000)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="sv")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("accessibility report")
        verbose_name_plural = _("accessibility reports")

    def __str__(self) -> str:
        return f"{self.page} ({self.created_at:%Y-%m-%d})"
