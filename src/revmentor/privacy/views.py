"""Privacy notices, the accessibility statement and report form, the register extract,
erasure requests and their decisions, retention and the program's privacy settings."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from revmentor.core import mail, paging, permissions, throttle
from revmentor.privacy import queries, services
from revmentor.privacy.forms import (
    AccessibilityReportForm,
    ErasureDecisionForm,
    ErasureRequestForm,
    ExtractForPersonForm,
    ProgramPrivacyForm,
)
from revmentor.privacy.models import ErasureRequest, privacy_for
from revmentor.programs import queries as program_queries
from revmentor.programs.models import Program

# ---- public -------------------------------------------------------------------------


def notice(request):
    return render(
        request,
        "privacy/notice.html",
        {
            "programs": program_queries.public_programs().order_by("-period_start"),
            "mail_days": mail.mail_task_days(),
        },
    )


def program_notice(request, slug):
    """The privacy notice of one program: controller, purpose, legal basis, retention, DPO."""
    program = Program.objects.filter(slug=slug).select_related("privacy").first()
    if program is None or not (
        program.is_public or permissions.is_coordinator(request.user, program)
    ):
        raise Http404
    return render(
        request,
        "privacy/program_notice.html",
        {
            "mail_days": mail.mail_task_days(),
            "program": program,
            "privacy": privacy_for(program),
            "contacts": program.contact_persons.all(),
        },
    )


def accessibility(request):
    return render(request, "privacy/accessibility.html")


def accessibility_report(request):
    """Report an accessibility problem; it is e-mailed to the program's contacts by the worker."""
    form = AccessibilityReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.allow(
            scope="accessibility_report",
            address=form.cleaned_data["email"],
            ip=throttle.client_ip(request),
        ):
            form.add_error(
                None, _("Too many reports were sent from here. Wait an hour and try again.")
            )
            return render(request, "privacy/accessibility_report.html", {"form": form}, status=429)
        services.report_accessibility_problem(
            program=form.cleaned_data["program"],
            page=form.cleaned_data["page"],
            description=form.cleaned_data["description"],
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
        )
        messages.success(request, _("Thank you. Your report has been sent."))
        return redirect("privacy:accessibility")
    return render(request, "privacy/accessibility_report.html", {"form": form})


# ---- the person's own data -------------------------------------------------------------


@login_required
def my_data(request):
    """The person's privacy page: their extract in two formats, and erasure requests."""
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_erasure(
            person=request.user,
            program=form.cleaned_data["program"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request, _("Your request has been sent. A coordinator of the program decides it.")
        )
        return redirect("privacy:my_data")
    return render(
        request,
        "privacy/my_data.html",
        {"form": form, "requests": queries.own_erasure_requests(request.user)},
    )


@login_required
def my_extract(request):
    extract = services.produce_extract(person=request.user, requested_by=request.user)
    return _render_extract(request, request.user, extract)


@login_required
def my_extract_json(request):
    extract = services.produce_extract(person=request.user, requested_by=request.user)
    return _json_download(request.user, extract)


def _render_extract(request, person, extract, program=None, operator=False):
    return render(
        request,
        "privacy/extract.html",
        {
            "person": person,
            "extract": extract,
            "program": program,
            "operator": operator,
            "produced_at": timezone.now(),
        },
    )


def _json_download(person, extract) -> HttpResponse:
    body = json.dumps(
        {"produced_at": timezone.now().isoformat(), "data": extract}, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="revmentor-extract-{person.public_id}.json"'
    )
    return response


# ---- the coordinator's privacy pages ---------------------------------------------------


@login_required
@permissions.program_role("coordinator")
def settings_page(request, program):
    """The program's privacy notice facts and retention periods."""
    privacy = privacy_for(program)
    before = services._settings_snapshot(privacy)
    form = ProgramPrivacyForm(request.POST or None, instance=privacy)
    if request.method == "POST" and form.is_valid():
        services.save_privacy_settings(
            privacy=form.save(commit=False), before=before, changed_by=request.user
        )
        messages.success(request, _("The privacy settings were saved."))
        return redirect("privacy:settings", slug=program.slug)
    return render(request, "privacy/manage/settings.html", {"program": program, "form": form})


@login_required
@permissions.program_role("coordinator")
def retention(request, program):
    """What the retention job would anonymise now (dry run), and a button to do it."""
    now = timezone.now()
    if request.method == "POST":
        done = services.apply_retention(program=program, now=now, actor=request.user)
        messages.success(
            request,
            _("%(count)s records were anonymised.") % {"count": sum(done.values())},
        )
        return redirect("privacy:retention", slug=program.slug)
    plan = [(due, due.rows.count()) for due in queries.retention_plan(program, now)]
    return render(
        request,
        "privacy/manage/retention.html",
        {"program": program, "plan": plan, "privacy": privacy_for(program)},
    )


@login_required
@permissions.program_role("coordinator")
def erasure_list(request, program):
    pager = paging.page_of(
        request,
        queries.erasure_requests_visible_to(request.user, program).only(
            "public_id", "person_label", "created_at", "status", "decided_by", "decided_by__email"
        ),
    )
    return render(
        request,
        "privacy/manage/erasure_list.html",
        {
            "program": program,
            "pager": pager,
            "requests": pager.page.object_list,
            "status_labels": {value: str(label) for value, label in ErasureRequest.Status.choices},
            "decide_url": paging.row_url(
                "privacy:erasure_decide", last="public_id", slug=program.slug
            ),
        },
    )


@login_required
@permissions.program_role("coordinator")
def erasure_decide(request, program, public_id):
    """Approve or refuse one erasure request, with a reason."""
    erasure = get_object_or_404(
        queries.erasure_requests_visible_to(request.user, program), public_id=public_id
    )
    form = ErasureDecisionForm(request.POST or None)
    if erasure.status != ErasureRequest.Status.PENDING:
        form = None
    elif request.method == "POST" and form.is_valid():
        services.decide_erasure(
            erasure=erasure,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
            decided_by=request.user,
        )
        messages.success(request, _("The decision was recorded."))
        return redirect("privacy:erasure_list", slug=program.slug)
    return render(
        request,
        "privacy/manage/erasure_decide.html",
        {"program": program, "erasure": erasure, "form": form},
    )


@login_required
@permissions.program_role("coordinator")
def extract_for(request, program):
    """A coordinator produces the register extract of a person in the program (a mailed request)."""
    form = ExtractForPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = queries.person_in_program(form.cleaned_data["email"], program)
        if person is None:
            form.add_error(
                "email",
                _("Nobody with that e-mail address applied to or took part in this program."),
            )
        else:
            extract = services.produce_extract(
                person=person, requested_by=request.user, program=program
            )
            if form.cleaned_data["format"] == "json":
                return _json_download(person, extract)
            return _render_extract(request, person, extract, program)
    return render(request, "privacy/manage/extract_for.html", {"program": program, "form": form})


# ---- the operator's full extract -----------------------------------------------------


@login_required
@permissions.operator_required
def operator_extract(request):
    """The operator (data protection officer) produces a person's extract across all programs."""
    form = ExtractForPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = queries.person_by_email(form.cleaned_data["email"])
        if person is None:
            form.add_error("email", _("Nobody with that e-mail address has an account."))
        else:
            extract = services.produce_extract(person=person, requested_by=request.user)
            if form.cleaned_data["format"] == "json":
                return _json_download(person, extract)
            return _render_extract(request, person, extract, operator=True)
    return render(request, "privacy/operator_extract.html", {"form": form})
