"""Archive actions: make a finished program's E-ARK package, then dispose of what it replaces."""

import hashlib
import logging
import shutil
import tempfile
import uuid
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from revmentor.archive import contents, queries
from revmentor.archive.models import ArchivePackage
from revmentor.archive.package import PackageInfo, write_package
from revmentor.core import audit
from revmentor.privacy import services as privacy_services
from revmentor.programs.models import Program

logger = logging.getLogger("revmentor.archive")
COMMAND_ACTOR = "operator (manage.py archive)"


class ArchiveError(Exception):
    """An archive action that is not possible; the message is shown to the user."""


def _software_version() -> str:
    try:
        return version("revmentor")
    except PackageNotFoundError:  # pragma: no cover - run from a checkout without install
        return "0"


def package_info(program: Program, *, created: datetime, name: str) -> PackageInfo:
    creators = ", ".join(
        program.participations.select_related("organisation")
        .order_by("organisation__name")
        .values_list("organisation__name", flat=True)
    )
    return PackageInfo(
        name=name,
        label=program.title[:200],
        title=program.title,
        description=program.purpose,
        creator=creators,
        created=created,
        software_version=_software_version(),
        date_range=f"{program.period_start:%Y-%m-%d}/{program.period_end:%Y-%m-%d}",
    )


@transaction.atomic
def export_package(
    *, program: Program, destination: Path, exported_by: Any, now: datetime | None = None
) -> Path:
    """Write the program's package into ``destination`` and audit it; nothing is disposed of."""
    now = now or timezone.now()
    name = f"revmentor-{program.slug}-{uuid.uuid4()}"
    plan = queries.disposal_plan(program, now)
    folder = write_package(
        destination=Path(destination),
        info=package_info(program, created=now, name=name),
        data=contents.data_files(program),
        documentation=contents.documentation(program, plan),
    )
    audit.record(
        actor=exported_by,
        action=audit.Action.ARCHIVE_PACKAGE_MADE,
        program=program,
        target=program,
        summary=name,
        after={"package": name},
    )
    return folder


@transaction.atomic
def dispose(*, program: Program, disposed_by: Any, now: datetime | None = None) -> dict[str, int]:
    """Apply the disposal list through the retention machinery and audit the counts."""
    now = now or timezone.now()
    done = privacy_services.apply_retention(
        program=program, now=queries.disposal_moment(program, now), actor=disposed_by
    )
    audit.record(
        actor=disposed_by,
        action=audit.Action.ARCHIVE_DISPOSAL_APPLIED,
        program=program,
        target=program,
        summary=f"disposal after archiving at {now:%Y-%m-%d}",
        after=done,
    )
    return done


@transaction.atomic
def request_package(*, program: Program, requested_by: Any) -> ArchivePackage:
    """Queue the package of a closed program for the worker (by id); nothing is sent."""
    if program.status != Program.Status.CLOSED:
        raise ArchiveError(_("A program is archived only after it has closed."))
    Program.objects.select_for_update().filter(pk=program.pk).first()
    if ArchivePackage.objects.filter(program=program, status=ArchivePackage.Status.QUEUED).exists():
        raise ArchiveError(_("The package is already being made."))
    package = ArchivePackage.objects.create(program=program, requested_by=requested_by)
    audit.record(
        actor=requested_by,
        action=audit.Action.ARCHIVE_PACKAGE_REQUESTED,
        program=program,
        target=package,
    )
    from revmentor.archive.tasks import make_package

    make_package.enqueue(package_id=package.pk)
    return package


def make_package(*, package: ArchivePackage) -> ArchivePackage:
    """The worker's step: write, zip and store the package, then apply the disposal list."""
    if package.status != ArchivePackage.Status.QUEUED:
        return package
    program = package.program
    actor = package.requested_by or COMMAND_ACTOR
    with tempfile.TemporaryDirectory(prefix="revmentor-archive-") as temporary:
        try:
            folder = export_package(program=program, destination=Path(temporary), exported_by=actor)
            archive = shutil.make_archive(
                str(Path(temporary) / folder.name), "zip", root_dir=temporary, base_dir=folder.name
            )
            content = Path(archive).read_bytes()
        except Exception:
            logger.exception("archive package %s failed", package.pk)
            ArchivePackage.objects.filter(pk=package.pk).update(
                status=ArchivePackage.Status.FAILED, finished_at=timezone.now()
            )
            package.refresh_from_db()
            return package
    with transaction.atomic():
        package = ArchivePackage.objects.select_for_update().get(pk=package.pk)
        package.package_name = folder.name
        package.file.save(f"{package.public_id}.zip", ContentFile(content), save=False)
        package.size = len(content)
        package.sha256 = hashlib.sha256(content).hexdigest()
        done = dispose(program=program, disposed_by=actor)
        package.disposed = sum(done.values())
        package.status = ArchivePackage.Status.DONE
        package.finished_at = timezone.now()
        package.save()
    return package


@transaction.atomic
def record_download(*, package: ArchivePackage, downloaded_by: Any) -> None:
    """Write the audit entry for a downloaded package; nothing is sent."""
    audit.record(
        actor=downloaded_by,
        action=audit.Action.ARCHIVE_PACKAGE_DOWNLOADED,
        program=package.program,
        target=package,
        summary=package.package_name,
    )
