"""The privacy and sign-in pages in a real browser, scanned with axe-core (WCAG 2.1 AA)."""

import pytest

from revmentor.privacy.models import ErasureRequest
from tests.auth import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, live_server, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    sign_in(client, user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_public_privacy_pages_are_accessible(page, axe_check, cast):
    for url, name in [
        ("/privacy/", "privacy-notice"),
        (f"/program/{cast.program.slug}/privacy/", "privacy-program-notice"),
        ("/accessibility/", "accessibility-statement"),
        ("/accessibility/report/", "accessibility-report"),
        ("/sign-in/", "sign-in"),
    ]:
        page.goto(url)
        axe_check(page, name)


def test_accessibility_report_errors_are_accessible(page, axe_check, db):
    page.goto("/accessibility/report/")
    page.get_by_role("button", name="Skicka rapporten").click()
    axe_check(page, "accessibility-report-errors")


def test_a_persons_data_pages_are_accessible(page, axe_check, cast, live_server):
    ErasureRequest.objects.create(
        program=cast.program, person=cast.participant, person_label=cast.participant.email
    )
    _sign_in(page, live_server, cast.participant)
    page.goto("/me/data/")
    axe_check(page, "privacy-my-data")
    page.goto("/me/data/extract/")
    axe_check(page, "privacy-extract")


def test_coordinator_privacy_pages_are_accessible(page, axe_check, cast, live_server):
    erasure = ErasureRequest.objects.create(
        program=cast.program, person=cast.participant, person_label=cast.participant.email
    )
    _sign_in(page, live_server, cast.coordinator)
    slug = cast.program.slug
    for url, name in [
        (f"/manage/{slug}/privacy/", "privacy-settings"),
        (f"/manage/{slug}/privacy/retention/", "privacy-retention"),
        (f"/manage/{slug}/privacy/erasure/", "privacy-erasure-list"),
        (f"/manage/{slug}/privacy/erasure/{erasure.public_id}/", "privacy-erasure-decide"),
        (f"/manage/{slug}/privacy/extract/", "privacy-extract-for"),
        (f"/manage/{slug}/audit/", "audit-log"),
    ]:
        page.goto(url)
        axe_check(page, name)
