"""Dashboard, costs and certificates: the coordinator sees the program, local HR its organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from revmentor.core import paging, permissions
from revmentor.programs.models import CostRounding, Profile
from revmentor.programs.queries import public_programs
from revmentor.reports import charts, exports, queries, services
from revmentor.reports.forms import BillingForm, TravelCostForm

MANAGE, HR = "manage", "hr"


def _costs_url(program, scope):
    return redirect("reports:costs" if scope == MANAGE else "reports:hr_costs", slug=program.slug)


# ---- costs ----------------------------------------------------------------------------


@login_required
@permissions.program_role("scope")
def costs(request, program, scope=MANAGE):
    people = list(queries.chargeable_people(request.user, program))
    action = request.POST.get("action") if request.method == "POST" else None
    settings = queries.cost_settings(program)
    billing_form = BillingForm(
        request.POST if action == "billing" and scope == MANAGE else None,
        initial={
            "billing_rule": program.billing_rule,
            "cost_rounding": program.cost_rounding,
            "cutoff_date": settings.cutoff_date,
        },
        prefix="billing",
    )
    travel_form = TravelCostForm(
        request.POST if action == "travel" else None, people=people, prefix="travel"
    )
    if action == "billing" and scope == MANAGE and billing_form.is_valid():
        services.set_billing(
            program=program,
            billing_rule=billing_form.cleaned_data["billing_rule"],
            cost_rounding=billing_form.cleaned_data["cost_rounding"],
            cutoff_date=billing_form.cleaned_data["cutoff_date"],
            changed_by=request.user,
        )
        messages.success(request, _("Who is charged was saved."))
        return _costs_url(program, scope)
    if action == "travel" and travel_form.is_valid():
        services.add_travel_cost(
            application=travel_form.cleaned_data["application"],
            amount=travel_form.cleaned_data["amount"],
            note=travel_form.cleaned_data["note"],
            registered_by=request.user,
        )
        messages.success(request, _("The travel cost was registered."))
        return _costs_url(program, scope)
    statement = queries.cost_statement(request.user, program)
    return render(
        request,
        "reports/costs.html",
        {
            "program": program,
            "scope": scope,
            "statement": statement,
            "charged_sentence": exports.charged_sentence(statement),
            "travel_costs": queries.travel_costs_visible_to(request.user, program),
            "billing_form": billing_form if scope == MANAGE else None,
            "travel_form": travel_form,
            "tab": "costs",
        },
    )


@login_required
@require_POST
@permissions.program_role("scope")
def travel_delete(request, program, public_id, scope=MANAGE):
    cost = get_object_or_404(
        queries.travel_costs_visible_to(request.user, program).select_related(
            "application__program"
        ),
        public_id=public_id,
    )
    services.delete_travel_cost(cost=cost, deleted_by=request.user)
    messages.success(request, _("The travel cost was removed."))
    return _costs_url(program, scope)


@login_required
@permissions.program_role("scope")
def invoice(request, program, organisation, file_format, scope=MANAGE):
    if file_format not in ("xlsx", "pdf"):
        raise Http404
    organisation = queries.organisation_or_404(request.user, program, organisation)
    statement = queries.cost_statement(request.user, program, organisation)
    [cost] = statement.organisations
    filename = (
        f"fakturaunderlag-{program.slug}-{slugify(organisation.short_name or organisation.name)}"
    )
    with translation.override("sv"):
        services.record_export(
            program=program,
            exported_by=request.user,
            what=f"invoice-{organisation.pk}",
            file_format=file_format,
            rows=cost.participants,
        )
        if file_format == "xlsx":
            content = exports.workbook(
                _("Invoice basis"),
                exports.invoice_preamble(statement, cost),
                exports.invoice_header(),
                exports.invoice_rows(statement, cost),
                money=exports.money_format(statement),
            )
            return exports.file_response(content, exports.XLSX, f"{filename}.xlsx")
        content = exports.pdf(
            "reports/pdf/invoice.html",
            {
                "program": program,
                "statement": statement,
                "cost": cost,
                "charged_sentence": exports.charged_sentence(statement),
                "rounding": CostRounding(program.cost_rounding).label,
                "today": timezone.localdate(),
            },
        )
        return exports.file_response(content, "application/pdf", f"{filename}.pdf")


@login_required
@permissions.program_role("coordinator")
def costs_export(request, program):
    statement = queries.cost_statement(request.user, program)
    with translation.override("sv"):
        services.record_export(
            program=program,
            exported_by=request.user,
            what="costs",
            file_format="xlsx",
            rows=len(statement.organisations),
        )
        content = exports.workbook(
            _("Costs"),
            [
                (_("Program"), program.title),
                (_("Charged"), statement.rule),
                (_("Amounts rounded to"), str(CostRounding(program.cost_rounding).label)),
            ],
            [
                _("Organisation"),
                _("Participants charged"),
                _("Participant fees"),
                _("Travel costs"),
                _("Amount"),
            ],
            exports.totals_rows(statement),
            money=exports.money_format(statement),
        )
    return exports.file_response(content, exports.XLSX, f"kostnader-{program.slug}.xlsx")


# ---- dashboard ------------------------------------------------------------------------


def _stage_labels() -> dict[str, str]:
    return {
        "applications": _("Applications"),
        "nominated": _("Nominated"),
        "matched": _("Matched"),
        "active": _("Active"),
        "completed": _("Completed"),
    }


def _dashboard_tables(user, program, scope, *, completed_list: bool = True) -> dict:
    labels = _stage_labels()
    rows = queries.funnel(user, program)
    totals = queries.funnel_totals(rows)
    ages = queries.age_distribution(user, program)
    completed: list = []
    if scope == MANAGE and completed_list:
        completed = list(queries.completed_applications(program).order_by("full_name", "id"))
    return {
        "labels": labels,
        "funnel": rows,
        "totals": totals,
        "ages": ages,
        "completed": completed,
        "effort": queries.effort(user, program),
        "attendance": queries.attendance(user, program),
    }


@login_required
@permissions.program_role("scope")
def dashboard(request, program, scope=MANAGE):
    tables = _dashboard_tables(request.user, program, scope, completed_list=False)
    pager = None
    if scope == MANAGE:
        # Everyone who completed, 50 at a time (the XLSX has them all).
        pager = paging.page_of(
            request,
            queries.completed_applications(program)
            .select_related(None)
            .select_related("organisation")
            .only("public_id", "full_name", "profile_kind", "organisation__name")
            .order_by("full_name", "id"),
        )
        tables["completed"] = pager.page.object_list
    labels = tables["labels"]
    funnel_chart = charts.bar_chart(
        chart_id="funnel",
        title=_("From application to completed"),
        bars=[(labels[stage], tables["totals"][stage]) for stage in queries.FUNNEL_STAGES],
    )
    age_charts = [
        (
            kind,
            title,
            charts.bar_chart(chart_id=f"ages-{kind}", title=title, bars=tables["ages"][kind]),
        )
        for kind, title in (
            ("mentor", _("Ages of the mentors")),
            ("adept", _("Ages of the adepts")),
        )
    ]
    return render(
        request,
        "reports/dashboard.html",
        {
            "program": program,
            "scope": scope,
            "stages": [(stage, labels[stage]) for stage in queries.FUNNEL_STAGES],
            "funnel_chart": funnel_chart,
            "age_charts": age_charts,
            "age_labels": [label for label, _count in tables["ages"]["mentor"]],
            "effort_chart": charts.bar_chart(
                chart_id="effort",
                title=_("Meeting hours logged per organisation and profile"),
                bars=[(f"{r.organisation}, {r.profile}", r.hours) for r in tables["effort"]],
            )
            if tables["effort"]
            else None,
            "attendance_chart": charts.paired_bar_chart(
                chart_id="attendance",
                title=_("Answers to the joint meetings"),
                rows=[(r.title, (r.attending, r.not_attending)) for r in tables["attendance"]],
                legend=(_("Attending"), _("Not attending")),
            )
            if tables["attendance"]
            else None,
            "tab": "dashboard",
            "pager": pager,
            "profile_labels": {value: str(label) for value, label in Profile.Kind.choices},
            "certificate_url": paging.row_url(
                "reports:certificate", last="public_id", slug=program.slug
            ),
            **tables,
        },
    )


@login_required
@permissions.program_role("scope")
def dashboard_export(request, program, table, scope=MANAGE):
    if table not in ("funnel", "ages", "effort", "attendance") and not (
        table == "completed" and scope == MANAGE
    ):
        raise Http404
    with translation.override("sv"):
        tables = _dashboard_tables(request.user, program, scope)
        labels = tables["labels"]
        if table == "funnel":
            header = [_("Organisation"), _("Profile")] + [labels[s] for s in queries.FUNNEL_STAGES]
            rows = [
                [r.organisation, r.profile] + [r.counts[s] for s in queries.FUNNEL_STAGES]
                for r in tables["funnel"]
            ]
            rows.append([_("Total"), ""] + [tables["totals"][s] for s in queries.FUNNEL_STAGES])
        elif table == "ages":
            header = [_("Age"), _("Mentors"), _("Adepts")]
            rows = [
                [label, mentors, adepts]
                for (label, mentors), (_label, adepts) in zip(
                    tables["ages"]["mentor"], tables["ages"]["adept"], strict=True
                )
            ]
        elif table == "effort":
            header = [
                _("Organisation"),
                _("Profile"),
                _("People"),
                _("Hours"),
                _("Hours per person"),
            ]
            rows = [
                [r.organisation, r.profile, r.people, r.hours, r.average] for r in tables["effort"]
            ]
        elif table == "attendance":
            header = [_("Joint meeting"), _("Date"), _("Attending"), _("Not attending")]
            rows = [
                [
                    r.title,
                    f"{timezone.localtime(r.starts_at):%Y-%m-%d}",
                    r.attending,
                    r.not_attending,
                ]
                for r in tables["attendance"]
            ]
        else:
            header = [_("Name"), _("Organisation"), _("Profile")]
            rows = [
                [a.full_name, str(a.organisation or ""), str(a.get_profile_kind_display())]
                for a in tables["completed"]
            ]
        services.record_export(
            program=program,
            exported_by=request.user,
            what=f"dashboard-{table}",
            file_format="xlsx",
            rows=len(rows),
        )
        content = exports.workbook(table, [(_("Program"), program.title)], header, rows)
    return exports.file_response(content, exports.XLSX, f"{table}-{program.slug}.xlsx")


# ---- certificates ---------------------------------------------------------------------


def _certificate(request, program, application):
    with translation.override(
        application.language if application.language in ("sv", "en") else "sv"
    ):
        services.record_export(
            program=program,
            exported_by=request.user,
            what=f"certificate-{application.public_id}",
            file_format="pdf",
            rows=1,
        )
        content = exports.pdf(
            "reports/pdf/certificate.html",
            {
                "program": program,
                "application": application,
                "effort": queries.person_effort(application),
                "today": timezone.localdate(),
            },
        )
    return exports.file_response(
        content, "application/pdf", f"intyg-{program.slug}-{slugify(application.full_name)}.pdf"
    )


@login_required
def my_certificate(request, slug):
    program = get_object_or_404(public_programs(), slug=slug)
    application = queries.completed_applications(program).filter(applicant=request.user).first()
    if application is None:
        raise Http404
    return _certificate(request, program, application)


@login_required
@permissions.program_role("coordinator")
def certificate(request, program, public_id):
    application = get_object_or_404(queries.completed_applications(program), public_id=public_id)
    return _certificate(request, program, application)
