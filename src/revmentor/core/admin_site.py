"""The Django admin at /ops/admin/, for operators only, behind the app's own sign-in.

The admin's own login form is never shown: it would take a password alone. Anonymous visitors
go to the app's sign-in, an operator whose session has not passed the second factor to the
step-up, anyone else signed in gets 404 (the admin's existence is nobody else's business).
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse


class OperatorAdminConfig(AdminConfig):
    """The Django admin app with ``OperatorAdminSite`` as its site (in INSTALLED_APPS)."""

    default_site = "revmentor.core.admin_site.OperatorAdminSite"


class OperatorAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        from revmentor.core import permissions

        return permissions.is_operator(request.user) and permissions.has_second_factor(request)

    def _refuse(self, request, next_url: str):
        from revmentor.core import permissions

        if not request.user.is_authenticated:
            target = "core:sign_in"
        elif permissions.is_operator(request.user):
            target = "core:step_up"
        else:
            raise Http404
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': next_url})}")

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not self.has_permission(request):
                return self._refuse(request, request.get_full_path())
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request, extra_context=None):
        """Never a password form: the app's own sign-in (with the second factor) instead."""
        if self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        return self._refuse(request, reverse("admin:index", current_app=self.name))
