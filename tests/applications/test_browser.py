"""In the browser: an applicant applies on a phone; every new page passes axe, in Swedish."""

import pytest
from django.urls import reverse

from revmentor.applications import services
from revmentor.applications.models import Application
from tests.applications.support import make_application
from tests.factories import make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from revmentor.core.permissions import SECOND_FACTOR_KEY

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "revmentor.core.auth.EmailBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SECOND_FACTOR_KEY] = timezone.now().isoformat()  # staff roles need the mark
    session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


def test_an_applicant_applies_on_a_320_px_phone(page, live_server, axe_check):
    cast = make_cast()
    page.set_viewport_size({"width": 320, "height": 700})
    sign_in(page, live_server, cast.participant)
    page.goto(reverse("applications:apply", kwargs={"slug": cast.program.slug}))
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page, "applications-eligibility-320")
    page.get_by_label("tillsvidareanställning").check()
    page.get_by_label("junior mentor").check()
    page.get_by_label("Födelseår").fill("1996")
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url("**/application/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page, "applications-form-320")
    page.get_by_label("Telefon").fill("070-123 45 67")
    page.get_by_label("Myndighet").select_option(label="Organisation A")
    page.get_by_label("Enhet").fill("Analys")
    page.get_by_label("Befattning").fill("Utredare")
    page.get_by_label("Chefens namn").fill("Maja Chef")
    page.get_by_label("Chefens e-postadress på jobbet").fill("maja.chef@test.example")
    page.get_by_label("Jag har stämt av min ansökan med min chef").check()
    page.get_by_label("Digitala verktyg").check()
    page.get_by_label("båda går bra").check()
    page.get_by_label("Ort där jag arbetar").fill("Umeå")
    page.get_by_label("Svenska", exact=True).check()
    page.get_by_label("Måndag förmiddag").check()
    page.get_by_label("Jag har läst integritetsinformationen", exact=False).check()
    page.get_by_role("button", name="Skicka ansökan").click()
    page.wait_for_url("**/application/status/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe_check(page, "applications-status-320")
    assert Application.objects.get().status == "submitted"


def test_form_errors_are_accessible(page, live_server, axe_check):
    cast = make_cast()
    make_application(cast.program, cast.org_a, applicant=cast.participant, status="draft")
    sign_in(page, live_server, cast.participant)
    page.goto(reverse("applications:edit", kwargs={"slug": cast.program.slug}))
    page.get_by_label("Telefon").fill("ring mig")
    page.get_by_role("button", name="Skicka ansökan").click()
    assert page.locator(".error-summary").is_visible()
    axe_check(page, "applications-form-errors")


def test_the_manager_page_and_hr_and_coordinator_pages_pass_axe(page, live_server, axe_check):
    cast = make_cast()
    application = make_application(cast.program, cast.org_a, applicant=cast.participant)
    Application.objects.filter(pk=application.pk).update(manager_answer="pending")
    application.refresh_from_db()
    page.goto(
        reverse("applications:manager", kwargs={"token": services.manager_token(application)})
    )
    axe_check(page, "applications-manager")
    page.get_by_role("button", name="Bekräfta").click()
    axe_check(page, "applications-manager-done")

    sign_in(page, live_server, cast.hr_a)
    slug = cast.program.slug
    for name, kwargs in [
        ("hr_list", {}),
        ("hr_detail", {"public_id": application.public_id}),
        ("hr_late", {}),
    ]:
        page.goto(reverse(f"applications:{name}", kwargs={"slug": slug, **kwargs}))
        axe_check(page, f"applications-{name}")
    page.goto(reverse("applications:hr_list", kwargs={"slug": slug}))
    page.get_by_label(f"Välj {application.full_name}").check()
    page.get_by_label("Anmäl", exact=True).check()
    page.get_by_role("button", name="Förhandsgranska e-postmeddelandet").click()
    axe_check(page, "applications-hr-bulk-preview")
    page.get_by_role("button", name="Besluta och skicka").click()
    page.wait_for_url("**/hr/*/")
    application.refresh_from_db()
    assert application.status == "nominated"

    page.context.clear_cookies()
    sign_in(page, live_server, cast.coordinator)
    for name, kwargs in [
        ("nominations", {}),
        ("email_templates", {}),
        ("email_template_edit", {"kind": "nominated", "language": "sv"}),
    ]:
        page.goto(reverse(f"applications:{name}", kwargs={"slug": slug, **kwargs}))
        axe_check(page, f"applications-{name}")


def test_applicant_pages_pass_axe(page, live_server, axe_check):
    cast = make_cast()
    make_application(cast.program, cast.org_a, applicant=cast.participant)
    sign_in(page, live_server, cast.participant)
    for name in ["status", "withdraw"]:
        page.goto(reverse(f"applications:{name}", kwargs={"slug": cast.program.slug}))
        axe_check(page, f"applications-{name}")
    page.goto(reverse("core:home"))
    axe_check(page, "applications-home")
