"""Business actions on mentorships: starting them, the pair's log and goals, groups, joint
meeting answers and material, ending a pair, calendar tokens and the reminders."""

import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from revmentor.applications.models import Application
from revmentor.core import audit, mail
from revmentor.core.ics import build_calendar
from revmentor.core.models import User
from revmentor.core.uploads import detect_kind
from revmentor.mentorships.invitations import (
    JOINT,
    PAIR,
    joint_meeting_recipients,
    pair_recipients,
)
from revmentor.mentorships.models import (
    Attendance,
    MeetingLog,
    MeetingMaterial,
    Mentorship,
    MentorshipGroup,
    PersonalSettings,
    ReminderSettings,
    SentReminder,
    new_token,
)
from revmentor.mentorships.tasks import (
    send_group_cancellation,
    send_invitation,
    send_pair_cancellation,
)
from revmentor.programs.models import JointMeeting, Program


class MentorshipError(Exception):
    """A business rule refused the action; the message is shown to the coordinator as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def start_mentorships(
    *, proposal: Any, published_by: User | None, notify: bool = True
) -> list[Mentorship]:
    """Create one active mentorship per pair of ``proposal`` and e-mail each participant their partner(s).

    Pairs that exist are never replaced: a proposal that includes someone already in an
    active pair is refused. A later proposal over the people whose pairs ended (the
    matching leaves active pairs out) re-matches them.
    """
    program = proposal.program
    if Mentorship.objects.filter(source_proposal=proposal).exists():
        raise MentorshipError(_("This proposal has already been published."))
    pairs = list(
        proposal.pairs.select_related(
            "mentor", "adept", "mentor__organisation", "adept__organisation"
        )
    )
    if not pairs:
        raise MentorshipError(_("The proposal has no pairs to publish."))
    people = {p.mentor_id for p in pairs} | {p.adept_id for p in pairs}
    active = Mentorship.objects.filter(program=program, status=Mentorship.Status.ACTIVE)
    if active.filter(Q(mentor_id__in=people) | Q(adept_id__in=people)).exists():
        raise MentorshipError(
            _(
                "The program's pairs have already been published; they cannot be replaced. "
                "Run a new matching: it pairs only the people whose pairs have ended."
            )
        )
    now = timezone.now()
    mentorships = Mentorship.objects.bulk_create(
        Mentorship(
            program=program,
            mentor=pair.mentor,
            adept=pair.adept,
            score=pair.score,
            explanation_sv=pair.explanation_sv,
            explanation_en=pair.explanation_en,
            source_proposal=proposal,
            started_at=now,
        )
        for pair in pairs
    )
    _group_mentors_with_several_adepts(program, mentorships)
    audit.record(
        actor=published_by,
        action=audit.Action.MENTORSHIPS_STARTED,
        program=program,
        target=proposal,
        summary=f"{len(mentorships)} pairs",
        after={"pairs": len(mentorships), "proposal": str(proposal.public_id)},
    )
    if notify:
        _tell_participants(program, pairs)
    return mentorships


def send_group_meeting_invitations(*, log_id: int) -> int:
    """Send each member but the writer an invitation with the meeting as .ics; returns how many."""
    from django.core.mail import EmailMultiAlternatives

    from revmentor.mentorships.ics import group_meeting_event
    from revmentor.mentorships.queries import group_members

    log = (
        MeetingLog.objects.filter(pk=log_id, group__isnull=False, status=MeetingLog.Status.PLANNED)
        .select_related("group__program", "created_by")
        .first()
    )
    if log is None or log.group is None:
        return 0
    group = log.group
    link = settings.SITE_URL + reverse(
        "mentorships:group", kwargs={"slug": group.program.slug, "group": group.public_id}
    )
    # Invitations follow the reminder switch, as for pairs and joint meetings.
    wanted = set(_group_recipients(group, except_user_id=log.created_by_id))
    sent = 0
    for person in group_members(group):
        if person.applicant_id not in wanted:
            continue
        language = _language(person)
        with translation.override(language):
            calendar = build_calendar([group_meeting_event(log)], name=group.name).decode()
            context = {
                "name": person.full_name,
                "group": group.name,
                "writer": log.created_by.get_full_name() if log.created_by else "",
                "starts_at": timezone.localtime(log.starts_at),
                "topics": log.topics,
                "link": link,
            }
            subject = " ".join(
                render_to_string("mentorships/email/group_meeting_subject.txt", context).split()
            )
            body = render_to_string("mentorships/email/group_meeting_body.txt", context)
        message = EmailMultiAlternatives(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[person.email or person.applicant.email],
        )
        message.attach("gruppträff.ics", calendar, "text/calendar")
        sent += message.send()
    return sent


def _group_mentors_with_several_adepts(program: Program, mentorships: list[Mentorship]) -> None:
    """One group per mentor with more than one adept: they meet, plan and log as one."""
    by_mentor: dict[int, list[Mentorship]] = defaultdict(list)
    for mentorship in mentorships:
        by_mentor[mentorship.mentor_id].append(mentorship)
    taken = set(MentorshipGroup.objects.filter(program=program).values_list("name", flat=True))
    for pairs in by_mentor.values():
        if len(pairs) < 2:
            continue
        mentor = pairs[0].mentor
        base = _("Group of %(mentor)s") % {"mentor": mentor.full_name}
        name, number = base[:110], 2
        while name in taken:
            name, number = f"{base[:110]} ({number})", number + 1
        taken.add(name)
        group = MentorshipGroup.objects.create(program=program, name=name, mentor=mentor)
        Mentorship.objects.filter(pk__in=[p.pk for p in pairs]).update(group=group)
        for pair in pairs:
            pair.group = group


def _tell_participants(program, pairs) -> None:
    """One e-mail per person: an adept hears of their mentor, a mentor of all their adepts."""
    people = {}
    for pair in pairs:
        people[pair.mentor.pk] = pair.mentor
        people[pair.adept.pk] = pair.adept
    for pk, person in people.items():
        mail.queue(
            "mentorships.matched",
            application_id=pk,
            proposal_id=pairs[0].proposal_id,
            concerns=[person.applicant_id],
        )


# ---- the pair's own work: meeting log and goals ----

LOG_FIELDS = ("status", "date", "start_time", "hours", "format", "place", "topics", "notes")


def _set_log_values(log: MeetingLog, values: dict[str, Any]) -> None:
    for name in LOG_FIELDS:
        if name in values:  # the place is optional for callers other than the form
            setattr(log, name, values[name])
    # Notes are shared unless the writer marks them private.
    log.private = bool(values.get("private", False))


@transaction.atomic
def log_meeting(*, mentorship: Mentorship, logged_by: User, values: dict[str, Any]) -> MeetingLog:
    """Add a held or planned meeting to the pair's log (to its group's one log if the pair is
    in a group); a planned one is e-mailed to the others as a calendar invitation (unless they
    switched reminders off)."""
    if mentorship.group is not None:
        return log_group_meeting(group=mentorship.group, logged_by=logged_by, values=values)
    log = MeetingLog(mentorship=mentorship, created_by=logged_by)
    _set_log_values(log, values)
    log.save()
    if log.status == MeetingLog.Status.PLANNED:
        _invite_partners(log)
    return log


@transaction.atomic
def log_group_meeting(
    *, group: MentorshipGroup, logged_by: User, values: dict[str, Any]
) -> MeetingLog:
    """Add a held or planned meeting to the group's one log, read by every member; a planned
    one queues an invitation to the other members (by the meeting's id only)."""
    log = MeetingLog(group=group, created_by=logged_by)
    _set_log_values(log, values)
    log.save()
    if log.status == MeetingLog.Status.PLANNED:
        from revmentor.mentorships.tasks import send_group_meeting_invitation

        send_group_meeting_invitation.enqueue(log_id=log.pk)
    return log


@transaction.atomic
def set_group_goals(*, group: MentorshipGroup, goals: str, changed_by: User) -> MentorshipGroup:
    """Replace the group's shared goals."""
    group.goals = goals
    group.goals_updated_at = timezone.now()
    group.save(update_fields=["goals", "goals_updated_at"])
    return group


@transaction.atomic
def change_meeting_log(*, log: MeetingLog, changed_by: User, values: dict[str, Any]) -> MeetingLog:
    """Change a meeting of the log; a higher SEQUENCE moves it in subscribed calendars, and a
    planned one is e-mailed to both partners again as an updated invitation."""
    _set_log_values(log, values)
    log.sequence += 1
    log.updated_at = timezone.now()
    log.save()
    if log.status == MeetingLog.Status.PLANNED:
        if log.group_id is not None:
            from revmentor.mentorships.tasks import send_group_meeting_invitation

            send_group_meeting_invitation.enqueue(log_id=log.pk)
        else:
            _invite_partners(log)
    return log


@transaction.atomic
def delete_meeting_log(*, log: MeetingLog, deleted_by: User) -> None:
    """Remove a meeting from the pair's log (its calendar event leaves the feed); a planned
    one is cancelled in both partners' calendars by e-mail (METHOD:CANCEL)."""
    if log.status == MeetingLog.Status.PLANNED and log.group is not None:
        for user_id in _group_recipients(log.group, except_user_id=deleted_by.pk):
            send_group_cancellation.enqueue(
                group_id=log.group.pk,
                uid=f"pair-meeting-{log.public_id}@revmentor",
                sequence=log.sequence + 1,
                starts_at=log.starts_at.isoformat(),
                ends_at=log.ends_at.isoformat(),
                user_id=user_id,
            )
    if log.status == MeetingLog.Status.PLANNED and log.mentorship is not None:
        for user_id in pair_recipients(log.mentorship):
            send_pair_cancellation.enqueue(
                mentorship_id=log.mentorship.pk,
                uid=f"pair-meeting-{log.public_id}@revmentor",
                sequence=log.sequence + 1,
                starts_at=log.starts_at.isoformat(),
                ends_at=log.ends_at.isoformat(),
                user_id=user_id,
            )
    log.delete()


def _group_recipients(group: MentorshipGroup, *, except_user_id: int | None) -> list[int]:
    """The group's members who have not switched reminders off, but the one acting (user ids)."""
    from revmentor.mentorships.queries import group_members

    people = [m.applicant_id for m in group_members(group) if m.applicant_id != except_user_id]
    off = set(
        PersonalSettings.objects.filter(reminders=False, user_id__in=people).values_list(
            "user_id", flat=True
        )
    )
    return [user_id for user_id in people if user_id not in off]


def _invite_partners(log: MeetingLog) -> None:
    if log.mentorship is None:
        return
    for user_id in pair_recipients(log.mentorship):
        send_invitation.enqueue(kind=PAIR, object_id=log.pk, user_id=user_id, sequence=log.sequence)


# ---- joint meetings: calendar invitations by e-mail ----


@transaction.atomic
def invite_to_joint_meeting(*, meeting: JointMeeting, sent_by: User) -> int:
    """E-mail the meeting's latest version (iTIP REQUEST, or CANCEL when cancelled) to everyone
    concerned who has not switched reminders off; once per SEQUENCE. Returns how many."""
    claimed = (
        JointMeeting.objects.filter(pk=meeting.pk, sequence=meeting.sequence)
        .filter(Q(invited_sequence__isnull=True) | Q(invited_sequence__lt=meeting.sequence))
        .update(invited_sequence=meeting.sequence)
    )
    if not claimed:
        return 0
    meeting.invited_sequence = meeting.sequence
    recipients = [r for r in joint_meeting_recipients(meeting) if not r.opted_out]
    for recipient in recipients:
        send_invitation.enqueue(
            kind=JOINT, object_id=meeting.pk, user_id=recipient.user_id, sequence=meeting.sequence
        )
    audit.record(
        actor=sent_by,
        action=audit.Action.JOINT_MEETING_INVITATIONS_SENT,
        program=meeting.program,
        target=meeting,
        summary=meeting.title,
        after={
            "sequence": meeting.sequence,
            "cancelled": meeting.cancelled,
            "recipients": len(recipients),
        },
    )
    return len(recipients)


@transaction.atomic
def cancel_joint_meeting(
    *, meeting: JointMeeting, reason: str, cancelled_by: User, reason_en: str = ""
) -> int:
    """Cancel a joint meeting with a reason shown to participants (in English too if given)
    and e-mail the cancellation (METHOD:CANCEL, one SEQUENCE higher) to everyone concerned.
    Returns how many."""
    from revmentor.programs import services as program_services

    if meeting.cancelled:
        raise MentorshipError(_("The joint meeting is already cancelled."))
    program_services.cancel_joint_meeting(
        meeting=meeting, changed_by=cancelled_by, reason=reason, reason_en=reason_en
    )
    return invite_to_joint_meeting(meeting=meeting, sent_by=cancelled_by)


@transaction.atomic
def set_goals(
    *,
    mentorship: Mentorship,
    goals: str,
    changed_by: User,
    adept_learning: str = "",
    mentor_understanding: str = "",
    meeting_rhythm: str = "",
) -> Mentorship:
    """Replace the pair's shared goals (the goal template's answers and other goals)."""
    mentorship.goals = goals
    mentorship.adept_learning = adept_learning
    mentorship.mentor_understanding = mentor_understanding
    mentorship.meeting_rhythm = meeting_rhythm
    mentorship.goals_updated_at = timezone.now()
    mentorship.save(
        update_fields=[
            "goals",
            "adept_learning",
            "mentor_understanding",
            "meeting_rhythm",
            "goals_updated_at",
        ]
    )
    return mentorship


# ---- joint meetings: answers and material ----


@transaction.atomic
def answer_attendance(
    *, meeting: JointMeeting, application: Application, answer: str
) -> Attendance:
    """Record (or change) whether the participant comes to the joint meeting."""
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        application=application,
        defaults={"answer": answer, "answered_at": timezone.now()},
    )
    return attendance


@transaction.atomic
def add_material(
    *, meeting: JointMeeting, title: str, upload: Any, uploaded_by: User
) -> MeetingMaterial:
    """Store material for a joint meeting (already checked by content); participants can fetch it."""
    material = MeetingMaterial(
        meeting=meeting,
        title=title,
        filename=os.path.basename(upload.name or "file")[:200],
        kind=detect_kind(upload) or "",
        size=upload.size or 0,
        uploaded_by=uploaded_by,
    )
    material.file.save(str(material.public_id), upload, save=False)
    material.save()
    audit.record(
        actor=uploaded_by,
        action=audit.Action.MENTORSHIPS_MATERIAL_ADDED,
        program=meeting.program,
        target=material,
        summary=f"{meeting.title}: {title}",
        after={"title": title, "kind": material.kind, "size": material.size},
    )
    return material


@transaction.atomic
def delete_material(*, material: MeetingMaterial, deleted_by: User) -> None:
    """Remove a joint meeting's material and its file."""
    audit.record(
        actor=deleted_by,
        action=audit.Action.MENTORSHIPS_MATERIAL_DELETED,
        program=material.meeting.program,
        target=material,
        summary=material.title,
        before={"title": material.title},
    )
    storage, name = material.file.storage, material.file.name or ""
    material.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# ---- the coordinator: groups, ending a pair, the program's reminder switch ----


@transaction.atomic
def save_group(
    *,
    program: Program,
    name: str,
    pairs: list[Mentorship],
    changed_by: User,
    group: MentorshipGroup | None = None,
) -> MentorshipGroup:
    """Create or rename a group and make ``pairs`` its members (other pairs leave it)."""
    before = {}
    if group is None:
        group = MentorshipGroup.objects.create(program=program, name=name)
    else:
        before = {"name": group.name, "pairs": sorted(str(p.public_id) for p in group.pairs.all())}
        group.name = name
        group.save(update_fields=["name"])
    Mentorship.objects.filter(group=group).exclude(pk__in=[p.pk for p in pairs]).update(group=None)
    Mentorship.objects.filter(program=program, pk__in=[p.pk for p in pairs]).update(group=group)
    audit.record(
        actor=changed_by,
        action=audit.Action.MENTORSHIPS_GROUP_SAVED,
        program=program,
        target=group,
        summary=name,
        before=before,
        after={"name": name, "pairs": sorted(str(p.public_id) for p in pairs)},
    )
    return group


@transaction.atomic
def delete_group(*, group: MentorshipGroup, deleted_by: User) -> None:
    """Remove a group that has logged no meetings; its pairs carry on without a group."""
    if group.meeting_logs.exists():
        # The log is the members' one record of their meetings and effort: it stays.
        raise MentorshipError(
            _(
                "The group has meetings in its log, so it cannot be removed: its members' "
                "meetings and effort would be lost. You can rename it or change its pairs."
            )
        )
    audit.record(
        actor=deleted_by,
        action=audit.Action.MENTORSHIPS_GROUP_DELETED,
        program=group.program,
        target=group,
        summary=group.name,
        before={"name": group.name},
    )
    group.delete()


@transaction.atomic
def end_mentorship(
    *,
    mentorship: Mentorship,
    cause: str,
    ended_by: User,
    leaver: Application | None = None,
    reason: str = "",
) -> Mentorship:
    """End an active pair early for ``cause`` (``leaver``: who left, for the leaving causes)
    and tell both partners by e-mail; only the one who left stays out of later matching."""
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise MentorshipError(_("The pair has already ended."))
    if cause not in Mentorship.EndCause.values:
        raise MentorshipError(_("Choose why the pair ends."))
    if cause in Mentorship.LEAVING:
        if leaver is None or leaver.pk not in (mentorship.mentor_id, mentorship.adept_id):
            raise MentorshipError(_("Choose who is leaving."))
    else:
        leaver = None
    before = {"status": mentorship.status}
    mentorship.status = Mentorship.Status.ENDED
    mentorship.ended_at = timezone.now()
    mentorship.end_cause = cause
    mentorship.leaver = leaver
    mentorship.end_reason = reason
    mentorship.save(update_fields=["status", "ended_at", "end_cause", "leaver", "end_reason"])
    side = ""
    if leaver is not None:
        side = "mentor" if leaver.pk == mentorship.mentor_id else "adept"
    audit.record(
        actor=ended_by,
        action=audit.Action.MENTORSHIPS_ENDED,
        program=mentorship.program,
        target=mentorship,
        summary=f"{mentorship.mentor.full_name} – {mentorship.adept.full_name}",
        before=before,
        after={"status": mentorship.status, "cause": cause, "leaver": side, "reason": reason},
    )
    for person in (mentorship.mentor, mentorship.adept):
        mail.queue(
            "mentorships.ended",
            mentorship_id=mentorship.pk,
            application_id=person.pk,
            concerns=[person.applicant_id],
        )
    return mentorship


@transaction.atomic
def set_program_reminders(*, program: Program, enabled: bool, changed_by: User) -> ReminderSettings:
    """Switch all of the program's reminders on or off."""
    settings_row, _created = ReminderSettings.objects.get_or_create(program=program)
    before = {"enabled": settings_row.enabled}
    settings_row.enabled = enabled
    settings_row.save(update_fields=["enabled"])
    audit.record(
        actor=changed_by,
        action=audit.Action.MENTORSHIPS_REMINDERS_SWITCHED,
        program=program,
        target=settings_row,
        summary="on" if enabled else "off",
        before=before,
        after={"enabled": enabled},
    )
    return settings_row


# ---- a person's own settings: calendar token and reminders ----


def personal_settings(user: User) -> PersonalSettings:
    """The person's settings row, created with a fresh calendar token on first use."""
    found, _created = PersonalSettings.objects.get_or_create(user=user)
    return found


@transaction.atomic
def regenerate_calendar_token(*, user: User) -> PersonalSettings:
    """Give the person a new calendar address; the old one stops working at once."""
    found = personal_settings(user)
    found.calendar_token = new_token()
    found.token_created_at = timezone.now()
    found.save(update_fields=["calendar_token", "token_created_at"])
    return found


@transaction.atomic
def set_personal_reminders(*, user: User, enabled: bool) -> PersonalSettings:
    """Switch the person's reminder e-mails on or off."""
    found = personal_settings(user)
    found.reminders = enabled
    found.save(update_fields=["reminders"])
    return found


# ---- reminders ----


@dataclass
class ReminderCounts:
    joint_week: int = 0
    joint_day: int = 0
    nudges: int = 0


def _language(application: Application) -> str:
    return application.language if application.language in ("sv", "en") else "sv"


def _claim(kind: str, key: str, user_id: int, now: datetime) -> bool:
    """Record the reminder as sent; False if it already was (so it never goes twice)."""
    _row, created = SentReminder.objects.get_or_create(
        kind=kind, key=key, user_id=user_id, defaults={"sent_at": now}
    )
    return created


def _reminders_off() -> tuple[set[int], set[int]]:
    programs_off = set(
        ReminderSettings.objects.filter(enabled=False).values_list("program_id", flat=True)
    )
    people_off = set(
        PersonalSettings.objects.filter(reminders=False).values_list("user_id", flat=True)
    )
    return programs_off, people_off


def _people_in_pairs(program_ids) -> dict[int, list[Application]]:
    """Per program: the applications of everyone in an active pair, once each."""
    people: dict[int, dict[int, Application]] = defaultdict(dict)
    pairs = Mentorship.objects.filter(
        program_id__in=program_ids, status=Mentorship.Status.ACTIVE
    ).select_related("mentor__applicant", "adept__applicant")
    for pair in pairs:
        people[pair.program_id][pair.mentor_id] = pair.mentor
        people[pair.program_id][pair.adept_id] = pair.adept
    return {pk: list(found.values()) for pk, found in people.items()}


@transaction.atomic
def send_due_reminders(*, now: datetime | None = None) -> ReminderCounts:
    """Queue every reminder that is due and not yet sent: joint meetings 7 days and 1 day
    before (with the ICS attached) and a nudge to pairs with no meeting for 30 days."""

    now = now or timezone.now()
    counts = ReminderCounts()
    programs_off, people_off = _reminders_off()
    meetings = list(
        JointMeeting.objects.filter(
            cancelled=False, starts_at__gt=now, starts_at__lte=now + timedelta(days=7)
        )
        .exclude(program_id__in=programs_off)
        .select_related("program")
    )
    people = _people_in_pairs({m.program_id for m in meetings})
    declined = set(
        Attendance.objects.filter(
            meeting__in=meetings, answer=Attendance.Answer.NOT_ATTENDING
        ).values_list("meeting_id", "application_id")
    )
    for meeting in meetings:
        tomorrow = meeting.starts_at - now <= timedelta(days=1)
        kind = SentReminder.Kind.JOINT_DAY if tomorrow else SentReminder.Kind.JOINT_WEEK
        key = f"{meeting.uid}:{meeting.starts_at:%Y-%m-%dT%H:%M}"
        for person in people.get(meeting.program_id, []):
            if person.applicant_id in people_off or (meeting.pk, person.pk) in declined:
                continue
            if not _claim(kind, key, person.applicant_id, now):
                continue
            mail.queue(
                "mentorships.joint_meeting_reminder",
                meeting_id=meeting.pk,
                application_id=person.pk,
                tomorrow=int(tomorrow),
                concerns=[person.applicant_id],
            )
            if tomorrow:
                counts.joint_day += 1
            else:
                counts.joint_week += 1
    counts.nudges = _send_nudges(now, programs_off, people_off)
    return counts


def _send_nudges(now: datetime, programs_off: set[int], people_off: set[int]) -> int:
    from revmentor.mentorships.queries import STUCK_AFTER_DAYS, is_stuck, with_activity

    today = timezone.localdate(now)
    pairs = with_activity(
        Mentorship.objects.filter(
            status=Mentorship.Status.ACTIVE,
            program__period_start__lte=today,
            program__period_end__gte=today,
        ).exclude(program_id__in=programs_off)
    ).select_related("program", "mentor__applicant", "adept__applicant")
    sent = 0
    for pair in pairs:
        if not is_stuck(pair, today):
            continue
        last = getattr(pair, "last_held", None) or pair.started_at.date()
        key = f"{pair.public_id}:{last.isoformat()}"
        for person in (pair.mentor, pair.adept):
            if person.applicant_id in people_off:
                continue
            if not _claim(SentReminder.Kind.NUDGE, key, person.applicant_id, now):
                continue
            mail.queue(
                "mentorships.nudge",
                mentorship_id=pair.pk,
                application_id=person.pk,
                days=STUCK_AFTER_DAYS,
                concerns=[person.applicant_id],
            )
            sent += 1
    return sent
