"""The manager confirms or declines by a signed link, without an account, once, within 14 days."""

import re

import time_machine
from django.urls import reverse
from django.utils import timezone

from revmentor.applications import services
from revmentor.applications.models import Application
from tests.applications.support import make_application, participation


def pending(cast):
    application = make_application(cast.program, cast.org_a, applicant=cast.participant)
    application.manager_answer = Application.ManagerAnswer.PENDING
    application.save()
    return application


def link(application):
    return reverse("applications:manager", kwargs={"token": services.manager_token(application)})


def test_the_manager_confirms_without_an_account_and_applicant_and_hr_are_told(
    cast, client, run_tasks
):
    application = pending(cast)
    page = client.get(link(application))
    assert page.status_code == 200
    assert "Pia Deltagare har ansökt till" in page.content.decode()
    response = client.post(link(application), {"answer": "confirmed"})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.manager_answer == "confirmed"
    recipients = sorted(tuple(m.to) for m in run_tasks())
    assert recipients == sorted(
        [
            ("participant@test.example",),
            tuple(
                sorted(
                    [participation(cast.program, cast.org_a).hr_email_list[0], "hr.a@test.example"]
                )
            ),
        ]
    )


def test_the_manager_declines(cast, client):
    application = pending(cast)
    client.post(link(application), {"answer": "declined"})
    application.refresh_from_db()
    assert application.manager_answer == "declined"


def test_a_used_link_shows_the_answer_already_given(cast, client):
    application = pending(cast)
    url = link(application)
    client.post(url, {"answer": "confirmed"})
    response = client.post(url, {"answer": "declined"})
    assert response.status_code == 200
    assert "Länken har redan använts." in response.content.decode()
    application.refresh_from_db()
    assert application.manager_answer == "confirmed"


def test_an_expired_link_gets_a_clear_page(cast, client):
    application = pending(cast)
    url = link(application)
    with time_machine.travel(timezone.now() + timezone.timedelta(days=15)):
        response = client.get(url)
    assert response.status_code == 410
    assert "Länken har gått ut: den gällde i 14 dagar." in response.content.decode()


def test_a_forged_link_gets_a_clear_page(cast, client):
    response = client.get(reverse("applications:manager", kwargs={"token": "forged:token"}))
    assert response.status_code == 404
    assert "Länken är inte giltig." in response.content.decode()


def test_a_replaced_link_stops_working(cast, client, client_for):
    application = pending(cast)
    old = link(application)
    application.manager_token_nonce = application.manager_token_nonce.__class__(int=1)
    application.save()
    response = client.get(old)
    assert response.status_code == 404
    assert "Länken har ersatts av en nyare" in response.content.decode()


def test_the_link_in_the_e_mail_works(cast, client_for, client, run_tasks):
    from tests.applications.support import form_data

    participant = client_for("participant")
    participant.post(
        reverse("applications:apply", kwargs={"slug": cast.program.slug}),
        {"employment_type": "permanent", "profile_kind": "mentor", "birth_year": "1996"},
    )
    participant.post(
        reverse("applications:edit", kwargs={"slug": cast.program.slug}), form_data(cast)
    )
    mail = next(m for m in run_tasks() if m.to == ["maja.chef@test.example"])
    path = re.search(r"https?://[^/]+(/manager/\S+)", mail.body).group(1)
    client.post(path, {"answer": "confirmed"})
    assert Application.objects.get().manager_answer == "confirmed"
    status = participant.get(reverse("applications:status", kwargs={"slug": cast.program.slug}))
    assert "bekräftad" in status.content.decode()
