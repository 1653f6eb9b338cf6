"""Reminders by the worker at the right times, each once, with a frozen clock."""

from datetime import timedelta
from io import StringIO

import icalendar
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from revmentor.mentorships import services
from revmentor.mentorships.models import Attendance, MeetingLog, SentReminder
from revmentor.mentorships.tasks import TASK_PATH, send_reminders
from tests.mentorships.support import log, meeting_in, participant_pair


def _run_worker(run_tasks) -> list:
    """Queue one reminder run and let the worker run it and send what it queued."""
    mail.outbox.clear()
    send_reminders.enqueue()
    return list(run_tasks())


def _active_pair(cast):
    pair = participant_pair(cast)
    log(pair, days_ago=1)  # met yesterday: no nudge in these tests
    return pair


def test_joint_meeting_reminders_go_7_days_and_1_day_before_each_once(cast, run_tasks):
    pair = _active_pair(cast)
    meeting = meeting_in(cast.program, 10, title="Myter om generationer")
    starts = meeting.starts_at
    with time_machine.travel(starts - timedelta(days=7, hours=1), tick=False):
        assert _run_worker(run_tasks) == []
    with time_machine.travel(starts - timedelta(days=7) + timedelta(hours=1), tick=False):
        sent = _run_worker(run_tasks)
        assert sorted(m.to[0] for m in sent) == sorted([pair.mentor.email, pair.adept.email])
        assert sent[0].subject == f"Om en vecka: Myter om generationer ({cast.program.title})"
        name, content, mimetype = sent[0].attachments[0]
        assert (name, mimetype) == ("gemensam-traff.ics", "text/calendar")
        event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
        assert str(event["uid"]) == f"joint-meeting-{meeting.uid}@revmentor"
        assert "https://meet.test.example/x" in str(event["description"])
        assert _run_worker(run_tasks) == []
    with time_machine.travel(starts - timedelta(days=2), tick=False):
        assert _run_worker(run_tasks) == []
    with time_machine.travel(starts - timedelta(hours=23), tick=False):
        sent = _run_worker(run_tasks)
        assert [m.subject for m in sent] == [
            f"I morgon: Myter om generationer ({cast.program.title})"
        ] * 2
        assert _run_worker(run_tasks) == []
    with time_machine.travel(starts + timedelta(hours=1), tick=False):
        assert _run_worker(run_tasks) == []
    assert SentReminder.objects.count() == 4


def test_people_who_answered_not_attending_get_no_reminder(cast, run_tasks):
    pair = _active_pair(cast)
    meeting = meeting_in(cast.program, 10)
    Attendance.objects.create(meeting=meeting, application=pair.adept, answer="not_attending")
    with time_machine.travel(meeting.starts_at - timedelta(hours=20), tick=False):
        assert [m.to for m in _run_worker(run_tasks)] == [[pair.mentor.email]]


def test_a_pair_with_no_meeting_for_30_days_is_nudged_once(cast, run_tasks):
    pair = participant_pair(cast)
    log(pair, days_ago=29)
    assert _run_worker(run_tasks) == []
    with time_machine.travel(timezone.now() + timedelta(days=1, hours=1), tick=False):
        sent = _run_worker(run_tasks)
        assert sorted(m.to[0] for m in sent) == sorted([pair.mentor.email, pair.adept.email])
        assert sent[0].subject == f"Dags att ses igen? ({cast.program.title})"
        assert "30 dagar" in sent[0].body
        assert _run_worker(run_tasks) == []
    log(pair, days_ago=-2)  # they met again two days later ...
    MeetingLog.objects.filter(mentorship=pair).update(status="held")
    with time_machine.travel(timezone.now() + timedelta(days=20), tick=False):
        assert _run_worker(run_tasks) == []
    with time_machine.travel(timezone.now() + timedelta(days=33), tick=False):
        assert len(_run_worker(run_tasks)) == 2  # ... and then fell silent again


def test_reminders_switched_off_for_the_program_or_the_person_are_not_sent(cast, run_tasks):
    pair = _active_pair(cast)
    meeting = meeting_in(cast.program, 10)
    services.set_personal_reminders(user=pair.adept.applicant, enabled=False)
    with time_machine.travel(meeting.starts_at - timedelta(days=6), tick=False):
        assert [m.to for m in _run_worker(run_tasks)] == [[pair.mentor.email]]
    services.set_program_reminders(program=cast.program, enabled=False, changed_by=cast.coordinator)
    with time_machine.travel(meeting.starts_at - timedelta(hours=12), tick=False):
        assert _run_worker(run_tasks) == []


def test_schedule_queues_one_self_repeating_task(cast, run_tasks):
    _active_pair(cast)
    out = StringIO()
    call_command("send_reminders", "--schedule", stdout=out)
    call_command("send_reminders", "--schedule", stdout=out)
    assert out.getvalue().splitlines() == [
        "Reminder task queued for the worker.",
        "A reminder task is already waiting for the worker.",
    ]
    assert DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY").count() == 1
    now = timezone.now()
    with time_machine.travel(now + timedelta(minutes=1), tick=False):
        run_tasks()
    waiting = DBTaskResult.objects.get(task_path=TASK_PATH, status="READY")
    assert waiting.run_after == now + timedelta(minutes=1) + timedelta(hours=1)


def test_the_command_without_schedule_sends_now(cast):
    pair = participant_pair(cast)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == (
        "Reminders queued: 0 joint meeting in 7 days, 0 joint meeting tomorrow, 2 nudges."
    )
    assert SentReminder.objects.filter(kind="nudge").count() == 2
    assert pair.meeting_logs.count() == 0
