"""Why a pair ended decides who is in later matching runs: only the person who left is out."""

import pytest
from django.urls import reverse

from revmentor.matching import engine, loading
from revmentor.matching import services as matching
from revmentor.matching.models import Readmission
from revmentor.mentorships.models import Mentorship
from revmentor.mentorships.services import MentorshipError, end_mentorship
from tests.matching.support import make_trio
from tests.mentorships.support import make_running

pytestmark = pytest.mark.django_db


def published_pair(cast) -> Mentorship:
    """The trio's published pairs; the one of Alf Adept."""
    make_running(cast.program)
    make_trio(cast)
    proposal = matching.run_matching(
        program=cast.program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
    )
    matching.publish(proposal=proposal, published_by=cast.coordinator, notify=False)
    return Mentorship.objects.select_related("mentor", "adept").get(
        program=cast.program, adept__full_name="Alf Adept"
    )


def pool(cast) -> tuple[set[str], set[str]]:
    loaded = loading.load(cast.program)
    return {a.full_name for a in loaded.mentors}, {a.full_name for a in loaded.adepts}


@pytest.mark.parametrize(
    ("cause", "side", "mentor_in", "adept_in"),
    [
        ("left_organisation", "adept", True, False),
        ("left_organisation", "mentor", False, True),
        ("stopped", "adept", True, False),
        ("did_not_work", None, True, True),
        ("other", None, True, True),
    ],
)
def test_only_the_person_who_left_is_out_of_later_runs(cast, cause, side, mentor_in, adept_in):
    pair = published_pair(cast)
    leaver = {"mentor": pair.mentor, "adept": pair.adept}.get(side or "")
    end_mentorship(mentorship=pair, cause=cause, leaver=leaver, ended_by=cast.coordinator)
    mentors, adepts = pool(cast)
    assert (pair.mentor.full_name in mentors, pair.adept.full_name in adepts) == (
        mentor_in,
        adept_in,
    )
    # Whoever is in the pool is in it alone: everyone else is still in an active pair.
    assert len(mentors) + len(adepts) == int(mentor_in) + int(adept_in)


def test_the_coordinator_takes_the_person_who_left_back_in(cast):
    pair = published_pair(cast)
    end_mentorship(
        mentorship=pair, cause="left_organisation", leaver=pair.mentor, ended_by=cast.coordinator
    )
    assert pool(cast) == (set(), {"Alf Adept"})
    matching.readmit(program=cast.program, application=pair.mentor, added_by=cast.coordinator)
    assert pool(cast) == ({pair.mentor.full_name}, {"Alf Adept"})
    # The two are never paired again: an ended pair is an exclusion of its own.
    proposal = matching.run_matching(
        program=cast.program,
        rules=engine.Rules(),
        weights=engine.Weights(),
        created_by=None,
    )
    assert list(proposal.pairs.values_list("mentor", "adept")) == []


def test_a_leaving_cause_needs_the_person_and_another_cause_names_nobody(cast):
    pair = published_pair(cast)
    with pytest.raises(MentorshipError) as refused:
        end_mentorship(mentorship=pair, cause="stopped", ended_by=cast.coordinator)
    assert refused.value.message == "Välj vem som lämnar."
    with pytest.raises(MentorshipError):
        end_mentorship(mentorship=pair, cause="bored", ended_by=cast.coordinator)
    assert Mentorship.objects.get(pk=pair.pk).status == "active"
    end_mentorship(
        mentorship=pair, cause="did_not_work", leaver=pair.adept, ended_by=cast.coordinator
    )
    pair.refresh_from_db()
    assert (pair.status, pair.end_cause, pair.leaver) == ("ended", "did_not_work", None)


def test_the_end_form_offers_the_causes_and_the_two_partners_by_name(cast, client_for):
    pair = published_pair(cast)
    url = reverse(
        "mentorships:end_pair", kwargs={"slug": cast.program.slug, "pair": pair.public_id}
    )
    client = client_for("coordinator")
    page = client.get(url).text
    for text in [
        "lämnade organisationen",
        "slutade delta i programmet",
        "paret fungerade inte",
        "en annan anledning",
        f"{pair.mentor.full_name} (mentor)",
        f"{pair.adept.full_name} (adept)",
    ]:
        assert text in page, text
    # A partner chosen with a cause that names nobody is not recorded as leaving.
    client.post(url, {"cause": "other", "leaver": "mentor", "reason": ""})
    pair.refresh_from_db()
    assert (pair.end_cause, pair.leaver, pair.end_reason) == ("other", None, "")
    assert pool(cast) == ({pair.mentor.full_name}, {"Alf Adept"})


def test_the_workspace_leaves_out_only_the_one_who_left(cast, client_for):
    pair = published_pair(cast)
    end_mentorship(
        mentorship=pair, cause="left_organisation", leaver=pair.adept, ended_by=cast.coordinator
    )
    page = client_for("coordinator").get(
        reverse("matching:workspace", kwargs={"slug": cast.program.slug})
    )
    rows = {p.full_name: p.left_at is not None for p in page.context["ended"]}
    assert rows == {pair.mentor.full_name: False, "Alf Adept": True}
    assert page.text.count("nej, utelämnad") == 1
    assert page.text.count("Ta tillbaka till matchningen") == 1
    assert not Readmission.objects.exists()


def test_the_activity_page_says_why_a_pair_ended_and_who_left(cast, client_for):
    pair = published_pair(cast)
    end_mentorship(
        mentorship=pair,
        cause="left_organisation",
        leaver=pair.adept,
        reason="Ny tjänst.",
        ended_by=cast.coordinator,
    )
    page = client_for("coordinator").get(
        reverse("mentorships:activity", kwargs={"slug": cast.program.slug})
    )
    assert "<br>Lämnade organisationen: Alf Adept" in page.text
