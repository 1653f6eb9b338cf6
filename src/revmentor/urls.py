"""Every URL of revmentor; each app owns its own urls.py."""

from django.contrib import admin
from django.urls import include, path

from revmentor.core.health import healthz

# A database that is briefly away anywhere in a request answers 503 with Retry-After.
handler500 = "revmentor.core.middleware.server_error"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("ops/admin/", admin.site.urls),
    path("", include("revmentor.core.urls")),
    path("", include("revmentor.privacy.urls")),
    path("", include("revmentor.applications.urls")),
    path("", include("revmentor.matching.urls")),
    path("", include("revmentor.mentorships.urls")),
    path("", include("revmentor.surveys.urls")),
    path("", include("revmentor.reports.urls")),
    path("", include("revmentor.wishes.urls")),
    path("", include("revmentor.archive.urls")),
    path("", include("revmentor.programs.urls")),
]
# MEDIA_ROOT is never served directly, not even with DEBUG on: uploaded files are reached only
# through the views that check who may see them (e.g. mentorships' material download).
