"""Postponements reach applicants with drafts; drafts are reminded three days before the deadline."""

from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from revmentor.applications import services
from revmentor.applications.models import Application, DraftReminder
from revmentor.applications.tasks import remind_drafts
from revmentor.programs import services as program_services
from tests.applications.support import make_application


def test_postponement_tells_drafts_to_finish_and_sent_applications_to_wait(cast, run_tasks):
    make_application(cast.program, cast.org_a, status="draft", email="utkast@test.example")
    make_application(cast.program, cast.org_a, email="skickad@test.example")
    program_services.change_deadline(
        program=cast.program,
        new_deadline=cast.program.application_deadline + timedelta(days=7),
        reason="Fler myndigheter ansluter.",
        changed_by=cast.coordinator,
    )
    by_address = {m.to[0]: m for m in run_tasks()}
    assert "Fler myndigheter ansluter." in by_address["utkast@test.example"].body
    assert "Gör klart och skicka den här" in by_address["utkast@test.example"].body
    assert "du behöver inte göra något" in by_address["skickad@test.example"].body


def test_an_earlier_deadline_is_announced_as_moved_earlier(cast, run_tasks):
    make_application(cast.program, cast.org_a, status="draft", email="utkast@test.example")
    program_services.change_deadline(
        program=cast.program,
        new_deadline=cast.program.application_deadline - timedelta(days=1),
        reason="Tidigare start.",
        changed_by=cast.coordinator,
    )
    by_address = {m.to[0]: m for m in run_tasks()}
    assert by_address["utkast@test.example"].subject.endswith("har flyttats tidigare")


def test_saving_a_draft_schedules_one_reminder_task_per_deadline(cast):
    application = make_application(
        cast.program, cast.org_a, status="draft", applicant=cast.participant
    )
    services.save_draft(application=application, topics=[])
    services.save_draft(application=application, topics=[])
    assert DraftReminder.objects.filter(program=cast.program).count() == 1
    task = DBTaskResult.objects.get(task_path="revmentor.applications.tasks.remind_drafts")
    assert task.run_after == cast.program.application_deadline - timedelta(days=3)


def test_reminder_reaches_drafts_once_three_days_before_the_deadline(cast, run_tasks):
    make_application(cast.program, cast.org_a, status="draft", email="utkast@test.example")
    make_application(cast.program, cast.org_a, email="skickad@test.example")
    deadline = cast.program.application_deadline
    with time_machine.travel(deadline - timedelta(days=2)):
        assert remind_drafts.call(program_id=cast.program.pk, deadline=deadline.isoformat()) == 1
        assert remind_drafts.call(program_id=cast.program.pk, deadline=deadline.isoformat()) == 0
    [mail] = run_tasks()
    assert mail.to == ["utkast@test.example"]
    assert "inte skickat den" in mail.body


def test_a_reminder_for_a_moved_deadline_does_nothing(cast):
    make_application(cast.program, cast.org_a, status="draft")
    old = cast.program.application_deadline
    cast.program.application_deadline = old + timedelta(days=10)
    cast.program.save()
    with time_machine.travel(old - timedelta(days=2)):
        assert remind_drafts.call(program_id=cast.program.pk, deadline=old.isoformat()) == 0
    assert Application.objects.get().reminded_for_deadline is None


def test_the_cron_command_sends_due_reminders(cast, run_tasks):
    make_application(cast.program, cast.org_a, status="draft", email="utkast@test.example")
    with time_machine.travel(cast.program.application_deadline - timedelta(days=1)):
        call_command("send_draft_reminders", verbosity=0)
    assert [m.to for m in run_tasks()] == [["utkast@test.example"]]


def test_no_reminder_earlier_than_three_days_before(cast):
    make_application(cast.program, cast.org_a, status="draft")
    with time_machine.travel(timezone.now()):
        assert services.send_draft_reminders(program=cast.program) == 0
