"""The demo: the 2022 pairs get goals, meeting logs and attendance, once; a pair log-in."""

from faker import Faker

from revmentor.applications import demo as applications_demo
from revmentor.matching import demo as matching_demo
from revmentor.mentorships import demo
from revmentor.mentorships.models import Attendance, MeetingLog, Mentorship
from revmentor.programs.demo import DemoContext, seed_programs


def run_seed() -> DemoContext:
    faker = Faker("sv_SE")
    faker.seed_instance(2022)
    ctx = DemoContext(faker=faker)
    seed_programs(ctx)
    applications_demo.seed(ctx)
    matching_demo.seed(ctx)
    demo.seed(ctx)
    return ctx


def test_the_2022_pairs_get_content_once_and_a_participant_log_in(db, client):
    ctx = run_seed()
    counts = (MeetingLog.objects.count(), Attendance.objects.count())
    run_seed()
    assert (MeetingLog.objects.count(), Attendance.objects.count()) == counts
    pairs = Mentorship.objects.filter(program=ctx.closed)
    assert pairs.count() >= 3
    assert not pairs.filter(meeting_logs=None).exists()
    assert not pairs.filter(goals="").exists()
    (login,) = [entry for entry in ctx.logins if entry[0] == "participant in a pair (2022)"]
    assert login[2] == "code by e-mail (printed in this console)"
    from revmentor.core.models import User

    client.force_login(User.objects.get(email=login[1]))
    page = client.get(f"/program/{ctx.closed.slug}/my/")
    assert page.status_code == 200
    assert page.context["effort"] > 0


def test_only_pairs_that_kept_going_to_the_end_count_as_completed(db):
    from django.db.models import Sum

    from revmentor.reports.queries import completed_applications

    ctx = run_seed()
    pairs = list(Mentorship.objects.filter(program=ctx.closed).order_by("id"))
    stopped = [p for p in pairs if p.ended_at.date() < ctx.closed.period_end]
    kept = [p for p in pairs if p not in stopped]
    assert stopped and kept
    completed = set(completed_applications(ctx.closed).values_list("pk", flat=True))
    assert completed == {pk for p in kept for pk in (p.mentor_id, p.adept_id)}
    for pair in kept:
        hours = pair.meeting_logs.aggregate(total=Sum("hours"))["total"]
        assert hours >= 18


# ---- the program in progress (issue 21) ------------------------------------------------------


def _running_counts(program) -> dict:
    from revmentor.applications.models import Application
    from revmentor.mentorships.models import MentorshipGroup
    from revmentor.surveys.models import Response, Survey

    return {
        "applications": Application.objects.filter(program=program).count(),
        "pairs": Mentorship.objects.filter(program=program).count(),
        "logs": MeetingLog.objects.filter(mentorship__program=program).count(),
        "answers": Attendance.objects.filter(meeting__program=program).count(),
        "groups": MentorshipGroup.objects.filter(program=program).count(),
        "surveys": Survey.objects.filter(program=program).count(),
        "responses": Response.objects.filter(survey__program=program).count(),
        "meetings": program.joint_meetings.count(),
    }


def test_the_program_in_progress_is_seeded_once_with_a_participant_who_sees_it(db, client, capsys):
    from datetime import timedelta

    import icalendar
    from django.core.management import call_command
    from django.utils import timezone

    from revmentor.core.models import User
    from revmentor.mentorships.services import personal_settings
    from revmentor.programs.demo import next_week_wednesday
    from revmentor.programs.models import Program
    from revmentor.surveys.models import Survey
    from tests.auth import sign_in

    call_command("seed_demo")
    program = Program.objects.get(status=Program.Status.RUNNING)
    first = _running_counts(program)
    call_command("seed_demo")
    assert _running_counts(program) == first
    assert first == {
        "applications": 16,
        "pairs": 8,
        "logs": 8 + 2 * 4 + 3 * 3,  # one planned each; held: none, two or three
        "answers": first["answers"],
        "groups": 1,
        "surveys": 1,
        "responses": 8,
        "meetings": 6,
    }
    today = timezone.localdate()
    assert today - timedelta(days=49) < program.period_start <= today - timedelta(days=14)
    upcoming = program.joint_meetings.filter(starts_at__gt=timezone.now()).first()
    assert timezone.localtime(upcoming.starts_at).date() == next_week_wednesday(today)
    assert 10 <= Attendance.objects.filter(meeting=upcoming).count() < 16
    assert Survey.objects.get(program=program, kind="mid").is_open
    output = capsys.readouterr().out
    lines = [row for row in output.splitlines() if "participant (program in progress)" in row]
    assert len(lines) == 2  # one per run
    (email,) = [word for word in lines[-1].split() if "@" in word]
    person = User.objects.get(email=email)
    pair = Mentorship.objects.get(program=program, mentor__applicant=person)
    sign_in(client, person)
    page = client.get(f"/program/{program.slug}/my/")
    assert page.status_code == 200
    assert page.context["next_meeting"] == upcoming
    assert page.context["effort"] == sum(
        log.hours for log in pair.meeting_logs.filter(status="held")
    )
    assert page.context["effort"] > 0
    content = page.content.decode()
    assert pair.adept.full_name in content and upcoming.title in content
    token = personal_settings(person).calendar_token
    feed = client.get(f"/calendar/{token}.ics")
    events = icalendar.Calendar.from_ical(feed.content).walk("VEVENT")
    uids = {str(event["uid"]) for event in events}
    assert f"joint-meeting-{upcoming.uid}@revmentor" in uids
    assert len(uids) == 6 + pair.meeting_logs.count()
