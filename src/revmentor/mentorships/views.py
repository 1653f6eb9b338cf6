"""The pair's pages (my program, log, goals, joint meetings), the personal calendar feed,
and the coordinator's activity workspace (activity, groups, material, reminders)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from revmentor.core import ics, paging, permissions, uploads
from revmentor.mentorships import queries, services
from revmentor.mentorships.forms import (
    AttendanceForm,
    CancelMeetingForm,
    EndMentorshipForm,
    GoalsForm,
    GroupForm,
    GroupGoalsForm,
    MaterialForm,
    MeetingLogForm,
    PersonalRemindersForm,
    ProgramRemindersForm,
)
from revmentor.mentorships.ics import CANCELLED_FOR, personal_calendar
from revmentor.mentorships.invitations import joint_meeting_recipients
from revmentor.mentorships.models import (
    Attendance,
    MeetingLog,
    Mentorship,
    PersonalSettings,
    ReminderSettings,
)
from revmentor.programs.models import Program


def _posted(request):
    """The POST data of a POST (even an empty one: an unticked checkbox sends nothing)."""
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


# ---- the participant's own program --------------------------------------------------------


def _own_applications(pairs, user) -> list:
    found = {}
    for pair in pairs:
        for person in (pair.mentor, pair.adept):
            if person.applicant_id == user.pk:
                found[person.pk] = person
    return list(found.values())


@login_required
def my_program(request, slug):
    program = queries.program_of_participant_or_404(request.user, slug)
    pairs = list(
        queries.own_mentorships(request.user, program).prefetch_related(
            Prefetch("meeting_logs", queryset=MeetingLog.objects.order_by("-date", "-id"))
        )
    )
    now = timezone.now()
    language = translation.get_language() or "sv"
    for pair in pairs:
        pair.logs = list(pair.meeting_logs.all())
        for log in pair.logs:
            if log.private and log.created_by_id != request.user.pk:
                log.notes = ""  # a private note stays with its writer
        pair.hours = queries.held_hours(pair.logs)
        pair.why = pair.explanation_for_partners(language)
        as_mentor = pair.mentor.applicant_id == request.user.pk
        pair.partner = pair.adept if as_mentor else pair.mentor
        pair.partner_is_adept = as_mentor
    effort = sum((pair.hours for pair in pairs), start=0)
    # A pair in a group meets as the group: one card per group, its log on the group's page.
    groups = queries.groups_of_pairs(pairs)
    if groups:
        effort += queries.held_hours(MeetingLog.objects.filter(group__in=groups))
    expected = program.expected_effort_hours
    mine = _own_applications(pairs, request.user)
    next_meeting = program.joint_meetings.filter(cancelled=False, ends_at__gt=now).first()
    answer = None
    if next_meeting is not None:
        found = Attendance.objects.filter(meeting=next_meeting, application__in=mine).first()
        answer = found.answer if found else None
    return render(
        request,
        "mentorships/my_program.html",
        {
            "program": program,
            "pairs": [pair for pair in pairs if pair.group_id is None],
            "groups": groups,
            "effort": effort,
            "expected": expected,
            "effort_max": max(expected, effort),
            "next_meeting": next_meeting,
            "answer": answer,
        },
    )


def _log_page(request, program, pair, form, log=None):
    return render(
        request,
        "mentorships/log_form.html",
        {"program": program, "pair": pair, "form": form, "log": log},
    )


@login_required
def log_create(request, slug, pair):
    program = queries.program_of_participant_or_404(request.user, slug)
    mentorship = queries.own_mentorship_or_404(request.user, program, pair)
    if mentorship.group_id is not None and request.method != "POST":
        # The group has one log that every member writes to: no second log beside it.
        return redirect(
            "mentorships:group_log_create", slug=program.slug, group=mentorship.group.public_id
        )
    form = MeetingLogForm(_posted(request), mentorship=mentorship)
    if request.method == "POST" and form.is_valid():
        # A pair in a group writes to the group's log (the service sees to it).
        log = services.log_meeting(
            mentorship=mentorship, logged_by=request.user, values=form.cleaned_data
        )
        if log.group is not None:
            messages.success(request, _("The meeting was added to the group's log."))
            return redirect("mentorships:group", slug=program.slug, group=log.group.public_id)
        messages.success(request, _("The meeting was added to your log."))
        return redirect("mentorships:my_program", slug=program.slug)
    return _log_page(request, program, mentorship, form)


def _own_log_or_404(request, slug, pair, log):
    program = queries.program_of_participant_or_404(request.user, slug)
    mentorship = queries.own_mentorship_or_404(request.user, program, pair)
    found = get_object_or_404(
        queries.meeting_logs_visible_to(request.user, mentorship), public_id=log
    )
    if found.private and found.created_by_id != request.user.pk:
        raise Http404
    return program, mentorship, found


@login_required
def log_edit(request, slug, pair, log):
    program, mentorship, found = _own_log_or_404(request, slug, pair, log)
    form = MeetingLogForm(_posted(request), instance=found, mentorship=mentorship)
    if request.method == "POST" and form.is_valid():
        services.change_meeting_log(log=found, changed_by=request.user, values=form.cleaned_data)
        messages.success(request, _("The meeting was saved."))
        return redirect("mentorships:my_program", slug=program.slug)
    return _log_page(request, program, mentorship, form, found)


@login_required
@require_POST
def log_delete(request, slug, pair, log):
    program, _mentorship, found = _own_log_or_404(request, slug, pair, log)
    services.delete_meeting_log(log=found, deleted_by=request.user)
    messages.success(request, _("The meeting was removed from your log."))
    return redirect("mentorships:my_program", slug=program.slug)


@login_required
def goals(request, slug, pair):
    program = queries.program_of_participant_or_404(request.user, slug)
    mentorship = queries.own_mentorship_or_404(request.user, program, pair)
    if mentorship.group_id is not None:
        return redirect(
            "mentorships:group_goals", slug=program.slug, group=mentorship.group.public_id
        )
    form = GoalsForm(_posted(request), instance=mentorship)
    if request.method == "POST" and form.is_valid():
        services.set_goals(mentorship=mentorship, changed_by=request.user, **form.cleaned_data)
        messages.success(request, _("Your goals were saved."))
        return redirect("mentorships:my_program", slug=program.slug)
    return render(
        request, "mentorships/goals.html", {"program": program, "pair": mentorship, "form": form}
    )


@login_required
def joint_meetings(request, slug):
    program = queries.program_of_participant_or_404(request.user, slug)
    mine = _own_applications(queries.own_mentorships(request.user, program), request.user)
    meetings = list(queries.joint_meetings_with_material(program))
    answers = dict(
        Attendance.objects.filter(meeting__in=meetings, application__in=mine).values_list(
            "meeting_id", "answer"
        )
    )
    for meeting in meetings:
        meeting.answer = answers.get(meeting.pk)
    return render(
        request,
        "mentorships/joint_meetings.html",
        {"program": program, "meetings": meetings, "now": timezone.now()},
    )


@login_required
@require_POST
def attendance(request, slug, uid):
    program = queries.program_of_participant_or_404(request.user, slug)
    meeting = get_object_or_404(program.joint_meetings.filter(cancelled=False), uid=uid)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you will attend."))
    else:
        for application in _own_applications(
            queries.own_mentorships(request.user, program), request.user
        ):
            services.answer_attendance(
                meeting=meeting, application=application, answer=form.cleaned_data["answer"]
            )
        messages.success(request, _("Your answer was saved."))
    target = request.POST.get("next") == "meetings"
    return redirect("mentorships:joint_meetings" if target else "mentorships:my_program", slug=slug)


@login_required
def group(request, slug, group):
    program = get_object_or_404(Program, slug=slug)
    found = get_object_or_404(queries.groups_visible_to(request.user, program), public_id=group)
    pairs = list(
        found.pairs.filter(status=Mentorship.Status.ACTIVE).select_related(
            "mentor__organisation", "adept__organisation"
        )
    )
    people = [person for pair in pairs for person in (pair.mentor, pair.adept)]
    meetings = list(program.joint_meetings.all())
    answers = {
        (a.meeting_id, a.application_id): a.answer
        for a in Attendance.objects.filter(meeting__in=meetings, application__in=people)
    }
    for meeting in meetings:
        meeting.coming = [p for p in people if answers.get((meeting.pk, p.pk)) == "attending"]
    # Goals and the log are the members' own: the coordinator sees who is in the group only.
    logs = queries.group_logs_visible_to(request.user, found)
    is_member = queries.own_groups(request.user, program).filter(pk=found.pk).exists()
    return render(
        request,
        "mentorships/group.html",
        {
            "program": program,
            "group": found,
            "pairs": pairs,
            "members": queries.group_members(found),
            "meetings": meetings,
            "is_member": is_member,
            "logs": logs,
            "hours": queries.held_hours(logs),
        },
    )


def _group_log_page(request, program, group, form, log=None):
    return render(
        request,
        "mentorships/group_log_form.html",
        {"program": program, "group": group, "form": form, "log": log},
    )


@login_required
def group_log_create(request, slug, group):
    program = get_object_or_404(Program, slug=slug)
    found = queries.own_group_or_404(request.user, program, group)
    form = MeetingLogForm(_posted(request), group=found)
    if request.method == "POST" and form.is_valid():
        services.log_group_meeting(group=found, logged_by=request.user, values=form.cleaned_data)
        messages.success(request, _("The meeting was added to the group's log."))
        return redirect("mentorships:group", slug=program.slug, group=found.public_id)
    return _group_log_page(request, program, found, form)


def _own_group_log_or_404(request, slug, group, log):
    """A log entry of the user's group that the user wrote (only the writer changes it)."""
    program = get_object_or_404(Program, slug=slug)
    found = queries.own_group_or_404(request.user, program, group)
    entry = get_object_or_404(
        MeetingLog.objects.filter(group=found, created_by=request.user), public_id=log
    )
    return program, found, entry


@login_required
def group_log_edit(request, slug, group, log):
    program, found, entry = _own_group_log_or_404(request, slug, group, log)
    form = MeetingLogForm(_posted(request), instance=entry, group=found)
    if request.method == "POST" and form.is_valid():
        services.change_meeting_log(log=entry, changed_by=request.user, values=form.cleaned_data)
        messages.success(request, _("The meeting was saved."))
        return redirect("mentorships:group", slug=program.slug, group=found.public_id)
    return _group_log_page(request, program, found, form, entry)


@login_required
@require_POST
def group_log_delete(request, slug, group, log):
    program, found, entry = _own_group_log_or_404(request, slug, group, log)
    services.delete_meeting_log(log=entry, deleted_by=request.user)
    messages.success(request, _("The meeting was removed from the group's log."))
    return redirect("mentorships:group", slug=program.slug, group=found.public_id)


@login_required
def group_goals(request, slug, group):
    program = get_object_or_404(Program, slug=slug)
    found = queries.own_group_or_404(request.user, program, group)
    form = GroupGoalsForm(_posted(request), instance=found)
    if request.method == "POST" and form.is_valid():
        services.set_group_goals(
            group=found, goals=form.cleaned_data["goals"], changed_by=request.user
        )
        messages.success(request, _("The group's goals were saved."))
        return redirect("mentorships:group", slug=program.slug, group=found.public_id)
    return render(
        request,
        "mentorships/group_goals.html",
        {"program": program, "group": found, "form": form},
    )


@login_required
def material(request, slug, material):
    program = get_object_or_404(Program, slug=slug)
    found = get_object_or_404(
        queries.materials_visible_to(request.user, program), public_id=material
    )
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=uploads.download_name(found.filename, found.kind),
        content_type=uploads.content_type_of(found.kind),
    )
    response["Cache-Control"] = "private, no-store"
    return response


# ---- personal calendar feed and reminders ---------------------------------------------------


@login_required
def calendar(request):
    own = services.personal_settings(request.user)
    form = PersonalRemindersForm(_posted(request), initial={"reminders": own.reminders})
    if request.method == "POST" and form.is_valid():
        services.set_personal_reminders(user=request.user, enabled=form.cleaned_data["reminders"])
        messages.success(request, _("Your reminder choice was saved."))
        return redirect("mentorships:calendar")
    feed_url = request.build_absolute_uri(
        reverse("mentorships:feed", kwargs={"token": own.calendar_token})
    )
    return render(
        request,
        "mentorships/calendar.html",
        {
            "feed_url": feed_url,
            "form": form,
            "own": own,
            "cancelled_days": CANCELLED_FOR.days,
        },
    )


@login_required
@require_POST
def calendar_regenerate(request):
    services.regenerate_calendar_token(user=request.user)
    messages.success(request, _("You have a new calendar address. The old one no longer works."))
    return redirect("mentorships:calendar")


def feed(request, token):
    own = (
        PersonalSettings.objects.filter(calendar_token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    if own is None:
        raise Http404
    return ics.calendar_response(personal_calendar(own.user), "revmentor.ics")


# ---- coordinator: activity, ending pairs, groups, material, reminders -----------------------


@login_required
@permissions.program_role("coordinator")
def activity(request, program):
    """Every pair's activity, 50 at a time; the summaries above and below cover all pairs."""
    visible = queries.mentorships_visible_to(request.user, program)
    today = timezone.localdate()
    stuck, summary = queries.activity_summary(visible, today)
    pager = paging.page_of(
        request,
        queries.with_activity(visible).order_by(
            "status", "mentor__full_name", "adept__full_name", "id"
        ),
    )
    pairs = list(pager.page.object_list)
    for pair in pairs:
        pair.stuck = queries.is_stuck(pair, today)
        held = [d for d in (pair.last_held, pair.group_last_held) if d is not None]
        pair.last_met = max(held) if held else None
    return render(
        request,
        "mentorships/manage/activity.html",
        {
            "program": program,
            "tab": "activity",
            "pairs": pairs,
            "pager": pager,
            "status_labels": {value: str(label) for value, label in Mentorship.Status.choices},
            "end_url": paging.row_url("mentorships:end_pair", last="pair", slug=program.slug),
            "stuck": stuck,
            "organisations": queries.effort_per_organisation(summary, program),
            "meetings": queries.attendance_per_meeting(program),
            "stuck_days": queries.STUCK_AFTER_DAYS,
        },
    )


@login_required
@permissions.program_role("coordinator")
def end_pair(request, program, pair):
    mentorship = get_object_or_404(
        queries.mentorships_visible_to(request.user, program)
        .filter(status=Mentorship.Status.ACTIVE)
        .select_related("mentor", "adept"),
        public_id=pair,
    )
    form = EndMentorshipForm(_posted(request), mentorship=mentorship)
    if request.method == "POST" and form.is_valid():
        services.end_mentorship(
            mentorship=mentorship,
            cause=form.cleaned_data["cause"],
            leaver=form.cleaned_data["leaver"],
            reason=form.cleaned_data["reason"],
            ended_by=request.user,
        )
        messages.success(
            request,
            _(
                "The pair was ended. You can match the remaining person again in the matching workspace."
            ),
        )
        return redirect("mentorships:activity", slug=program.slug)
    return render(
        request,
        "mentorships/manage/end_pair.html",
        {
            "program": program,
            "tab": "activity",
            "pair": mentorship,
            "form": form,
            "matching_url": reverse("matching:workspace", kwargs={"slug": program.slug}),
        },
    )


@login_required
@permissions.program_role("coordinator")
def groups(request, program):
    found = queries.groups_visible_to(request.user, program).prefetch_related(
        Prefetch(
            "pairs",
            queryset=Mentorship.objects.filter(status=Mentorship.Status.ACTIVE).select_related(
                "mentor", "adept"
            ),
        )
    )
    ungrouped = (
        queries.mentorships_visible_to(request.user, program)
        .filter(status=Mentorship.Status.ACTIVE, group=None)
        .select_related("mentor", "adept")
    )
    return render(
        request,
        "mentorships/manage/groups.html",
        {"program": program, "tab": "groups", "groups": found, "ungrouped": ungrouped},
    )


@login_required
@permissions.program_role("coordinator")
def group_form(request, program, group=None):
    instance = None
    if group is not None:
        instance = get_object_or_404(
            queries.groups_visible_to(request.user, program), public_id=group
        )
    form = GroupForm(_posted(request), instance=instance, program=program)
    if request.method == "POST" and form.is_valid():
        services.save_group(
            program=program,
            group=instance,
            name=form.cleaned_data["name"],
            pairs=list(form.cleaned_data["pairs"]),
            changed_by=request.user,
        )
        messages.success(request, _("The group was saved."))
        return redirect("mentorships:groups", slug=program.slug)
    return render(
        request,
        "mentorships/manage/group_form.html",
        {"program": program, "tab": "groups", "form": form, "group": instance},
    )


@login_required
@require_POST
@permissions.program_role("coordinator")
def group_delete(request, program, group):
    found = get_object_or_404(queries.groups_visible_to(request.user, program), public_id=group)
    try:
        services.delete_group(group=found, deleted_by=request.user)
    except services.MentorshipError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The group was removed."))
    return redirect("mentorships:groups", slug=program.slug)


@login_required
@permissions.program_role("coordinator")
def materials(request, program, uid):
    meeting = get_object_or_404(program.joint_meetings, uid=uid)
    form = MaterialForm(_posted(request), _files(request))
    if request.method == "POST" and form.is_valid():
        services.add_material(
            meeting=meeting,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            uploaded_by=request.user,
        )
        messages.success(request, _("The material was uploaded. Participants can now open it."))
        return redirect("mentorships:materials", slug=program.slug, uid=meeting.uid)
    return render(
        request,
        "mentorships/manage/materials.html",
        {
            "program": program,
            "tab": "activity",
            "meeting": meeting,
            "materials": meeting.materials.order_by("uploaded_at", "id"),
            "form": form,
        },
    )


def _invitation_page(request, program, meeting, template, **extra):
    recipients = joint_meeting_recipients(meeting)
    return render(
        request,
        template,
        {
            "program": program,
            "tab": "meetings",
            "meeting": meeting,
            "recipients": [r for r in recipients if not r.opted_out],
            "opted_out": sum(1 for r in recipients if r.opted_out),
            **extra,
        },
    )


@login_required
@permissions.program_role("coordinator")
def meeting_invite(request, program, uid):
    meeting = get_object_or_404(program.joint_meetings, uid=uid)
    if request.method == "POST":
        if not meeting.invitations_pending:
            messages.info(request, _("This version of the meeting has already been e-mailed."))
        else:
            sent = services.invite_to_joint_meeting(meeting=meeting, sent_by=request.user)
            messages.success(
                request,
                ngettext(
                    "The calendar update was e-mailed to %(count)s person.",
                    "The calendar update was e-mailed to %(count)s people.",
                    sent,
                )
                % {"count": sent},
            )
        return redirect("programs:meetings", slug=program.slug)
    return _invitation_page(request, program, meeting, "mentorships/manage/meeting_invite.html")


@login_required
@permissions.program_role("coordinator")
def meeting_cancel(request, program, uid):
    meeting = get_object_or_404(program.joint_meetings, uid=uid, cancelled=False)
    form = CancelMeetingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        sent = services.cancel_joint_meeting(
            meeting=meeting,
            reason=form.cleaned_data["reason"],
            reason_en=form.cleaned_data["reason_en"],
            cancelled_by=request.user,
        )
        messages.success(
            request,
            ngettext(
                "The joint meeting was cancelled and %(count)s person was told by e-mail.",
                "The joint meeting was cancelled and %(count)s people were told by e-mail.",
                sent,
            )
            % {"count": sent},
        )
        return redirect("programs:meetings", slug=program.slug)
    return _invitation_page(
        request, program, meeting, "mentorships/manage/meeting_cancel.html", form=form
    )


@login_required
@require_POST
@permissions.program_role("coordinator")
def material_delete(request, program, material):
    found = get_object_or_404(
        queries.materials_visible_to(request.user, program).select_related("meeting__program"),
        public_id=material,
    )
    services.delete_material(material=found, deleted_by=request.user)
    messages.success(request, _("The material was removed."))
    return redirect("mentorships:materials", slug=program.slug, uid=found.meeting.uid)


@login_required
@permissions.program_role("coordinator")
def reminders(request, program):
    current = ReminderSettings.objects.filter(program=program).first()
    enabled = current.enabled if current else True
    form = ProgramRemindersForm(_posted(request), initial={"enabled": enabled})
    if request.method == "POST" and form.is_valid():
        services.set_program_reminders(
            program=program, enabled=form.cleaned_data["enabled"], changed_by=request.user
        )
        messages.success(request, _("The reminder setting was saved."))
        return redirect("mentorships:reminders", slug=program.slug)
    return render(
        request,
        "mentorships/manage/reminders.html",
        {"program": program, "tab": "reminders", "form": form, "enabled": enabled},
    )
