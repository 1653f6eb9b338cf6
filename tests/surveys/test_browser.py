"""Survey pages in Chromium, in Swedish: axe-clean, charts without inline styles, 320 px."""

import pytest
from django.urls import reverse

from revmentor.surveys.models import Survey
from tests.browser.test_programs_browser import sign_in_as
from tests.surveys.support import add_responses, nominated, open_survey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_survey_pages_pass_axe(page, live_server, axe_check, cast):
    nominated(cast.program, cast.org_a, 2)
    start = open_survey(cast.program, "start", status=Survey.Status.CLOSED)
    end = open_survey(cast.program, "end", status=Survey.Status.CLOSED)
    add_responses(start, cast.org_a, "mentor", [2, 3, 3, 2, 3, 4])
    add_responses(end, cast.org_a, "mentor", [4, 4, 5, 4, 3, 5])
    add_responses(end, cast.org_b, "adept", [5, 4, 4, 5])
    draft = open_survey(cast.program, "mid", status=Survey.Status.DRAFT)
    sign_in_as(page, live_server, cast.coordinator)
    slug = cast.program.slug
    for name, url in [
        ("surveys-list", reverse("surveys:manage_list", kwargs={"slug": slug})),
        (
            "surveys-detail",
            reverse("surveys:manage_detail", kwargs={"slug": slug, "public_id": draft.public_id}),
        ),
        (
            "surveys-question",
            reverse("surveys:question_create", kwargs={"slug": slug, "public_id": draft.public_id}),
        ),
        (
            "surveys-results",
            reverse("surveys:results", kwargs={"slug": slug, "public_id": end.public_id}),
        ),
    ]:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "sv"
        axe_check(page, name)
    assert page.locator("svg[role=img]").count() >= 2
    assert page.get_by_text("För få svar för att visas.").count() >= 1
    page.goto(
        reverse("surveys:question_create", kwargs={"slug": slug, "public_id": draft.public_id})
    )
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector(".error-summary")
    axe_check(page, "surveys-question-errors")


def test_participant_answers_a_survey_by_keyboard_at_320_pixels(page, live_server, axe_check, cast):
    nominated(cast.program, cast.org_a, applicant=cast.participant)
    survey = open_survey(cast.program, "mid")
    sign_in_as(page, live_server, cast.participant)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(
        reverse("surveys:answer", kwargs={"slug": cast.program.slug, "public_id": survey.public_id})
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page, "surveys-answer")
    page.get_by_role("button", name="Skicka mina svar").click()
    page.wait_for_selector(".error-summary")
    axe_check(page, "surveys-answer-errors")
    page.get_by_label("En eller två gånger").check()
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Skicka mina svar").click()
    page.wait_for_selector(".notice--ok")
    assert page.get_by_text("Tack! Dina svar sparades anonymt.").count() == 1
    axe_check(page, "surveys-answered")
