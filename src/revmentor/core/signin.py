"""The sign-in code e-mail, queued by reference: the task gets a code's id, never the code.

A code is derived from the row's random nonce with the server's secret, so neither the task
queue nor the ``SignInCode`` row holds the six digits; the worker computes them when it sends.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

CODE_DIGITS = 6


def code_for(nonce: str) -> str:
    """The six-digit code belonging to ``nonce`` (keyed with the server's secret)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"sign-in-code:{nonce}".encode(), hashlib.sha256
    ).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**CODE_DIGITS:0{CODE_DIGITS}d}"


@task()
def send_sign_in_code_email(*, code_id: int) -> int:
    """Send the code of the ``SignInCode`` with ``code_id`` while it is still valid; else nothing."""
    from revmentor.core.models import SignInCode

    found = SignInCode.objects.filter(
        pk=code_id, used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()
    if found is None:
        return 0
    context = {
        "code": code_for(found.nonce),
        "minutes": max(1, int((found.expires_at - found.created_at).total_seconds() // 60)),
        "site_url": settings.SITE_URL,
    }
    with translation.override(found.language or "sv"):
        subject = " ".join(render_to_string("core/email/sign_in_code_subject.txt", context).split())
        body = render_to_string("core/email/sign_in_code_body.txt", context)
    return EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[found.email]
    ).send()


PURGE_INTERVAL = timedelta(hours=1)


@task()
def purge_abuse_counts(*, schedule: bool = False) -> int:
    """Delete spent codes and counts older than every limit's window; with ``schedule`` again in an hour."""
    from revmentor.core.periodic import queue_next
    from revmentor.core.throttle import purge

    removed = purge()
    if schedule:
        queue_next(purge_abuse_counts, after=timezone.now() + PURGE_INTERVAL)
    return removed
