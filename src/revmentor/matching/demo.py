"""Demo data for matching: the closed 2022 program is matched and published, so pairs exist."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from revmentor.core.models import User
from revmentor.matching import engine, services
from revmentor.matching.loading import nominated
from revmentor.mentorships.models import Mentorship


def seed(ctx) -> None:
    """Match and publish the closed program once (skipped when it already has mentorships)."""
    program = ctx.closed
    if program is None or Mentorship.objects.filter(program=program).exists():
        return
    sides = set(nominated(program).values_list("profile_kind", flat=True))
    if sides != {"mentor", "adept"}:
        return
    coordinator = User.objects.filter(roles__program=program, roles__kind="coordinator").first()
    proposal = services.run_matching(
        program=program,
        rules=engine.Rules(),
        weights=engine.Weights(),
        created_by=coordinator,
    )
    if not proposal.pairs.exists():
        return
    services.publish(proposal=proposal, published_by=coordinator, notify=False)
    # The 2022 program is over: its pairs ended with it.
    stockholm = ZoneInfo("Europe/Stockholm")
    Mentorship.objects.filter(program=program).update(
        status=Mentorship.Status.ENDED,
        started_at=datetime.combine(program.period_start, time(9), tzinfo=stockholm),
        ended_at=datetime.combine(program.period_end, time(17), tzinfo=stockholm),
        end_reason="Programmet avslutades.",
    )
