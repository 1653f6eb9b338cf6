"""The wishes app's part of the register extract, erasure and retention.

A person's ranking (whom they wished, in which order) and the requests they sent or got,
with the messages written on them, are personal data of the person who wrote them.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from revmentor.privacy.models import privacy_for
from revmentor.privacy.registry import Due, within
from revmentor.wishes.models import PairRequest, Ranking, Wish


def _requests_of(user):
    return PairRequest.objects.filter(Q(requester__applicant=user) | Q(partner__applicant=user))


class WishesProvider:
    label = "wishes"

    def extract(self, user, program=None) -> dict:
        rankings = (
            Ranking.objects.filter(application__applicant=user, **within(program, "round__program"))
            .select_related("round__program")
            .prefetch_related("wishes__partner")
            .order_by("round__program__title", "id")
        )
        requests = (
            _requests_of(user)
            .filter(**within(program, "round__program"))
            .select_related("round__program", "requester", "partner")
            .order_by("created_at", "id")
        )
        return {
            "rankings": [
                {
                    "program": r.round.program.title,
                    "anyone_suits_me": r.anyone,
                    "ranked_at": r.submitted_at.isoformat() if r.submitted_at else None,
                    "wishes": [w.partner.full_name for w in r.wishes.all()],
                }
                for r in rankings
            ],
            "pair_requests": [
                {
                    "program": p.round.program.title,
                    "from": p.requester.full_name,
                    "to": p.partner.full_name,
                    "status": p.status,
                    "message": p.message,
                    "sent_at": p.created_at.isoformat(),
                }
                for p in requests
            ],
        }

    def programs_of(self, user) -> set[int]:
        return set(
            Ranking.objects.filter(application__applicant=user).values_list(
                "round__program_id", flat=True
            )
        ) | set(_requests_of(user).values_list("round__program_id", flat=True))

    @transaction.atomic
    def erase(self, *, user, program) -> int:
        count = Wish.objects.filter(
            Q(ranking__application__applicant=user) | Q(partner__applicant=user),
            ranking__round__program=program,
        ).delete()[0]
        count += (
            _requests_of(user).filter(round__program=program).exclude(message="").update(message="")
        )
        return count

    def due_for_retention(self, *, program, now) -> list[Due]:
        if now < privacy_for(program).personal_data_due_at():
            return []
        due = []
        wishes = Wish.objects.filter(ranking__round__program=program)
        if wishes.exists():
            due.append(Due(self.label, "wishes", str(_("participants' ranked wishes")), wishes))
        messages = PairRequest.objects.filter(round__program=program).exclude(message="")
        if messages.exists():
            due.append(Due(self.label, "messages", str(_("messages on pair requests")), messages))
        return due

    @transaction.atomic
    def anonymise(self, due: Due) -> int:
        if due.kind == "messages":
            return due.rows.update(message="")
        return due.rows.delete()[0]
