"""Cost settings per program and travel costs per person; everything else here is computed."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revmentor.programs.models import Program


class CostSettings(models.Model):
    """How a program's participants are counted for the invoice basis."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="cost_settings")
    cutoff_date = models.DateField(
        _("cut-off date"),
        null=True,
        blank=True,
        help_text=_(
            "Nominated participants who withdraw before this date are not charged. "
            "Without a date, only those nominated now are counted."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("cost settings")
        verbose_name_plural = _("cost settings")

    def __str__(self) -> str:
        return f"{self.program}: {self.cutoff_date}"


class TravelCost(models.Model):
    """A travel cost charged to the organisation of one participant."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="travel_costs",
        verbose_name=_("participant"),
    )
    amount = models.DecimalField(
        _("amount (SEK)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        verbose_name = _("travel cost")
        verbose_name_plural = _("travel costs")
        ordering = ["registered_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="travel_cost_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.amount}"
