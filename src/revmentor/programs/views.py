"""Public program pages, calendars, and the coordinator's program workspace."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from revmentor.core import ics, permissions
from revmentor.core.pagecache import cached_public_page
from revmentor.core.texts import in_language
from revmentor.programs import queries, services
from revmentor.programs.forms import (
    STATUS_CONSEQUENCES,
    ContactPersonFormSet,
    DeadlineForm,
    JointMeetingForm,
    OrganisationForm,
    ParticipationFormSet,
    ProfileFormSet,
    ProgramForm,
    RoleForm,
    StatusForm,
    TopicFormSet,
    place_rows,
)
from revmentor.programs.ics import joint_meeting_event
from revmentor.programs.models import JointMeeting, Organisation, Program
from revmentor.programs.phase import program_phase

# ---- public -------------------------------------------------------------------------


def _next_deadline_of_all():
    # The list shows which programs are open: it changes by itself at the next deadline.
    return (
        queries.open_programs()
        .filter(application_deadline__gt=timezone.now())
        .values_list("application_deadline", flat=True)
        .first()
    )


def _next_deadline_of(slug):
    return (
        queries.public_programs()
        .filter(slug=slug, application_deadline__gt=timezone.now())
        .values_list("application_deadline", flat=True)
        .first()
    )


@cached_public_page("program-list", expires=_next_deadline_of_all)
def program_list(request):
    programs = (
        queries.public_programs().prefetch_related("deadline_changes").order_by("-period_start")
    )
    return render(
        request,
        "programs/list.html",
        {
            "open_programs": [p for p in programs if p.status == Program.Status.OPEN],
            "other_programs": [p for p in programs if p.status != Program.Status.OPEN],
        },
    )


@cached_public_page("program-detail", expires=_next_deadline_of)
def program_detail(request, slug):
    program = get_object_or_404(queries.program_page_queryset(), slug=slug)
    meetings = list(program.joint_meetings.all())
    return render(
        request,
        "programs/detail.html",
        {
            "program": program,
            "profiles": [p for p in (program.profile("mentor"), program.profile("adept")) if p],
            "meetings": meetings,
            "postponement": program.latest_deadline_change(),
            "is_coordinator": permissions.is_coordinator(request.user, program),
        },
    )


@cached_public_page("program-calendar")
def program_calendar(request, slug):
    program = get_object_or_404(queries.public_programs(), slug=slug)
    language = get_language() or "sv"
    events = [
        joint_meeting_event(m, language=language)
        for m in program.joint_meetings.select_related("program")
    ]
    return ics.calendar_response(
        ics.build_calendar(events, name=in_language(program, "title", language)),
        f"{program.slug}.ics",
    )


def meeting_calendar(request, slug, uid):
    program = get_object_or_404(queries.public_programs(), slug=slug)
    meeting = get_object_or_404(program.joint_meetings.select_related("program"), uid=uid)
    language = get_language() or "sv"
    content = ics.build_calendar(
        [joint_meeting_event(meeting, language=language)],
        name=in_language(program, "title", language),
    )
    return ics.calendar_response(content, f"{program.slug}-{meeting.starts_at:%Y%m%d}.ics")


# ---- coordinator workspace ------------------------------------------------------------


@login_required
@permissions.program_role("coordinator")
def manage(request, program):
    return render(
        request,
        "programs/manage/overview.html",
        {
            "program": program,
            "participations": program.participations.select_related("organisation"),
            "meetings": program.joint_meetings.all(),
            "deadline_changes": program.deadline_changes.select_related("changed_by"),
            "phase": program_phase(program),
            "next_statuses": [
                (status, Program.Status(status).label, STATUS_CONSEQUENCES[status])
                for status in services.allowed_statuses(program)
            ],
            "tab": "overview",
        },
    )


@login_required
@permissions.program_creator_required
def create(request):
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        program = services.create_program(program=form.save(commit=False), created_by=request.user)
        messages.success(request, _("The program was created as a draft."))
        return redirect("programs:manage", slug=program.slug)
    return render(
        request, "programs/manage/form.html", {"form": form, "title": _("Create a program")}
    )


@login_required
@permissions.program_role("coordinator")
def edit(request, program):
    before = services.snapshot(program)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        program = services.update_program(
            program=form.save(commit=False), before=before, changed_by=request.user
        )
        messages.success(request, _("The program was saved."))
        return redirect("programs:manage", slug=program.slug)
    return render(
        request,
        "programs/manage/form.html",
        {"form": form, "program": program, "title": _("Program texts and settings"), "tab": "edit"},
    )


@login_required
@permissions.program_role("coordinator")
def deadline(request, program):
    form = DeadlineForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        if form.warnings and not form.cleaned_data["confirmed"]:
            return render(
                request,
                "programs/manage/deadline_confirm.html",
                {
                    "form": form,
                    "program": program,
                    "warnings": form.warnings,
                    "audience": queries.deadline_audience(program),
                    "tab": "overview",
                },
            )
        services.change_deadline(
            program=program,
            new_deadline=form.cleaned_data["new_deadline"],
            reason=form.cleaned_data["reason"],
            reason_en=form.cleaned_data["reason_en"],
            changed_by=request.user,
        )
        messages.success(request, _("The deadline was moved."))
        return redirect("programs:manage", slug=program.slug)
    return render(
        request,
        "programs/manage/form.html",
        {"form": form, "program": program, "title": _("Move the deadline"), "tab": "overview"},
    )


@login_required
@require_POST
@permissions.program_role("coordinator")
def change_status(request, program):
    form = StatusForm(request.POST, allowed=services.allowed_statuses(program))
    if not form.is_valid():
        messages.error(request, _("That status change is not possible from the current status."))
        return redirect("programs:manage", slug=program.slug)
    if not form.cleaned_data["confirmed"]:
        status = form.cleaned_data["status"]
        return render(
            request,
            "programs/manage/status_confirm.html",
            {
                "program": program,
                "status": status,
                "status_label": Program.Status(status).label,
                "consequence": STATUS_CONSEQUENCES[status],
                "tab": "overview",
            },
        )
    services.set_status(
        program=program, status=form.cleaned_data["status"], changed_by=request.user
    )
    messages.success(
        request, _("The status is now “%(status)s”.") % {"status": program.get_status_display()}
    )
    return redirect("programs:manage", slug=program.slug)


@login_required
@require_POST
@permissions.program_role("coordinator")
def copy(request, program):
    new = services.copy_program(program=program, copied_by=request.user)
    messages.success(
        request, _("Next year's program was created as a draft copy. Check its dates.")
    )
    return redirect("programs:manage", slug=new.slug)


def _formset_page(request, program, formset_class, *, title, tab, intro="", save=None):
    formset = formset_class(request.POST or None, instance=program, prefix=tab)
    if request.method == "POST" and formset.is_valid():
        try:
            if save is not None:
                save(formset)
            else:
                services.save_program_rows(
                    program=program,
                    saved=formset.save(commit=False),
                    deleted=formset.deleted_objects,
                    changed_by=request.user,
                )
        except services.PlacesError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(request.path)
    return render(
        request,
        "programs/manage/formset.html",
        {"formset": formset, "program": program, "title": title, "tab": tab, "intro": intro},
    )


@login_required
@permissions.program_role("coordinator")
def profiles(request, program):
    return _formset_page(
        request,
        program,
        ProfileFormSet,
        title=_("Profiles and eligibility"),
        tab="profiles",
        intro=_("The ages are optional: an applicant outside them is told so before applying."),
    )


@login_required
@permissions.program_role("coordinator")
def topics(request, program):
    return _formset_page(
        request,
        program,
        TopicFormSet,
        title=_("Topics"),
        tab="topics",
        intro=_("Applicants choose what they want to share or learn from this list."),
    )


@login_required
@permissions.program_role("coordinator")
def organisations(request, program):
    def save(formset):
        services.save_places(program=program, rows=place_rows(formset), changed_by=request.user)

    return _formset_page(
        request,
        program,
        ParticipationFormSet,
        title=_("Organisations and places"),
        tab="organisations",
        intro=_("Each organisation's local HR nominates at most this many participants."),
        save=save,
    )


@login_required
@permissions.program_role("coordinator")
def meetings(request, program):
    return render(
        request,
        "programs/manage/meetings.html",
        {"program": program, "meetings": program.joint_meetings.all(), "tab": "meetings"},
    )


@login_required
@permissions.program_role("coordinator")
def meeting_form(request, program, uid=None):
    meeting = (
        get_object_or_404(program.joint_meetings, uid=uid) if uid else JointMeeting(program=program)
    )
    form = JointMeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        saved = services.save_joint_meeting(
            meeting=form.save(commit=False), changed_by=request.user
        )
        messages.success(request, _("The joint meeting was saved. Subscribed calendars update."))
        # Next: who gets the calendar e-mail, sent only once the coordinator confirms.
        return redirect("mentorships:meeting_invite", slug=program.slug, uid=saved.uid)
    title = _("Edit joint meeting") if uid else _("Add a joint meeting")
    return render(
        request,
        "programs/manage/form.html",
        {"form": form, "program": program, "title": title, "tab": "meetings"},
    )


@login_required
@permissions.program_role("coordinator")
def contacts(request, program):
    return _formset_page(
        request, program, ContactPersonFormSet, title=_("Contact persons"), tab="contacts"
    )


@login_required
@permissions.program_role("coordinator")
def roles(request, program):
    form = RoleForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        granted = services.grant_roles(
            program=program,
            people=form.cleaned_data["emails"],
            kind=form.cleaned_data["kind"],
            organisation=form.cleaned_data["organisation"],
            granted_by=request.user,
        )
        messages.success(
            request,
            ngettext(
                "The role was given to %(count)s person, who gets an invitation by e-mail.",
                "The role was given to %(count)s people, who each get an invitation by e-mail.",
                len(granted),
            )
            % {"count": len(granted)},
        )
        return redirect("programs:roles", slug=program.slug)
    return render(
        request,
        "programs/manage/roles.html",
        {
            "program": program,
            "form": form,
            "tab": "roles",
            "roles": program.roles.select_related("user", "organisation").order_by(
                "kind", "organisation__name", "user__email"
            ),
        },
    )


@login_required
@require_POST
@permissions.program_role("coordinator")
def role_revoke(request, program, public_id):
    role = permissions.role_in_program_or_404(program=program, public_id=public_id)
    if role.user_id == request.user.pk and role.kind == permissions.COORDINATOR:
        raise PermissionDenied  # a coordinator cannot lock themselves out
    services.revoke_role(role=role, revoked_by=request.user)
    messages.success(request, _("The role was removed."))
    return redirect("programs:roles", slug=program.slug)


# ---- the operator: the shared organisation registry ------------------------------------


@login_required
@permissions.operator_required
def registry(request):
    """The operator's list of organisations, with the programs that use each."""
    return render(
        request,
        "programs/registry/list.html",
        {"organisations": queries.organisations_with_programs()},
    )


@login_required
@permissions.operator_required
def registry_form(request, public_id=None):
    """The operator adds an organisation or renames one (every program using it sees the change)."""
    organisation = get_object_or_404(Organisation, public_id=public_id) if public_id else None
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        values = {"name": form.cleaned_data["name"], "short_name": form.cleaned_data["short_name"]}
        if organisation is None:
            services.create_organisation(**values, created_by=request.user)
        else:
            services.update_organisation(
                organisation=organisation, **values, changed_by=request.user
            )
        messages.success(request, _("The organisation was saved."))
        return redirect("programs:registry")
    title = _("Edit organisation") if organisation else _("Add an organisation")
    return render(
        request,
        "programs/registry/form.html",
        {"form": form, "organisation": organisation, "title": title},
    )
