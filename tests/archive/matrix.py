from django.urls import reverse

from tests.archive.support import made_package
from tests.matrix import Case, only


def manage(c):
    return reverse("archive:manage", kwargs={"slug": c.program.slug})


def download(c):
    package = made_package(c.program)
    return reverse(
        "archive:download", kwargs={"slug": c.program.slug, "public_id": package.public_id}
    )


MATRIX = {
    "archive:manage": Case(manage, only({"coordinator": 200})),
    "archive:download": Case(download, only({"coordinator": 200})),
}
