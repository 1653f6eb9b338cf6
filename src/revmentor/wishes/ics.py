"""The ranking deadline as an event of the person's own calendar feed (mentorships/ics.py)."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from revmentor.core.ics import CalendarEvent
from revmentor.wishes.models import Ranking, Round

#: The deadline shows as a short block that ends at the deadline.
DEADLINE_BLOCK = timedelta(minutes=30)


def ranking_deadline_events(user) -> list[CalendarEvent]:
    """One event per open round the user ranks in; a closed round's event is cancelled."""
    rankings = Ranking.objects.filter(application__applicant=user).select_related("round__program")
    events = []
    for ranking in rankings.order_by("round__ranking_deadline", "pk"):
        wish_round = ranking.round
        program = wish_round.program
        # A moved deadline must reach calendars as a newer version: later deadlines (the
        # usual move) give a higher sequence, and closing the round adds one more.
        minutes = int((wish_round.ranking_deadline - wish_round.opened_at).total_seconds() // 60)
        closed = wish_round.status == Round.Status.CLOSED
        events.append(
            CalendarEvent(
                uid=f"wish-deadline-{wish_round.public_id}@revmentor",
                sequence=max(minutes, 0) + (1 if closed else 0),
                starts_at=wish_round.ranking_deadline - DEADLINE_BLOCK,
                ends_at=wish_round.ranking_deadline,
                summary=_("Last day to rank your wishes: %(program)s") % {"program": program.title},
                updated_at=wish_round.closed_at or wish_round.opened_at,
                url=settings.SITE_URL + reverse("wishes:rank", kwargs={"slug": program.slug}),
                cancelled=closed,
            )
        )
    return events
