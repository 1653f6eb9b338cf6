"""Applicant form and status, manager link, HR list and decisions, coordinator's nominations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db.models import Sum, prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from revmentor.applications import emails, exports, importing, queries, services
from revmentor.applications.forms import (
    ApplicationForm,
    BulkDecisionForm,
    DecisionForm,
    EligibilityForm,
    EmailTemplateForm,
    FilterForm,
    ImportForm,
    LateRegistrationForm,
    ManagerAnswerForm,
)
from revmentor.applications.models import Application, EmailKind, EmailTemplate
from revmentor.core import paging, permissions
from revmentor.programs.models import Organisation, Program
from revmentor.programs.queries import public_programs

# A sent application that is still alive: its program's joint meetings are in the person's feed.
FEED_STATUSES = [
    Application.Status.SUBMITTED,
    Application.Status.NOMINATED,
    Application.Status.WAITLISTED,
]


def _open_program_or_404(slug: str) -> Program:
    program = (
        public_programs().prefetch_related("profiles", "deadline_changes").filter(slug=slug).first()
    )
    if program is None:
        raise Http404
    return program


def _shown(program: Program) -> Program:
    """The program with its deadline changes read, for a page that shows the deadline."""
    prefetch_related_objects([program], "deadline_changes")
    return program


def _contacts(program: Program, organisation_ids=None):
    participations = program.participations.select_related("organisation")
    if organisation_ids:
        participations = participations.filter(organisation_id__in=organisation_ids)
    return {
        "hr_contacts": [
            (p.organisation, p.hr_email_list) for p in participations if p.hr_email_list
        ],
        "contact_persons": program.contact_persons.all(),
    }


# ---- the applicant -------------------------------------------------------------------


@login_required
def apply(request, slug):
    """Step 1: employment, profile and birth year; those who cannot apply learn why first."""
    program = _open_program_or_404(slug)
    if queries.own_application(request.user, program) is not None:
        return redirect("applications:edit", slug=program.slug)
    if not program.accepts_applications:
        return render(request, "applications/closed.html", {"program": program}, status=200)
    form = EligibilityForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            services.start_application(
                program=program,
                applicant=request.user,
                language=get_language() or "sv",
                **form.cleaned_data,
            )
        except services.ApplicationError as error:
            form.add_error(None, error.message)
        else:
            return redirect("applications:edit", slug=program.slug)
    return render(
        request,
        "applications/eligibility.html",
        {
            "program": program,
            "form": form,
            "not_eligible": form.ineligible_reason == "employment_type",
            **_contacts(program),
        },
    )


@login_required
def edit(request, slug):
    """Step 2: the application itself, saved as a draft or sent, until the deadline."""
    # The application comes with its program; a successful send or save redirects, so the
    # deadline changes are read only for a page.
    application = queries.own_application_by_slug(request.user, slug)
    if application is None:
        return redirect("applications:apply", slug=_open_program_or_404(slug).slug)
    program = application.program
    if not application.can_be_edited:
        if request.method == "POST" and not program.accepts_applications:
            # Sent after the deadline: say so at once, on the page that answers the send.
            return render(
                request, "applications/closed.html", {"program": _shown(program)}, status=200
            )
        if request.method == "POST":
            messages.error(request, _("The application can no longer be changed."))
        return redirect("applications:status", slug=program.slug)
    submitting = request.method == "POST" and "submit" in request.POST
    form = ApplicationForm(
        request.POST or None, instance=application, program=program, submitting=submitting
    )
    if request.method == "POST" and form.is_valid():
        try:
            if submitting:
                services.submit(
                    application=form.to_application(),
                    topics=form.cleaned_data["topics"],
                    submission_token=form.cleaned_data.get("submission_token"),
                )
            else:
                services.save_draft(
                    application=form.to_application(), topics=form.cleaned_data["topics"]
                )
        except services.ApplicationError as error:
            form.add_error(None, error.message)
        else:
            if submitting:
                messages.success(
                    request, _("Your application has been sent. A receipt is on its way.")
                )
                return redirect("applications:status", slug=program.slug)
            messages.success(request, _("Your draft is saved. Send it before the deadline."))
            return redirect("applications:edit", slug=program.slug)
    return render(
        request,
        "applications/form.html",
        {
            "program": _shown(program),
            "form": form,
            "application": application,
            "postponement": program.latest_deadline_change(),
        },
    )


@login_required
def status(request, slug):
    program = _open_program_or_404(slug)
    application = queries.own_application(request.user, program)
    if application is None:
        raise Http404
    return render(
        request,
        "applications/status.html",
        {
            "program": program,
            "application": application,
            "topics": application.topics.all(),
            "postponement": program.latest_deadline_change(),
            "feed_url": emails.personal_feed_url(request.user)
            if application.status in FEED_STATUSES
            else "",
        },
    )


@login_required
def withdraw(request, slug):
    program = _open_program_or_404(slug)
    application = queries.own_application(request.user, program)
    if application is None or not application.can_be_withdrawn:
        raise Http404
    if request.method == "POST":
        services.withdraw(application=application, withdrawn_by=request.user)
        messages.success(request, _("Your application is withdrawn."))
        return redirect("applications:status", slug=program.slug)
    return render(
        request, "applications/withdraw.html", {"program": program, "application": application}
    )


# ---- the manager, without an account ----------------------------------------------------


def manager(request, token):
    try:
        application = services.application_for_manager_token(token)
    except services.ManagerLinkProblem as problem:
        return render(
            request,
            "applications/manager_link_problem.html",
            {"message": problem.message, "reason": problem.reason},
            status=410 if problem.reason == "expired" else 404,
        )
    if application.manager_answer != Application.ManagerAnswer.PENDING:
        return render(
            request,
            "applications/manager_link_problem.html",
            {"message": _("The link has already been used."), "application": application},
        )
    form = ManagerAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_as_manager(
                application=application,
                confirmed=form.cleaned_data["answer"] == "confirmed",
                answered_by=request.user if request.user.is_authenticated else None,
            )
        except services.ManagerLinkProblem as problem:
            form.add_error(None, problem.message)
        else:
            return render(request, "applications/manager_done.html", {"application": application})
    return render(request, "applications/manager.html", {"application": application, "form": form})


# ---- local HR ------------------------------------------------------------------------


def _hr_context(request, program):
    participations = list(queries.hr_participations(request.user, program))
    filter_form = FilterForm(request.GET or None)
    applications = queries.filtered(
        queries.applications_visible_to(request.user, program), filter_form.filters()
    )
    nominated = sum(p.nominated for p in participations)
    pager = paging.page_of(request, queries.for_hr_list(applications))
    return {
        "program": program,
        "participations": participations,
        "filter_form": filter_form,
        "pager": pager,
        "applications": pager.page.object_list,
        "labels": exports.labels(),
        "detail_url": paging.row_url("applications:hr_detail", last="public_id", slug=program.slug),
        "cost": program.cost_per_participant * nominated,
        "nominated": nominated,
        "nomination_open": services.nomination_is_open(program),
    }


@login_required
@permissions.program_role("hr")
def hr_list(request, program, organisation_ids):
    context = _hr_context(request, program)
    context["decision_form"] = DecisionForm(prefix="bulk")
    return render(request, "applications/hr_list.html", context)


@login_required
@require_POST
@permissions.program_role("hr")
def hr_bulk(request, program, organisation_ids):
    """Several decisions at once: first a preview of the e-mail, then all or nothing."""
    if not services.nomination_is_open(program):
        messages.error(request, _("The nomination step of this program is closed."))
        return redirect("applications:hr_list", slug=program.slug)
    visible = queries.applications_visible_to(request.user, program).filter(
        status__in=services.DECIDABLE
    )
    # Only the ticked ones are looked up: the choices are those of them the user may decide.
    ticked = queries.valid_public_ids(request.POST.getlist("bulk-applications"))
    choices = [
        (str(pk), str(pk))
        for pk in visible.filter(public_id__in=ticked).values_list("public_id", flat=True)
    ]
    form = BulkDecisionForm(request.POST, choices=choices, prefix="bulk")
    if not form.is_valid():
        context = _hr_context(request, program)
        context["decision_form"] = form
        return render(request, "applications/hr_list.html", context)
    selected = queries.applications_by_public_id(visible, form.cleaned_data["applications"])
    decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
    problems = services.places_problems(applications=selected, decision=decision)
    if "confirm" not in request.POST or problems:
        sample = selected[0]
        subject, body = emails.render(
            kind=decision,
            program=program,
            language=sample.language,
            values=emails.values_for(sample, reason=reason),
        )
        return render(
            request,
            "applications/hr_bulk_preview.html",
            {
                "program": program,
                "form": form,
                "selected": selected,
                "decision_label": dict(form.fields["decision"].choices)[decision],
                "subject": subject,
                "body": body,
                "problems": problems,
                "participations": queries.hr_participations(request.user, program),
                "nomination_open": services.nomination_is_open(program),
            },
        )
    try:
        count = services.decide_many(
            applications=selected, decision=decision, reason=reason, decided_by=request.user
        )
    except services.ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(count)s decisions were saved.") % {"count": count})
    # Back to the page of the list the decision was made on, with its filters and sort.
    back = reverse("applications:hr_list", kwargs={"slug": program.slug})
    return redirect(f"{back}?{request.GET.urlencode()}" if request.GET else back)


@login_required
@permissions.program_role("hr")
def hr_detail(request, program, organisation_ids, public_id):
    application = get_object_or_404(
        queries.applications_visible_to(request.user, program).select_related(
            "organisation", "program", "decided_by", "registered_by"
        ),
        public_id=public_id,
    )
    nomination_open = services.nomination_is_open(program)
    form = DecisionForm(request.POST or None, initial={"decision": application.status})
    if request.method == "POST" and nomination_open and form.is_valid():
        try:
            services.decide(
                application=application,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                decided_by=request.user,
            )
        except services.ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The decision was saved and the applicant is told."))
            return redirect("applications:hr_list", slug=program.slug)
    participation = program.participations.filter(
        organisation_id=application.organisation_id
    ).first()
    return render(
        request,
        "applications/hr_detail.html",
        {
            "program": program,
            "application": application,
            "topics": application.topics.all(),
            "form": form,
            "participation": participation,
            "decidable": nomination_open and application.status in services.DECIDABLE,
            "nomination_open": nomination_open,
        },
    )


def _export(request, program, filter_form, what: str, file_format: str, name: str):
    """The visible applications under the page's filters as CSV or XLSX; the export is audited."""
    if file_format not in exports.FORMATS:
        raise Http404
    filters = filter_form.filters()
    rows = queries.filtered(queries.applications_visible_to(request.user, program), filters)
    services.record_export(
        program=program,
        exported_by=request.user,
        what=what,
        file_format=file_format,
        filters=filters,
        rows=rows.count(),
    )
    return exports.response(rows, file_format, f"{program.slug}-{name}")


@login_required
@permissions.program_role("hr")
def hr_export(request, program, organisation_ids, file_format):
    filter_form = FilterForm(request.GET or None)
    return _export(request, program, filter_form, "hr", file_format, "ansokningar")


@login_required
@permissions.program_role("hr")
def hr_late(request, program, organisation_ids):
    form = LateRegistrationForm(
        request.POST or None,
        instance=Application(program=program),
        program=program,
        organisations=Organisation.objects.filter(
            pk__in=organisation_ids, participations__program=program
        ).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        application = form.to_application()
        try:
            services.register_late(
                application=application,
                topics=form.cleaned_data["topics"],
                reason=form.cleaned_data["reason"],
                registered_by=request.user,
            )
        except services.ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The application was registered."))
            return redirect("applications:hr_list", slug=program.slug)
    return render(request, "applications/hr_late.html", {"program": program, "form": form})


# ---- the coordinator ---------------------------------------------------------------------


def _coordinator_context(request, program):
    participations = list(program.participations.select_related("organisation"))
    filter_form = FilterForm(
        request.GET or None, organisations=[p.organisation for p in participations]
    )
    applications = queries.filtered(
        queries.applications_visible_to(request.user, program), filter_form.filters()
    )
    totals = program.participations.aggregate(places=Sum("places"), nominated=Sum("nominated"))
    pager = paging.page_of(request, queries.for_nominations(applications))
    return {
        "program": program,
        "participations": participations,
        "filter_form": filter_form,
        "pager": pager,
        "applications": pager.page.object_list,
        "labels": exports.labels(),
        "places": totals["places"] or 0,
        "nominated": totals["nominated"] or 0,
        "cost": program.cost_per_participant * (totals["nominated"] or 0),
        "tab": "nominations",
    }


@login_required
@permissions.program_role("coordinator")
def nominations(request, program):
    return render(request, "applications/nominations.html", _coordinator_context(request, program))


@login_required
@permissions.program_role("coordinator")
def nominations_export(request, program, file_format):
    participations = program.participations.select_related("organisation")
    filter_form = FilterForm(
        request.GET or None, organisations=[p.organisation for p in participations]
    )
    return _export(request, program, filter_form, "nominations", file_format, "anmalningar")


@login_required
@require_POST
@permissions.program_role("coordinator")
def nominations_close(request, program):
    try:
        services.close_nominations(program=program, closed_by=request.user)
    except services.ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The nomination step is closed; matching can start."))
    return redirect("applications:nominations", slug=program.slug)


@login_required
@permissions.program_role("coordinator")
def email_templates(request, program):
    own = set(program.email_templates.values_list("kind", "language"))

    def state(kind: str, code: str) -> str:
        # Without an English wording of their own, English readers get the Swedish one.
        if (kind, code) in own:
            return "own"
        return "swedish" if code != "sv" and (kind, "sv") in own else "standard"

    rows = [
        (kind, [(code, name, state(kind.value, code)) for code, name in settings.LANGUAGES])
        for kind in EmailKind
    ]
    return render(
        request,
        "applications/email_templates.html",
        {"program": program, "rows": rows, "tab": "emails"},
    )


def _preview_values(program: Program) -> dict[str, str]:
    """Placeholder values for the preview: a sent application of the program, or an example."""
    sample = (
        Application.objects.filter(program=program)
        .exclude(status=Application.Status.DRAFT)
        .select_related("program", "organisation", "applicant")
        .first()
    )
    extra = {"manager_link": f"{settings.SITE_URL}/manager/…/", "reason": _("(reason)")}
    if sample is not None:
        return emails.values_for(sample, **extra)
    example = {key: "{" + key + "}" for key in emails.PLACEHOLDERS}
    example.update(program=program.title, name="Alex Exempel", manager_name="Kim Chef", **extra)
    return example


@login_required
@permissions.program_role("coordinator")
def email_template_edit(request, program, kind, language):
    if kind not in EmailKind.values or language not in dict(settings.LANGUAGES):
        raise Http404
    template = EmailTemplate.objects.filter(program=program, kind=kind, language=language).first()
    is_own = template is not None
    if template is None:
        placeholders = {key: "{" + key + "}" for key in emails.PLACEHOLDERS}
        subject, body = emails.render(
            kind=kind, program=program, language=language, values=placeholders
        )
        template = EmailTemplate(
            program=program, kind=kind, language=language, subject=subject, body=body
        )
    if request.method == "POST" and "reset" in request.POST:
        services.reset_email_template(
            program=program, kind=kind, language=language, reset_by=request.user
        )
        messages.success(request, _("The standard text is used again."))
        return redirect("applications:email_templates", slug=program.slug)
    form = EmailTemplateForm(request.POST or None, instance=template)
    values = _preview_values(program)
    preview = (emails.fill(template.subject, values), emails.fill(template.body, values))
    if request.method == "POST" and form.is_valid():
        if "save" in request.POST:
            services.save_email_template(template=form.save(commit=False), saved_by=request.user)
            messages.success(request, _("The e-mail text was saved."))
            return redirect("applications:email_templates", slug=program.slug)
        data = form.cleaned_data
        preview = (emails.fill(data["subject"], values), emails.fill(data["body"], values))
    return render(
        request,
        "applications/email_template_form.html",
        {
            "program": program,
            "form": form,
            "kind_label": EmailKind(kind).label,
            "language_label": dict(settings.LANGUAGES)[language],
            "placeholders": emails.PLACEHOLDERS,
            "preview": preview,
            "is_own": is_own,
            "tab": "emails",
        },
    )


# ---- import from a file (coordinator, or local HR for its own organisations) ---------------

IMPORT_SALT = "revmentor.applications.import"


@login_required
@permissions.program_role("staff")
def import_template(request, program, file_format):
    if file_format == "xlsx":
        content, content_type = importing.template_xlsx(), exports.FORMATS["xlsx"]
    elif file_format == "csv":
        content, content_type = importing.template_csv(), exports.FORMATS["csv"]
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="ansokningar-mall.{file_format}"'
    return response


@login_required
@permissions.program_role("staff")
def import_applications(request, program):
    """Upload, then a preview with every row's problems, then all or nothing."""
    organisations = queries.import_organisations(request.user, program)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"program": program, "form": form, "organisations": organisations}
    if request.method != "POST":
        return render(request, "applications/import.html", context)
    if "payload" in request.POST:
        try:
            raw_rows = signing.loads(request.POST["payload"], salt=IMPORT_SALT)
            rows = [
                importing.Row(number=int(number), raw={k: str(v) for k, v in raw.items()})
                for number, raw in raw_rows
            ]
        except (signing.BadSignature, TypeError, ValueError, AttributeError):
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("applications:import", slug=program.slug)
    elif form.is_valid():
        try:
            rows = importing.read_rows(form.cleaned_data["file"])
        except importing.ImportFileError as error:
            form.add_error("file", error.message)
            return render(request, "applications/import.html", context)
    else:
        return render(request, "applications/import.html", context)
    rows = importing.check_rows(rows, program=program, organisations=organisations)
    problems = sum(len(row.problems) for row in rows)
    if "payload" in request.POST and "confirm" in request.POST and not problems:
        try:
            count = services.import_applications(
                program=program, rows=[row.values for row in rows], imported_by=request.user
            )
        except services.ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(count)s applications were imported.") % {"count": count})
            if permissions.is_coordinator(request.user, program):
                return redirect("applications:nominations", slug=program.slug)
            return redirect("applications:hr_list", slug=program.slug)
    payload = signing.dumps(
        [(row.number, row.raw) for row in rows], salt=IMPORT_SALT, compress=True
    )
    return render(
        request,
        "applications/import_preview.html",
        {
            **context,
            "rows": rows,
            "problems": problems,
            "bad_rows": sum(1 for row in rows if row.problems),
            "payload": payload,
            "columns": importing.COLUMNS,
        },
    )
