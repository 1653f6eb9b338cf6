"""The mentorships' part of the register extract, erasure and retention.

Joint data: a pair's goals and every entry of its meeting log (date, time, hours, format,
topics, notes) belong to both partners. Both wrote or could edit them, both read them, and
they describe meetings both held. So:

- the extract of either partner holds the whole log, each entry marked with whether that
  person wrote it (the partner's account is never named beyond the pair itself);
- erasure of either partner blanks the pair's free text (goals, topics, notes, the reason
  for ending, the "why you were matched" sentence) for both, since what one wrote about
  meetings with the other cannot be separated, and drops the erased person as author;
  dates, hours and formats stay for the effort statistics;
- retention blanks the same free text for every pair of the program.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from revmentor.mentorships.models import (
    Attendance,
    MeetingLog,
    Mentorship,
    MentorshipGroup,
    PersonalSettings,
    SentReminder,
)
from revmentor.privacy.models import privacy_for
from revmentor.privacy.registry import Due, within


def _when(value):
    return value.isoformat() if value else None


def _pairs_of(user):
    return Mentorship.objects.filter(Q(mentor__applicant=user) | Q(adept__applicant=user))


class MentorshipsProvider:
    label = "mentorships"

    def extract(self, user, program=None) -> dict:
        pairs = (
            _pairs_of(user)
            .filter(**within(program))
            .select_related("program", "mentor", "adept")
            .order_by("id")
        )
        groups = pairs.exclude(group=None).values("group_id")
        logs = (
            MeetingLog.objects.filter(Q(mentorship__in=pairs) | Q(group__in=groups))
            .select_related("mentorship", "group")
            .order_by("date", "id")
        )
        attendance = (
            Attendance.objects.filter(
                application__applicant=user, **within(program, "meeting__program")
            )
            .select_related("meeting")
            .order_by("meeting__starts_at")
        )
        own = PersonalSettings.objects.filter(user=user).first()
        return {
            "pairs": [
                {
                    "id": str(p.public_id),
                    "program": p.program.title,
                    "mentor": p.mentor.full_name,
                    "adept": p.adept.full_name,
                    "why_matched": p.explanation_for_partners("sv"),
                    "goals": p.goals,
                    "adept_learning": p.adept_learning,
                    "mentor_understanding": p.mentor_understanding,
                    "meeting_rhythm": p.meeting_rhythm,
                    "status": p.status,
                    "started": _when(p.started_at),
                    "ended": _when(p.ended_at),
                }
                for p in pairs
            ],
            "meeting_log": [
                {
                    "pair": str(log.mentorship.public_id) if log.mentorship else None,
                    "group": str(log.group.public_id) if log.group else None,
                    "status": log.status,
                    "date": _when(log.date),
                    "hours": str(log.hours),
                    "format": log.format,
                    "place": log.place,
                    "topics": log.topics,
                    # Someone else's private note is theirs, not part of this extract.
                    "notes": log.notes if not log.private or log.created_by_id == user.pk else "",
                    "written_by_you": log.created_by_id == user.pk,
                }
                for log in logs
            ],
            "joint_meeting_answers": [
                {"meeting": a.meeting.title, "answer": a.answer, "answered": _when(a.answered_at)}
                for a in attendance
            ],
            **(
                {}
                if program is not None  # personal settings belong to the account, not a program
                else {
                    "reminders_by_email": own.reminders if own else True,
                    "reminders_sent": SentReminder.objects.filter(user=user).count(),
                }
            ),
        }

    def programs_of(self, user) -> set[int]:
        return set(_pairs_of(user).values_list("program_id", flat=True))

    @transaction.atomic
    def erase(self, *, user, program) -> int:
        pairs = _pairs_of(user).filter(program=program)
        count = self._blank(pairs)
        MeetingLog.objects.filter(mentorship__in=pairs, created_by=user).update(created_by=None)
        # In a group only what this person wrote goes; the others' notes are theirs.
        count += MeetingLog.objects.filter(group__program=program, created_by=user).update(
            topics="", notes=""
        )
        PersonalSettings.objects.filter(user=user).delete()
        SentReminder.objects.filter(user=user).delete()
        return count

    def due_for_retention(self, *, program, now) -> list[Due]:
        if now < privacy_for(program).personal_data_due_at():
            return []
        written = Mentorship.objects.filter(program=program).filter(
            ~Q(goals="")
            | ~Q(adept_learning="")
            | ~Q(mentor_understanding="")
            | ~Q(meeting_rhythm="")
            | ~Q(end_reason="")
            | Q(meeting_logs__notes__gt="")
            | Q(meeting_logs__topics__gt="")
            | ~Q(explanation_sv="")
            | Q(group__goals__gt="")
            | Q(group__meeting_logs__notes__gt="")
            | Q(group__meeting_logs__topics__gt="")
        )
        rows = Mentorship.objects.filter(pk__in=written.values("pk"))
        if not rows.exists():
            return []
        return [Due(self.label, "written", str(_("pairs' goals and meeting notes")), rows)]

    @transaction.atomic
    def anonymise(self, due: Due) -> int:
        return self._blank(due.rows) + self._blank_groups(due.rows)

    def _blank(self, pairs) -> int:
        ids = list(pairs.values_list("pk", flat=True))
        count = Mentorship.objects.filter(pk__in=ids).update(
            goals="",
            adept_learning="",
            mentor_understanding="",
            meeting_rhythm="",
            end_reason="",
            explanation_sv="",
            explanation_en="",
        )
        count += MeetingLog.objects.filter(mentorship_id__in=ids).update(
            topics="", notes="", place=""
        )
        return count

    def _blank_groups(self, pairs) -> int:
        groups = list(pairs.exclude(group=None).values_list("group_id", flat=True))
        count = MentorshipGroup.objects.filter(pk__in=groups).update(goals="")
        count += MeetingLog.objects.filter(group_id__in=groups).update(
            topics="", notes="", place=""
        )
        return count
