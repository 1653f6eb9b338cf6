"""Turn a database that is briefly unreachable into a clear "try again" page."""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError) or (
            isinstance(exception, DatabaseError) and "locked" in str(exception)
        ):
            logger.warning("database unavailable: %s", exception)
            response = TemplateResponse(request, "core/unavailable.html", status=503)
            response["Retry-After"] = "10"
            return response.render()
        return None


class SessionAssuranceMiddleware:
    """Tell the permission layer whether this request's session passed the second factor.

    Roles are read on every request, so a role granted to someone already signed in by
    e-mail code alone must not count until they step up (see ``permissions.roles_in``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from revmentor.core import permissions

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            setattr(user, permissions.ASSURED_ATTRIBUTE, permissions.has_second_factor(request))
        return self.get_response(request)
