"""The demo: the 2022 pairs get goals, meeting logs and attendance, once; a pair log-in."""

from faker import Faker

from revmentor.applications import demo as applications_demo
from revmentor.matching import demo as matching_demo
from revmentor.mentorships import demo
from revmentor.mentorships.models import Attendance, MeetingLog, Mentorship
from revmentor.programs.demo import DemoContext, seed_programs
from tests.auth import sign_in


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

    sign_in(client, User.objects.get(email=login[1]))
    page = client.get(f"/program/{ctx.closed.slug}/my/")
    assert page.status_code == 200
    assert page.context["effort"] > 0
