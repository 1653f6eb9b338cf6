"""Every URL of revmentor; each app owns its own urls.py."""

from django.conf import settings
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
    path("", include("revmentor.programs.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
