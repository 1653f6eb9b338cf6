"""Dashboard and cost pages in Chromium, in Swedish: axe-clean, charts fit 320 px."""

import pytest
from django.urls import reverse

from revmentor.reports.models import TravelCost
from tests.browser.test_programs_browser import sign_in_as
from tests.factories import make_joint_meeting
from tests.reports.support import completed_pair
from tests.surveys.support import nominated

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_and_hr_report_pages_pass_axe(page, live_server, axe_check, cast):
    mentor, _adept = completed_pair(cast.program, cast.org_a)
    TravelCost.objects.create(application=mentor, amount="1840.00", note="Tåg")
    nominated(cast.program, cast.org_b, 2, profile_kind="adept")
    sign_in_as(page, live_server, cast.coordinator)
    slug = cast.program.slug
    for name in ("dashboard", "costs"):
        page.goto(reverse(f"reports:{name}", kwargs={"slug": slug}))
        assert page.locator("html").get_attribute("lang") == "sv"
        axe_check(page, f"reports-{name}")
    page.get_by_role("button", name="Registrera", exact=True).click()
    page.wait_for_selector(".error-summary")
    axe_check(page, "reports-costs-errors")
    sign_in_as(page, live_server, cast.hr_b)
    for name in ("hr_dashboard", "hr_costs"):
        page.goto(reverse(f"reports:{name}", kwargs={"slug": slug}))
        axe_check(page, f"reports-{name}")
        assert page.get_by_text("Organisation A").count() == 0


def test_the_dashboard_fits_320_pixels(page, live_server, cast):
    completed_pair(cast.program, cast.org_a)
    make_joint_meeting(cast.program, title="Framtidsspaning bortom generationsgränserna")
    sign_in_as(page, live_server, cast.coordinator)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(reverse("reports:dashboard", kwargs={"slug": cast.program.slug}))
    assert page.locator("svg[role=img]").count() == 5
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
