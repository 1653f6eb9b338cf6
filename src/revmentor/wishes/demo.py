"""Demo data for the participants' say: one program ranking wishes, one asking and answering.

Together with the running and the closed program (coordinator-led) the demo shows a program
in each matching mode. Both new programs are in matching with a round open; Pia Deltagare,
the demo participant, is a nominated mentor in each: she can rank in the first and has a
request to answer in the second.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from revmentor.applications.demo import DEMO_APPLICANT, _applications
from revmentor.applications.models import Application
from revmentor.core.models import Role, User
from revmentor.programs import demo as programs_demo
from revmentor.programs.demo import DemoContext
from revmentor.programs.models import MatchingMode, Participation, Program
from revmentor.wishes import services
from revmentor.wishes.models import Ranking, Round

PEOPLE_PER_PROGRAM = 40


def _matching_program(ctx: DemoContext, slug: str, title: str, mode: str) -> Program:
    today = timezone.localdate()
    start = today + timedelta(days=21)
    program = programs_demo._program(
        slug,
        title=title,
        description=programs_demo.DESCRIPTION,
        purpose=programs_demo.PURPOSE,
        setup=programs_demo.SETUP,
        how_to_apply=programs_demo.HOW_TO_APPLY,
        period_start=start,
        period_end=start + timedelta(days=180),
        application_deadline=programs_demo._stockholm(today - timedelta(days=14), 23, 59),
        cost_per_participant=Decimal("5000.00"),
        expected_effort_hours=Decimal("40.0"),
        status=Program.Status.MATCHING,
        matching_started_at=timezone.now() - timedelta(days=3),
        matching_mode=mode,
    )
    for org, (_name, _short, places) in zip(ctx.organisations, programs_demo.AGENCIES, strict=True):
        Participation.objects.update_or_create(
            program=program,
            organisation=org,
            defaults={"places": places, "hr_emails": f"hr@{org.short_name.lower()}.demo.test"},
        )
        hr = User.objects.filter(email=f"hr@{org.short_name.lower()}.demo.test").first()
        if hr is not None:
            Role.objects.get_or_create(
                user=hr, kind=Role.Kind.HR, program=program, organisation=org
            )
    coordinator = User.objects.filter(email="samordnare@demo.test").first()
    if coordinator is not None:
        Role.objects.get_or_create(user=coordinator, kind=Role.Kind.COORDINATOR, program=program)
    _applications(ctx, program, PEOPLE_PER_PROGRAM, closed=True)
    pia = User.objects.get(email=DEMO_APPLICANT)
    application, _ = Application.objects.get_or_create(
        program=program,
        applicant=pia,
        defaults={
            "full_name": pia.full_name,
            "email": pia.email,
            "organisation": ctx.organisations[1],
        },
    )
    if application.status != Application.Status.NOMINATED:
        from revmentor.applications.demo import _fill

        _fill(application, ctx, 999, True, program)
        application.status = Application.Status.NOMINATED
        application.submitted_at = timezone.now() - timedelta(days=20)
        application.save()
        application.topics.set(list(program.topics.all()[:2]))
    return program


def _open(program: Program, mode: str) -> Round:
    """The round, opened without e-mails (the demo's people have no inboxes to fill)."""
    coordinator = User.objects.filter(email="samordnare@demo.test").first()
    wish_round = Round.objects.create(
        program=program,
        ranking_deadline=timezone.now() + timedelta(days=6),
        answer_days=5,
        seats_per_mentor=1,
        opened_by=coordinator,
        opened_at=timezone.now() - timedelta(days=1),
    )
    people = Application.objects.filter(program=program, status=Application.Status.NOMINATED)
    Ranking.objects.bulk_create(
        [Ranking(round=wish_round, application=a) for a in people.order_by("pk")]
    )
    return wish_round


def _ranked(wish_round: Round, application: Application, partners: list[Application]) -> None:
    ranking = Ranking.objects.select_related("round__program", "application__applicant").get(
        round=wish_round, application=application
    )
    services.save_ranking(ranking=ranking, partners=partners[:3], anyone=not partners)


def seed(ctx: DemoContext) -> None:
    """Create the two programs and their rounds once; later runs leave them as they are."""
    if not ctx.organisations or not User.objects.filter(email=DEMO_APPLICANT).exists():
        return
    year = timezone.localdate().year
    wishes = _matching_program(
        ctx,
        f"omvant-mentorskap-onskemal-{year}",
        f"Omvänt mentorskap med önskemål {year}",
        MatchingMode.WISHES,
    )
    requests = _matching_program(
        ctx,
        f"omvant-mentorskap-forfragan-{year}",
        f"Omvänt mentorskap, förfrågan och svar {year}",
        MatchingMode.REQUESTS,
    )
    pia = User.objects.get(email=DEMO_APPLICANT)
    if not Round.objects.filter(program=wishes).exists():
        wish_round = _open(wishes, MatchingMode.WISHES)
        people = list(
            Application.objects.filter(program=wishes, status=Application.Status.NOMINATED)
            .exclude(applicant=pia)
            .order_by("pk")
        )
        mentors = [a for a in people if a.profile_kind == "mentor"]
        adepts = [a for a in people if a.profile_kind == "adept"]
        # Two thirds answer: adepts rank three mentors, every fifth says anyone suits them.
        for index, adept in enumerate(adepts[: len(adepts) * 2 // 3]):
            choice = (
                [] if index % 5 == 4 else [mentors[(index + k) % len(mentors)] for k in range(3)]
            )
            _ranked(wish_round, adept, choice)
        for index, mentor in enumerate(mentors[: len(mentors) // 2]):
            _ranked(wish_round, mentor, [adepts[(index * 2 + k) % len(adepts)] for k in range(2)])
    if not Round.objects.filter(program=requests).exists():
        wish_round = _open(requests, MatchingMode.REQUESTS)
        pia_application = Application.objects.get(program=requests, applicant=pia)
        people = list(
            Application.objects.filter(program=requests, status=Application.Status.NOMINATED)
            .exclude(applicant=pia)
            .order_by("pk")
        )
        mentors = [a for a in people if a.profile_kind == "mentor"]
        adepts = [a for a in people if a.profile_kind == "adept"]
        # The first adept asks Pia first; others ask the mentors in turn.
        _ranked(wish_round, adepts[0], [pia_application, mentors[0]])
        for index, adept in enumerate(adepts[1 : len(adepts) // 2], start=1):
            _ranked(wish_round, adept, [mentors[index % len(mentors)], pia_application])
