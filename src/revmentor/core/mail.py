"""Queueing e-mail rendered from templates in the recipient's language."""

from django.template.loader import render_to_string
from django.utils import translation

from revmentor.core.tasks import send_email


def queue_email(
    *,
    to: list[str] | str,
    template: str,
    context: dict,
    language: str = "sv",
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Render ``template``_subject.txt / _body.txt and queue the e-mail for the worker.

    Queued in the caller's transaction: the e-mail exists exactly when the change does.
    """
    recipients = [to] if isinstance(to, str) else list(to)
    if not recipients:
        return
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    send_email.enqueue(
        to=recipients, subject=subject, body=body, reply_to=reply_to, attachments=attachments
    )
