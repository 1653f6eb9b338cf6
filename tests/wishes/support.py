"""A program in matching with the 3 + 3 trio and an open round of wishes."""

from datetime import timedelta

from django.utils import timezone

from revmentor.programs.models import Program
from revmentor.wishes import services
from revmentor.wishes.models import Ranking, Round
from tests.matching.support import make_trio


def in_matching(program: Program) -> Program:
    Program.objects.filter(pk=program.pk).update(status=Program.Status.MATCHING)
    program.refresh_from_db()
    return program


def open_trio_round(cast, mode="wishes", *, seats=1, days=3, trio=None):
    """The cast's program with the trio nominated, in matching, its round open; (trio, round)."""
    trio = trio or make_trio(cast)
    program = in_matching(cast.program)
    wish_round = services.open_round(
        program=program,
        mode=mode,
        ranking_deadline=timezone.now() + timedelta(days=7),
        answer_days=days,
        seats_per_mentor=seats,
        opened_by=cast.coordinator,
    )
    return trio, wish_round


def ranking_of(wish_round: Round, application) -> Ranking:
    return Ranking.objects.select_related("round__program", "application__applicant").get(
        round=wish_round, application=application
    )


def participant_round(cast):
    """The trio plus the cast's participant as a mentor, in request mode; Agnes has asked the
    participant. Made once per test, also after other apps' matrix set-ups made the trio or
    the participant's application: (round, the request to the participant)."""
    from revmentor.applications.models import Application
    from revmentor.wishes.models import PairRequest
    from tests.matching.support import ADEPTS, MENTORS, Trio, nominate

    found = PairRequest.objects.filter(partner__applicant=cast.participant).first()
    if found is not None:
        return found.round, found
    participant = Application.objects.filter(
        program=cast.program, applicant=cast.participant
    ).first() or nominate(
        cast,
        "Pia Deltagare",
        "a",
        1996,
        [0],
        "mentor",
        applicant=cast.participant,
        email="participant@test.example",
    )
    trio = None
    people = {a.full_name: a for a in Application.objects.filter(program=cast.program)}
    if "Agnes Adept" in people:
        trio = Trio([people[row[0]] for row in MENTORS], [people[row[0]] for row in ADEPTS])
    existing = Round.objects.filter(program=cast.program).first()
    if existing is None:
        trio, wish_round = open_trio_round(cast, "requests", trio=trio)
    else:
        wish_round = existing
    services.save_ranking(
        ranking=ranking_of(wish_round, trio["Agnes Adept"]), partners=[participant], anyone=False
    )
    return wish_round, PairRequest.objects.get(partner=participant)
