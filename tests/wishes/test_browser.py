"""The participants' say in Chromium, in Swedish: ranking by keyboard on a 320 px phone, a
mentor accepting from the e-mail link, the coordinator closing the round; axe-clean."""

import pytest
from django.urls import reverse

from revmentor.wishes.models import PairRequest, Wish, WishRun
from tests.browser.test_programs_browser import sign_in_as
from tests.wishes.support import open_trio_round, participant_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page, text: str) -> None:
    for _ in range(20):
        page.keyboard.press("Tab")
        if text in page.evaluate("document.activeElement.textContent || ''"):
            return
    raise AssertionError(f"never reached {text!r} by Tab")


def test_a_participant_ranks_by_keyboard_at_320_pixels(page, live_server, axe_check, cast):
    trio, wish_round = open_trio_round(cast)
    arne = trio["Arne Adept"]
    sign_in_as(page, live_server, arne.applicant)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(reverse("wishes:rank", kwargs={"slug": cast.program.slug}))
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page, "wishes-rank")
    first = page.get_by_label("1:a önskemål")
    first.focus()
    page.keyboard.press("ArrowDown")  # the best fit: Moa
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # the second suggestion: Mira
    _tab_to(page, "Spara mina önskemål")
    page.keyboard.press("Enter")
    page.wait_for_selector(".message--success")
    assert list(
        Wish.objects.filter(ranking__application=arne).values_list("partner__full_name", "rank")
    ) == [("Moa Mentor", 1), ("Mira Mentor", 2)]
    assert page.get_by_label("1:a önskemål").input_value() == str(trio["Moa Mentor"].public_id)
    axe_check(page, "wishes-ranked")


def test_a_mentor_accepts_from_the_e_mail_link(page, live_server, axe_check, cast, run_tasks):
    wish_round, request = participant_round(cast)
    body = next(m.body for m in run_tasks() if "vill ha dig som mentor" in m.subject)
    path = body[body.index("/program/") :].split()[0]
    sign_in_as(page, live_server, cast.participant)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page, "wishes-answer")
    page.get_by_role("button", name="Skicka mitt svar").click()
    page.wait_for_selector(".error-summary")
    axe_check(page, "wishes-answer-errors")
    page.get_by_label("Ja, jag tackar ja").check()
    page.get_by_label("Meddelande (frivilligt)").fill("Välkommen, Agnes!")
    page.get_by_role("button", name="Skicka mitt svar").click()
    page.wait_for_selector(".message--success")
    assert PairRequest.objects.get(pk=request.pk).status == "accepted"


def test_the_coordinator_closes_the_round_and_runs_a_stable_pairing(
    page, live_server, axe_check, cast
):
    trio, wish_round = open_trio_round(cast)
    sign_in_as(page, live_server, cast.coordinator)
    page.goto(reverse("wishes:round", kwargs={"slug": cast.program.slug}))
    axe_check(page, "wishes-round")
    assert page.get_by_text("0 av 6 har svarat").count() == 1
    page.get_by_role("button", name="Stäng omgången och bilda par av resten").click()
    page.wait_for_url("**/wishes/run/")
    axe_check(page, "wishes-run")
    page.get_by_label("stabil, adepternas önskemål först").check()
    page.get_by_role("button", name="Kör matchningen").click()
    page.wait_for_selector("#wishes-heading")
    assert WishRun.objects.get().pairing == "stable_adept"
    assert page.get_by_role("heading", name="Vad stabilitet kostar").count() == 1
    axe_check(page, "wishes-proposal")
