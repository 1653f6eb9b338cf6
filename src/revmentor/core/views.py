"""Sign-in, sign-out and the signed-in person's start page."""

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from revmentor.core import permissions, services
from revmentor.core.forms import PasswordSignInForm, SignInCodeForm, SignInEmailForm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("core:home")


def sign_in(request):
    """Step 1: the person gives their e-mail address and receives a one-time code."""
    form = SignInEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if services.send_sign_in_code(email=email):
            request.session["sign_in_email"] = email.lower()
            url = reverse("core:sign_in_code")
            nxt = _next_url(request)
            return redirect(f"{url}?next={nxt}")
        form.add_error("email", _("Too many codes were asked for. Wait 15 minutes and try again."))
    return render(
        request,
        "core/sign_in.html",
        {"form": form, "next": _next_url(request), "password_form": PasswordSignInForm()},
    )


def sign_in_code(request):
    """Step 2: the person types the code from the e-mail."""
    email = request.session.get("sign_in_email")
    if not email:
        return redirect("core:sign_in")
    form = SignInCodeForm(request.POST or None, initial={"email": email})
    if request.method == "POST" and form.is_valid():
        user = services.verify_sign_in_code(email=email, code=form.cleaned_data["code"])
        if user is not None:
            login(request, user, backend="revmentor.core.auth.EmailBackend")
            request.session.pop("sign_in_email", None)
            return HttpResponseRedirect(_next_url(request))
        form.add_error("code", _("The code is wrong or has expired. Ask for a new code."))
    return render(
        request,
        "core/sign_in_code.html",
        {"form": form, "email": email, "next": _next_url(request)},
    )


def sign_in_password(request):
    """Staff with a password (coordinators and HR) may sign in with it instead of a code."""
    form = PasswordSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, email=form.cleaned_data["email"], password=form.cleaned_data["password"]
        )
        if user is not None:
            login(request, user)
            return HttpResponseRedirect(_next_url(request))
        form.add_error(None, _("The e-mail address or the password is wrong."))
    return render(request, "core/sign_in_password.html", {"form": form, "next": _next_url(request)})


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
