"""Who sees which rankings and requests, the suggestions a participant ranks, round figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from revmentor.applications.models import Application
from revmentor.core.permissions import is_coordinator
from revmentor.matching import engine
from revmentor.matching.loading import fit_percent, load
from revmentor.matching.services import _exclusions, rules_from, weights_from
from revmentor.programs.models import MatchingMode, Program
from revmentor.wishes.models import PairRequest, Ranking, Round

#: How many partners a participant is offered to rank.
SUGGESTIONS = 10


def round_visible_to(user, program: Program) -> Round | None:
    """The program's round for its coordinators, else None."""
    if not is_coordinator(user, program):
        return None
    return Round.objects.filter(program=program).select_related("program").first()


def own_ranking_or_404(user, slug: str) -> Ranking:
    """The user's own ranking in the program's round; no round or no ranking is 404."""
    found = (
        Ranking.objects.filter(
            round__program__slug=slug,
            application__applicant=user,
            application__status=Application.Status.NOMINATED,
        )
        .select_related("round__program", "application__organisation")
        .order_by("pk")
        .first()
    )
    if found is None or not getattr(user, "is_authenticated", False):
        raise Http404
    return found


def own_rankings(user) -> QuerySet[Ranking]:
    """Every ranking of the user in an open round (for the link on their pages)."""
    if not getattr(user, "is_authenticated", False):
        return Ranking.objects.none()
    return Ranking.objects.filter(
        application__applicant=user, round__status=Round.Status.OPEN
    ).select_related("round__program")


def requests_visible_to(user, program: Program) -> QuerySet[PairRequest]:
    """Requests the user sent or received in the program; a coordinator sees all of them."""
    base = PairRequest.objects.filter(round__program=program).select_related(
        "requester__organisation", "partner__organisation", "round__program"
    )
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if is_coordinator(user, program):
        return base
    return base.filter(Q(requester__applicant=user) | Q(partner__applicant=user))


def received_request_or_404(user, slug: str, public_id) -> PairRequest:
    """A request the user received; anyone else's (or none) is 404."""
    found = (
        PairRequest.objects.filter(
            round__program__slug=slug, public_id=public_id, partner__applicant=user
        )
        .select_related("requester__organisation", "partner", "round__program")
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class Suggestion:
    partner: Application
    fit: int | None
    reasons: list[str]


def _reasons(explanation: engine.Explanation, topic_names: list[str]) -> list[str]:
    """Why a partner is suggested, in plain words; never age, birth year or anything private."""
    reasons = []
    topics = [topic_names[i] for i in explanation.shared_topics if i < len(topic_names)]
    if topics:
        reasons.append(_("You share an interest in %(topics)s.") % {"topics": ", ".join(topics)})
    if explanation.organisation_counts and explanation.different_organisation:
        reasons.append(_("You work in different organisations."))
    if explanation.same_city:
        reasons.append(_("You can meet in the same city."))
    if explanation.shared_languages:
        reasons.append(_("You speak a language in common."))
    if explanation.availability_overlap > 0:
        reasons.append(
            _("You are free at %(percent)s %% of the same times.")
            % {"percent": round(explanation.availability_overlap * 100)}
        )
    return reasons


def rules_and_weights(program: Program) -> tuple[engine.Rules, engine.Weights]:
    """The latest proposal's rules and weights, else the engine's defaults."""
    latest = program.proposals.order_by("-number").first()
    if latest is None:
        return engine.Rules(), engine.Weights()
    return rules_from(latest.rules), weights_from(latest.weights)


def suggestions(ranking: Ranking, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The admissible partners of the ranking's person, best fit first (ties by name)."""
    program = ranking.round.program
    loaded = load(program)
    me = ranking.application
    rules, weights = rules_and_weights(program)
    if me.pk in loaded.adept_index:
        own, others, index = loaded.adept_index[me.pk], loaded.mentors, "adept"
    elif me.pk in loaded.mentor_index:
        own, others, index = loaded.mentor_index[me.pk], loaded.adepts, "mentor"
    else:
        return []
    if not others:
        return []
    if index == "adept":
        pairs = [(other, own) for other in range(len(others))]
    else:
        pairs = [(own, other) for other in range(len(others))]
    evaluation = engine.evaluate(
        loaded.mentor_people,
        loaded.adept_people,
        rules,
        weights,
        pairs,
        exclusions=_exclusions(loaded),
    )
    if not evaluation.ok:
        return []
    hard = set(engine.RULE_NAMES)
    found = []
    for position, pair in enumerate(evaluation.pairs):
        if hard & set(pair.broken_rules):
            continue
        found.append((-pair.score, others[position].full_name, position, pair))
    found.sort(key=lambda row: row[:3])
    return [
        Suggestion(
            partner=others[position],
            fit=fit_percent(pair.score, weights.max_score),
            reasons=_reasons(pair.explanation, loaded.topic_names),
        )
        for _score, _name, position, pair in found[:limit]
    ]


@dataclass(frozen=True)
class RoundFigures:
    participants: int
    ranked: int
    anyone: int
    not_ranked: list[Application]
    pending: list[PairRequest]
    accepted: int


def round_figures(wish_round: Round, now: datetime | None = None) -> RoundFigures:
    """How many ranked, who has not, waiting requests with their age; a handful of queries."""
    now = now or timezone.now()
    counts = wish_round.rankings.aggregate(
        participants=Count("pk"),
        ranked=Count("pk", filter=Q(submitted_at__isnull=False)),
        anyone=Count("pk", filter=Q(submitted_at__isnull=False, anyone=True)),
    )
    not_ranked = [
        ranking.application
        for ranking in wish_round.rankings.filter(submitted_at__isnull=True)
        .select_related("application__organisation")
        .order_by("application__full_name", "pk")
    ]
    pending = list(
        PairRequest.objects.filter(round=wish_round, status=PairRequest.Status.PENDING)
        .select_related("requester", "partner")
        .order_by("created_at", "pk")
    )
    for request in pending:
        request.age_days = (now - request.created_at).days
    accepted = PairRequest.objects.filter(
        round=wish_round, status=PairRequest.Status.ACCEPTED
    ).count()
    return RoundFigures(
        participants=counts["participants"],
        ranked=counts["ranked"],
        anyone=counts["anyone"],
        not_ranked=not_ranked,
        pending=pending,
        accepted=accepted,
    )


def proposal_wish_figures(proposal) -> dict | None:
    """A proposal's honoured wishes per side and its blocking pairs, from the round's rankings.

    None when the program has no round. Wishes were offered among admissible partners, so
    every wished pair counts as a possible blocking pair.
    """
    from revmentor.matching.engine.wishes import Wishes, wish_report
    from revmentor.wishes.models import Wish

    wish_round = Round.objects.filter(program_id=proposal.program_id).first()
    if wish_round is None:
        return None
    rows = list(
        Wish.objects.filter(ranking__round=wish_round)
        .order_by("ranking_id", "rank")
        .values_list("ranking__application_id", "ranking__application__profile_kind", "partner_id")
    )
    pairs = list(proposal.pairs.values_list("mentor_id", "adept_id"))
    mentor_ids = sorted(
        {m for m, _a in pairs}
        | {o for o, kind, _p in rows if kind == "mentor"}
        | {p for _o, kind, p in rows if kind == "adept"}
    )
    adept_ids = sorted(
        {a for _m, a in pairs}
        | {o for o, kind, _p in rows if kind == "adept"}
        | {p for _o, kind, p in rows if kind == "mentor"}
    )
    mentor_at = {pk: i for i, pk in enumerate(mentor_ids)}
    adept_at = {pk: i for i, pk in enumerate(adept_ids)}
    mentor_rows: list[list[int]] = [[] for _ in mentor_ids]
    adept_rows: list[list[int]] = [[] for _ in adept_ids]
    for owner, kind, partner in rows:
        if kind == "mentor":
            mentor_rows[mentor_at[owner]].append(adept_at[partner])
        else:
            adept_rows[adept_at[owner]].append(mentor_at[partner])
    capacity = int(proposal.rules.get("capacity", 1))
    report = wish_report(
        Wishes.of(mentor_rows, adept_rows),
        [(mentor_at[m], adept_at[a]) for m, a in pairs],
        capacity,
    )
    blocking_ids = [(mentor_ids[m], adept_ids[a]) for m, a in report.blocking_pairs]
    names = dict(
        Application.objects.filter(pk__in={pk for pair in blocking_ids for pk in pair}).values_list(
            "pk", "full_name"
        )
    )

    def side(figures) -> dict:
        shares = [
            None if figures.share(rank) is None else round(100 * float(figures.share(rank)))
            for rank in range(3)
        ]
        return {
            "with_wishes": figures.with_wishes,
            "by_rank": list(figures.by_rank[:3]),
            "shares": shares,
            "not_honoured": figures.not_honoured,
        }

    run = getattr(proposal, "wish_run", None) if _has_run(proposal) else None
    return {
        "round": wish_round,
        "adepts": side(report.adepts),
        "mentors": side(report.mentors),
        "blocking": [(names.get(m, ""), names.get(a, "")) for m, a in blocking_ids],
        "run": run,
        "mode": MatchingMode(proposal.program.matching_mode).label,
        "stable_costs": _stable_costs(run),
    }


def _has_run(proposal) -> bool:
    from revmentor.wishes.models import WishRun

    return WishRun.objects.filter(proposal=proposal).exists()


def _stable_costs(run) -> dict | None:
    if run is None or not run.optimal or not run.stable:
        return None
    return {
        "pairs": run.optimal["pairs"] - run.stable["pairs"],
        "total_score": round(run.optimal["total_score"] - run.stable["total_score"], 2),
    }
