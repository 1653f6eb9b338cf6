"""Business actions of the matching workspace: run, lock, break, pair by hand, exclude, publish."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, override

from revmentor.applications.models import Application
from revmentor.core import audit
from revmentor.core.models import User
from revmentor.matching import engine
from revmentor.matching.loading import Loaded, load, problem_messages, rule_label, rule_sentence
from revmentor.matching.models import (
    Exclusion,
    MatchingRun,
    Proposal,
    ProposedPair,
    Readmission,
    UnmatchedPerson,
)
from revmentor.programs.models import Program

TWO_PLACES = Decimal("0.01")
LEFT_BY_HAND = gettext_noop("Left without a partner by a change by hand.")
ALREADY_RUNNING = gettext_lazy(
    "A matching of this program is already queued or running. Wait until it is done, "
    "then run again."
)
# A run whose stage has not moved for this long lost its worker: a new run may start. The
# longest stage (solving 10,000 a side) takes a few minutes.
STALE_AFTER = timedelta(minutes=30)


class MatchingError(Exception):
    """The action was refused; ``messages`` say why, in the current language, and
    ``by_language`` (when given) in Swedish and English, for a run that keeps them."""

    def __init__(self, messages: list[str], by_language: dict[str, list[str]] | None = None):
        super().__init__("; ".join(messages))
        self.messages = messages
        self.by_language = by_language


def money(value: float) -> Decimal:
    """A score as a two-decimal Decimal, as stored and shown."""
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def rules_from(data: dict) -> engine.Rules:
    fields = engine.Rules.__dataclass_fields__
    return engine.Rules(**{k: v for k, v in data.items() if k in fields})


def weights_from(data: dict) -> engine.Weights:
    fields = engine.Weights.__dataclass_fields__
    return engine.Weights(**{k: float(v) for k, v in data.items() if k in fields})


def _quality(quality: engine.Quality) -> dict:
    """The figures as stored: JSON values (tuples become lists), the same before and after saving."""
    return json.loads(json.dumps(asdict(quality)))


def _exclusions(loaded: Loaded) -> list[tuple[int, int]]:
    """The coordinator's "never pair these two", and every pair that has already ended."""
    from revmentor.mentorships.models import Mentorship

    rows = list(
        Exclusion.objects.filter(program=loaded.program).values_list("mentor_id", "adept_id")
    )
    rows += Mentorship.objects.filter(
        program=loaded.program, status=Mentorship.Status.ENDED
    ).values_list("mentor_id", "adept_id")
    return loaded.pair_indices(rows)


def _locks(loaded: Loaded, proposal: Proposal | None) -> list[tuple[int, int]]:
    if proposal is None:
        return []
    rows = proposal.pairs.filter(locked=True).values_list("mentor_id", "adept_id")
    return loaded.pair_indices(rows)


def _both(message: str, **values: Any) -> tuple[str, str]:
    texts = []
    for language in ("sv", "en"):
        with override(language):
            texts.append(_(message) % values)
    return texts[0], texts[1]


def run_matching(
    *,
    program: Program,
    rules: engine.Rules,
    weights: engine.Weights,
    created_by: User | None,
    keep_locks_from: Proposal | None = None,
    run: MatchingRun | None = None,
) -> Proposal:
    """Match the program's nominated applicants into a new proposal; nothing is sent.

    Reading, solving and explaining happen outside any transaction (on SQLite an open write
    transaction would hold every other writer for the whole solve); only saving is one
    transaction. With ``run``, each stage is written to it and saving also marks it done.
    """
    _stage(run, MatchingRun.Stage.LOADING)
    loaded = load(program)
    exclusions = _exclusions(loaded)
    locks = _locks(loaded, keep_locks_from)
    _stage(run, MatchingRun.Stage.SOLVING)
    result = engine.solve(
        loaded.mentor_people,
        loaded.adept_people,
        rules,
        weights,
        exclusions=exclusions,
        locks=locks,
    )
    if not result.ok:
        raise MatchingError(
            problem_messages(loaded, result.problems),
            by_language=_in_both(lambda: problem_messages(loaded, result.problems)),
        )
    _stage(run, MatchingRun.Stage.EXPLAINING)
    pairs, unmatched = proposal_rows(loaded, result)
    _stage(run, MatchingRun.Stage.SAVING)
    with transaction.atomic():
        number = (program.proposals.aggregate(top=Max("number"))["top"] or 0) + 1
        proposal = Proposal.objects.create(
            program=program,
            number=number,
            based_on=keep_locks_from,
            rules=asdict(rules),
            weights=asdict(weights),
            quality=_quality(result.quality),
            method=result.method,
            mentors=len(loaded.mentors),
            adepts=len(loaded.adepts),
            created_by=created_by,
        )
        for new_pair in pairs:
            new_pair.proposal = proposal
        for row in unmatched:
            row.proposal = proposal
        ProposedPair.objects.bulk_create(pairs, batch_size=500)
        UnmatchedPerson.objects.bulk_create(unmatched, batch_size=500)
        audit.record(
            actor=created_by,
            action=audit.Action.MATCHING_RUN,
            program=program,
            target=proposal,
            summary=f"#{number}: {len(pairs)} pairs, {len(unmatched)} unmatched",
            after={
                "rules": str(asdict(rules)),
                "weights": str(asdict(weights)),
                "locks": len(locks),
            },
        )
        if run is not None:
            _finish(run, status=MatchingRun.Status.DONE, proposal=proposal)
    return proposal


def proposal_rows(
    loaded: Loaded,
    result: engine.MatchResult,
    *,
    locked: set[tuple[int, int]] | None = None,
) -> tuple[list[ProposedPair], list[UnmatchedPerson]]:
    """The pairs and unmatched people of a solved run, explained in both languages and not
    yet saved (their ``proposal`` is set by the caller). ``locked`` (engine indices) marks
    the locked pairs where the engine's own lock flags do not say it."""
    pairs = []
    for pair in result.pairs:
        sv, en = loaded.describe(pair.explanation)
        pairs.append(
            ProposedPair(
                mentor=loaded.mentors[pair.mentor],
                adept=loaded.adepts[pair.adept],
                score=money(pair.score),
                parts=asdict(pair.parts),
                explanation_sv=sv,
                explanation_en=en,
                points=loaded.points(pair.explanation),
                locked=pair.locked if locked is None else (pair.mentor, pair.adept) in locked,
            )
        )
    unmatched = []
    for person in [*result.unmatched_mentors, *result.unmatched_adepts]:
        side = loaded.mentors if person.side == "mentor" else loaded.adepts
        reason_sv, reason_en = loaded.describe_unmatched(person)
        unmatched.append(
            UnmatchedPerson(
                application=side[person.index],
                side=person.side,
                reason_code=person.reason.code,
                reason_sv=reason_sv[:500],
                reason_en=reason_en[:500],
            )
        )
    return pairs, unmatched


def _in_both(build: Callable[[], list[str]]) -> dict[str, list[str]]:
    """``build()`` run once in Swedish and once in English."""
    texts = {}
    for language in ("sv", "en"):
        with override(language):
            texts[language] = build()
    return texts


def _stage(run: MatchingRun | None, stage: str) -> None:
    """Write the run's stage and a sign of life, unless the run was given up meanwhile."""
    if run is None:
        return
    now = timezone.now()
    MatchingRun.objects.filter(pk=run.pk, status=MatchingRun.Status.RUNNING).update(
        stage=stage, updated_at=now
    )
    run.stage, run.updated_at = stage, now


def _finish(run: MatchingRun, *, status: str, **fields) -> None:
    """End the run as ``status``; ``fields``: the proposal made, or why it failed."""
    now = timezone.now()
    MatchingRun.objects.filter(pk=run.pk).update(
        status=status,
        stage=MatchingRun.Stage.FINISHED,
        finished_at=now,
        updated_at=now,
        **fields,
    )


def give_up_stale_runs(*, program: Program) -> int:
    """Mark the program's queued or running runs without a sign of life for ``STALE_AFTER``
    as interrupted, so that a new run may start; how many."""
    now = timezone.now()
    return MatchingRun.objects.filter(
        program=program, status__in=MatchingRun.ACTIVE, updated_at__lt=now - STALE_AFTER
    ).update(
        status=MatchingRun.Status.FAILED,
        failure=MatchingRun.Failure.INTERRUPTED,
        stage=MatchingRun.Stage.FINISHED,
        finished_at=now,
        updated_at=now,
    )


def start_run(
    *,
    program: Program,
    rules: engine.Rules,
    weights: engine.Weights,
    created_by: User,
    keep_locks_from: Proposal | None = None,
) -> MatchingRun:
    """Queue a matching of the program for the background worker (the task gets the run's id
    only); refused while another run of the program is queued or running."""
    return _queue(
        program=program,
        kind=MatchingRun.Kind.PROPOSAL,
        rules=asdict(rules),
        weights=asdict(weights),
        keep_locks_from=keep_locks_from,
        created_by=created_by,
    )


def start_comparison(*, proposal: Proposal, requested_by: User) -> MatchingRun:
    """Queue the simple first-come pairing of the proposal's people for comparison; refused
    while another run of the program is queued or running."""
    return _queue(
        program=proposal.program,
        kind=MatchingRun.Kind.COMPARISON,
        proposal=proposal,
        rules=proposal.rules,
        weights=proposal.weights,
        created_by=requested_by,
    )


def _queue(*, program: Program, **fields) -> MatchingRun:
    from revmentor.matching.tasks import run_matching as run_matching_task

    give_up_stale_runs(program=program)
    try:
        with transaction.atomic():
            run = MatchingRun.objects.create(program=program, **fields)
            # The queue is a table of the same database: the task is queued if and only if
            # the run is saved.
            run_matching_task.enqueue(run_id=run.pk)
    except IntegrityError:
        raise MatchingError([str(ALREADY_RUNNING)]) from None
    return run


def carry_out_run(*, run_id: int) -> str:
    """Run the queued matching ``run_id`` (the worker's side): a proposal, or the reason it
    failed written on the run; nothing is sent. Returns the run's final status."""
    now = timezone.now()
    claimed = MatchingRun.objects.filter(pk=run_id, status__in=MatchingRun.ACTIVE).update(
        status=MatchingRun.Status.RUNNING,
        stage=MatchingRun.Stage.LOADING,
        started_at=now,
        updated_at=now,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        # Done, failed or given up as stale meanwhile: a task queued again has nothing to do.
        return "skipped"
    run = MatchingRun.objects.select_related(
        "program", "keep_locks_from", "created_by", "proposal__program"
    ).get(pk=run_id)
    try:
        if run.kind == MatchingRun.Kind.COMPARISON:
            if run.proposal is None:
                removed = _in_both(lambda: [_("The proposal to compare has been removed.")])
                raise MatchingError(removed["sv"], by_language=removed)
            compare_with_greedy(proposal=run.proposal, run=run)
        else:
            run_matching(
                program=run.program,
                rules=rules_from(run.rules),
                weights=weights_from(run.weights),
                created_by=run.created_by,
                keep_locks_from=run.keep_locks_from,
                run=run,
            )
    except MatchingError as error:
        texts = error.by_language or {"sv": error.messages, "en": error.messages}
        _finish(
            run,
            status=MatchingRun.Status.FAILED,
            failure=MatchingRun.Failure.PROBLEMS,
            failure_sv="\n".join(texts["sv"]),
            failure_en="\n".join(texts["en"]),
        )
        return MatchingRun.Status.FAILED
    except Exception:
        _finish(run, status=MatchingRun.Status.FAILED, failure=MatchingRun.Failure.ERROR)
        raise
    return MatchingRun.Status.DONE


def compare_with_greedy(*, proposal: Proposal, run: MatchingRun | None = None) -> Proposal:
    """Work out the simple first-come pairing of the proposal's people under its rules and
    keep its figures on the proposal for comparison; nothing is sent. With ``run``, each
    stage is written to it and saving also marks it done."""
    _stage(run, MatchingRun.Stage.LOADING)
    loaded = load(proposal.program)
    rows = proposal.pairs.filter(locked=True).values_list("mentor_id", "adept_id")
    _stage(run, MatchingRun.Stage.SOLVING)
    comparison = engine.greedy(
        loaded.mentor_people,
        loaded.adept_people,
        rules_from(proposal.rules),
        weights_from(proposal.weights),
        exclusions=_exclusions(loaded),
        locks=loaded.pair_indices(rows),
    )
    if not comparison.ok:
        raise MatchingError(
            problem_messages(loaded, comparison.problems),
            by_language=_in_both(lambda: problem_messages(loaded, comparison.problems)),
        )
    _stage(run, MatchingRun.Stage.SAVING)
    proposal.greedy_quality = _quality(comparison.quality)
    with transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(greedy_quality=proposal.greedy_quality)
        if run is not None:
            _finish(run, status=MatchingRun.Status.DONE, proposal=proposal)
    return proposal


def _require_draft(proposal: Proposal) -> None:
    if proposal.is_published:
        raise MatchingError([_("A published proposal can no longer be changed.")])


@transaction.atomic
def set_lock(*, pair: ProposedPair, locked: bool, changed_by: User) -> ProposedPair:
    """Lock a pair (kept by the next run that keeps locks) or unlock it; nothing is sent."""
    _require_draft(pair.proposal)
    pair.locked = locked
    pair.save(update_fields=["locked"])
    audit.record(
        actor=changed_by,
        action=audit.Action.MATCHING_PAIR_LOCKED if locked else audit.Action.MATCHING_PAIR_UNLOCKED,
        program=pair.proposal.program,
        target=pair,
        summary=str(pair),
    )
    return pair


def _refresh(proposal: Proposal, loaded: Loaded) -> None:
    """Recompute the proposal's quality figures from its current pairs."""
    rows = list(proposal.pairs.values_list("mentor_id", "adept_id"))
    evaluation = engine.evaluate(
        loaded.mentor_people,
        loaded.adept_people,
        rules_from(proposal.rules),
        weights_from(proposal.weights),
        loaded.pair_indices(rows),
    )
    proposal.quality = _quality(evaluation.quality)
    proposal.edited_by_hand = True
    proposal.save(update_fields=["quality", "edited_by_hand"])


def _leave_unmatched(proposal: Proposal, applications: list[Application], side: str) -> None:
    sv, en = _both(LEFT_BY_HAND)
    for application in applications:
        UnmatchedPerson.objects.update_or_create(
            proposal=proposal,
            application=application,
            defaults={"side": side, "reason_code": "by_hand", "reason_sv": sv, "reason_en": en},
        )


@transaction.atomic
def break_pair(*, pair: ProposedPair, changed_by: User) -> None:
    """Dissolve a pair; both people join the proposal's unmatched list; nothing is sent."""
    proposal = pair.proposal
    _require_draft(proposal)
    pair.delete()
    _leave_unmatched(proposal, [pair.adept], "adept")
    if not proposal.pairs.filter(mentor=pair.mentor).exists():
        _leave_unmatched(proposal, [pair.mentor], "mentor")
    _refresh(proposal, load(proposal.program))
    audit.record(
        actor=changed_by,
        action=audit.Action.MATCHING_PAIR_BROKEN,
        program=proposal.program,
        target=proposal,
        summary=f"{pair.mentor.full_name} – {pair.adept.full_name}",
    )


@dataclass
class ManualPlan:
    """What pairing a mentor with an adept by hand would give, before it is saved."""

    mentor: Application
    adept: Application
    score: Decimal
    parts: dict[str, float]
    broken_rules: list[str]
    explanation_sv: str
    explanation_en: str
    points: dict
    rules: dict
    best: float
    dissolved: list[ProposedPair]
    total_before: Decimal
    total_after: Decimal
    lowest_after: Decimal | None

    @property
    def broken_rule_labels(self) -> list[str]:
        return [rule_label(rule) for rule in self.broken_rules]

    @property
    def warnings(self) -> list[str]:
        """Each broken rule as a sentence naming it, in the current language."""
        return [rule_sentence(rule, self.rules) for rule in self.broken_rules]


def plan_manual_pair(
    *, proposal: Proposal, mentor: Application, adept: Application, loaded: Loaded | None = None
) -> ManualPlan:
    """The live score and broken rules of pairing ``mentor`` with ``adept``; changes nothing."""
    loaded = loaded or load(proposal.program)
    if mentor.pk not in loaded.mentor_index or adept.pk not in loaded.adept_index:
        raise MatchingError([_("Only nominated mentors and adepts of the program can be paired.")])
    rules = rules_from(proposal.rules)
    pairs = list(proposal.pairs.select_related("mentor", "adept"))
    if any(p.mentor_id == mentor.pk and p.adept_id == adept.pk for p in pairs):
        raise MatchingError([_("These two are already a pair in this proposal.")])
    dissolved = [p for p in pairs if p.adept_id == adept.pk]
    of_mentor = sorted(
        (p for p in pairs if p.mentor_id == mentor.pk), key=lambda p: (p.locked, p.score)
    )
    if len(of_mentor) >= rules.capacity:
        dissolved += of_mentor[: len(of_mentor) - rules.capacity + 1]
    locked = [p for p in dissolved if p.locked]
    if locked:
        raise MatchingError(
            [
                _("%(mentor)s and %(adept)s are a locked pair; unlock them first.")
                % {"mentor": p.mentor.full_name, "adept": p.adept.full_name}
                for p in locked
            ]
        )
    kept = [p for p in pairs if p not in dissolved]
    indices = loaded.pair_indices([(p.mentor_id, p.adept_id) for p in kept])
    new = (loaded.mentor_index[mentor.pk], loaded.adept_index[adept.pk])
    evaluation = engine.evaluate(
        loaded.mentor_people,
        loaded.adept_people,
        rules,
        weights_from(proposal.weights),
        [*indices, new],
        exclusions=_exclusions(loaded),
        locks=loaded.pair_indices([(p.mentor_id, p.adept_id) for p in kept if p.locked]),
    )
    if not evaluation.ok:
        raise MatchingError(problem_messages(loaded, evaluation.problems))
    result = evaluation.pairs[-1]
    sv, en = loaded.describe(result.explanation)
    return ManualPlan(
        mentor=mentor,
        adept=adept,
        score=money(result.score),
        parts=asdict(result.parts),
        broken_rules=list(result.broken_rules),
        explanation_sv=sv,
        explanation_en=en,
        points=loaded.points(result.explanation),
        rules=proposal.rules,
        best=evaluation.quality.max_possible_score,
        dissolved=dissolved,
        total_before=money(proposal.quality.get("total_score") or 0.0),
        total_after=money(evaluation.quality.total_score),
        lowest_after=(
            money(evaluation.quality.lowest_score)
            if evaluation.quality.lowest_score is not None
            else None
        ),
    )


@transaction.atomic
def pair_by_hand(
    *, proposal: Proposal, mentor: Application, adept: Application, changed_by: User
) -> ProposedPair:
    """Pair ``mentor`` with ``adept`` in the proposal, dissolving the pairs in the way; nothing is sent."""
    _require_draft(proposal)
    loaded = load(proposal.program)
    plan = plan_manual_pair(proposal=proposal, mentor=mentor, adept=adept, loaded=loaded)
    for old in plan.dissolved:
        old.delete()
    pair = ProposedPair.objects.create(
        proposal=proposal,
        mentor=mentor,
        adept=adept,
        score=plan.score,
        parts=plan.parts,
        explanation_sv=plan.explanation_sv,
        explanation_en=plan.explanation_en,
        points=plan.points,
        by_hand=True,
        broken_rules=plan.broken_rules,
    )
    UnmatchedPerson.objects.filter(proposal=proposal, application__in=[mentor, adept]).delete()
    left_adepts = [old.adept for old in plan.dissolved if old.adept_id != adept.pk]
    _leave_unmatched(proposal, left_adepts, "adept")
    still_paired = set(proposal.pairs.values_list("mentor_id", flat=True))
    left_mentors = {
        old.mentor_id: old.mentor for old in plan.dissolved if old.mentor_id not in still_paired
    }
    _leave_unmatched(proposal, list(left_mentors.values()), "mentor")
    _refresh(proposal, loaded)
    audit.record(
        actor=changed_by,
        action=audit.Action.MATCHING_PAIRED_BY_HAND,
        program=proposal.program,
        target=pair,
        summary=f"{mentor.full_name} – {adept.full_name}",
        after={"score": plan.score, "broken_rules": plan.broken_rules},
    )
    return pair


@transaction.atomic
def add_exclusion(
    *, program: Program, mentor: Application, adept: Application, reason: str, created_by: User
) -> Exclusion:
    """Record that ``mentor`` and ``adept`` must never be paired; later runs respect it."""
    exclusion, _created = Exclusion.objects.get_or_create(
        program=program,
        mentor=mentor,
        adept=adept,
        defaults={"reason": reason, "created_by": created_by},
    )
    audit.record(
        actor=created_by,
        action=audit.Action.MATCHING_EXCLUSION_ADDED,
        program=program,
        target=exclusion,
        summary=f"{mentor.full_name} – {adept.full_name}",
        after={"reason": reason},
    )
    return exclusion


@transaction.atomic
def remove_exclusion(*, exclusion: Exclusion, removed_by: User) -> None:
    """Allow the two people to be paired again in later runs."""
    audit.record(
        actor=removed_by,
        action=audit.Action.MATCHING_EXCLUSION_REMOVED,
        program=exclusion.program,
        target=exclusion,
        summary=f"{exclusion.mentor.full_name} – {exclusion.adept.full_name}",
    )
    exclusion.delete()


@transaction.atomic
def readmit(*, program: Program, application: Application, added_by: User) -> Readmission:
    """Take someone whose pair ended back into later matching runs; nothing is sent."""
    readmission, _created = Readmission.objects.update_or_create(
        program=program,
        application=application,
        defaults={"added_by": added_by, "added_at": timezone.now()},
    )
    audit.record(
        actor=added_by,
        action=audit.Action.MATCHING_READMITTED,
        program=program,
        target=application,
        summary=application.full_name,
        after={"in_matching": True},
    )
    return readmission


@transaction.atomic
def leave_out(*, program: Program, application: Application, changed_by: User) -> None:
    """Keep someone whose pair ended out of later matching runs again; nothing is sent."""
    Readmission.objects.filter(program=program, application=application).delete()
    audit.record(
        actor=changed_by,
        action=audit.Action.MATCHING_LEFT_OUT,
        program=program,
        target=application,
        summary=application.full_name,
        after={"in_matching": False},
    )


@transaction.atomic
def publish(*, proposal: Proposal, published_by: User, notify: bool = True) -> Proposal:
    """Publish the proposal: its pairs become mentorships, each participant is e-mailed, and a
    program in matching moves to running."""
    from revmentor.mentorships.services import MentorshipError, start_mentorships
    from revmentor.programs.services import set_status

    _require_draft(proposal)
    try:
        started = start_mentorships(proposal=proposal, published_by=published_by, notify=notify)
    except MentorshipError as error:
        raise MatchingError([error.message]) from None
    proposal.published_at = timezone.now()
    proposal.published_by = published_by
    proposal.save(update_fields=["published_at", "published_by"])
    program = proposal.program
    audit.record(
        actor=published_by,
        action=audit.Action.MATCHING_PUBLISHED,
        program=program,
        target=proposal,
        summary=f"#{proposal.number}: {len(started)} pairs",
        after={"pairs": len(started), "quality_total": proposal.quality.get("total_score")},
    )
    if program.status == Program.Status.MATCHING:
        set_status(program=program, status=Program.Status.RUNNING, changed_by=published_by)
    return proposal
