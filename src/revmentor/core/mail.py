"""E-mail queued by reference: the task holds a kind and ids, the mail is rendered when it runs.

The task queue is a database table that operators, backups and dumps can read, so a queued
task never holds an address, a name or any text about a person. An app declares each e-mail
once, as a *renderer* in its ``emails.py``, and queues it with the ids it needs::

    from revmentor.core import mail

    @mail.renderer("mentorships.ended")
    def _ended(*, mentorship_id: int) -> list[mail.Message]:
        pair = Mentorship.objects.filter(pk=mentorship_id).first()
        if pair is None:
            return []  # gone or erased meanwhile: nothing is sent
        return mail.message(to=[...], template="mentorships/email/ended", context={...})

    mail.queue("mentorships.ended", mentorship_id=pair.pk, concerns=[pair.mentor.applicant_id])

- ``queue`` is called inside the business change's transaction: the task exists exactly when
  the change does. Refs are ids (int) or short codes (str, e.g. a status kind), never text.
- ``concerns`` lists the ids of the accounts the e-mail is about; erasure and retention
  remove the tasks about a person's applications or account (``forget``).
- The renderer runs in the worker and returns ``Message`` objects (recipients, subject,
  body, attachments such as an ICS file, all computed then); ``message`` renders the
  ``<template>_subject.txt`` / ``_body.txt`` pair into that list. It returns ``[]`` when the
  object is gone or erased; addresses of erased accounts are dropped.
- Finished and failed mail tasks are deleted after ``REVMENTOR_MAIL_TASK_DAYS`` (default 7)
  by the daily retention job (``purge_finished``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import autodiscover_modules

ERASED_DOMAIN = "erased.invalid"
DEFAULT_MAIL_TASK_DAYS = 7


@dataclass(frozen=True)
class Message:
    """One rendered e-mail; attachments are (filename, text content, mimetype)."""

    to: list[str]
    subject: str
    body: str
    reply_to: list[str] = field(default_factory=list)
    attachments: list[tuple[str, str, str]] = field(default_factory=list)


Renderer = Callable[..., Iterable[Message]]
_renderers: dict[str, Renderer] = {}


def renderer(kind: str) -> Callable[[Renderer], Renderer]:
    """Register the function that renders e-mails of ``kind`` from ids (a decorator)."""

    def register(function: Renderer) -> Renderer:
        _renderers[kind] = function
        return function

    return register


def renderer_for(kind: str) -> Renderer:
    """The renderer of ``kind``; the apps' ``emails`` modules are loaded on first need."""
    if kind not in _renderers:
        autodiscover_modules("emails")
    return _renderers[kind]


def queue(kind: str, /, *, concerns: Iterable[int | None] = (), **refs: int | str) -> None:
    """Queue one e-mail of ``kind`` for the worker, by ids only, in the caller's transaction."""
    from revmentor.core.tasks import send_mail

    for name, value in refs.items():
        if not isinstance(value, int | str) or (isinstance(value, str) and len(value) > 64):
            raise TypeError(f"mail refs are ids or short codes, not {name}={value!r}")
    send_mail.enqueue(
        kind=kind, refs=refs, concerns=sorted({pk for pk in concerns if pk is not None})
    )


def usable(addresses: Iterable[str | None]) -> list[str]:
    """The distinct addresses, lower-cased, without blanks and erased accounts."""
    return sorted(
        {
            address.strip().lower()
            for address in addresses
            if address and address.strip() and not address.lower().endswith(f"@{ERASED_DOMAIN}")
        }
    )


def message(
    *,
    to: Iterable[str | None],
    template: str,
    context: dict,
    language: str = "sv",
    reply_to: Iterable[str | None] = (),
    attachments: Iterable[tuple[str, str, str]] = (),
) -> list[Message]:
    """Render ``template``_subject.txt / _body.txt in ``language``; [] when nobody is left to tell."""
    recipients = usable(to)
    if not recipients:
        return []
    with translation.override(language if language in ("sv", "en") else "sv"):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return [
        Message(
            to=recipients,
            subject=subject,
            body=body,
            reply_to=usable(reply_to),
            attachments=list(attachments),
        )
    ]


# Other tasks that send e-mail by reference (their own renderers); purged and forgotten too.
OTHER_MAIL_TASKS = [
    "revmentor.core.signin.send_sign_in_code_email",
    "revmentor.mentorships.tasks.send_invitation",
    "revmentor.mentorships.tasks.send_pair_cancellation",
    "revmentor.mentorships.tasks.send_group_meeting_invitation",
    "revmentor.mentorships.tasks.send_group_cancellation",
    "revmentor.applications.tasks.send_deadline_notices",
    "revmentor.programs.tasks.send_role_invitation",
]


def mail_task_paths() -> list[str]:
    from revmentor.core.tasks import send_email, send_mail

    return [send_mail.module_path, send_email.module_path, *OTHER_MAIL_TASKS]


def forget(
    *, application_ids: Iterable[int] = (), user_id: int | None = None, email: str = ""
) -> int:
    """Delete the mail tasks about these applications or this account (by id, or by the
    address an old by-value task holds); how many."""
    from django_tasks_db.models import DBTaskResult

    applications = set(application_ids)
    needle = email.strip().lower()
    doomed = []
    for pk, args_kwargs in DBTaskResult.objects.filter(task_path__in=mail_task_paths()).values_list(
        "pk", "args_kwargs"
    ):
        kwargs = (args_kwargs or {}).get("kwargs", {})
        if (
            (kwargs.get("refs") or {}).get("application_id") in applications
            or (user_id is not None and user_id in (kwargs.get("concerns") or []))
            or (user_id is not None and kwargs.get("user_id") == user_id)
            or (needle and needle in str(kwargs).lower())
        ):
            doomed.append(pk)
    deleted, _rows = DBTaskResult.objects.filter(pk__in=doomed).exclude(status="RUNNING").delete()
    return deleted


def mail_task_days() -> int:
    return int(getattr(settings, "REVMENTOR_MAIL_TASK_DAYS", DEFAULT_MAIL_TASK_DAYS))


def purge_finished(*, now=None) -> int:
    """Delete mail tasks that finished or failed more than the setting's days ago; how many."""
    from django_tasks_db.models import DBTaskResult

    cutoff = (now or timezone.now()) - timedelta(days=mail_task_days())
    deleted, _rows = DBTaskResult.objects.filter(
        task_path__in=mail_task_paths(),
        status__in=["SUCCESSFUL", "FAILED"],
        finished_at__lt=cutoff,
    ).delete()
    return deleted


def queue_email(
    *,
    to: list[str] | str,
    template: str,
    context: dict,
    language: str = "sv",
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Queue an e-mail rendered now (by value): only for the sign-in code, until it moves.

    Everything else uses ``queue``; the rendered text stays in the task row until purged.
    """
    from revmentor.core.tasks import send_email

    recipients = [to] if isinstance(to, str) else list(to)
    if not recipients:
        return
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    send_email.enqueue(
        to=recipients, subject=subject, body=body, reply_to=reply_to, attachments=attachments
    )
