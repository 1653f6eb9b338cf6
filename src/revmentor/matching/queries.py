"""Which proposals, pairs and exclusions a person may see: a program's coordinators see all."""

from django.db.models import QuerySet

from revmentor.applications.models import Application
from revmentor.core.permissions import is_coordinator
from revmentor.matching.loading import ended_participants, nominated
from revmentor.matching.models import (
    Exclusion,
    MatchingRun,
    Proposal,
    ProposedPair,
    UnmatchedPerson,
)
from revmentor.programs.models import Program


def proposals_visible_to(user, program: Program) -> QuerySet[Proposal]:
    """The program's proposals if ``user`` coordinates it, otherwise none."""
    if not is_coordinator(user, program):
        return Proposal.objects.none()
    return Proposal.objects.filter(program=program).select_related(
        "created_by", "published_by", "based_on"
    )


def pairs_of(proposal: Proposal) -> QuerySet[ProposedPair]:
    """A proposal's pairs with both people and their organisations (one query a page)."""
    return ProposedPair.objects.filter(proposal=proposal).select_related(
        "mentor__organisation", "adept__organisation"
    )


def unmatched_of(proposal: Proposal) -> QuerySet[UnmatchedPerson]:
    """A proposal's people without a partner, mentors first, by name."""
    return (
        UnmatchedPerson.objects.filter(proposal=proposal)
        .select_related("application__organisation")
        .order_by("side", "application__full_name", "id")
    )


def runs_visible_to(user, program: Program) -> QuerySet[MatchingRun]:
    """The program's matching runs, newest first, if ``user`` coordinates it."""
    if not is_coordinator(user, program):
        return MatchingRun.objects.none()
    return MatchingRun.objects.filter(program=program).select_related("proposal", "created_by")


def exclusions_visible_to(user, program: Program) -> QuerySet[Exclusion]:
    if not is_coordinator(user, program):
        return Exclusion.objects.none()
    return Exclusion.objects.filter(program=program).select_related(
        "mentor__organisation", "adept__organisation", "created_by"
    )


def candidates_visible_to(user, program: Program, side: str) -> QuerySet[Application]:
    """The nominated applicants of one side, for the coordinator's pick lists."""
    if not is_coordinator(user, program):
        return Application.objects.none()
    return nominated(program).filter(profile_kind=side).order_by("full_name", "pk")


def ended_participants_visible_to(user, program: Program) -> QuerySet[Application]:
    """People whose pair ended, with whether a coordinator took them back into the matching."""
    if not is_coordinator(user, program):
        return Application.objects.none()
    return ended_participants(program)
