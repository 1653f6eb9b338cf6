"""The public program list and program page: what an applicant reads before applying."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from revmentor.core import pagecache
from revmentor.programs import services
from revmentor.programs.models import Program
from tests.factories import make_joint_meeting, make_program, make_user, stockholm
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_program_page_shows_every_fact_an_applicant_needs(client, cast):
    program = cast.program
    make_joint_meeting(
        program, title="Fördomar och myter om generationer", lecturer="Ada Föreläsare"
    )
    response = client.get(program.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        program.title,
        "Syfte",
        "Junior mentor",
        "Senior adept",
        "Upplägg",
        "Omkring 40 timmar per person totalt",
        "Självkostnadspris, 5\xa0000 kr per person",
        "Fördomar och myter om generationer",
        "Ada Föreläsare",
        "Sista ansökningsdag",
        "Tillsvidareanställd.",
        program.contact_persons.get().email,
        "Organisation A",
        "Organisation B",
    ]:
        assert text in html, text
    assert '<html lang="sv">' in html


def test_program_page_switches_to_english(client, cast):
    url = cast.program.get_absolute_url()
    assert 'href="/program/omvant-test/?lang=en"' in client.get(url).content.decode()
    response = client.get(url + "?lang=en")
    assert (response.status_code, response["Location"]) == (302, url)
    assert response.cookies["django_language"].value == "en"
    html = client.get(url).content.decode()
    assert '<html lang="en">' in html
    assert "How and by when to apply" in html
    assert "Cost price, 5,000 kr per person" in html


def test_postponed_deadline_is_shown_with_the_old_date_and_reason(client, cast):
    program = cast.program
    old = program.application_deadline
    new = old + timedelta(days=7)
    services.change_deadline(
        program=program,
        new_deadline=new,
        reason="Senarelagt startdatum.",
        changed_by=cast.coordinator,
    )
    html = client.get(program.get_absolute_url()).content.decode()
    local_old = timezone.localtime(old)
    local_new = timezone.localtime(new)
    assert "Sista ansökningsdag har skjutits upp." in html
    assert f"Den var {local_old.day} " in html
    assert f"och är nu {local_new.day} " in html
    assert "Senarelagt startdatum." in html


def test_unknown_program_is_a_swedish_404(client, db):
    response = client.get("/program/finns-inte/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.content.decode()


def test_draft_program_is_not_public(client, cast):
    draft = make_program(status=Program.Status.DRAFT, slug="utkast")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "utkast" not in client.get(reverse("programs:list")).content.decode()


def test_program_list_separates_open_programs_from_others(client, cast):
    closed = make_program(status=Program.Status.CLOSED, title="Programmet 2022")
    response = client.get(reverse("programs:list"))
    assert {p.slug for p in response.context["open_programs"]} == {"omvant-test", "annat-program"}
    assert [p.slug for p in response.context["other_programs"]] == [closed.slug]


@pytest.fixture
def rendering(monkeypatch):
    """Measure the rendering itself, not the shared page cache in front of it."""
    monkeypatch.setattr(pagecache, "is_cacheable_request", lambda request: False)


def test_program_list_costs_the_same_queries_for_1_and_30_programs(client, db, rendering):
    today = timezone.localdate()

    def add(i):
        program = make_program(
            slug=f"p-{i}", application_deadline=stockholm(today + timedelta(days=5 + i))
        )
        if i % 2:
            services.change_deadline(
                program=program,
                new_deadline=program.application_deadline + timedelta(days=1),
                reason="r",
                changed_by=make_user(),
            )

    assert_constant_queries(client, reverse("programs:list"), add)


def test_program_page_costs_the_same_queries_for_1_and_30_meetings(client, cast, rendering):
    assert_constant_queries(
        client,
        cast.program.get_absolute_url(),
        lambda i: make_joint_meeting(cast.program, days_ahead=31 + i),
    )
