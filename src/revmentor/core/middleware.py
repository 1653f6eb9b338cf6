"""Request-wide behaviour: a clear "try again" page, the language link, session refresh,
compressed responses."""

import logging
import sys
import time

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponseRedirect
from django.middleware.gzip import GZipMiddleware
from django.template.response import TemplateResponse
from django.views import defaults

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return unavailable(request, exception)
        return None


def is_database_unavailable(exception: BaseException | None) -> bool:
    return isinstance(exception, OperationalError | InterfaceError) or (
        isinstance(exception, DatabaseError) and "locked" in str(exception)
    )


def unavailable(request, exception: BaseException):
    logger.warning("database unavailable: %s", exception)
    response = TemplateResponse(request, "core/unavailable.html", status=503)
    response["Retry-After"] = "10"
    return response.render()


def server_error(request):
    """The 500 handler: a database briefly away outside a view (loading or saving the
    session, in another middleware) gives the same 503 "try again" page as inside one."""
    exception = sys.exc_info()[1]
    if is_database_unavailable(exception):
        return unavailable(request, exception)
    return defaults.server_error(request)


class LanguageLinkMiddleware:
    """``?lang=en`` on any GET sets the language cookie and redirects to the same address.

    The language switch is a plain link, so public pages carry no form, no CSRF cookie and
    can be cached; it works without JavaScript.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request.GET.get("lang")
        if request.method != "GET" or language is None:
            return self.get_response(request)
        query = request.GET.copy()
        del query["lang"]
        target = request.path + (f"?{query.urlencode()}" if query else "")
        response = HttpResponseRedirect(target)
        response["Cache-Control"] = "no-store"
        if language in dict(settings.LANGUAGES):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class SessionRefreshMiddleware:
    """Keep the inactivity expiry without writing the session on every request.

    The session row is saved when its content changes; otherwise its expiry is pushed forward
    only once it is more than ``REFRESH_AFTER`` seconds old, so a session still ends after
    SESSION_COOKIE_AGE seconds of inactivity (give or take those seconds).
    """

    REFRESH_AFTER = 300
    KEY = "_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or response.status_code >= 500:
            return response
        # Nothing but our own mark (an anonymous visitor, an ended or unknown session):
        # nothing to keep alive, and no session is created for it.
        keys = session.keys()  # a session is not iterable itself
        if not any(key != self.KEY for key in keys) or session.session_key is None:
            return response
        now = int(time.time())
        if session.modified or now - int(session.get(self.KEY, 0)) > self.REFRESH_AFTER:
            session[self.KEY] = now
        return response


class SessionAssuranceMiddleware:
    """Tell the permission layer whether this request's session passed the second factor.

    Roles are read on every request, so a role granted to someone already signed in by
    e-mail code alone must not count until they step up (see ``permissions.roles_in``).
    A visitor without a session cookie is left alone, so cacheable pages stay untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from revmentor.core import permissions

        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                assured = permissions.has_second_factor(request)
                setattr(user, permissions.ASSURED_ATTRIBUTE, assured)
        return self.get_response(request)


class CompressionMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH mitigation) for pages, CSV, JSON and calendars.

    Files that are compressed already (XLSX and other zips, PDF, images) pass unchanged:
    gzip would cost time and save nothing.
    """

    ALREADY_COMPRESSED = (
        "application/vnd.openxmlformats",
        "application/zip",
        "application/pdf",
        "image/",
        "font/",
    )

    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith(self.ALREADY_COMPRESSED):
            return response
        return super().process_response(request, response)
