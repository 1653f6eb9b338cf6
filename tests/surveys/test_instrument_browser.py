"""Instrument pages in Chromium, in Swedish: axe-clean, the chart beside its table, 320 px."""

import pytest
from django.urls import reverse

from revmentor.surveys import services
from revmentor.surveys.models import Survey
from tests.browser.test_programs_browser import sign_in_as
from tests.surveys.support import answer_instrument, nominated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _contact(score: int) -> dict[str, int]:
    return {"contact-1": score, "contact-2": score, "contact-3": 6 - score, "affect-1": score}


def test_coordinator_instrument_pages_pass_axe(page, live_server, axe_check, cast):
    mentors = nominated(cast.program, cast.org_a, 6, profile_kind="mentor")
    adepts = nominated(cast.program, cast.org_b, 3, profile_kind="adept")
    start, end = services.create_instrument_surveys(
        program=cast.program, instrument="wics", created_by=None
    )
    people = [*mentors, *adepts]
    answer_instrument(start, [(p, _contact(2 + i % 3)) for i, p in enumerate(people)])
    answer_instrument(end, [(p, _contact(3 + i % 3)) for i, p in enumerate(people)])
    sign_in_as(page, live_server, cast.coordinator)
    slug = cast.program.slug
    page.goto(reverse("surveys:instruments", kwargs={"slug": slug}))
    assert page.locator("html").get_attribute("lang") == "sv"
    axe_check(page, "surveys-instruments")
    results = reverse(
        "surveys:instrument_results", kwargs={"slug": slug, "public_id": end.public_id}
    )
    page.goto(results)
    axe_check(page, "surveys-instrument-results")
    assert page.locator("svg[role=img]").count() == 1
    assert page.get_by_text("Dold, så att en mindre grupp inte kan räknas fram.").count() >= 1
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(results)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # One click: the two drafts, and the start survey's page.
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(reverse("surveys:instruments", kwargs={"slug": slug}))
    page.get_by_role("radio", name="Mentorskapets funktioner, nio påståenden (MFQ-9)").check()
    page.get_by_role("button", name="Skapa start- och slutenkäten").click()
    page.wait_for_selector(".message--success")
    assert Survey.objects.filter(program=cast.program, instrument="mfq9").count() == 2
    axe_check(page, "surveys-instrument-detail")


def test_participant_answers_a_four_point_instrument_at_320_pixels(
    page, live_server, axe_check, cast
):
    nominated(cast.program, cast.org_a, applicant=cast.participant)
    start, _end = services.create_instrument_surveys(
        program=cast.program, instrument="fsa", created_by=None
    )
    Survey.objects.filter(pk=start.pk).update(status="open")
    sign_in_as(page, live_server, cast.participant)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(
        reverse("surveys:answer", kwargs={"slug": cast.program.slug, "public_id": start.public_id})
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page, "surveys-answer-instrument")
    page.get_by_role("button", name="Skicka mina svar").click()
    page.wait_for_selector(".notice--ok")
