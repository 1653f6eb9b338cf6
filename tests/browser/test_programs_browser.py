"""The public pages and the coordinator workspace in Chromium: axe-clean, keyboard, 320 px."""

import pytest
from django.urls import reverse

from tests.factories import make_joint_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_as(page, live_server, user):
    """Put a session cookie for ``user`` in the browser, as if they had signed in."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_public_pages_are_accessible_in_swedish_and_english(page, live_server, axe_check, cast):
    make_joint_meeting(cast.program, title="Fördomar och myter")
    page.goto(reverse("programs:list"))
    assert page.locator("html").get_attribute("lang") == "sv"
    axe_check(page, "program-list")
    page.goto(cast.program.get_absolute_url())
    assert page.locator("h1").inner_text() == cast.program.title
    axe_check(page, "program-page")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="How and by when to apply").count() == 1
    axe_check(page)
    page.goto("/program/finns-inte/")
    axe_check(page)


def test_program_page_fits_320_pixels_and_skip_link_works_by_keyboard(page, live_server, cast):
    make_joint_meeting(cast.program)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(cast.program.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_coordinator_edits_program_and_sees_errors_by_keyboard(page, live_server, axe_check, cast):
    sign_in_as(page, live_server, cast.coordinator)
    page.goto(reverse("programs:manage", kwargs={"slug": cast.program.slug}))
    axe_check(page, "workspace-overview")
    for name in [
        "edit",
        "profiles",
        "topics",
        "organisations",
        "meetings",
        "contacts",
        "roles",
        "deadline",
        "meeting_create",
        "organisation_create",
    ]:
        page.goto(reverse(f"programs:{name}", kwargs={"slug": cast.program.slug}))
        axe_check(page, f"workspace-{name}")
    page.goto(reverse("programs:edit", kwargs={"slug": cast.program.slug}))
    page.fill("#id_period_end", "2000-01-01")
    page.focus("#id_title")
    page.keyboard.press("Enter")  # submits the form by keyboard
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    assert (
        "Programmet kan inte sluta innan det har börjat."
        in page.locator(".error-summary").inner_text()
    )
    axe_check(page, "workspace-edit-errors")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(reverse("programs:meetings", kwargs={"slug": cast.program.slug}))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
