"""Background e-mail, run by `manage.py db_worker` from the database queue."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task


def _deliver(*, to, subject, body, reply_to=None, attachments=None) -> int:
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to or None,
    )
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    return message.send()


@task()
def send_mail(*, kind: str, refs: dict, concerns: list[int] | None = None) -> int:
    """Render the e-mails of ``kind`` from the ids in ``refs`` now and send them; how many."""
    from revmentor.core.mail import renderer_for

    sent = 0
    for message in renderer_for(kind)(**refs):
        sent += _deliver(
            to=message.to,
            subject=message.subject,
            body=message.body,
            reply_to=message.reply_to,
            attachments=message.attachments,
        )
    return sent


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> int:
    """Send one e-mail rendered when queued (the sign-in code, and tasks queued before send_mail)."""
    return _deliver(to=to, subject=subject, body=body, reply_to=reply_to, attachments=attachments)
