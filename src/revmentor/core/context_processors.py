"""Values every template may use."""

from django.conf import settings


def site(request):
    return {"SITE_URL": settings.SITE_URL, "PRODUCTION": settings.PRODUCTION}
