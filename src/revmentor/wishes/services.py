"""Business actions of the participants' say in matching: rounds, rankings, requests, runs."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from revmentor.applications.models import Application
from revmentor.core import audit, mail
from revmentor.core.models import User
from revmentor.matching import engine
from revmentor.matching.engine.stable import Proposer, solve_stable
from revmentor.matching.engine.wishes import Wishes, WishResult, solve_with_wishes
from revmentor.matching.loading import Loaded, load, nominated, problem_messages
from revmentor.matching.models import Proposal, ProposedPair, UnmatchedPerson
from revmentor.matching.services import _exclusions, _quality, proposal_rows
from revmentor.programs.models import MatchingMode, Program
from revmentor.wishes.models import MAX_WISHES, PairRequest, Ranking, Round, WishRun
from revmentor.wishes.models import Wish as WishRow

PAIRINGS = ("optimal", "stable_adept", "stable_mentor")


class WishesError(Exception):
    """The action was refused; ``message`` says why in the current language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def open_round(
    *,
    program: Program,
    mode: str,
    ranking_deadline: datetime,
    answer_days: int,
    seats_per_mentor: int,
    opened_by: User | None,
) -> Round:
    """Set the program's matching mode and open (or reopen) its round; e-mails every participant."""
    if mode not in (MatchingMode.WISHES, MatchingMode.REQUESTS):
        raise WishesError(_("Choose wishes-informed or request and accept."))
    if program.status != Program.Status.MATCHING:
        raise WishesError(_("Suggestions open once nomination has closed."))
    before = program.matching_mode
    Program.objects.filter(pk=program.pk).update(matching_mode=mode)
    program.matching_mode = mode
    found = Round.objects.filter(program=program).first()
    values = {
        "status": Round.Status.OPEN,
        "ranking_deadline": ranking_deadline,
        "answer_days": answer_days,
        "seats_per_mentor": seats_per_mentor,
        "closed_at": None,
        "closed_by": None,
    }
    if found is None:
        wish_round = Round.objects.create(program=program, opened_by=opened_by, **values)
    else:
        wish_round = found
        for name, value in values.items():
            setattr(wish_round, name, value)
        wish_round.save()
    people = list(nominated(program).values_list("pk", "applicant_id"))
    have = set(wish_round.rankings.values_list("application_id", flat=True))
    Ranking.objects.bulk_create(
        [Ranking(round=wish_round, application_id=pk) for pk, _user in people if pk not in have]
    )
    for pk, user_id in people:
        mail.queue("wishes.opened", round_id=wish_round.pk, application_id=pk, concerns=[user_id])
    audit.record(
        actor=opened_by,
        action=audit.Action.WISHES_ROUND_OPENED,
        program=program,
        target=wish_round,
        summary=f"{mode}: {len(people)} participants",
        before={"mode": before},
        after={
            "mode": mode,
            "ranking_deadline": ranking_deadline,
            "answer_days": answer_days,
            "seats_per_mentor": seats_per_mentor,
        },
    )
    return wish_round


@transaction.atomic
def set_coordinator_led(*, program: Program, changed_by: User) -> None:
    """Back to coordinator-led matching: an open round closes; nothing is sent."""
    before = program.matching_mode
    Program.objects.filter(pk=program.pk).update(matching_mode=MatchingMode.COORDINATOR)
    program.matching_mode = MatchingMode.COORDINATOR
    Round.objects.filter(program=program, status=Round.Status.OPEN).update(
        status=Round.Status.CLOSED, closed_at=timezone.now(), closed_by=changed_by
    )
    audit.record(
        actor=changed_by,
        action=audit.Action.WISHES_MODE_CHANGED,
        program=program,
        summary=f"{before} -> coordinator",
        before={"mode": before},
        after={"mode": MatchingMode.COORDINATOR},
    )


@transaction.atomic
def save_ranking(
    *, ranking: Ranking, partners: list[Application], anyone: bool, now: datetime | None = None
) -> Ranking:
    """Replace a participant's wishes (or "anyone suits me"); in request mode an adept's first
    request goes out (the mentor is e-mailed)."""
    now = now or timezone.now()
    wish_round = ranking.round
    if not wish_round.accepts_rankings(now):
        raise WishesError(_("The time to rank has passed."))
    if anyone:
        partners = []
    if len(partners) > MAX_WISHES or len({p.pk for p in partners}) != len(partners):
        raise WishesError(_("Rank up to five different people."))
    if not partners and not anyone:
        raise WishesError(_("Rank at least one person or say that anyone suits you."))
    own_kind = ranking.application.profile_kind
    if any(
        p.program_id != wish_round.program_id
        or p.profile_kind == own_kind
        or p.status != Application.Status.NOMINATED
        for p in partners
    ):
        raise WishesError(_("Rank only nominated people on the other side of this program."))
    requests_mode = wish_round.program.matching_mode == MatchingMode.REQUESTS
    if requests_mode and ranking.application.profile_kind == "mentor":
        raise WishesError(_("Mentors answer requests in this program; they do not rank."))
    ranking.wishes.all().delete()
    WishRow.objects.bulk_create(
        [
            WishRow(ranking=ranking, partner=partner, rank=position)
            for position, partner in enumerate(partners, start=1)
        ]
    )
    ranking.anyone = anyone
    ranking.submitted_at = now
    ranking.save(update_fields=["anyone", "submitted_at"])
    audit.record(
        actor=ranking.application.applicant,
        action=audit.Action.WISHES_RANKED,
        program=wish_round.program,
        target=ranking,
        summary=f"{len(partners)} wishes" if partners else "anyone suits me",
        after={"wishes": [p.pk for p in partners], "anyone": anyone},
    )
    if requests_mode:
        _request_next(ranking, now)
    return ranking


def _open_request(ranking: Ranking) -> PairRequest | None:
    return (
        PairRequest.objects.filter(
            round=ranking.round,
            requester=ranking.application,
            status__in=[PairRequest.Status.PENDING, PairRequest.Status.ACCEPTED],
        )
        .select_related("partner")
        .first()
    )


def _request_next(ranking: Ranking, now: datetime) -> PairRequest | None:
    """Send the adept's next wish a request, unless one is open or no wish is left."""
    wish_round = ranking.round
    if not wish_round.is_open or _open_request(ranking) is not None:
        return None
    asked = set(
        PairRequest.objects.filter(round=wish_round, requester=ranking.application).values_list(
            "partner_id", flat=True
        )
    )
    full = set(
        Ranking.objects.filter(
            round=wish_round, seats_taken__gte=wish_round.seats_per_mentor
        ).values_list("application_id", flat=True)
    )
    for wish in ranking.wishes.select_related("partner__applicant").order_by("rank"):
        if wish.partner_id in asked or wish.partner_id in full:
            continue
        request = PairRequest.objects.create(
            round=wish_round,
            requester=ranking.application,
            partner=wish.partner,
            rank=wish.rank,
            created_at=now,
            due_at=now + timedelta(days=wish_round.answer_days),
        )
        mail.queue(
            "wishes.request",
            request_id=request.pk,
            concerns=[wish.partner.applicant_id, ranking.application.applicant_id],
        )
        return request
    return None


def _pass_on(request: PairRequest, now: datetime) -> None:
    """The request is over without a pair: tell the adept and ask the next wish."""
    mail.queue(
        "wishes.passed_on",
        request_id=request.pk,
        concerns=[request.requester.applicant_id],
    )
    ranking = Ranking.objects.select_related("round__program", "application").get(
        round=request.round, application=request.requester
    )
    _request_next(ranking, now)


@transaction.atomic
def answer_request(
    *, request: PairRequest, accept: bool, message: str, answered_by: User, now=None
) -> PairRequest:
    """Accept (takes one of the mentor's seats) or decline a request; the adept is e-mailed
    and, after a decline, the next wish is asked."""
    now = now or timezone.now()
    status = PairRequest.Status.ACCEPTED if accept else PairRequest.Status.DECLINED
    changed = PairRequest.objects.filter(
        pk=request.pk, status=PairRequest.Status.PENDING, due_at__gt=now, round__status="open"
    ).update(status=status, answered_at=now, message=message.strip()[:1000])
    if not changed:
        raise WishesError(_("This request has already been answered or has expired."))
    wish_round = request.round
    if accept:
        # The seat guard: only a mentor with a free seat moves on; the other transaction's
        # update of the last seat finds no row and the whole acceptance rolls back.
        seated = Ranking.objects.filter(
            round=wish_round,
            application=request.partner,
            seats_taken__lt=wish_round.seats_per_mentor,
        ).update(seats_taken=F("seats_taken") + 1)
        if not seated:
            raise WishesError(_("Your places are already taken."))
    request.refresh_from_db()
    audit.record(
        actor=answered_by,
        action=audit.Action.WISHES_REQUEST_ANSWERED,
        program=wish_round.program,
        target=request,
        summary=f"{request.pk}: {status}",
        before={"status": PairRequest.Status.PENDING},
        after={"status": status},
    )
    if accept:
        mail.queue(
            "wishes.accepted", request_id=request.pk, concerns=[request.requester.applicant_id]
        )
        _release_if_full(request, now)
    else:
        _pass_on(request, now)
    return request


def _release_if_full(request: PairRequest, now: datetime) -> None:
    """Once a mentor's seats are taken, the others waiting on them pass to their next wish."""
    wish_round = request.round
    taken = Ranking.objects.get(round=wish_round, application=request.partner).seats_taken
    if taken < wish_round.seats_per_mentor:
        return
    waiting = list(
        PairRequest.objects.filter(
            round=wish_round, partner=request.partner, status=PairRequest.Status.PENDING
        ).select_related("requester", "round__program")
    )
    PairRequest.objects.filter(pk__in=[r.pk for r in waiting]).update(
        status=PairRequest.Status.FULL, answered_at=now
    )
    for other in waiting:
        _pass_on(other, now)


def expire_requests(*, now: datetime | None = None) -> int:
    """Pending requests past their day pass to the adept's next wish; how many expired."""
    now = now or timezone.now()
    expired = 0
    due = PairRequest.objects.filter(
        status=PairRequest.Status.PENDING, due_at__lte=now, round__status=Round.Status.OPEN
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            changed = PairRequest.objects.filter(
                pk=pk, status=PairRequest.Status.PENDING, due_at__lte=now
            ).update(status=PairRequest.Status.EXPIRED, answered_at=now)
            if not changed:
                continue
            request = PairRequest.objects.select_related("requester", "round__program").get(pk=pk)
            audit.record(
                actor=None,
                action=audit.Action.WISHES_REQUEST_EXPIRED,
                program=request.round.program,
                target=request,
                summary=f"{pk}: expired",
            )
            _pass_on(request, now)
            expired += 1
    return expired


@transaction.atomic
def remind(*, wish_round: Round, reminded_by: User | None) -> int:
    """E-mail everyone who has not ranked yet; how many."""
    if not wish_round.accepts_rankings():
        raise WishesError(_("The time to rank has passed."))
    waiting = list(
        wish_round.rankings.filter(submitted_at__isnull=True).values_list(
            "application_id", "application__applicant_id"
        )
    )
    for application_id, user_id in waiting:
        mail.queue(
            "wishes.reminder",
            round_id=wish_round.pk,
            application_id=application_id,
            concerns=[user_id],
        )
    wish_round.reminded_at = timezone.now()
    wish_round.save(update_fields=["reminded_at"])
    audit.record(
        actor=reminded_by,
        action=audit.Action.WISHES_REMINDED,
        program=wish_round.program,
        target=wish_round,
        summary=f"{len(waiting)} reminded",
    )
    return len(waiting)


@transaction.atomic
def close_round(*, wish_round: Round, closed_by: User | None, now=None) -> Round:
    """Close the round: waiting requests end, everyone is e-mailed; the engine pairs the rest."""
    now = now or timezone.now()
    if not wish_round.is_open:
        raise WishesError(_("The round is already closed."))
    wish_round.status = Round.Status.CLOSED
    wish_round.closed_at = now
    wish_round.closed_by = closed_by
    wish_round.save(update_fields=["status", "closed_at", "closed_by"])
    ended = PairRequest.objects.filter(round=wish_round, status=PairRequest.Status.PENDING).update(
        status=PairRequest.Status.CLOSED, answered_at=now
    )
    for application_id, user_id in wish_round.rankings.values_list(
        "application_id", "application__applicant_id"
    ):
        mail.queue(
            "wishes.closed",
            round_id=wish_round.pk,
            application_id=application_id,
            concerns=[user_id],
        )
    audit.record(
        actor=closed_by,
        action=audit.Action.WISHES_ROUND_CLOSED,
        program=wish_round.program,
        target=wish_round,
        summary=f"closed; {ended} waiting requests ended",
    )
    return wish_round


def engine_wishes(loaded: Loaded, wish_round: Round | None) -> Wishes:
    """The round's rankings as engine wishes, by the loaded people's indices."""
    mentors: list[list[int]] = [[] for _ in loaded.mentors]
    adepts: list[list[int]] = [[] for _ in loaded.adepts]
    if wish_round is not None:
        rows = WishRow.objects.filter(ranking__round=wish_round).order_by("ranking_id", "rank")
        for owner, partner in rows.values_list("ranking__application_id", "partner_id"):
            if owner in loaded.adept_index and partner in loaded.mentor_index:
                adepts[loaded.adept_index[owner]].append(loaded.mentor_index[partner])
            elif owner in loaded.mentor_index and partner in loaded.adept_index:
                mentors[loaded.mentor_index[owner]].append(loaded.adept_index[partner])
    return Wishes.of(mentors, adepts)


def accepted_pairs(loaded: Loaded, wish_round: Round | None) -> list[tuple[int, int]]:
    """Accepted requests as (mentor, adept) indices: they are locked into every run."""
    if wish_round is None:
        return []
    rows = PairRequest.objects.filter(
        round=wish_round, status=PairRequest.Status.ACCEPTED
    ).values_list("partner_id", "requester_id")
    return loaded.pair_indices(rows)


def _solve(pairing: str, loaded: Loaded, rules, weights, wishes, wish_weight, exclusions, locks):
    arguments = (loaded.mentor_people, loaded.adept_people, rules, weights, wishes)
    options = {"wish_weight": wish_weight, "exclusions": exclusions, "locks": locks}
    if pairing == "optimal":
        return solve_with_wishes(*arguments, **options)
    proposer: Proposer = "mentor" if pairing == "stable_mentor" else "adept"
    return solve_stable(*arguments, proposer=proposer, **options)


def _figures(solved: WishResult) -> dict:
    quality = solved.result.quality
    report = solved.report
    return {
        "pairs": quality.pairs,
        "total_score": round(quality.total_score, 2),
        "mean_score": None if quality.mean_score is None else round(quality.mean_score, 2),
        "blocking_pairs": len(report.blocking_pairs) if report else 0,
        "first_wishes": (report.adepts.by_rank[0] + report.mentors.by_rank[0]) if report else 0,
    }


@transaction.atomic
def run_with_wishes(
    *,
    program: Program,
    rules: engine.Rules,
    weights: engine.Weights,
    wish_weight: float,
    pairing: str,
    created_by: User | None,
) -> Proposal:
    """A proposal that honours the round's wishes (accepted requests locked), optimal or stable,
    with the other kind's figures kept beside it for comparison."""
    if pairing not in PAIRINGS:
        raise WishesError(_("Unknown kind of pairing."))
    loaded = load(program)
    wish_round = Round.objects.filter(program=program).first()
    wishes = engine_wishes(loaded, wish_round)
    exclusions = _exclusions(loaded)
    locks = accepted_pairs(loaded, wish_round)
    common = (loaded, rules, weights, wishes, wish_weight, exclusions, locks)
    solved = _solve(pairing, *common)
    if not solved.ok:
        raise WishesError(" ".join(problem_messages(loaded, solved.result.problems)))
    other = _solve("stable_adept" if pairing == "optimal" else "optimal", *common)
    result = solved.result
    number = (program.proposals.aggregate(top=Max("number"))["top"] or 0) + 1
    proposal = Proposal.objects.create(
        program=program,
        number=number,
        rules=asdict(rules),
        weights={**asdict(weights), "wishes": wish_weight},
        quality=_quality(result.quality),
        greedy_quality=_quality(other.result.quality),
        method=result.method[:20],
        mentors=len(loaded.mentors),
        adepts=len(loaded.adepts),
        created_by=created_by,
    )
    pairs, unmatched = proposal_rows(loaded, result, locked=set(locks))
    for new_pair in pairs:
        new_pair.proposal = proposal
    for row in unmatched:
        row.proposal = proposal
    ProposedPair.objects.bulk_create(pairs, batch_size=500)
    UnmatchedPerson.objects.bulk_create(unmatched, batch_size=500)
    optimal, stable = (solved, other) if pairing == "optimal" else (other, solved)
    WishRun.objects.create(
        proposal=proposal,
        pairing=pairing,
        wish_weight=wish_weight,
        optimal=_figures(optimal) if optimal.ok else {},
        stable=_figures(stable) if stable.ok else {},
    )
    audit.record(
        actor=created_by,
        action=audit.Action.MATCHING_RUN,
        program=program,
        target=proposal,
        summary=f"#{number} ({pairing}): {len(pairs)} pairs, {len(unmatched)} unmatched",
        after={"rules": str(asdict(rules)), "wish_weight": wish_weight, "locks": len(locks)},
    )
    return proposal
