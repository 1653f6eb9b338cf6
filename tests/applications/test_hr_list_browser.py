"""HR's list at 320 px by keyboard alone: filter, sort and page; the pager is axe clean."""

import pytest
from django.urls import reverse

from tests.applications.support import make_application
from tests.applications.test_browser import sign_in
from tests.browser.journey import fits, press_and_wait, tab_to, tab_to_text
from tests.factories import make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _choose_by_arrow(page, selector: str, value: str) -> None:
    """Tab to a select and move with the arrow keys until ``value`` is chosen."""
    tab_to(page, selector)
    for _ in range(10):
        if page.evaluate("document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{selector}={value} not reached with the arrow keys")


def _shown(page) -> list[str]:
    return page.eval_on_selector_all(
        ".bulk-form tbody td:nth-child(2) a", "links => links.map(a => a.textContent.trim())"
    )


def test_hr_filters_sorts_and_pages_the_list_by_keyboard_at_320_px(page, live_server, axe_check):
    cast = make_cast()
    for i in range(1, 61):
        make_application(cast.program, cast.org_a, full_name=f"Mentor {i:03d}")
    for i in range(1, 6):
        make_application(cast.program, cast.org_a, full_name=f"Adept {i:03d}", profile_kind="adept")
    page.set_viewport_size({"width": 320, "height": 700})
    sign_in(page, live_server, cast.hr_a)
    page.goto(reverse("applications:hr_list", kwargs={"slug": cast.program.slug}))
    assert page.get_by_text("Visar 1–50 av 65").is_visible()
    fits(page, 320)
    axe_check(page, "hr-list-page-1-320")

    # Only the mentors, the newest first: chosen with Tab and the arrow keys, sent with Enter.
    _choose_by_arrow(page, "#id_profile", "mentor")
    _choose_by_arrow(page, "#id_sort", "-submitted")
    tab_to(page, ".filters button")
    press_and_wait(page)
    assert page.url.endswith("?profile=mentor&status=&manager=&sort=-submitted")
    assert _shown(page)[:2] == ["Mentor 060", "Mentor 059"]
    assert page.get_by_text("Visar 1–50 av 60").is_visible()

    # The next page, by Tab through the rows to the pager and Enter.
    tab_to_text(page, "Nästa sida", limit=200)
    press_and_wait(page)
    assert page.url.endswith("?profile=mentor&status=&manager=&sort=-submitted&page=2")
    assert _shown(page) == [f"Mentor {i:03d}" for i in range(10, 0, -1)]
    assert page.get_by_text("Visar 51–60 av 60").is_visible()
    current = page.locator('.pager a[aria-current="page"]')
    assert current.text_content() == "Sida 2"
    assert page.evaluate("document.activeElement.tagName") == "BODY"
    fits(page, 320)
    axe_check(page, "hr-list-page-2-320")

    # Back to the first page from the pager's numbered link, the filters still on.
    tab_to_text(page, "Sida 1", limit=200)
    press_and_wait(page)
    assert page.url.endswith("?profile=mentor&status=&manager=&sort=-submitted&page=1")
    assert _shown(page)[0] == "Mentor 060"
