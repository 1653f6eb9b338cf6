"""The manager's consent means something: never the applicant's own address; who answered is kept."""

from django.test import Client
from django.urls import reverse

from revmentor.applications import services
from revmentor.applications.models import Application
from tests.applications.support import form_data, make_application
from tests.auth import sign_in

OWN_ADDRESS_ERROR = ["Ange din chefs adress, inte din egen: det är chefen som bekräftar ansökan."]


def _start(cast, client):
    client.post(
        reverse("applications:apply", kwargs={"slug": cast.program.slug}),
        {"employment_type": "permanent", "profile_kind": "mentor", "birth_year": "1996"},
    )


def test_the_applicant_cannot_name_their_own_account_address_as_manager(cast, client_for):
    client = client_for("participant")
    _start(cast, client)
    response = client.post(
        reverse("applications:edit", kwargs={"slug": cast.program.slug}),
        form_data(cast, email="pia.privat@test.example", manager_email="Participant@test.example"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["manager_email"] == OWN_ADDRESS_ERROR
    application = Application.objects.get(applicant=cast.participant)
    assert (application.status, application.manager_email) == ("draft", "")


def test_nor_the_address_given_on_the_form(cast, client_for):
    client = client_for("participant")
    _start(cast, client)
    response = client.post(
        reverse("applications:edit", kwargs={"slug": cast.program.slug}),
        form_data(cast, email="pia.privat@test.example", manager_email="pia.privat@test.example"),
    )
    assert response.context["form"].errors["manager_email"] == OWN_ADDRESS_ERROR


def _pending(cast):
    application = make_application(cast.program, cast.org_a, applicant=cast.participant)
    application.manager_answer = Application.ManagerAnswer.PENDING
    application.save()
    return application


def _link(application):
    return reverse("applications:manager", kwargs={"token": services.manager_token(application)})


def test_an_answer_from_the_applicants_own_session_is_recorded_and_hr_is_warned(cast, client_for):
    """Attack: the applicant opens the manager's link in their own browser and confirms."""
    application = _pending(cast)
    applicant = sign_in(Client(), cast.participant, second_factor=False)
    assert applicant.post(_link(application), {"answer": "confirmed"}).status_code == 200
    application.refresh_from_db()
    assert (application.manager_answer, application.manager_answered_by) == (
        "confirmed",
        cast.participant,
    )
    assert application.manager_answered_at is not None
    hr = client_for("hr_a")
    detail = hr.get(
        reverse(
            "applications:hr_detail",
            kwargs={"slug": cast.program.slug, "public_id": application.public_id},
        )
    )
    assert "Varning: chefens svar gavs från en webbläsare där den sökande var inloggad." in (
        detail.text
    )
    listing = hr.get(reverse("applications:hr_list", kwargs={"slug": cast.program.slug}))
    assert "från den sökandes egen inloggning" in listing.text


def test_an_answer_without_a_session_records_nobody_and_warns_nobody(cast, client, client_for):
    application = _pending(cast)
    client.post(_link(application), {"answer": "confirmed"})
    application.refresh_from_db()
    assert (application.manager_answer, application.manager_answered_by) == ("confirmed", None)
    detail = client_for("hr_a").get(
        reverse(
            "applications:hr_detail",
            kwargs={"slug": cast.program.slug, "public_id": application.public_id},
        )
    )
    assert "Varning" not in detail.text
