"""The demo data: idempotent, fictional, and the program open for applications whenever it runs."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from revmentor.core.models import Role, User
from revmentor.programs.models import JointMeeting, Organisation, Program

pytestmark = pytest.mark.django_db

REAL_CONTACTS = ["martina.von.bothmer", "lena.johansson", "Martina von Bothmer", "Lena Johansson"]


def counts() -> dict:
    return {
        "programs": Program.objects.count(),
        "organisations": Organisation.objects.count(),
        "meetings": JointMeeting.objects.count(),
        "users": User.objects.count(),
        "roles": Role.objects.count(),
    }


def test_seed_demo_is_idempotent_and_keeps_the_current_program_open(capsys):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    current = Program.objects.get(status=Program.Status.OPEN)
    assert current.accepts_applications
    assert current.participations.count() == 8
    assert current.joint_meetings.count() == 6
    closed = Program.objects.get(slug="omvant-mentorskap-2022")
    assert closed.status == Program.Status.CLOSED
    assert timezone.localtime(closed.application_deadline).date().isoformat() == "2022-04-08"
    assert closed.latest_postponement().reason == "Senarelagt startdatum."
    output = capsys.readouterr().out
    assert "samordnare@demo.test" in output
    assert "hr@nv.demo.test" in output and "hr@skv.demo.test" in output


def test_demo_people_are_fictional():
    call_command("seed_demo")
    names = " ".join(User.objects.values_list("full_name", flat=True))
    emails = " ".join(User.objects.values_list("email", flat=True))
    contacts = " ".join(
        f"{c.name} {c.email}" for p in Program.objects.all() for c in p.contact_persons.all()
    )
    for real in REAL_CONTACTS:
        assert real not in names and real not in emails and real not in contacts


def test_retention_leaves_the_demo_2022_example_intact():
    from revmentor.applications.models import Application
    from revmentor.privacy.services import run_retention

    call_command("seed_demo")
    names_before = sorted(
        Application.objects.filter(program__slug="omvant-mentorskap-2022").values_list(
            "full_name", flat=True
        )
    )
    assert run_retention() == {}
    names_after = sorted(
        Application.objects.filter(program__slug="omvant-mentorskap-2022").values_list(
            "full_name", flat=True
        )
    )
    assert (len(names_after), names_after) == (32, names_before)
