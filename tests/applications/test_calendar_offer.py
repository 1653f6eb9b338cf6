"""The receipt and the status page offer the program's joint meetings: the personal feed
address and one .ics of all of them (issue 21)."""

from django.conf import settings
from django.urls import reverse

from revmentor.mentorships.services import personal_settings
from tests.applications.support import form_data


def _apply(cast, client):
    client.post(
        reverse("applications:apply", kwargs={"slug": cast.program.slug}),
        {"employment_type": "permanent", "profile_kind": "mentor", "birth_year": "1996"},
    )
    response = client.post(
        reverse("applications:edit", kwargs={"slug": cast.program.slug}), form_data(cast)
    )
    assert response.status_code == 302


def test_the_receipt_offers_the_personal_feed_and_the_programs_ics_but_hr_gets_neither(
    cast, client_for, run_tasks
):
    _apply(cast, client_for("participant"))
    outbox = run_tasks()
    token = personal_settings(cast.participant).calendar_token
    feed = f"{settings.SITE_URL}/calendar/{token}.ics"
    ics = f"{settings.SITE_URL}/program/{cast.program.slug}/calendar.ics"
    (receipt,) = [m for m in outbox if m.to == ["participant@test.example"]]
    assert "Lägg gärna in de gemensamma träffarna i din kalender redan nu." in receipt.body
    assert feed in receipt.body and ics in receipt.body
    hr = [m for m in outbox if cast.org_a.hr_email_list[0] in m.to]
    assert len(hr) == 1 and token not in hr[0].body


def test_the_status_page_offers_the_feed_while_the_application_is_alive(cast, client_for):
    client = client_for("participant")
    _apply(cast, client)
    status_url = reverse("applications:status", kwargs={"slug": cast.program.slug})
    page = client.get(status_url).content.decode()
    token = personal_settings(cast.participant).calendar_token
    assert "De gemensamma träffarna i din kalender" in page
    assert f"/calendar/{token}.ics" in page
    assert f'href="/program/{cast.program.slug}/calendar.ics"' in page
    client.post(reverse("applications:withdraw", kwargs={"slug": cast.program.slug}))
    page = client.get(status_url).content.decode()
    assert "De gemensamma träffarna i din kalender" not in page
    assert token not in page
