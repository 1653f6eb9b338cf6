"""In the browser, in Swedish: every page passes axe, "My program" fits 320 px, and a meeting
is logged with the keyboard only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from revmentor.mentorships.models import MeetingLog
from tests.browser.test_programs_browser import sign_in_as
from tests.mentorships.support import group_of, log, material, meeting_in, participant_pair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_pages_pass_axe_and_fit_320_pixels(page, live_server, axe_check, cast):
    pair = participant_pair(cast)
    log(pair, topics="Sociala medier", notes="Bra samtal")
    meeting_in(cast.program, 8, title="Framtidsspaning")
    material(cast)
    group = group_of(cast, pair)
    sign_in_as(page, live_server, cast.participant)
    slug = cast.program.slug
    for name, url in [
        ("my-program", reverse("mentorships:my_program", kwargs={"slug": slug})),
        (
            "log-create",
            reverse("mentorships:log_create", kwargs={"slug": slug, "pair": pair.public_id}),
        ),
        ("goals", reverse("mentorships:goals", kwargs={"slug": slug, "pair": pair.public_id})),
        ("joint-meetings", reverse("mentorships:joint_meetings", kwargs={"slug": slug})),
        ("group", reverse("mentorships:group", kwargs={"slug": slug, "group": group.public_id})),
        ("calendar", reverse("mentorships:calendar")),
    ]:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "sv"
        axe_check(page, f"mentorships-{name}")
    page.goto(reverse("mentorships:log_create", kwargs={"slug": slug, "pair": pair.public_id}))
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector(".error-summary")
    axe_check(page, "mentorships-log-errors")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(reverse("mentorships:my_program", kwargs={"slug": slug}))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page, "mentorships-my-program-320")


def test_coordinator_pages_pass_axe(page, live_server, axe_check, cast):
    pair = participant_pair(cast)
    log(pair)
    meeting = meeting_in(cast.program, 8)
    group = group_of(cast, pair)
    sign_in_as(page, live_server, cast.coordinator)
    slug = cast.program.slug
    for name, url in [
        ("activity", reverse("mentorships:activity", kwargs={"slug": slug})),
        (
            "end-pair",
            reverse("mentorships:end_pair", kwargs={"slug": slug, "pair": pair.public_id}),
        ),
        ("groups", reverse("mentorships:groups", kwargs={"slug": slug})),
        ("group-create", reverse("mentorships:group_create", kwargs={"slug": slug})),
        (
            "group-edit",
            reverse("mentorships:group_edit", kwargs={"slug": slug, "group": group.public_id}),
        ),
        ("materials", reverse("mentorships:materials", kwargs={"slug": slug, "uid": meeting.uid})),
        ("reminders", reverse("mentorships:reminders", kwargs={"slug": slug})),
        (
            "meeting-invite",
            reverse("mentorships:meeting_invite", kwargs={"slug": slug, "uid": meeting.uid}),
        ),
        (
            "meeting-cancel",
            reverse("mentorships:meeting_cancel", kwargs={"slug": slug, "uid": meeting.uid}),
        ),
    ]:
        page.goto(url)
        axe_check(page, f"mentorships-manage-{name}")
    page.get_by_role("button", name="Ställ in träffen och skicka e-postmeddelandet").click()
    page.wait_for_selector(".error-summary")
    axe_check(page, "mentorships-manage-meeting-cancel-errors")


def _tab_to(page, text: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if text in page.evaluate("document.activeElement.textContent || ''"):
            return
    raise AssertionError(f"could not reach {text!r} by keyboard")


def test_a_meeting_is_logged_with_the_keyboard_only(page, live_server, cast):
    pair = participant_pair(cast)
    sign_in_as(page, live_server, cast.participant)
    page.goto(reverse("mentorships:my_program", kwargs={"slug": cast.program.slug}))
    _tab_to(page, "Anteckna ett möte")
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_status_0")
    day = timezone.localdate() - timezone.timedelta(days=2)
    # The first radio of "Har mötet ägt rum?" ("Ja, vi har träffats") is reached by Tab.
    _tab_to_id(page, "id_status_0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # date
    page.keyboard.type(day.isoformat())
    page.keyboard.press("Tab")  # time
    page.keyboard.type("10:30")
    _tab_to_id(page, "id_hours")
    page.keyboard.type("1.5")
    _tab_to_id(page, "id_format_0")
    page.keyboard.press("ArrowDown")  # within a radio group the arrows choose "fysiskt"
    _tab_to_id(page, "id_topics")
    page.keyboard.type("Digitala verktyg")
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_selector(".message, .error-summary")
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    assert list(MeetingLog.objects.values_list("date", "hours", "format", "topics")) == [
        (day, 1.5, "physical", "Digitala verktyg")
    ]
    assert pair.meeting_logs.get().start_time.strftime("%H:%M") == "10:30"


def _tab_to_id(page, element_id: str, limit: int = 30) -> None:
    for _ in range(limit):
        if page.evaluate("document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach #{element_id} by keyboard")
