"""A finished archive package of a cast's program, pointing at one small fixed ZIP in the storage."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from revmentor.archive.models import ArchivePackage

FIXTURE = "archive/test-fixture.zip"


def made_package(program) -> ArchivePackage:
    found = ArchivePackage.objects.filter(program=program, status="done").first()
    if found:
        return found
    if not default_storage.exists(FIXTURE):
        default_storage.save(FIXTURE, ContentFile(b"PK\x05\x06" + b"\x00" * 18))
    package = ArchivePackage.objects.create(
        program=program, status="done", package_name="revmentor-test", size=22
    )
    package.file.name = FIXTURE
    package.save()
    return package
