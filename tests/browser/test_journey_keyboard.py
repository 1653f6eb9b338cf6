"""The journeys' key steps by keyboard alone on a 320 px phone: no mouse, no sideways scroll.

Pages are opened by address (as a link in an e-mail is followed); everything else is Tab,
typing, Space and Enter. Every page passes the page basics, axe and the 320 px check.
"""

import pytest

from revmentor.applications.models import Application
from revmentor.programs.models import Participation, Program
from tests.applications.support import make_application
from tests.browser.journey import (
    Visitor,
    code_in,
    fits,
    keyboard_fill,
    last_mail_to,
    link_in,
    press_and_wait,
    staff_with_authenticator,
    tab_to,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def phone_check(visitor, page, role, name=None):
    fits(page, 320)
    visitor.visit(page, role, name)


def space_on(page, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Space")


def choose_radio(page, name: str, value: str) -> None:
    """Tab into a radio group and move with the arrow keys to ``value``."""
    tab_to(page, f"input[name={name}]")
    for _ in range(10):
        if page.evaluate("document.activeElement.value") == value:
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{name}={value} not reached with the arrow keys")


def test_apply_confirm_and_nominate_by_keyboard_on_a_320_px_phone(
    page, live_server, axe_check, run_tasks, cast
):
    visitor = Visitor(axe_check)
    page.set_viewport_size({"width": 320, "height": 700})
    slug = cast.program.slug
    email = "kim.keyboard@test.example"

    # The applicant signs in with the e-mailed code and applies, by keyboard.
    page.goto(f"/sign-in/?next=/program/{slug}/apply/")
    phone_check(visitor, page, "anonymous", "phone-sign-in")
    keyboard_fill(page, "#id_email", email)
    press_and_wait(page)
    run_tasks()
    phone_check(visitor, page, "anonymous")
    keyboard_fill(page, "#id_code", code_in(last_mail_to(email)))
    press_and_wait(page)
    phone_check(visitor, page, "applicant")
    tab_to(page, "main button[type=submit]")
    press_and_wait(page)  # nothing answered: the error summary takes the focus
    assert page.evaluate("document.activeElement.className") == "error-summary"
    phone_check(visitor, page, "applicant", "phone-eligibility-errors")
    choose_radio(page, "employment_type", "permanent")
    choose_radio(page, "profile_kind", "mentor")
    keyboard_fill(page, "#id_birth_year", "1997")
    press_and_wait(page)
    phone_check(visitor, page, "applicant", "phone-application-form")
    keyboard_fill(page, "#id_full_name", "Kim Tangentbord")
    keyboard_fill(page, "#id_phone", "070-123 45 67")
    tab_to(page, "#id_organisation")
    page.keyboard.type("Organisation A")
    keyboard_fill(page, "#id_unit", "Analys")
    keyboard_fill(page, "#id_job_title", "Utredare")
    keyboard_fill(page, "#id_manager_name", "Maja Chef")
    keyboard_fill(page, "#id_manager_email", "maja.chef@test.example")
    space_on(page, "#id_discussed_with_manager")
    space_on(page, "input[name=topics]")
    choose_radio(page, "preferred_format", "either")
    keyboard_fill(page, "#id_city", "Umeå")
    space_on(page, "input[name=languages][value=sv]")
    space_on(page, "input[name=availability][value=mon_am]")
    space_on(page, "#id_privacy_acknowledged")
    tab_to(page, "main button[type=submit][name=submit]")
    press_and_wait(page)
    phone_check(visitor, page, "applicant")
    application = Application.objects.get(email=email)
    assert (application.status, application.organisation, application.birth_year) == (
        "submitted",
        cast.org_a,
        1997,
    )

    # The manager confirms from the e-mailed link by keyboard.
    run_tasks()
    page.context.clear_cookies()
    page.goto(link_in(last_mail_to("maja.chef@test.example"), "/manager/"))
    phone_check(visitor, page, "anonymous")
    tab_to(page, "main button[value=confirmed]")
    press_and_wait(page)
    phone_check(visitor, page, "anonymous")
    application.refresh_from_db()
    assert application.manager_answer == "confirmed"

    # HR of organisation A signs in (password, authenticator) and nominates by keyboard;
    # with its two places taken, the next nomination is refused.
    make_application(cast.program, cast.org_a, full_name="Ada Först", status="nominated")
    make_application(cast.program, cast.org_a, full_name="Bo Andra")
    Program.objects.filter(pk=cast.program.pk).update(status="nominating")
    app = staff_with_authenticator(cast.hr_a)
    page.goto(f"/sign-in/password/?next=/hr/{slug}/")
    phone_check(visitor, page, "anonymous")
    keyboard_fill(page, "#id_email", cast.hr_a.email)
    keyboard_fill(page, "#id_password", "journey-staff-password-2026")
    press_and_wait(page)
    keyboard_fill(page, "#id_code", app.now())
    press_and_wait(page)
    phone_check(visitor, page, "hr_a", "phone-hr-list")
    for name in ["Kim Tangentbord", "Bo Andra"]:
        space_on(page, f"input[aria-label='Välj {name}'], #pick-{_public_id(name)}")
        choose_radio(page, "bulk-decision", "nominated")
        tab_to(page, "main form button[type=submit]")
        press_and_wait(page)
        phone_check(visitor, page, "hr_a")
        if name == "Bo Andra":
            break
        tab_to(page, "main button[name=confirm]")
        press_and_wait(page)
        phone_check(visitor, page, "hr_a")
    # With both places taken the preview says so and offers nothing to confirm.
    assert f"{cast.org_a.name} har 0 platser kvar, du valde 1" in page.locator("main").inner_text()
    assert page.locator("main button[name=confirm]").count() == 0
    assert Participation.objects.get(program=cast.program, organisation=cast.org_a).nominated == 2
    assert sorted(
        Application.objects.filter(program=cast.program, status="nominated").values_list(
            "full_name", flat=True
        )
    ) == ["Ada Först", "Kim Tangentbord"]
    assert page.url.endswith(f"/hr/{slug}/decide/")


def _public_id(name: str) -> str:
    return str(Application.objects.get(full_name=name).public_id)
