"""Mentorships: the published pairs of a program, from the start until they end.

A mentor may have several adepts (group mentoring): that is several ``Mentorship`` rows
with the same mentor. An adept has at most one active mentorship per program.
Pairs are created by ``services.start_mentorships`` when a coordinator publishes a
matching proposal; later issues add the meeting log and effort on top of this model.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Mentorship(models.Model):
    """One mentor and one adept of a program, with why they were matched."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")

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
    end_reason = models.CharField(_("reason for ending"), max_length=500, blank=True)

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
        ]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        return f"{self.mentor.full_name} – {self.adept.full_name}"

    def explanation(self, language: str) -> str:
        """The "why you were matched" sentence in ``language`` (Swedish for anything else)."""
        return self.explanation_en if language == "en" else self.explanation_sv
