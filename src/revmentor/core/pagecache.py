"""Rendered public pages kept in the shared cache, per language, for visitors without cookies.

The cache is Django's database cache (settings.CACHES), so every app server reads the same
entries and an invalidation on one server reaches all of them. Each entry carries the
generation it was rendered under; a change bumps the generation in the same transaction as
the change itself, so no server serves a page older than a committed change.
"""

import functools
import uuid
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

GENERATION_KEY = "public-pages:generation"
# How long a proxy may keep an anonymous page; short, so a change shows within a minute.
PROXY_MAX_AGE = 60
# How long the app keeps a rendered page; changes invalidate it at once anyway.
PAGE_TIMEOUT = 600
# Headers of the rendering that the cached copy repeats (a calendar file's file name).
KEPT_HEADERS = ("Content-Disposition",)


def invalidate_public_pages() -> None:
    """Make every cached public page stale on every server."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def is_cacheable_request(request: HttpRequest) -> bool:
    """A plain GET by a visitor with no session and no pending messages."""
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def mark_public(response: HttpResponse) -> HttpResponse:
    """Let a proxy keep an anonymous page for a short time.

    It varies by cookie (a signed-in visitor, or one who chose a language, has one) and by
    Accept-Language, so a proxy keeps one copy for every cookie-less visitor per language.
    """
    if not response.cookies and response.status_code == 200:
        patch_cache_control(response, public=True, max_age=PROXY_MAX_AGE)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response


def cached_public_page(
    name: str, *, expires: Callable[..., datetime | None] | None = None
) -> Callable:
    """Serve the view's rendering from the shared cache for anonymous visitors.

    ``expires(**kwargs)`` may return a moment the page changes by itself (a deadline), after
    which the entry is not used.
    """

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, **kwargs) -> HttpResponse:
            if not is_cacheable_request(request):
                return view(request, **kwargs)
            key = "public-pages:{}:{}:{}".format(
                name,
                getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
                ":".join(f"{k}={v}" for k, v in sorted(kwargs.items())),
            )
            found = cache.get_many([key, GENERATION_KEY])
            generation = found.get(GENERATION_KEY)
            if generation is None:
                generation = uuid.uuid4().hex
                cache.add(GENERATION_KEY, generation, None)
                generation = cache.get(GENERATION_KEY, generation)
            entry = found.get(key)
            now = timezone.now().timestamp()
            if entry and entry["generation"] == generation and entry["until"] > now:
                response = HttpResponse(entry["content"], content_type=entry["content_type"])
                for header, value in entry.get("headers", {}).items():
                    response[header] = value
                response["X-Page-Cache"] = "hit"
                return mark_public(response)
            response = view(request, **kwargs)
            if hasattr(response, "render"):
                response = response.render()
            if response.status_code == 200 and not response.cookies:
                until = now + PAGE_TIMEOUT
                moment = expires(**kwargs) if expires else None
                if moment is not None and moment.timestamp() > now:
                    until = min(until, moment.timestamp())
                cache.set(
                    key,
                    {
                        "generation": generation,
                        "until": until,
                        "content": response.content,
                        "content_type": response["Content-Type"],
                        "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
                    },
                    PAGE_TIMEOUT,
                )
                response["X-Page-Cache"] = "miss"
            return mark_public(response)

        return wrapper

    return decorator
