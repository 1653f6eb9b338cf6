"""Abuse limits counted in the database, so every app server sees the same numbers.

Two kinds: *rate limits* on anonymous actions that send mail (at most so many per address and
per IP within a window; past it the visitor gets HTTP 429), and the *backoff* after failed
sign-in steps (each failure beyond a few free ones doubles the wait, up to a cap, per account
and per IP), which slows guessing without letting anyone lock a staff member out for long.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone


@dataclass(frozen=True)
class RateLimit:
    per_address: int
    per_ip: int
    window: timedelta


# Generous per IP: one agency's staff often share one outgoing address.
RATE_LIMITS = {
    "sign_in_code": RateLimit(per_address=5, per_ip=30, window=timedelta(minutes=15)),
    "accessibility_report": RateLimit(per_address=3, per_ip=10, window=timedelta(hours=1)),
}


@dataclass(frozen=True)
class Backoff:
    free: int  # failures within the window that cost no wait
    cap: timedelta
    window: timedelta

    def wait(self, failures: int) -> timedelta:
        """How long after the newest failure the next attempt must wait."""
        if failures < self.free:
            return timedelta(0)
        seconds = 2 ** min(failures - self.free, 20)
        return min(timedelta(seconds=seconds), self.cap)


# Per account the cap is short: anyone can type wrong codes for a staff member's address, and
# that may cost them a minute, not their morning. Per IP it is long: that is the guesser.
ACCOUNT_BACKOFF = Backoff(free=5, cap=timedelta(minutes=1), window=timedelta(hours=1))
IP_BACKOFF = Backoff(free=10, cap=timedelta(minutes=15), window=timedelta(hours=1))


def client_ip(request) -> str | None:
    """The visitor's IP address, as counted by the limits."""
    # Behind nginx every request comes from the proxy's address: the visitor's is the one
    # the nearest trusted proxy appended to X-Forwarded-For (settings.TRUSTED_PROXY_HOPS).
    hops = settings.TRUSTED_PROXY_HOPS
    if hops:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR") or None


def _key(kind: str, value: str) -> str:
    if not value:
        return ""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256
    ).hexdigest()


def pseudonym(address: str) -> str:
    """A short keyed hash of an e-mail address, to tell log lines apart without naming anyone."""
    return _key("address", address.strip().lower())[:12]


@transaction.atomic
def allow(*, scope: str, address: str = "", ip: str | None = None) -> bool:
    """Count one request to ``scope`` from ``address`` and ``ip``; False (nothing counted) if over."""
    from revmentor.core.models import RateLimitHit

    limit = RATE_LIMITS[scope]
    since = timezone.now() - limit.window
    address_key = _key("address", address.strip().lower())
    ip_key = _key("ip", ip or "")
    recent = RateLimitHit.objects.filter(scope=scope, at__gte=since)
    if address_key and recent.filter(address_key=address_key).count() >= limit.per_address:
        return False
    if ip_key and recent.filter(ip_key=ip_key).count() >= limit.per_ip:
        return False
    RateLimitHit.objects.create(scope=scope, address_key=address_key, ip_key=ip_key)
    return True


def retry_after(*, email: str = "", ip: str | None = None) -> int:
    """Seconds the next sign-in step for the account or from the IP must still wait (0: go on)."""
    from revmentor.core.models import SignInFailure

    email = (email or "").strip().lower()
    now = timezone.now()
    waits = [0.0]
    for backoff, rows in (
        (ACCOUNT_BACKOFF, SignInFailure.objects.filter(email=email) if email else None),
        (IP_BACKOFF, SignInFailure.objects.filter(ip=ip) if ip else None),
    ):
        if rows is None:
            continue
        recent = rows.filter(at__gte=now - backoff.window)
        count = recent.count()
        if count < backoff.free:
            continue
        newest = recent.order_by("-at").values_list("at", flat=True).first()
        if newest is not None:
            waits.append((newest + backoff.wait(count) - now).total_seconds())
    return max(0, int(-(-max(waits) // 1)))


def purge(*, now=None) -> int:
    """Delete counts older than every window (run by the repeating jobs); the number removed."""
    from revmentor.core.models import RateLimitHit, SignInCode, SignInFailure

    now = now or timezone.now()
    oldest = max(
        [limit.window for limit in RATE_LIMITS.values()]
        + [ACCOUNT_BACKOFF.window, IP_BACKOFF.window]
    )
    removed = RateLimitHit.objects.filter(at__lt=now - oldest).delete()[0]
    removed += SignInFailure.objects.filter(at__lt=now - oldest).delete()[0]
    removed += SignInCode.objects.filter(expires_at__lt=now - timedelta(days=1)).delete()[0]
    return removed
