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
