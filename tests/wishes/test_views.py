"""Participants rank and answer through the pages; the coordinator opens, reminds, closes, runs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from revmentor.wishes.models import PairRequest, Ranking, Round, Wish, WishRun
from tests.auth import sign_in
from tests.matching.support import make_trio, nominate
from tests.querycount import assert_constant_queries
from tests.wishes.support import in_matching, open_trio_round, participant_round

pytestmark = pytest.mark.django_db


def _signed_in(client, user):
    sign_in(client, user)
    return client


def test_a_participant_ranks_with_selects_and_the_wishes_are_saved(cast, client):
    trio, wish_round = open_trio_round(cast)
    _signed_in(client, trio["Arne Adept"].applicant)
    url = reverse("wishes:rank", kwargs={"slug": cast.program.slug})
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count('<select name="wish_') == 5
    assert "Moa Mentor" in body and "1995" not in body and "1998" not in body
    response = client.post(
        url,
        {
            "wish_1": str(trio["Mira Mentor"].public_id),
            "wish_2": str(trio["Moa Mentor"].public_id),
        },
    )
    assert response.status_code == 302
    assert list(
        Wish.objects.filter(ranking__application=trio["Arne Adept"]).values_list(
            "partner__full_name", "rank"
        )
    ) == [("Mira Mentor", 1), ("Moa Mentor", 2)]


def test_choosing_the_same_person_twice_is_an_error_next_to_the_field(cast, client):
    trio, wish_round = open_trio_round(cast)
    _signed_in(client, trio["Arne Adept"].applicant)
    url = reverse("wishes:rank", kwargs={"slug": cast.program.slug})
    moa = str(trio["Moa Mentor"].public_id)
    response = client.post(url, {"wish_1": moa, "wish_3": moa})
    assert response.status_code == 200
    assert response.context["form"].errors == {"wish_3": ["Du har redan valt den här personen."]}
    assert not Wish.objects.exists()
    assert Ranking.objects.get(application=trio["Arne Adept"]).submitted_at is None


def test_nothing_chosen_or_both_anyone_and_wishes_is_refused(cast, client):
    trio, wish_round = open_trio_round(cast)
    _signed_in(client, trio["Arne Adept"].applicant)
    url = reverse("wishes:rank", kwargs={"slug": cast.program.slug})
    assert client.post(url, {}).context["form"].non_field_errors() == [
        "Välj minst en person, eller kryssa i att vem som helst passar dig."
    ]
    both = client.post(url, {"wish_1": str(trio["Moa Mentor"].public_id), "anyone": "on"})
    assert both.context["form"].errors == {
        "anyone": ["Rangordna personer eller kryssa i detta, inte båda."]
    }
    anyone = client.post(url, {"anyone": "on"})
    assert anyone.status_code == 302
    assert Ranking.objects.get(application=trio["Arne Adept"]).anyone is True


def test_someone_outside_the_suggestions_cannot_be_ranked(cast, client):
    trio, wish_round = open_trio_round(cast)
    _signed_in(client, trio["Arne Adept"].applicant)
    url = reverse("wishes:rank", kwargs={"slug": cast.program.slug})
    response = client.post(url, {"wish_1": str(trio["Agnes Adept"].public_id)})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["wish_1"]


def test_a_mentor_accepts_from_the_e_mail_link(cast, client, run_tasks):
    wish_round, request = participant_round(cast)
    link = next(
        m.body
        for m in run_tasks()
        if m.to == ["participant@test.example"] and "vill ha dig som mentor" in m.subject
    )
    path = link[link.index("/program/") :].split()[0]
    _signed_in(client, cast.participant)
    assert client.get(path).status_code == 200
    response = client.post(path, {"decision": "accept", "message": "Varmt välkommen!"})
    assert response.status_code == 302, response.context["form"].errors
    request.refresh_from_db()
    assert (request.status, request.message) == ("accepted", "Varmt välkommen!")
    assert "Förfrågan är avslutad: accepterad." in client.get(path).content.decode()


def test_an_answer_without_a_decision_is_an_error_and_changes_nothing(cast, client):
    wish_round, request = participant_round(cast)
    _signed_in(client, cast.participant)
    url = reverse(
        "wishes:answer", kwargs={"slug": cast.program.slug, "public_id": request.public_id}
    )
    response = client.post(url, {"message": "hm"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["decision"]
    assert PairRequest.objects.get(pk=request.pk).status == "pending"


def test_a_request_under_another_programs_slug_is_404(cast, client):
    wish_round, request = participant_round(cast)
    _signed_in(client, cast.participant)
    url = reverse(
        "wishes:answer",
        kwargs={"slug": cast.other_program.slug, "public_id": request.public_id},
    )
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "accept"}).status_code == 404
    assert PairRequest.objects.get(pk=request.pk).status == "pending"


def test_someone_elses_request_is_404(cast, client):
    wish_round, request = participant_round(cast)
    _signed_in(client, request.requester.applicant)
    url = reverse(
        "wishes:answer", kwargs={"slug": cast.program.slug, "public_id": request.public_id}
    )
    assert client.get(url).status_code == 404


def test_the_coordinator_opens_the_round_from_the_page(cast, client_for, run_tasks):
    make_trio(cast)
    in_matching(cast.program)
    client = client_for("coordinator")
    url = reverse("wishes:round", kwargs={"slug": cast.program.slug})
    deadline = timezone.localtime(timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url,
        {
            "mode": "requests",
            "ranking_deadline": deadline,
            "answer_days": "4",
            "seats_per_mentor": "2",
        },
    )
    assert response.status_code == 302
    wish_round = Round.objects.get(program=cast.program)
    assert (wish_round.answer_days, wish_round.seats_per_mentor) == (4, 2)
    cast.program.refresh_from_db()
    assert cast.program.matching_mode == "requests"
    assert len(run_tasks()) == 6


def test_a_past_deadline_is_an_error_and_opens_nothing(cast, client_for):
    make_trio(cast)
    in_matching(cast.program)
    client = client_for("coordinator")
    url = reverse("wishes:round", kwargs={"slug": cast.program.slug})
    response = client.post(
        url,
        {
            "mode": "wishes",
            "ranking_deadline": "2020-01-01T10:00",
            "answer_days": "4",
            "seats_per_mentor": "1",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"ranking_deadline": ["Välj en tid framåt i tiden."]}
    assert not Round.objects.exists()


def test_the_round_page_costs_the_same_queries_for_1_and_30_waiting_people(cast, client_for):
    trio, wish_round = open_trio_round(cast, "requests")
    client = client_for("coordinator")
    url = reverse("wishes:round", kwargs={"slug": cast.program.slug})

    def add_row(i):
        adept = nominate(cast, f"Adept Nummer{i}", "b", 1960, [0], "adept")
        mentor = nominate(cast, f"Mentor Nummer{i}", "a", 1996, [0], "mentor")
        Ranking.objects.create(round=wish_round, application=adept)
        PairRequest.objects.create(
            round=wish_round,
            requester=adept,
            partner=mentor,
            rank=1,
            due_at=timezone.now() + timedelta(days=2),
        )

    assert assert_constant_queries(client, url, add_row) > 0


def test_closing_from_the_page_leads_to_the_run_and_the_run_makes_a_proposal(cast, client_for):
    trio, wish_round = open_trio_round(cast)
    client = client_for("coordinator")
    close = client.post(reverse("wishes:close", kwargs={"slug": cast.program.slug}))
    assert close.url == reverse("wishes:run", kwargs={"slug": cast.program.slug})
    run = client.post(close.url, {"pairing": "stable_adept", "wish_weight": "8", "capacity": "1"})
    proposal = WishRun.objects.get().proposal
    assert run.url == reverse(
        "matching:proposal",
        kwargs={"slug": cast.program.slug, "public_id": proposal.public_id},
    )
    assert proposal.method == "stable_adept"
    page = client.get(run.url).content.decode()
    assert "Deltagarnas önskemål i det här förslaget" in page
    assert "Vad stabilitet kostar" in page


def test_the_home_page_links_an_open_round(cast, client):
    trio, wish_round = open_trio_round(cast)
    _signed_in(client, trio["Alf Adept"].applicant)
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("wishes:rank", kwargs={"slug": cast.program.slug}) in page


def test_the_personal_feed_holds_the_ranking_deadline(cast, client):
    from revmentor.mentorships import services as mentorship_services

    trio, wish_round = open_trio_round(cast)
    user = trio["Alf Adept"].applicant
    token = mentorship_services.personal_settings(user).calendar_token
    feed = client.get(reverse("mentorships:feed", kwargs={"token": token})).content.decode()
    assert f"UID:wish-deadline-{wish_round.public_id}@revmentor" in feed
    assert "Sista dag att rangordna dina önskemål" in feed.replace("\r\n ", "")


def test_the_ranking_page_speaks_english_when_chosen(cast, client):
    trio, wish_round = open_trio_round(cast)
    _signed_in(client, trio["Arne Adept"].applicant)
    url = reverse("wishes:rank", kwargs={"slug": cast.program.slug})
    client.get(url + "?lang=en")
    body = client.get(url).content.decode()
    assert "Whom would you like to meet?" in body
    assert "1st wish" in body and "You share an interest in" in body
    swedish = client.get(url + "?lang=sv") and client.get(url).content.decode()
    assert "Vem vill du träffa?" in swedish and "1:a önskemål" in swedish
