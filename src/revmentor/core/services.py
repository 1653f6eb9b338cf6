"""Sign-in: one-time e-mailed codes, passwords and the staff's second factor (TOTP), with backoff.

Every failed step is counted in the database per account and per address; past a few free
failures the next attempt waits, doubling up to a cap (``revmentor.core.throttle``).
"""

import hmac
import logging
import secrets
from datetime import timedelta

import pyotp
from django.db import transaction
from django.utils import timezone, translation

from revmentor.core import audit, throttle
from revmentor.core.models import (
    OIDCConfiguration,
    Role,
    SignInCode,
    SignInFailure,
    TOTPDevice,
    User,
)
from revmentor.core.signin import code_for, send_sign_in_code_email

logger = logging.getLogger("revmentor.security")

CODE_LIFETIME = timedelta(minutes=15)
MAX_ATTEMPTS_PER_CODE = 5
TOTP_ISSUER = "revmentor"


def is_staff(user: User) -> bool:
    """Staff sign in with a second factor: operators, program creators, coordinators and HR."""
    return (
        bool(user.is_staff or user.is_superuser or user.can_create_programs)
        or Role.objects.filter(user=user).exists()
    )


@transaction.atomic
def record_failure(*, email: str, ip: str | None, step: str) -> None:
    """Count one failed sign-in step against the account and the address, and log it."""
    address = User.objects.normalize_email(email)
    SignInFailure.objects.create(email=address, ip=ip or None, step=step)
    # The address is personal data: the log gets a keyed pseudonym that tells accounts apart.
    logger.warning(
        "sign-in failure step=%s account=%s ip=%s", step, throttle.pseudonym(address), ip
    )


@transaction.atomic
def clear_failures(*, email: str) -> None:
    """Forget the account's failures after a complete sign-in (the address's stay counted)."""
    SignInFailure.objects.filter(email=User.objects.normalize_email(email)).delete()


@transaction.atomic
def send_sign_in_code(*, email: str) -> None:
    """Queue a one-time code to ``email`` by the code's id; creates no account (rate limits: caller's)."""
    # A deactivated account gets nothing, and the page tells nothing different.
    address = User.objects.normalize_email(email)
    user = User.objects.filter(email=address).first()
    if user is not None and not user.is_active:
        return
    now = timezone.now()
    # A new code replaces the older ones: only the newest may be used.
    SignInCode.objects.filter(email=address, used_at__isnull=True).update(expires_at=now)
    code = SignInCode.objects.create(
        user=user,
        email=address,
        nonce=secrets.token_urlsafe(24),
        language=translation.get_language() or "sv",
        created_at=now,
        expires_at=now + CODE_LIFETIME,
    )
    send_sign_in_code_email.enqueue(code_id=code.pk)


@transaction.atomic
def verify_sign_in_code(*, email: str, code: str) -> User | None:
    """The user whose newest valid code is ``code`` (spent; the account made if new), else None."""
    address = User.objects.normalize_email(email)
    now = timezone.now()
    candidate = (
        SignInCode.objects.select_for_update()
        .filter(email=address, used_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at", "-pk")
        .first()
    )
    if candidate is None or candidate.attempts >= MAX_ATTEMPTS_PER_CODE:
        return None
    if not hmac.compare_digest(code_for(candidate.nonce), code.strip()):
        SignInCode.objects.filter(pk=candidate.pk).update(attempts=candidate.attempts + 1)
        return None
    spent = SignInCode.objects.filter(pk=candidate.pk, used_at__isnull=True).update(used_at=now)
    if spent != 1:
        return None
    user, _created = User.objects.get_or_create(email=address)
    if not user.is_active:
        return None
    SignInCode.objects.filter(pk=candidate.pk).update(user=user)
    return user


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


@transaction.atomic
def start_totp_enrolment(*, user: User) -> TOTPDevice:
    """Give the user a fresh, unconfirmed authenticator secret (an unconfirmed one is replaced)."""
    device = TOTPDevice.objects.filter(user=user).first()
    if device is not None and device.confirmed_at is not None:
        return device
    if device is None:
        device = TOTPDevice(user=user)
    device.secret = pyotp.random_base32()
    device.last_used_step = 0
    device.save()
    return device


def provisioning_uri(device: TOTPDevice) -> str:
    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.email, issuer_name=TOTP_ISSUER
    )


def _matching_step(secret: str, code: str, now) -> int | None:
    """The time step (of the current one and its neighbours) whose code is ``code``."""
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in (current, current - 1, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


@transaction.atomic
def verify_totp(*, user: User, code: str, confirm: bool = False) -> bool:
    """Accept ``code`` once for the user's device (confirming a new device if asked); else False.

    A code is refused when its time step is not newer than the last accepted one.
    """
    device = TOTPDevice.objects.select_for_update().filter(user=user).first()
    if device is None or (device.confirmed_at is None and not confirm):
        return False
    step = _matching_step(device.secret, code.strip(), timezone.now())
    if step is None or step <= device.last_used_step:
        return False
    updated = TOTPDevice.objects.filter(pk=device.pk, last_used_step__lt=step).update(
        last_used_step=step, confirmed_at=device.confirmed_at or timezone.now()
    )
    return updated == 1


@transaction.atomic
def user_for_identity_provider(*, email: str) -> User | None:
    """The active user with ``email`` as the identity provider vouched for it (created if new)."""
    address = User.objects.normalize_email(email)
    if not address:
        return None
    user, _created = User.objects.get_or_create(email=address)
    return user if user.is_active else None


# ---- the organisation registry's identity providers (the operator's, through the admin) ----

PROVIDER_AUDITED_FIELDS = ("issuer", "client_id", "email_domains", "enabled")


def _provider_audit(*, config: OIDCConfiguration, changed_by: User, action, **change) -> None:
    """Audit on the site and in every program that uses the organisation, so its owners see it."""
    organisation = config.organisation
    programs = sorted(
        {p.program for p in organisation.participations.select_related("program")},
        key=lambda program: program.pk,
    )
    for program in [None, *programs]:
        audit.record(
            actor=changed_by,
            action=action,
            program=program,
            target=organisation,
            summary=f"identity provider of {organisation.short_name or organisation.pk}",
            **change,
        )


@transaction.atomic
def save_identity_provider(*, config: OIDCConfiguration, changed_by: User) -> OIDCConfiguration:
    """Save an organisation's identity provider; audited (never the client secret)."""
    stored = OIDCConfiguration.objects.filter(pk=config.pk).first() if config.pk else None
    before = {f: getattr(stored, f) for f in PROVIDER_AUDITED_FIELDS} if stored else {}
    after = {f: getattr(config, f) for f in PROVIDER_AUDITED_FIELDS}
    secret_changed = stored is None or stored.client_secret != config.client_secret
    config.save()
    _provider_audit(
        config=config,
        changed_by=changed_by,
        action=audit.Action.ORGANISATION_PROVIDER_SAVED,
        before=before,
        after={**after, "client_secret_changed": secret_changed},
    )
    return config


@transaction.atomic
def delete_identity_provider(*, config: OIDCConfiguration, deleted_by: User) -> None:
    """Remove an organisation's identity provider; audited."""
    _provider_audit(
        config=config,
        changed_by=deleted_by,
        action=audit.Action.ORGANISATION_PROVIDER_DELETED,
        before={f: getattr(config, f) for f in PROVIDER_AUDITED_FIELDS},
    )
    config.delete()
