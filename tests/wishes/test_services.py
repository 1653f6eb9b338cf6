"""Rounds, rankings, request and accept, expiry with a frozen clock, runs with wishes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from revmentor.core.models import AuditEntry
from revmentor.matching import engine
from revmentor.matching.models import Exclusion
from revmentor.programs.models import MatchingMode
from revmentor.wishes import queries, services
from revmentor.wishes.models import PairRequest, Ranking, Wish, WishRun
from tests.matching.support import nominate
from tests.wishes.support import open_trio_round, ranking_of

pytestmark = pytest.mark.django_db


def test_opening_a_round_sets_the_mode_and_e_mails_every_participant(cast, run_tasks):
    trio, wish_round = open_trio_round(cast)
    cast.program.refresh_from_db()
    assert cast.program.matching_mode == MatchingMode.WISHES
    assert wish_round.rankings.count() == 6
    outbox = run_tasks()
    assert sorted(m.to[0] for m in outbox) == sorted(a.email for a in [*trio.mentors, *trio.adepts])
    assert {m.subject for m in outbox} == {"Välj vem du vill träffa i " + cast.program.title}
    assert all(f"/program/{cast.program.slug}/wishes/" in m.body for m in outbox)
    entry = AuditEntry.objects.get(action="wishes.round_opened")
    assert (entry.before, entry.after["mode"]) == ({"mode": "coordinator"}, "wishes")


def test_a_round_opens_only_once_nomination_has_closed(cast):
    with pytest.raises(services.WishesError):
        services.open_round(
            program=cast.program,
            mode="wishes",
            ranking_deadline=timezone.now() + timedelta(days=3),
            answer_days=3,
            seats_per_mentor=1,
            opened_by=cast.coordinator,
        )


def test_suggestions_are_admissible_best_fit_first_with_reasons_and_no_age(cast):
    trio, wish_round = open_trio_round(cast)
    arne = ranking_of(wish_round, trio["Arne Adept"])
    # Fit for Arne: Moa 6.85 (shared topic), Mira 4.0, Max 2.75 (same organisation).
    found = queries.suggestions(arne)
    assert [(s.partner.full_name, s.fit) for s in found] == [
        ("Moa Mentor", 86),
        ("Mira Mentor", 50),
        ("Max Mentor", 34),
    ]
    # A pair the coordinator excluded is not admissible, so it is not suggested.
    Exclusion.objects.create(
        program=cast.program, mentor=trio["Max Mentor"], adept=trio["Arne Adept"]
    )
    found = queries.suggestions(arne)
    assert [s.partner.full_name for s in found] == ["Moa Mentor", "Mira Mentor"]
    for suggestion in found:
        text = " ".join(suggestion.reasons)
        assert "år" not in text and "19" not in text
    moa = found[0]
    assert (
        moa.reasons[0]
        == "Ni delar intresse för " + cast.program.topics.order_by("position")[2].name + "."
    )


def test_saving_a_ranking_replaces_the_wishes_and_records_it(cast):
    trio, wish_round = open_trio_round(cast)
    ranking = ranking_of(wish_round, trio["Agnes Adept"])
    services.save_ranking(
        ranking=ranking, partners=[trio["Max Mentor"], trio["Mira Mentor"]], anyone=False
    )
    services.save_ranking(ranking=ranking, partners=[trio["Moa Mentor"]], anyone=False)
    assert list(Wish.objects.filter(ranking=ranking).values_list("partner__full_name", "rank")) == [
        ("Moa Mentor", 1)
    ]
    ranking.refresh_from_db()
    assert ranking.submitted_at is not None and ranking.anyone is False
    assert AuditEntry.objects.filter(action="wishes.ranked").count() == 2


def test_anyone_suits_me_clears_the_wishes(cast):
    trio, wish_round = open_trio_round(cast)
    ranking = ranking_of(wish_round, trio["Agnes Adept"])
    services.save_ranking(ranking=ranking, partners=[trio["Max Mentor"]], anyone=False)
    services.save_ranking(ranking=ranking, partners=[trio["Max Mentor"]], anyone=True)
    ranking.refresh_from_db()
    assert (ranking.anyone, ranking.wishes.count()) == (True, 0)


def test_ranking_after_the_deadline_is_refused(cast):
    trio, wish_round = open_trio_round(cast)
    ranking = ranking_of(wish_round, trio["Agnes Adept"])
    later = wish_round.ranking_deadline + timedelta(minutes=1)
    with pytest.raises(services.WishesError):
        services.save_ranking(ranking=ranking, partners=[], anyone=True, now=later)
    assert Ranking.objects.get(pk=ranking.pk).submitted_at is None


def _request_round(cast, seats=1):
    trio, wish_round = open_trio_round(cast, "requests", seats=seats, days=3)
    return trio, wish_round


def test_an_adepts_ranking_sends_their_first_wish_a_request(cast, run_tasks):
    trio, wish_round = _request_round(cast)
    run_tasks().clear()
    ranking = ranking_of(wish_round, trio["Agnes Adept"])
    services.save_ranking(
        ranking=ranking, partners=[trio["Max Mentor"], trio["Mira Mentor"]], anyone=False
    )
    request = PairRequest.objects.get()
    assert (request.partner, request.rank, request.status) == (trio["Max Mentor"], 1, "pending")
    assert request.due_at == request.created_at + timedelta(days=3)
    outbox = run_tasks()
    assert [(m.to, m.subject) for m in outbox] == [
        (["max.mentor@test.example"], "Agnes Adept vill ha dig som mentor")
    ]
    assert f"/wishes/requests/{request.public_id}/" in outbox[0].body


def test_a_declined_request_passes_to_the_next_wish(cast, run_tasks):
    trio, wish_round = _request_round(cast)
    ranking = ranking_of(wish_round, trio["Agnes Adept"])
    services.save_ranking(
        ranking=ranking, partners=[trio["Max Mentor"], trio["Mira Mentor"]], anyone=False
    )
    run_tasks().clear()
    first = PairRequest.objects.get()
    services.answer_request(
        request=first,
        accept=False,
        message="Tyvärr full kalender",
        answered_by=first.partner.applicant,
    )
    assert list(PairRequest.objects.values_list("partner__full_name", "status")) == [
        ("Max Mentor", "declined"),
        ("Mira Mentor", "pending"),
    ]
    outbox = run_tasks()
    assert sorted((m.to[0], m.subject) for m in outbox) == [
        ("agnes.adept@test.example", f"Din förfrågan i {cast.program.title} har gått vidare"),
        ("mira.mentor@test.example", "Agnes Adept vill ha dig som mentor"),
    ]
    assert "Tyvärr full kalender" in next(m.body for m in outbox if "agnes" in m.to[0])


def test_a_request_that_expires_passes_on_with_a_frozen_clock(cast, run_tasks):
    trio, wish_round = _request_round(cast)
    ranking = ranking_of(wish_round, trio["Agnes Adept"])
    services.save_ranking(
        ranking=ranking, partners=[trio["Max Mentor"], trio["Mira Mentor"]], anyone=False
    )
    first = PairRequest.objects.get()
    assert services.expire_requests(now=first.due_at - timedelta(seconds=1)) == 0
    assert services.expire_requests(now=first.due_at) == 1
    first.refresh_from_db()
    assert first.status == "expired"
    second = PairRequest.objects.get(status="pending")
    assert (second.partner, second.rank) == (trio["Mira Mentor"], 2)
    assert services.expire_requests(now=first.due_at) == 0
    # Answering after the day has passed is refused.
    with pytest.raises(services.WishesError):
        services.answer_request(
            request=second,
            accept=True,
            message="",
            answered_by=second.partner.applicant,
            now=second.due_at,
        )


def test_the_expiry_task_runs_the_service(cast, run_tasks):
    from revmentor.wishes.tasks import expire_requests

    trio, wish_round = _request_round(cast)
    ranking = ranking_of(wish_round, trio["Agnes Adept"])
    services.save_ranking(ranking=ranking, partners=[trio["Max Mentor"]], anyone=False)
    PairRequest.objects.update(due_at=timezone.now() - timedelta(minutes=1))
    assert expire_requests.call() == 1
    assert PairRequest.objects.get().status == "expired"


def test_accepting_takes_the_seat_and_passes_the_others_on(cast, run_tasks):
    trio, wish_round = _request_round(cast)
    agnes = ranking_of(wish_round, trio["Agnes Adept"])
    arne = ranking_of(wish_round, trio["Arne Adept"])
    services.save_ranking(
        ranking=agnes, partners=[trio["Mira Mentor"], trio["Moa Mentor"]], anyone=False
    )
    services.save_ranking(
        ranking=arne, partners=[trio["Mira Mentor"], trio["Moa Mentor"]], anyone=False
    )
    to_mira = list(PairRequest.objects.order_by("pk"))
    services.answer_request(
        request=to_mira[0],
        accept=True,
        message="Välkommen!",
        answered_by=to_mira[0].partner.applicant,
    )
    assert ranking_of(wish_round, trio["Mira Mentor"]).seats_taken == 1
    assert list(
        PairRequest.objects.order_by("pk").values_list(
            "requester__full_name", "partner__full_name", "status"
        )
    ) == [
        ("Agnes Adept", "Mira Mentor", "accepted"),
        ("Arne Adept", "Mira Mentor", "full"),
        ("Arne Adept", "Moa Mentor", "pending"),
    ]
    with pytest.raises(services.WishesError):
        services.answer_request(
            request=to_mira[1], accept=True, message="", answered_by=to_mira[1].partner.applicant
        )


def test_closing_the_round_ends_waiting_requests_and_e_mails_everyone(cast, run_tasks):
    trio, wish_round = _request_round(cast)
    ranking = ranking_of(wish_round, trio["Agnes Adept"])
    services.save_ranking(ranking=ranking, partners=[trio["Max Mentor"]], anyone=False)
    run_tasks().clear()
    services.close_round(wish_round=wish_round, closed_by=cast.coordinator)
    assert PairRequest.objects.get().status == "closed"
    outbox = run_tasks()
    assert len(outbox) == 6
    assert {m.subject for m in outbox} == {f"Önskemålsomgången i {cast.program.title} har stängt"}
    with pytest.raises(services.WishesError):
        services.close_round(wish_round=wish_round, closed_by=cast.coordinator)


def test_remind_e_mails_only_those_who_have_not_answered(cast, run_tasks):
    trio, wish_round = open_trio_round(cast)
    for person in [*trio.mentors, trio["Alf Adept"]]:
        services.save_ranking(ranking=ranking_of(wish_round, person), partners=[], anyone=True)
    run_tasks().clear()
    assert services.remind(wish_round=wish_round, reminded_by=cast.coordinator) == 2
    assert sorted(m.to[0] for m in run_tasks()) == [
        "agnes.adept@test.example",
        "arne.adept@test.example",
    ]


def test_a_run_with_wishes_locks_accepted_requests_and_keeps_the_stable_figures(cast):
    trio, wish_round = _request_round(cast)
    agnes = ranking_of(wish_round, trio["Agnes Adept"])
    services.save_ranking(ranking=agnes, partners=[trio["Moa Mentor"]], anyone=False)
    request = PairRequest.objects.get()
    services.answer_request(
        request=request, accept=True, message="", answered_by=request.partner.applicant
    )
    services.close_round(wish_round=wish_round, closed_by=cast.coordinator)
    proposal = services.run_with_wishes(
        program=cast.program,
        rules=engine.Rules(),
        weights=engine.Weights(),
        wish_weight=8.0,
        pairing="optimal",
        created_by=cast.coordinator,
    )
    pairs = {(p.mentor.full_name, p.adept.full_name, p.locked) for p in proposal.pairs.all()}
    assert ("Moa Mentor", "Agnes Adept", True) in pairs
    assert len(pairs) == 3
    run = WishRun.objects.get(proposal=proposal)
    assert (run.pairing, run.wish_weight) == ("optimal", 8.0)
    assert run.optimal["pairs"] == 3 and run.stable["pairs"] == 3
    assert proposal.weights["wishes"] == 8.0
    figures = queries.proposal_wish_figures(proposal)
    assert figures["adepts"]["by_rank"] == [1, 0, 0]
    assert figures["adepts"]["with_wishes"] == 1
    assert figures["blocking"] == []


def test_proposal_figures_list_blocking_pairs_by_name(cast):
    trio, wish_round = open_trio_round(cast)
    # Arne and Mira rank each other first; a proposal that pairs them apart has one
    # blocking pair.
    services.save_ranking(
        ranking=ranking_of(wish_round, trio["Arne Adept"]),
        partners=[trio["Mira Mentor"]],
        anyone=False,
    )
    services.save_ranking(
        ranking=ranking_of(wish_round, trio["Mira Mentor"]),
        partners=[trio["Arne Adept"]],
        anyone=False,
    )
    from revmentor.matching.models import Proposal, ProposedPair

    proposal = Proposal.objects.create(program=cast.program, number=1, rules={"capacity": 1})
    ProposedPair.objects.create(
        proposal=proposal,
        mentor=trio["Mira Mentor"],
        adept=trio["Agnes Adept"],
        score=1,
        explanation_sv="",
        explanation_en="",
    )
    ProposedPair.objects.create(
        proposal=proposal,
        mentor=trio["Moa Mentor"],
        adept=trio["Arne Adept"],
        score=1,
        explanation_sv="",
        explanation_en="",
    )
    figures = queries.proposal_wish_figures(proposal)
    assert figures["blocking"] == [("Mira Mentor", "Arne Adept")]
    assert figures["adepts"]["not_honoured"] == 1
    assert figures["mentors"]["not_honoured"] == 1


def test_only_nominated_people_on_the_other_side_can_be_ranked(cast):
    trio, wish_round = open_trio_round(cast)
    ranking = ranking_of(wish_round, trio["Agnes Adept"])
    for wrong in (trio["Arne Adept"],):
        with pytest.raises(services.WishesError):
            services.save_ranking(ranking=ranking, partners=[wrong], anyone=False)
    other = nominate(cast, "Otto Annan", "a", 1995, [0], "mentor", program=cast.other_program)
    with pytest.raises(services.WishesError):
        services.save_ranking(ranking=ranking, partners=[other], anyone=False)
    assert not Wish.objects.exists()
