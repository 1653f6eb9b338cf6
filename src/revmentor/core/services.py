"""Sign-in by one-time code: the only account step a participant ever takes."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from revmentor.core.mail import queue_email
from revmentor.core.models import SignInCode, User

CODE_LIFETIME = timedelta(minutes=15)
MAX_ATTEMPTS_PER_CODE = 5
MAX_CODES_PER_WINDOW = 5


def _hash(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def send_sign_in_code(*, email: str) -> bool:
    """Create a user for ``email`` if new and queue a one-time code to it; False if rate limited."""
    address = User.objects.normalize_email(email)
    user, _created = User.objects.get_or_create(email=address)
    if not user.is_active:
        return True  # say nothing different to a deactivated account
    now = timezone.now()
    recent = SignInCode.objects.filter(user=user, created_at__gte=now - CODE_LIFETIME).count()
    if recent >= MAX_CODES_PER_WINDOW:
        return False
    code = f"{secrets.randbelow(1_000_000):06d}"
    SignInCode.objects.create(user=user, code_hash=_hash(code), expires_at=now + CODE_LIFETIME)
    queue_email(
        to=user.email,
        template="core/email/sign_in_code",
        context={
            "code": code,
            "minutes": int(CODE_LIFETIME.total_seconds() // 60),
            "site_url": settings.SITE_URL,
        },
        language=translation.get_language() or "sv",
    )
    return True


@transaction.atomic
def verify_sign_in_code(*, email: str, code: str) -> User | None:
    """The user whose newest valid code is ``code`` (the code is then spent), else None."""
    address = User.objects.normalize_email(email)
    user = User.objects.filter(email=address, is_active=True).first()
    if user is None:
        return None
    now = timezone.now()
    candidate = (
        SignInCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at")
        .first()
    )
    if candidate is None or candidate.attempts >= MAX_ATTEMPTS_PER_CODE:
        return None
    if not hmac.compare_digest(candidate.code_hash, _hash(code.strip())):
        SignInCode.objects.filter(pk=candidate.pk).update(attempts=candidate.attempts + 1)
        return None
    spent = SignInCode.objects.filter(pk=candidate.pk, used_at__isnull=True).update(used_at=now)
    return user if spent == 1 else None
