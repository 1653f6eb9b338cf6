"""The page header greets the signed-in person by name; the e-mail only when no name is known."""

import pytest
from django.urls import reverse

from revmentor.core.models import User
from revmentor.programs import services as program_services
from tests.auth import sign_in
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def header(client) -> str:
    page = client.get(reverse("programs:list")).text
    return page[page.index("<header") : page.index("</header>")]


def test_the_header_shows_the_name_not_the_e_mail(client):
    sign_in(client, make_user("emma.junior@test.example", full_name="Emma Junior"))
    shown = header(client)
    assert "Inloggad som Emma Junior" in shown
    assert "emma.junior@test.example" not in shown


def test_an_account_without_a_name_is_greeted_by_its_e_mail(client):
    sign_in(client, make_user("namnlos@test.example", full_name=""))
    assert "Inloggad som namnlos@test.example" in header(client)


def test_nobody_is_greeted_before_signing_in(client):
    assert "Inloggad som" not in header(client)


def test_a_role_given_with_a_name_names_an_account_that_had_none(cast):
    make_user("ny.hr@test.example", full_name="")
    program_services.grant_roles(
        program=cast.program,
        people=[("ny.hr@test.example", "Nora Personal")],
        kind="hr",
        organisation=cast.org_a,
        granted_by=cast.coordinator,
    )
    assert User.objects.get(email="ny.hr@test.example").full_name == "Nora Personal"
    # A name the person already has is kept.
    program_services.grant_roles(
        program=cast.program,
        people=[("ny.hr@test.example", "Annat Namn")],
        kind="coordinator",
        granted_by=cast.coordinator,
    )
    assert User.objects.get(email="ny.hr@test.example").full_name == "Nora Personal"


def test_saving_a_draft_names_an_account_that_knew_only_its_e_mail(cast, client):
    from revmentor.applications import services as application_services
    from tests.applications.support import make_application

    applicant = User.objects.create(email="emma.junior@test.example")
    application = make_application(
        cast.program, cast.org_a, status="draft", applicant=applicant, full_name="Emma Junior"
    )
    application_services.save_draft(application=application, topics=[])
    applicant.refresh_from_db()
    sign_in(client, applicant)
    assert "Inloggad som Emma Junior" in header(client)
