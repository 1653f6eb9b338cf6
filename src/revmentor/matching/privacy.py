"""The matching's part of the register extract, erasure and retention.

Matching holds two kinds of personal data: a coordinator's exclusions ("never pair these
two", with a free-text reason about named people) and the proposals (who was proposed with
whom, and why: shared topics, organisation, age gap, city, languages). Anonymising blanks
the reasons and the explanations and keeps the pairs' structure and scores for statistics;
the people themselves are anonymised on their applications. A failed run's objections
(e.g. "the same person is nominated twice: <names>") are blanked with them.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from revmentor.matching.models import Exclusion, MatchingRun, ProposedPair, UnmatchedPerson
from revmentor.mentorships.models import without_age
from revmentor.privacy.models import privacy_for
from revmentor.privacy.registry import Due, within


def _involving(model, user):
    return model.objects.filter(Q(mentor__applicant=user) | Q(adept__applicant=user))


def _objections(program):
    return MatchingRun.objects.filter(program=program).exclude(failure_sv="", failure_en="")


class MatchingProvider:
    label = "matching"

    def extract(self, user, program=None) -> dict:
        # The other person of an exclusion or a proposal is not named, nor their age (the
        # age gap says it): it is about them too. A program's extract holds only its rows.
        exclusions = (
            _involving(Exclusion, user)
            .filter(**within(program))
            .select_related("program")
            .order_by("id")
        )
        proposed = (
            _involving(ProposedPair, user)
            .filter(**within(program, "proposal__program"))
            .select_related("proposal__program")
            .order_by("proposal__program__title", "proposal__number", "id")
        )
        unmatched = (
            UnmatchedPerson.objects.filter(application__applicant=user)
            .filter(**within(program, "proposal__program"))
            .select_related("proposal__program")
            .order_by("proposal__program__title", "proposal__number", "id")
        )
        return {
            "exclusions": [
                {
                    "program": e.program.title,
                    "reason": e.reason,
                    "added": e.created_at.isoformat(),
                }
                for e in exclusions
            ],
            "proposals": [
                {
                    "program": p.proposal.program.title,
                    "proposal": p.proposal.number,
                    "as": "mentor" if p.mentor.applicant_id == user.pk else "adept",
                    "score": str(p.score),
                    "why": without_age(p.explanation_sv, "sv"),
                }
                for p in proposed
            ],
            "left_unmatched": [
                {
                    "program": u.proposal.program.title,
                    "proposal": u.proposal.number,
                    "why": u.reason_sv,
                }
                for u in unmatched
            ],
        }

    def programs_of(self, user) -> set[int]:
        return (
            set(_involving(Exclusion, user).values_list("program_id", flat=True))
            | set(_involving(ProposedPair, user).values_list("proposal__program_id", flat=True))
            | set(
                UnmatchedPerson.objects.filter(application__applicant=user).values_list(
                    "proposal__program_id", flat=True
                )
            )
        )

    @transaction.atomic
    def erase(self, *, user, program) -> int:
        count = _involving(Exclusion, user).filter(program=program).update(reason="")
        count += (
            _involving(ProposedPair, user)
            .filter(proposal__program=program)
            .update(explanation_sv="", explanation_en="")
        )
        # The objections name people without a link to them: blank every one of the program's.
        count += _objections(program).update(failure_sv="", failure_en="")
        return count

    def due_for_retention(self, *, program, now) -> list[Due]:
        if now < privacy_for(program).personal_data_due_at():
            return []
        due = []
        reasons = Exclusion.objects.filter(program=program).exclude(reason="")
        if reasons.exists():
            due.append(Due(self.label, "exclusions", str(_("reasons for exclusions")), reasons))
        explained = ProposedPair.objects.filter(proposal__program=program).exclude(
            explanation_sv="", explanation_en=""
        )
        if explained.exists():
            due.append(
                Due(self.label, "proposals", str(_("explanations of proposed pairs")), explained)
            )
        objections = _objections(program)
        if objections.exists():
            due.append(
                Due(self.label, "runs", str(_("objections of failed matching runs")), objections)
            )
        return due

    @transaction.atomic
    def anonymise(self, due: Due) -> int:
        if due.kind == "exclusions":
            return due.rows.update(reason="")
        if due.kind == "runs":
            return due.rows.update(failure_sv="", failure_en="")
        return due.rows.update(explanation_sv="", explanation_en="")
