"""Factories and the fixed cast of personas every test reuses.

The cast is two worlds on one installation. Program A (``program``) and program B
(``other_program``) share organisations A and B. Program A has a coordinator, HR of
organisation A, HR of organisation B and a participant. Program B has its own coordinator
(who is also its HR for organisation B), its own HR for organisation A and its own
participant. The site-level operator holds no program role. Anonymous visitors too.
Like program A's participant, B's has no application until a test gives them one.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import count
from zoneinfo import ZoneInfo

from django.utils import timezone
from faker import Faker

from revmentor.core.models import Role, User
from revmentor.programs.models import (
    ContactPerson,
    JointMeeting,
    Organisation,
    Participation,
    Profile,
    Program,
    Topic,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
fake = Faker("sv_SE")
fake.seed_instance(4711)
_serial = count(1)


def make_user(email: str | None = None, **fields) -> User:
    n = next(_serial)
    return User.objects.create_user(
        email=email or f"person{n}@test.example",
        full_name=fields.pop("full_name", fake.name()),
        **fields,
    )


def make_organisation(name: str | None = None, **fields) -> Organisation:
    n = next(_serial)
    name = name or f"{fake.last_name()}verket {n}"
    return Organisation.objects.create(
        name=name, short_name=fields.pop("short_name", f"O{n}"), **fields
    )


def stockholm(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM)


def make_program(
    *, organisations: list[Organisation] = (), places: int = 2, status=Program.Status.OPEN, **fields
) -> Program:
    n = next(_serial)
    today = timezone.localdate()
    start = fields.pop("period_start", today + timedelta(days=30))
    program = Program.objects.create(
        title=fields.pop("title", f"Omvänt mentorskap {n}"),
        slug=fields.pop("slug", f"program-{n}"),
        description="Beskrivning av programmet.",
        purpose="Att förstå hur generationerna ser på arbetslivet.",
        setup="Gemensamma träffar och egna möten.",
        period_start=start,
        period_end=fields.pop("period_end", start + timedelta(days=200)),
        application_deadline=fields.pop(
            "application_deadline", stockholm(today + timedelta(days=10), 23, 59)
        ),
        cost_per_participant=fields.pop("cost_per_participant", Decimal("5000.00")),
        status=status,
        **fields,
    )
    Profile.objects.create(
        program=program,
        kind=Profile.Kind.MENTOR,
        description="Yngre medarbetare.",
        eligibility="Tillsvidareanställd.",
    )
    Profile.objects.create(
        program=program,
        kind=Profile.Kind.ADEPT,
        description="Erfaren medarbetare.",
        eligibility="Tillsvidareanställd.",
    )
    for position, name in enumerate(["Digitala verktyg", "Sociala medier", "Värderingar"]):
        Topic.objects.create(program=program, name=name, position=position)
    for org in organisations:
        Participation.objects.create(
            program=program,
            organisation=org,
            places=places,
            hr_emails=f"hr.{org.pk}@program-{n}.test.example",
        )
    ContactPerson.objects.create(
        program=program,
        name=fake.name(),
        organisation="Testverket",
        email=f"kontakt{n}@test.example",
    )
    return program


def make_joint_meeting(program: Program, *, days_ahead: int = 40, **fields) -> JointMeeting:
    day = program.period_start + timedelta(days=days_ahead - 30)
    return JointMeeting.objects.create(
        program=program,
        title=fields.pop("title", f"Inspirationsträff {next(_serial)}"),
        lecturer=fields.pop("lecturer", fake.name()),
        starts_at=fields.pop("starts_at", stockholm(day, 13)),
        ends_at=fields.pop("ends_at", stockholm(day, 15)),
        digital_link=fields.pop("digital_link", "https://meet.test.example/x"),
        **fields,
    )


@dataclass
class Cast:
    program: Program
    other_program: Program
    org_a: Organisation
    org_b: Organisation
    coordinator: User
    other_coordinator: User
    hr_a: User
    hr_b: User
    participant: User
    other_hr: User
    operator: User
    other_participant: User

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


# The roles the permission matrix signs in as: everyone of program A, B's coordinator and
# B's HR (who must get 404 on everything of A), and the operator.
ROLES = [
    "anonymous",
    "participant",
    "hr_a",
    "hr_b",
    "coordinator",
    "other_coordinator",
    "other_hr",
    "operator",
]


def make_cast() -> Cast:
    org_a = make_organisation("Organisation A", short_name="A")
    org_b = make_organisation("Organisation B", short_name="B")
    program = make_program(organisations=[org_a, org_b], places=2, slug="omvant-test")
    other_program = make_program(organisations=[org_a, org_b], slug="annat-program")
    coordinator = make_user("coordinator@test.example", full_name="Cecilia Samordnare")
    other_coordinator = make_user("other.coordinator@test.example", full_name="Olle Annan")
    hr_a = make_user("hr.a@test.example", full_name="Hanna A-HR")
    hr_b = make_user("hr.b@test.example", full_name="Henrik B-HR")
    participant = make_user("participant@test.example", full_name="Pia Deltagare")
    other_hr = make_user("other.hr@test.example", full_name="Hugo Annan-HR")
    operator = make_user("operator@test.example", full_name="Ofelia Drift", is_staff=True)
    other_participant = make_user("per.annan@test.example", full_name="Per Annan")
    Role.objects.create(user=coordinator, kind=Role.Kind.COORDINATOR, program=program)
    Role.objects.create(user=other_coordinator, kind=Role.Kind.COORDINATOR, program=other_program)
    Role.objects.create(user=hr_a, kind=Role.Kind.HR, program=program, organisation=org_a)
    Role.objects.create(user=hr_b, kind=Role.Kind.HR, program=program, organisation=org_b)
    Role.objects.create(
        user=other_coordinator, kind=Role.Kind.HR, program=other_program, organisation=org_b
    )
    Role.objects.create(user=other_hr, kind=Role.Kind.HR, program=other_program, organisation=org_a)
    return Cast(
        program,
        other_program,
        org_a,
        org_b,
        coordinator,
        other_coordinator,
        hr_a,
        hr_b,
        participant,
        other_hr,
        operator,
        other_participant,
    )
