"""Rendered public pages kept in the shared cache, per language, for visitors without cookies.

The cache is Django's database cache (settings.CACHES), so every app server reads the same
entries and an invalidation on one server reaches all of them. Each entry carries the
generation it was rendered under; a change bumps the generation in the same transaction as
the change itself.

Each app server process also keeps the entries it read for ``PUBLIC_PAGE_LOCAL_SECONDS``
(one second by default), so a burst of visitors costs it no database read at all. A change
clears that copy at once in the process that made it; every other process sees the change
within that second, well inside the minute a proxy may keep the page anyway.
"""

import contextlib
import threading
import uuid
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers

GENERATION_KEY = "public-pages:generation"
# How long a proxy may keep an anonymous page; short, so a change shows within a minute.
PROXY_MAX_AGE = 60
# How long the app keeps a rendered page; changes invalidate it at once anyway.
PAGE_TIMEOUT = 600
# The process's own copies: key -> (read at, entry). Few keys (pages x languages x encodings).
LOCAL: dict[str, tuple[float, dict]] = {}
LOCAL_MAX_KEYS = 512
_local_lock = threading.Lock()


def invalidate_public_pages() -> None:
    """Make every cached public page stale on every server (this process at once, the others
    within ``PUBLIC_PAGE_LOCAL_SECONDS``)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    with _local_lock:
        LOCAL.clear()


def _local_entry(key: str, now: float) -> dict | None:
    found = LOCAL.get(key)
    if found is None:
        return None
    read_at, entry = found
    # A clock set back counts as expired, so a copy is never kept longer than the window.
    if not read_at <= now < read_at + settings.PUBLIC_PAGE_LOCAL_SECONDS or entry["until"] <= now:
        return None
    return entry


def _keep_locally(key: str, entry: dict, now: float) -> None:
    if settings.PUBLIC_PAGE_LOCAL_SECONDS <= 0:
        return
    with _local_lock:
        if len(LOCAL) >= LOCAL_MAX_KEYS:
            LOCAL.clear()
        LOCAL[key] = (now, entry)


def _from_entry(entry: dict, state: str) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for header, value in entry["headers"]:
        response[header] = value
    response["X-Page-Cache"] = state
    return response


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
    """Mark a view whose rendering ``PublicPageCacheMiddleware`` keeps for anonymous visitors.

    ``expires(**kwargs)`` may return a moment the page changes by itself (a deadline), after
    which the entry is not used.
    """

    def decorator(view: Callable) -> Callable:
        view.public_page = (name, expires)  # type: ignore[attr-defined]
        return view

    return decorator


class PublicPageCacheMiddleware:
    """Serve marked public pages from the shared cache before sessions, language, CSRF and
    authentication are set up: a hit costs one cache read and no view.

    It sits above compression and everything else but static files, so the copy it keeps is
    the finished page, compressed for clients that accept gzip, with every header the lower
    middleware added (language, security policy, framing), and a hit repeats them. A public
    page holds no secret, so one compressed copy served to many is safe (BREACH needs one).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        spec = getattr(match.func, "public_page", None)
        if spec is None:
            return self.get_response(request)
        name, expires = spec
        key = "public-pages:{}:{}:{}:{}".format(
            name,
            "gzip" if re_accepts_gzip.search(request.headers.get("accept-encoding", "")) else "",
            translation.get_language_from_request(request),
            ":".join(f"{k}={v}" for k, v in sorted(match.kwargs.items())),
        )
        now = timezone.now().timestamp()
        local = _local_entry(key, now)
        if local is not None:
            return _from_entry(local, "local")
        try:
            found = cache.get_many([key, GENERATION_KEY])
        except DatabaseError:  # the view's own answer says the database is unavailable
            return self.get_response(request)
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = uuid.uuid4().hex
            cache.add(GENERATION_KEY, generation, None)
            generation = cache.get(GENERATION_KEY, generation)
        entry = found.get(key)
        if entry and entry["generation"] == generation and entry["until"] > now:
            _keep_locally(key, entry, now)
            return _from_entry(entry, "hit")
        response = self.get_response(request)
        if response.status_code != 200 or response.cookies or response.streaming:
            return response
        mark_public(response)
        until = now + PAGE_TIMEOUT
        moment = expires(**match.kwargs) if expires else None
        if moment is not None and moment.timestamp() > now:
            until = min(until, moment.timestamp())
        entry = {
            "generation": generation,
            "until": until,
            "content": response.content,
            "headers": list(response.items()),
        }
        with contextlib.suppress(DatabaseError):  # the page is served; it is just not kept
            cache.set(key, entry, PAGE_TIMEOUT)
        response["X-Page-Cache"] = "miss"
        return response
