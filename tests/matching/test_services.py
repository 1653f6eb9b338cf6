"""Running, adjusting and publishing proposals over the hand-built 3 + 3 program.

Scores by hand (see tests/matching/support.py), mentor rows, adept columns:
            Alf    Agnes  Arne
    Mira    6.75   4.00   4.00
    Max     3.00   5.25   2.75
    Moa     3.60   3.85   6.85
"""

from decimal import Decimal

import pytest
from django.utils import timezone

from revmentor.core.models import AuditEntry
from revmentor.matching import engine, services
from revmentor.matching.models import Exclusion
from revmentor.mentorships.models import Mentorship
from revmentor.programs.models import Program
from tests.matching.support import make_trio, nominate


def run(cast, base=None, **rules):
    return services.run_matching(
        program=cast.program,
        rules=engine.Rules(**rules),
        weights=engine.Weights(),
        created_by=cast.coordinator,
        keep_locks_from=base,
    )


def pairs_of(proposal) -> set[tuple[str, str, Decimal]]:
    return {(p.mentor.full_name, p.adept.full_name, p.score) for p in proposal.pairs.all()}


def unmatched_of(proposal) -> dict[str, tuple[str, str]]:
    return {u.application.full_name: (u.reason_code, u.reason_sv) for u in proposal.unmatched.all()}


def test_the_optimal_pairs_and_scores_are_those_computed_by_hand(cast):
    make_trio(cast)
    proposal = run(cast)
    assert pairs_of(proposal) == {
        ("Mira Mentor", "Alf Adept", Decimal("6.75")),
        ("Max Mentor", "Agnes Adept", Decimal("5.25")),
        ("Moa Mentor", "Arne Adept", Decimal("6.85")),
    }
    assert proposal.number == 1
    assert (proposal.mentors, proposal.adepts) == (3, 3)
    assert proposal.quality["pairs"] == 3
    assert round(proposal.quality["total_score"], 2) == 18.85
    assert proposal.quality["lowest_score"] == 5.25
    assert proposal.quality["max_possible_score"] == 8.0
    assert proposal.quality["histogram"] == [0, 0, 0, 0, 0, 0, 1, 0, 2, 0]
    assert unmatched_of(proposal) == {}


def test_each_pair_keeps_its_score_parts_and_explanations_in_swedish_and_english(cast):
    make_trio(cast)
    pair = run(cast).pairs.get(mentor__full_name="Moa Mentor")
    assert pair.parts == {
        "topics": 1.0,
        "languages": 1.0,
        "city": 0.0,
        "availability": 1.0,
        "diversity": 1.0,
        "age_gap": 0.85,
    }
    assert pair.explanation_sv == (
        "Talar för: delar intresse för Värderingar, olika myndigheter, 23 års åldersskillnad, "
        "talar svenska och 100 % gemensamma tider."
    )
    assert pair.explanation_en == (
        "For: shared interest in Värderingar, different agencies, 23 years' age gap, "
        "both speak Swedish and 100% shared availability."
    )
    assert pair.points_in("sv") == (
        [
            "delar intresse för Värderingar",
            "olika myndigheter",
            "23 års åldersskillnad",
            "talar svenska",
            "100 % gemensamma tider",
        ],
        [],
    )


def test_an_exclusion_is_respected_and_the_greedy_fill_is_worked_out_when_asked(cast):
    trio = make_trio(cast)
    Exclusion.objects.create(
        program=cast.program, mentor=trio["Moa Mentor"], adept=trio["Arne Adept"]
    )
    proposal = run(cast)
    assert pairs_of(proposal) == {
        ("Mira Mentor", "Alf Adept", Decimal("6.75")),
        ("Max Mentor", "Arne Adept", Decimal("2.75")),
        ("Moa Mentor", "Agnes Adept", Decimal("3.85")),
    }
    assert round(proposal.quality["total_score"], 2) == 13.35
    assert proposal.greedy_quality == {}
    services.compare_with_greedy(proposal=proposal)
    proposal.refresh_from_db()
    # Greedy takes Mira–Alf and Max–Agnes first and strands Moa with the excluded Arne.
    assert proposal.greedy_quality["pairs"] == 2
    assert round(proposal.greedy_quality["total_score"], 2) == 12.0


def test_people_without_a_partner_are_told_why(cast):
    make_trio(cast)
    proposal = run(cast, min_age_gap=24)
    assert pairs_of(proposal) == {
        ("Mira Mentor", "Alf Adept", Decimal("6.75")),
        ("Max Mentor", "Agnes Adept", Decimal("5.25")),
    }
    assert unmatched_of(proposal) == {
        "Arne Adept": (
            "no_admissible_partner",
            "Ingen av 3 mentorer var tillåten: 3 inte minst 24 år yngre.",
        ),
        "Moa Mentor": (
            "outnumbered",
            "Alla 2 tillåtna av 3 adepter var redan upptagna: Alf Adept (med Mira Mentor) "
            "och Agnes Adept (med Max Mentor). Övriga: 1 inte minst 24 år äldre.",
        ),
    }


def test_running_again_keeps_the_locked_pairs(cast):
    trio = make_trio(cast)
    first = run(cast)
    services.pair_by_hand(
        proposal=first,
        mentor=trio["Mira Mentor"],
        adept=trio["Agnes Adept"],
        changed_by=cast.coordinator,
    )
    locked = first.pairs.get(mentor__full_name="Mira Mentor")
    services.set_lock(pair=locked, locked=True, changed_by=cast.coordinator)
    second = run(cast, base=first)
    assert second.number == 2
    assert second.based_on == first
    assert pairs_of(second) == {
        ("Mira Mentor", "Agnes Adept", Decimal("4.00")),
        ("Max Mentor", "Alf Adept", Decimal("3.00")),
        ("Moa Mentor", "Arne Adept", Decimal("6.85")),
    }
    assert set(second.pairs.filter(locked=True).values_list("mentor__full_name", flat=True)) == {
        "Mira Mentor"
    }
    assert round(second.quality["total_score"], 2) == 13.85


def test_a_lock_that_breaks_a_hard_rule_is_refused_with_names(cast):
    trio = make_trio(cast)
    first = run(cast)
    services.pair_by_hand(
        proposal=first,
        mentor=trio["Mira Mentor"],
        adept=trio["Arne Adept"],
        changed_by=cast.coordinator,
    )
    services.set_lock(
        pair=first.pairs.get(adept=trio["Arne Adept"]), locked=True, changed_by=cast.coordinator
    )
    with pytest.raises(services.MatchingError) as caught:
        run(cast, base=first, min_age_gap=24)
    assert caught.value.messages == [
        "Det låsta paret Mira Mentor och Arne Adept bryter en regel: för liten åldersskillnad."
    ]
    assert cast.program.proposals.count() == 1


def test_a_person_locked_to_more_partners_than_the_capacity_is_refused(cast):
    trio = make_trio(cast)
    first = run(cast, capacity=2)
    services.pair_by_hand(
        proposal=first,
        mentor=trio["Mira Mentor"],
        adept=trio["Agnes Adept"],
        changed_by=cast.coordinator,
    )
    for pair in first.pairs.filter(mentor=trio["Mira Mentor"]):
        services.set_lock(pair=pair, locked=True, changed_by=cast.coordinator)
    with pytest.raises(services.MatchingError) as caught:
        run(cast, base=first, capacity=1)
    assert caught.value.messages == [
        "Mira Mentor är låst till fler partner än tillåtet (1): Alf Adept, Agnes Adept."
    ]


def test_pairing_by_hand_shows_the_live_score_and_dissolves_the_pairs_in_the_way(cast):
    trio = make_trio(cast)
    proposal = run(cast)
    plan = services.plan_manual_pair(
        proposal=proposal, mentor=trio["Mira Mentor"], adept=trio["Arne Adept"]
    )
    assert (plan.score, plan.broken_rules) == (Decimal("4.00"), [])
    assert {(p.mentor.full_name, p.adept.full_name) for p in plan.dissolved} == {
        ("Moa Mentor", "Arne Adept"),
        ("Mira Mentor", "Alf Adept"),
    }
    assert (plan.total_before, plan.total_after, plan.lowest_after) == (
        Decimal("18.85"),
        Decimal("9.25"),
        Decimal("4.00"),
    )
    assert proposal.pairs.count() == 3  # a plan changes nothing
    services.pair_by_hand(
        proposal=proposal,
        mentor=trio["Mira Mentor"],
        adept=trio["Arne Adept"],
        changed_by=cast.coordinator,
    )
    proposal.refresh_from_db()
    assert pairs_of(proposal) == {
        ("Mira Mentor", "Arne Adept", Decimal("4.00")),
        ("Max Mentor", "Agnes Adept", Decimal("5.25")),
    }
    assert {name: code for name, (code, _sv) in unmatched_of(proposal).items()} == {
        "Alf Adept": "by_hand",
        "Moa Mentor": "by_hand",
    }
    assert round(proposal.quality["total_score"], 2) == 9.25
    assert proposal.edited_by_hand is True


def test_a_hand_pair_that_breaks_a_rule_is_warned_about_and_kept_with_its_broken_rules(cast):
    trio = make_trio(cast)
    proposal = run(cast)
    services.add_exclusion(
        program=cast.program,
        mentor=trio["Max Mentor"],
        adept=trio["Alf Adept"],
        reason="Samma projekt",
        created_by=cast.coordinator,
    )
    plan = services.plan_manual_pair(
        proposal=proposal, mentor=trio["Max Mentor"], adept=trio["Alf Adept"]
    )
    assert (plan.score, plan.broken_rules, plan.broken_rule_labels) == (
        Decimal("3.00"),
        ["exclusion"],
        ["undantagna av en samordnare"],
    )
    pair = services.pair_by_hand(
        proposal=proposal,
        mentor=trio["Max Mentor"],
        adept=trio["Alf Adept"],
        changed_by=cast.coordinator,
    )
    assert (pair.by_hand, pair.broken_rules) == (True, ["exclusion"])


def test_a_locked_pair_cannot_be_dissolved_by_a_hand_pair(cast):
    trio = make_trio(cast)
    proposal = run(cast)
    services.set_lock(
        pair=proposal.pairs.get(mentor=trio["Mira Mentor"]),
        locked=True,
        changed_by=cast.coordinator,
    )
    with pytest.raises(services.MatchingError) as caught:
        services.plan_manual_pair(
            proposal=proposal, mentor=trio["Max Mentor"], adept=trio["Alf Adept"]
        )
    assert caught.value.messages == [
        "Mira Mentor och Alf Adept är ett låst par; lås upp dem först."
    ]


def test_breaking_a_pair_leaves_both_without_a_partner(cast):
    trio = make_trio(cast)
    proposal = run(cast)
    services.break_pair(
        pair=proposal.pairs.get(mentor=trio["Max Mentor"]), changed_by=cast.coordinator
    )
    proposal.refresh_from_db()
    assert proposal.quality["pairs"] == 2
    assert round(proposal.quality["total_score"], 2) == 13.6
    assert unmatched_of(proposal) == {
        "Agnes Adept": ("by_hand", "Utan partner efter en ändring för hand."),
        "Max Mentor": ("by_hand", "Utan partner efter en ändring för hand."),
    }


def test_empty_sides_give_an_empty_explained_proposal(cast):
    assert pairs_of(run(cast)) == set()
    for name, year in [("Mira Mentor", 1995), ("Max Mentor", 1990)]:
        nominate(cast, name, "a", year, [0], "mentor")
    proposal = run(cast)
    assert (pairs_of(proposal), unmatched_of(proposal)) == (
        set(),
        {
            "Mira Mentor": ("no_counterpart", "Det finns inga deltagare på andra sidan"),
            "Max Mentor": ("no_counterpart", "Det finns inga deltagare på andra sidan"),
        },
    )


def test_when_every_pair_is_forbidden_everyone_is_unmatched_with_the_reason(cast):
    make_trio(cast)
    proposal = run(cast, min_age_gap=60)
    assert pairs_of(proposal) == set()
    assert {code for code, _sv in unmatched_of(proposal).values()} == {"no_admissible_partner"}
    assert len(unmatched_of(proposal)) == 6


def test_the_same_person_nominated_twice_is_a_clear_message(cast):
    make_trio(cast)
    nominate(cast, "Mira Tvilling", "b", 1995, [0], "mentor", email="MIRA.mentor@test.example ")
    with pytest.raises(services.MatchingError) as caught:
        run(cast)
    assert caught.value.messages == [
        "Samma person är anmäld två gånger (samma e-postadress): Mira Mentor, Mira Tvilling."
    ]


def test_publishing_starts_mentorships_tells_everyone_and_moves_the_program_to_running(
    cast, run_tasks
):
    make_trio(cast)
    Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.MATCHING)
    cast.program.refresh_from_db()
    proposal = run(cast)
    services.publish(proposal=proposal, published_by=cast.coordinator)
    cast.program.refresh_from_db()
    assert cast.program.status == "running"
    assert set(
        Mentorship.objects.filter(program=cast.program).values_list(
            "mentor__full_name", "adept__full_name", "score", "status", "source_proposal"
        )
    ) == {
        ("Mira Mentor", "Alf Adept", Decimal("6.75"), "active", proposal.pk),
        ("Max Mentor", "Agnes Adept", Decimal("5.25"), "active", proposal.pk),
        ("Moa Mentor", "Arne Adept", Decimal("6.85"), "active", proposal.pk),
    }
    actions = list(AuditEntry.objects.filter(program=cast.program).values_list("action", flat=True))
    assert {
        "matching.run",
        "mentorships.started",
        "matching.published",
        "program.status_changed",
    } <= set(actions)
    outbox = run_tasks()
    assert sorted(m.to[0] for m in outbox) == sorted(
        f"{n.lower().replace(' ', '.')}@test.example"
        for n in [
            "Mira Mentor",
            "Max Mentor",
            "Moa Mentor",
            "Alf Adept",
            "Agnes Adept",
            "Arne Adept",
        ]
    )
    to_alf = next(m for m in outbox if m.to == ["alf.adept@test.example"])
    assert to_alf.subject == f"Ditt par i {cast.program.title}"
    assert "Mira Mentor, Organisation A" in to_alf.body
    assert "Talar för: delar intresse för Digitala verktyg" in to_alf.body


def test_a_second_publication_is_refused_with_a_clear_message(cast):
    make_trio(cast)
    first = run(cast)
    stale = run(cast)  # made before publication: it pairs the same people again
    services.publish(proposal=first, published_by=cast.coordinator)
    with pytest.raises(services.MatchingError) as caught:
        services.publish(proposal=first, published_by=cast.coordinator)
    assert caught.value.messages == ["Ett publicerat förslag kan inte längre ändras."]
    with pytest.raises(services.MatchingError) as caught:
        services.publish(proposal=stale, published_by=cast.coordinator)
    assert caught.value.messages == [
        "Programmets par är redan publicerade; de kan inte ersättas. "
        "Kör en ny matchning: den parar bara de personer vars par har avslutats."
    ]
    assert Mentorship.objects.filter(program=cast.program).count() == 3


def test_after_an_early_end_of_unknown_cause_both_partners_are_out_until_taken_back(cast):
    """A pair ended before the cause was a choice (blank): who left is not known."""
    make_trio(cast)
    services.publish(proposal=run(cast), published_by=cast.coordinator)
    ended = Mentorship.objects.get(program=cast.program, adept__full_name="Alf Adept")
    Mentorship.objects.filter(pk=ended.pk).update(
        status=Mentorship.Status.ENDED, ended_at=timezone.now(), end_reason="Adepten har slutat."
    )
    newcomer = nominate(cast, "Ada Adept", "b", 1966, [0], "adept")
    left_out = run(cast)
    assert list(left_out.pairs.all()) == []
    assert [(u.application.full_name, u.reason_code) for u in left_out.unmatched.all()] == [
        ("Ada Adept", "no_counterpart")
    ]
    services.readmit(program=cast.program, application=ended.mentor, added_by=cast.coordinator)
    entry = AuditEntry.objects.get(action="matching.readmitted")
    assert (entry.actor, entry.object_id, entry.after) == (
        cast.coordinator,
        str(ended.mentor.pk),
        {"in_matching": True},
    )
    proposal = run(cast)
    assert [(p.mentor.full_name, p.adept.full_name) for p in proposal.pairs.all()] == [
        (ended.mentor.full_name, "Ada Adept")
    ]
    services.publish(proposal=proposal, published_by=cast.coordinator)
    active = Mentorship.objects.filter(program=cast.program, status="active")
    assert active.count() == 3
    assert active.filter(adept=newcomer, mentor=ended.mentor).count() == 1


def test_a_published_proposal_can_no_longer_be_changed(cast):
    make_trio(cast)
    proposal = run(cast)
    services.publish(proposal=proposal, published_by=cast.coordinator)
    with pytest.raises(services.MatchingError) as caught:
        services.break_pair(pair=proposal.pairs.first(), changed_by=cast.coordinator)
    assert caught.value.messages == ["Ett publicerat förslag kan inte längre ändras."]
