"""Archive packages of finished programs: when each was made, by whom, and what was disposed of."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArchivePackage(models.Model):
    """One E-ARK package of a program, built by the worker, then the disposal applied."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        DONE = "done", _("made; disposal applied")
        FAILED = "failed", _("failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="archive_packages",
        verbose_name=_("program"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # The package's own identifier (METS OBJID), also the name of its root folder.
    package_name = models.CharField(_("package"), max_length=120, blank=True)
    file = models.FileField(_("file"), upload_to="archive/", max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256 of the ZIP file"), max_length=64, blank=True)
    disposed = models.PositiveIntegerField(_("records disposed of"), default=0)

    class Meta:
        verbose_name = _("archive package")
        verbose_name_plural = _("archive packages")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return self.package_name or str(self.public_id)
