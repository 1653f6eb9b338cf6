"""Sign-in (code, password, identity provider; staff add TOTP), sign-out, the start page."""

import logging
import time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from revmentor.core import oidc, paging, permissions, queries, services, throttle
from revmentor.core.forms import (
    AuditSearchForm,
    PasswordSignInForm,
    SignInCodeForm,
    SignInEmailForm,
    TOTPForm,
)
from revmentor.core.models import OIDCConfiguration, TOTPDevice, User

logger = logging.getLogger("revmentor.security")
EMAIL_BACKEND = "revmentor.core.auth.EmailBackend"


PENDING_KEY = "sign_in_pending"
PENDING_SECONDS = 600


def _next_url(request, candidate: str | None = None) -> str:
    target = candidate or request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("core:home")


def _ip(request) -> str | None:
    return throttle.client_ip(request)


TOO_MANY_REQUESTS = 429


def _wait_message(seconds: int) -> str:
    return ngettext(
        "Too many failed attempts. Wait %(seconds)d second and try again.",
        "Too many failed attempts. Wait %(seconds)d seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


def too_many_codes_message() -> str:
    return _("Too many codes were asked for. Wait 15 minutes and try again.")


def _complete_sign_in(request, user, next_url: str, backend: str):
    """The first factor has held: staff go on to their authenticator app, others are signed in."""
    if services.is_staff(user):
        request.session[PENDING_KEY] = {
            "user": user.pk,
            "next": next_url,
            "backend": backend,
            "at": time.time(),
        }
        if services.confirmed_device(user) is None:
            return redirect("core:totp_enrol")
        return redirect("core:sign_in_totp")
    login(request, user, backend=backend)
    services.clear_failures(email=user.email)
    return HttpResponseRedirect(next_url)


def _pending_user(request):
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None, None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def sign_in(request):
    """Step 1: the person gives their e-mail address and receives a one-time code."""
    form = SignInEmailForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if throttle.allow(scope="sign_in_code", address=email, ip=_ip(request)):
            services.send_sign_in_code(email=email)
            request.session["sign_in_email"] = email.lower()
            url = reverse("core:sign_in_code")
            return redirect(f"{url}?{urlencode({'next': _next_url(request)})}")
        form.add_error("email", too_many_codes_message())
        status = TOO_MANY_REQUESTS
    return render(
        request,
        "core/sign_in.html",
        {
            "form": form,
            "next": _next_url(request),
            "identity_providers": OIDCConfiguration.objects.filter(enabled=True)
            .select_related("organisation")
            .order_by("organisation__name"),
        },
        status=status,
    )


def sign_in_code(request):
    """Step 2: the person types the code from the e-mail (staff then give their TOTP code)."""
    email = request.session.get("sign_in_email")
    if not email:
        return redirect("core:sign_in")
    form = SignInCodeForm(request.POST or None, initial={"email": email})
    status = 200
    if request.method == "POST" and form.is_valid():
        if wait := throttle.retry_after(email=email, ip=_ip(request)):
            form.add_error("code", _wait_message(wait))
            status = TOO_MANY_REQUESTS
        else:
            user = services.verify_sign_in_code(email=email, code=form.cleaned_data["code"])
            if user is not None:
                request.session.pop("sign_in_email", None)
                return _complete_sign_in(request, user, _next_url(request), EMAIL_BACKEND)
            services.record_failure(email=email, ip=_ip(request), step="code")
            form.add_error("code", _("The code is wrong or has expired. Ask for a new code."))
    return render(
        request,
        "core/sign_in_code.html",
        {"form": form, "email": email, "next": _next_url(request)},
        status=status,
    )


def sign_in_password(request):
    """Staff sign in with their password, then with a code from their authenticator app."""
    form = PasswordSignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if wait := throttle.retry_after(email=email, ip=_ip(request)):
            form.add_error(None, _wait_message(wait))
            status = TOO_MANY_REQUESTS
        else:
            user = authenticate(request, email=email, password=form.cleaned_data["password"])
            if user is not None:
                return _complete_sign_in(request, user, _next_url(request), EMAIL_BACKEND)
            services.record_failure(email=email, ip=_ip(request), step="password")
            form.add_error(None, _("The e-mail address or the password is wrong."))
    return render(
        request,
        "core/sign_in_password.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


def sign_in_totp(request):
    """Staff's second step: the six digits from their authenticator app."""
    user, pending = _pending_user(request)
    if user is None:
        return redirect("core:sign_in")
    if services.confirmed_device(user) is None:
        return redirect("core:totp_enrol")
    form = TOTPForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if wait := throttle.retry_after(email=user.email, ip=_ip(request)):
            form.add_error("code", _wait_message(wait))
            status = TOO_MANY_REQUESTS
        elif services.verify_totp(user=user, code=form.cleaned_data["code"]):
            return _finish_second_factor(request, user, pending)
        else:
            services.record_failure(email=user.email, ip=_ip(request), step="totp")
            form.add_error(
                "code", _("The code is wrong or has already been used. Wait for the next code.")
            )
    return render(request, "core/sign_in_totp.html", {"form": form}, status=status)


def totp_enrol(request):
    """A staff member's first sign-in: connect an authenticator app, then confirm one code."""
    user, pending = _pending_user(request)
    if user is None:
        return redirect("core:sign_in")
    if services.confirmed_device(user) is not None:
        return redirect("core:sign_in_totp")
    form = TOTPForm(request.POST or None)
    device = (
        services.start_totp_enrolment(user=user)
        if request.method == "GET"
        else TOTPDevice.objects.filter(user=user).first()
    )
    if device is None:
        return redirect("core:totp_enrol")
    status = 200
    if request.method == "POST" and form.is_valid():
        if wait := throttle.retry_after(email=user.email, ip=_ip(request)):
            form.add_error("code", _wait_message(wait))
            status = TOO_MANY_REQUESTS
        elif services.verify_totp(user=user, code=form.cleaned_data["code"], confirm=True):
            return _finish_second_factor(request, user, pending)
        else:
            services.record_failure(email=user.email, ip=_ip(request), step="totp_enrol")
            form.add_error("code", _("The code is wrong. Check the app's clock and try again."))
    return render(
        request,
        "core/totp_enrol.html",
        {
            "form": form,
            "secret": device.secret,
            "uri": services.provisioning_uri(device),
        },
        status=status,
    )


def _finish_second_factor(request, user, pending):
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend=pending["backend"])
    permissions.mark_second_factor(request)
    services.clear_failures(email=user.email)
    return HttpResponseRedirect(_next_url(request, pending["next"]))


@login_required
def step_up(request):
    """A signed-in person whose session has not passed the second factor gives it now.

    Roles are read on every request, so a role granted mid-session is only honoured after this.
    """
    from django.contrib.auth import BACKEND_SESSION_KEY

    request.session[PENDING_KEY] = {
        "user": request.user.pk,
        "next": _next_url(request),
        "backend": request.session.get(BACKEND_SESSION_KEY, EMAIL_BACKEND),
        "at": time.time(),
    }
    if services.confirmed_device(request.user) is None:
        return redirect("core:totp_enrol")
    return redirect("core:sign_in_totp")


def oidc_start(request, public_id):
    """Go to the organisation's identity provider to sign in there."""
    config = get_object_or_404(OIDCConfiguration, public_id=public_id, enabled=True)
    try:
        url = oidc.begin(request.session, config, _next_url(request))
    except oidc.OIDCError as error:
        logger.warning("oidc start failed for %s: %s", config.issuer, error)
        messages.error(request, _("Your organisation's sign-in service does not answer."))
        return redirect("core:sign_in")
    return HttpResponseRedirect(url)


def oidc_callback(request):
    """The identity provider sends the person back here with a code to exchange."""
    if wait := throttle.retry_after(ip=_ip(request)):
        messages.error(request, _wait_message(wait))
        return redirect("core:sign_in")
    try:
        identity, next_url = oidc.complete(request.session, request.GET)
    except oidc.OIDCRefused as refused:
        logger.warning("oidc sign-in refused: %s", refused.reason)
        services.record_failure(email="", ip=_ip(request), step="oidc")
        return render(
            request,
            "core/oidc_refused.html",
            {
                "reason": refused.reason,
                "organisation": refused.organisation,
                "domain": refused.domain,
            },
            status=403,
        )
    except oidc.OIDCError as error:
        logger.warning("oidc sign-in refused: %s", error)
        services.record_failure(email="", ip=_ip(request), step="oidc")
        messages.error(request, _("The sign-in through your organisation failed. Try again."))
        return redirect("core:sign_in")
    user = services.user_for_identity_provider(email=identity.email)
    if user is None:
        messages.error(request, _("The sign-in through your organisation failed. Try again."))
        return redirect("core:sign_in")
    return _complete_sign_in(request, user, _next_url(request, next_url), EMAIL_BACKEND)


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("programs:list")


@login_required
def home(request):
    """The signed-in person's start page: their programs in each role."""
    return render(
        request,
        "core/home.html",
        {
            "coordinated": permissions.programs_coordinated_by(request.user).order_by(
                "-period_start"
            ),
            "hr_programs": permissions.programs_with_hr_role(request.user).order_by(
                "-period_start"
            ),
            "can_create": permissions.can_create_programs(request.user),
        },
    )


def csrf_failure(request, reason=""):
    """A missing or stale CSRF token: a clear page in the visitor's language, not Django's debug text."""
    return render(request, "403_csrf.html", status=403)


AUDIT_PAGE_SIZE = 50


@login_required
@permissions.program_role("coordinator")
def audit_log(request, program):
    """The program's audit trail for its coordinator, searchable by action, person and dates."""
    entries = queries.audit_entries_visible_to(request.user, program)
    actions = sorted(set(entries.order_by().values_list("action", flat=True).distinct()))
    form = AuditSearchForm(request.GET or None, actions=actions)
    if form.is_bound and form.is_valid():
        entries = queries.search_audit_entries(
            entries,
            action=form.cleaned_data["action"],
            person=form.cleaned_data["person"],
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
    elif form.is_bound:
        entries = entries.none()
    pager = paging.page_of(request, entries, per_page=AUDIT_PAGE_SIZE)
    return render(
        request,
        "core/audit_log.html",
        {"program": program, "form": form, "pager": pager, "page_obj": pager.page},
    )
