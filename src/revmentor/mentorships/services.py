"""Business actions on mentorships: starting them from a published matching proposal."""

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from revmentor.core import audit
from revmentor.core.mail import queue_email
from revmentor.core.models import User
from revmentor.mentorships.models import Mentorship


class MentorshipError(Exception):
    """A business rule refused the action; the message is shown to the coordinator as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def start_mentorships(*, proposal: Any, published_by: User | None, notify: bool = True) -> list[Mentorship]:
    """Create one active mentorship per pair of ``proposal`` and e-mail each participant their partner(s).

    A program is published once: if it already has mentorships the call is refused, so a
    second proposal never silently replaces pairs that may have started meeting.
    """
    program = proposal.program
    if Mentorship.objects.filter(program=program).exists():
        raise MentorshipError(
            _("The program's pairs have already been published; they cannot be replaced.")
        )
    pairs = list(proposal.pairs.select_related("mentor", "adept", "mentor__organisation", "adept__organisation"))
    if not pairs:
        raise MentorshipError(_("The proposal has no pairs to publish."))
    now = timezone.now()
    mentorships = Mentorship.objects.bulk_create(
        Mentorship(
            program=program,
            mentor=pair.mentor,
            adept=pair.adept,
            score=pair.score,
            explanation_sv=pair.explanation_sv,
            explanation_en=pair.explanation_en,
            source_proposal=proposal,
            started_at=now,
        )
        for pair in pairs
    )
    audit.record(
        actor=published_by,
        action="mentorships.started",
        program=program,
        target=proposal,
        summary=f"{len(mentorships)} pairs",
        after={"pairs": len(mentorships), "proposal": str(proposal.public_id)},
    )
    if notify:
        _tell_participants(program, pairs)
    return mentorships


def _tell_participants(program, pairs) -> None:
    """One e-mail per person: an adept hears of their mentor, a mentor of all their adepts."""
    partners: dict[int, list] = defaultdict(list)
    people = {}
    for pair in pairs:
        people[pair.mentor.pk] = (pair.mentor, "mentor")
        people[pair.adept.pk] = (pair.adept, "adept")
        partners[pair.mentor.pk].append((pair.adept, pair))
        partners[pair.adept.pk].append((pair.mentor, pair))
    program_link = settings.SITE_URL + program.get_absolute_url()
    for pk, (person, role) in people.items():
        language = person.language if person.language in ("sv", "en") else "sv"
        queue_email(
            to=person.email or person.applicant.email,
            template="mentorships/email/matched",
            language=language,
            context={
                "name": person.full_name,
                "program": program.title,
                "role": role,
                "partners": [
                    {
                        "name": partner.full_name,
                        "email": partner.email,
                        "organisation": str(partner.organisation or ""),
                        "why": pair.explanation(language),
                    }
                    for partner, pair in partners[pk]
                ],
                "program_link": program_link,
            },
        )
