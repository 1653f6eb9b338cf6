"""The archive package as a background task: writing it may take a while."""

from django.tasks import task


@task()
def make_package(*, package_id: int) -> str:
    """Make the queued package ``package_id`` and apply its disposal list; its status."""
    from revmentor.archive.models import ArchivePackage
    from revmentor.archive.services import make_package as make

    package = ArchivePackage.objects.select_related("program", "requested_by").get(pk=package_id)
    return make(package=package).status
