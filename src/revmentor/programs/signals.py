"""Every change to what the public program pages show makes their cached copies stale."""

from django.db.models.signals import post_delete, post_save

from revmentor.core.pagecache import invalidate_public_pages
from revmentor.programs.models import (
    ContactPerson,
    DeadlineChange,
    JointMeeting,
    Organisation,
    Participation,
    Profile,
    Program,
    Topic,
)

SHOWN_ON_PUBLIC_PAGES = [
    Program,
    DeadlineChange,
    Participation,
    Profile,
    Topic,
    JointMeeting,
    ContactPerson,
    Organisation,
]


def _changed(sender, **kwargs) -> None:
    invalidate_public_pages()


def connect() -> None:
    for model in SHOWN_ON_PUBLIC_PAGES:
        post_save.connect(_changed, sender=model, dispatch_uid=f"public-pages-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"public-pages-{model.__name__}")
