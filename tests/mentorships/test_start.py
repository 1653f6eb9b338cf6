"""Publishing a proposal starts the mentorships: one row per pair, group mentoring, refusals."""

from decimal import Decimal

import pytest

from revmentor.matching import engine, services
from revmentor.mentorships.models import Mentorship
from revmentor.mentorships.services import MentorshipError, start_mentorships
from tests.matching.support import make_trio


def proposal_for(cast, **rules):
    return services.run_matching(
        program=cast.program,
        rules=engine.Rules(**rules),
        weights=engine.Weights(topics=0),
        created_by=None,
    )


def test_each_pair_becomes_an_active_mentorship_with_both_explanations(cast):
    make_trio(cast)
    proposal = proposal_for(cast)
    started = start_mentorships(proposal=proposal, published_by=cast.coordinator)
    assert len(started) == 3
    alf = Mentorship.objects.get(adept__full_name="Alf Adept")
    assert (alf.mentor.full_name, alf.score, alf.status, alf.source_proposal) == (
        "Mira Mentor",
        Decimal("3.75"),
        "active",
        proposal,
    )
    assert alf.explanation("sv") == (
        "Talar för: delar intresse för Digitala verktyg, olika myndigheter, 25 års "
        "åldersskillnad, talar svenska och 100 % gemensamma tider."
    )
    assert alf.explanation("en") == (
        "For: shared interest in Digitala verktyg, different agencies, 25 years' age gap, "
        "both speak Swedish and 100% shared availability."
    )


def test_a_mentor_with_two_adepts_is_two_mentorships_and_one_email(cast, run_tasks):
    make_trio(cast)
    start_mentorships(proposal=proposal_for(cast, capacity=2), published_by=cast.coordinator)
    assert sorted(
        Mentorship.objects.filter(mentor__full_name="Mira Mentor").values_list(
            "adept__full_name", flat=True
        )
    ) == ["Alf Adept", "Arne Adept"]
    outbox = run_tasks()
    to_mira = [m for m in outbox if m.to == ["mira.mentor@test.example"]]
    assert len(to_mira) == 1
    assert "Du blir mentor för de här adepterna i" in to_mira[0].body
    assert "Alf Adept, Organisation B" in to_mira[0].body
    assert "Arne Adept, Organisation B" in to_mira[0].body
    assert len(outbox) == 5  # Mira, Max, Alf, Agnes, Arne (Moa has no adept)


def test_an_english_speaking_participant_reads_the_email_in_english(cast, run_tasks):
    trio = make_trio(cast)
    trio["Alf Adept"].language = "en"
    trio["Alf Adept"].save()
    start_mentorships(proposal=proposal_for(cast), published_by=cast.coordinator)
    mail = next(m for m in run_tasks() if m.to == ["alf.adept@test.example"])
    assert mail.subject == f"Your pairing in {cast.program.title}"
    assert (
        "Why you were matched: For: shared interest in Digitala verktyg, different agencies"
        in mail.body
    )


def test_people_in_active_pairs_are_never_published_into_new_pairs(cast):
    make_trio(cast)
    first, second = proposal_for(cast), proposal_for(cast)
    start_mentorships(proposal=first, published_by=cast.coordinator)
    with pytest.raises(MentorshipError) as caught:
        start_mentorships(proposal=second, published_by=cast.coordinator)
    assert caught.value.message == (
        "Programmets par är redan publicerade; de kan inte ersättas. "
        "Kör en ny matchning: den parar bara de personer vars par har avslutats."
    )
    with pytest.raises(MentorshipError) as caught:
        start_mentorships(proposal=first, published_by=cast.coordinator)
    assert caught.value.message == "Förslaget är redan publicerat."
    assert Mentorship.objects.count() == 3


def test_a_proposal_without_pairs_cannot_be_published(cast):
    with pytest.raises(MentorshipError) as caught:
        start_mentorships(proposal=proposal_for(cast), published_by=cast.coordinator)
    assert caught.value.message == "Förslaget har inga par att publicera."
    assert Mentorship.objects.count() == 0
