"""The whole program in Chromium, each step by the role that does it, on a fresh database.

The coordinator creates and opens a program; two people apply and their managers confirm by
the e-mailed link; HR nominates within places; the coordinator moves the deadline, closes
nomination, matches and publishes; the pair logs meetings and answers the end survey; the
coordinator reads the dashboard and the invoice basis. Every page visited passes the page
basics and axe, in Swedish and (in a second pass, as the same roles) in English.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from revmentor.applications.models import Application
from revmentor.core.models import User
from revmentor.matching.models import Proposal
from revmentor.mentorships.models import MeetingLog
from revmentor.programs.models import Organisation, Participation, Program
from revmentor.surveys import services as survey_services
from revmentor.surveys.models import Response, Survey
from tests.applications.support import make_application
from tests.browser.journey import (
    STAFF_PASSWORD,
    Visitor,
    code_in,
    docs_screenshot,
    last_mail_to,
    link_in,
    staff_with_authenticator,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "omvant-mentorskap-2027"
TITLE = "Omvänt mentorskap 2027"


def new_page(browser, live_server, locale: str = "sv-SE", width: int = 1280):
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    return page


def staff_sign_in(page, email: str, totp) -> None:
    page.goto("/sign-in/password/")
    page.get_by_label("E-postadress på jobbet").fill(email)
    page.get_by_label("Lösenord").fill(STAFF_PASSWORD)
    page.locator("main form.stack button[type=submit]").click()
    page.wait_for_url("**/sign-in/authenticator/")
    page.get_by_label("Kod från din autentiseringsapp").fill(totp.now())
    page.locator("main form.stack button[type=submit]").click()
    page.wait_for_url("**/me/")


def participant_sign_in(page, email: str, run_tasks, next_path: str) -> None:
    """Ask for a code by e-mail, read it from the outbox and sign in, landing on next_path."""
    page.goto(f"/sign-in/?next={next_path}")
    page.get_by_label("E-postadress på jobbet").fill(email)
    page.get_by_role("button", name="Skicka en kod till mig").click()
    page.wait_for_url("**/sign-in/code/**")
    run_tasks()
    page.get_by_label("Koden från e-postmeddelandet").fill(code_in(last_mail_to(email)))
    page.locator("main form.stack button[type=submit]").click()
    page.wait_for_url(f"**{next_path}")


def apply(page, visitor, run_tasks, *, person: dict, first: bool = False) -> None:
    """An applicant finds the program, signs in by e-mailed code and sends the application."""
    page.goto("/")
    visitor.visit(page, "anonymous")
    page.get_by_role("link", name=TITLE).click()
    visitor.visit(page, "anonymous", "journey-program-page" if first else None)
    if first:
        docs_screenshot(page, "program-page")
    page.get_by_role("link", name="Ansök", exact=True).click()
    page.wait_for_url("**/sign-in/**")
    visitor.visit(page, "anonymous")
    participant_sign_in(page, person["email"], run_tasks, f"/program/{SLUG}/apply/")
    visitor.visit(page, person["role"])
    if first:
        # A failed form: the error summary takes the focus and names what is missing.
        page.get_by_role("button", name="Fortsätt").click()
        page.wait_for_selector(".error-summary")
        assert page.evaluate("document.activeElement.className") == "error-summary"
        visitor.visit(page, person["role"], "journey-eligibility-errors")
    page.get_by_label("tillsvidareanställning").check()
    page.get_by_label(person["profile"]).check()
    page.get_by_label("Födelseår").fill(person["birth_year"])
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url("**/application/")
    visitor.visit(page, person["role"], "journey-application-form" if first else None)
    if first:
        docs_screenshot(page, "application-form")
    page.fill("#id_full_name", person["name"])
    page.get_by_label("Telefon").fill("070-123 45 67")
    page.get_by_label("Myndighet").select_option(label=person["organisation"])
    page.get_by_label("Enhet").fill("Analysenheten")
    page.get_by_label("Befattning").fill("Utredare")
    page.get_by_label("Chefens namn").fill("Maja Chef")
    page.get_by_label("Chefens e-postadress på jobbet").fill(person["manager"])
    page.get_by_label("Jag har stämt av min ansökan med min chef").check()
    page.get_by_label("Digitala verktyg").check()
    page.get_by_label("båda går bra").check()
    page.get_by_label("Ort där jag arbetar").fill("Stockholm")
    page.get_by_label("Svenska", exact=True).check()
    page.get_by_label("Måndag förmiddag").check()
    page.get_by_label("Jag har läst integritetsinformationen", exact=False).check()
    page.get_by_role("button", name="Skicka ansökan").click()
    page.wait_for_url("**/application/status/")
    visitor.visit(page, person["role"])


def manager_confirms(browser, live_server, visitor, run_tasks, manager: str) -> None:
    """The manager follows the e-mailed link (no account) and confirms."""
    run_tasks()
    page = new_page(browser, live_server)
    page.goto(link_in(last_mail_to(manager), "/manager/"))
    visitor.visit(page, "anonymous")
    page.get_by_role("button", name="Bekräfta", exact=True).click()
    page.wait_for_selector("h1")
    visitor.visit(page, "anonymous")
    page.context.close()


MENTOR = {
    "role": "mentor",
    "name": "Maja Mentor",
    "email": "maja.mentor@nv.test",
    "profile": "junior mentor",
    "birth_year": "1998",
    "organisation": "Naturvårdsverket",
    "manager": "chef.nv@nv.test",
}
ADEPT = {
    "role": "adept",
    "name": "Anders Adept",
    "email": "anders.adept@skv.test",
    "profile": "senior adept",
    "birth_year": "1966",
    "organisation": "Skatteverket",
    "manager": "chef.skv@skv.test",
}


def hr_decide(page, visitor, role: str, name: str) -> None:
    """HR chooses one application, nominates, previews the e-mail and sends the decision."""
    page.get_by_label(f"Välj {name}").check()
    page.get_by_label("Anmäl", exact=True).check()
    page.get_by_role("button", name="Förhandsgranska e-postmeddelandet").click()
    page.wait_for_selector("text=Besluta och skicka")
    visitor.visit(page, role, again=False)
    page.get_by_role("button", name="Besluta och skicka").click()
    page.wait_for_selector(".message")


def test_the_whole_program_runs_in_the_browser_role_by_role(
    browser, live_server, axe_check, run_tasks
):
    visitor = Visitor(axe_check)
    coordinator = User.objects.create_user(
        email="samordnare@myndighet.test", full_name="Cecilia Samordnare", can_create_programs=True
    )
    coordinator_app = staff_with_authenticator(coordinator)
    today = timezone.localdate()

    # The coordinator creates the program, its joint meeting and places, and opens it.
    coord = new_page(browser, live_server)
    staff_sign_in(coord, coordinator.email, coordinator_app)
    visitor.visit(coord, "coordinator")
    coord.get_by_role("link", name="Skapa ett program").click()
    visitor.visit(coord, "coordinator")
    coord.fill("#id_title", TITLE)
    coord.fill("#id_slug", SLUG)
    coord.fill("#id_description", "Yngre och erfarna medarbetare lär av varandra.")
    coord.fill("#id_purpose", "Att förstå hur generationerna ser på arbetslivet.")
    coord.fill("#id_setup", "Gemensamma inspirationsträffar och egna möten i paren.")
    coord.fill("#id_period_start", (today + timedelta(days=30)).isoformat())
    coord.fill("#id_period_end", (today + timedelta(days=200)).isoformat())
    coord.fill("#id_application_deadline", f"{today + timedelta(days=10)}T23:59")
    coord.fill("#id_cost_per_participant", "5000")
    coord.get_by_role("button", name="Spara").click()
    coord.wait_for_url(f"**/manage/{SLUG}/")
    visitor.visit(coord, "coordinator")

    coord.get_by_role("link", name="Profiler", exact=True).click()
    visitor.visit(coord, "coordinator")
    coord.fill("#id_profiles-0-description", "Yngre medarbetare som delar verktyg och vanor.")
    coord.fill("#id_profiles-0-eligibility", "Tillsvidareanställd, högst 35 år.")
    coord.fill("#id_profiles-1-description", "Erfaren medarbetare som vill lära.")
    coord.fill("#id_profiles-1-eligibility", "Tillsvidareanställd med lång erfarenhet.")
    coord.get_by_role("button", name="Spara").click()
    coord.wait_for_selector(".message--success")
    coord.get_by_role("link", name="Ämnen", exact=True).click()
    coord.fill("#id_topics-0-name", "Digitala verktyg")
    coord.fill("#id_topics-1-name", "Värderingar")
    coord.get_by_role("button", name="Spara").click()
    coord.wait_for_selector(".message--success")
    visitor.visit(coord, "coordinator")

    # The operator keeps the shared registry; the coordinator chooses from it and gives the
    # program's own HR contact for each organisation.
    for name, short in [("Naturvårdsverket", "NV"), ("Skatteverket", "SKV")]:
        Organisation.objects.get_or_create(name=name, defaults={"short_name": short})
    coord.get_by_role("link", name="Myndigheter och platser").click()
    visitor.visit(coord, "coordinator")
    coord.select_option("#id_organisations-0-organisation", label="Naturvårdsverket")
    coord.fill("#id_organisations-0-places", "1")
    coord.fill("#id_organisations-0-hr_emails", "hr@nv.test")
    coord.select_option("#id_organisations-1-organisation", label="Skatteverket")
    coord.fill("#id_organisations-1-places", "1")
    coord.fill("#id_organisations-1-hr_emails", "hr@skv.test")
    coord.get_by_role("button", name="Spara").click()
    coord.wait_for_selector(".message--success")
    visitor.visit(coord, "coordinator")
    assert dict(
        Participation.objects.filter(program__slug=SLUG).values_list(
            "organisation__short_name", "places"
        )
    ) == {"NV": 1, "SKV": 1}

    coord.get_by_role("link", name="Gemensamma träffar").click()
    visitor.visit(coord, "coordinator")
    coord.get_by_role("link", name="Lägg till en gemensam träff").click()
    visitor.visit(coord, "coordinator")
    meeting_day = today + timedelta(days=45)
    coord.fill("#id_title", "Fördomar och myter om generationer")
    coord.fill("#id_lecturer", "Eva Föreläsare")
    coord.fill("#id_starts_at", f"{meeting_day}T13:00")
    coord.fill("#id_ends_at", f"{meeting_day}T15:00")
    coord.fill("#id_digital_link", "https://meet.myndighet.test/fordomar")
    coord.get_by_role("button", name="Spara").click()
    coord.wait_for_selector(".message--success")

    hr_apps = {}
    for email, full_name, organisation in [
        ("hr@nv.test", "Hanna Personal", "Naturvårdsverket"),
        ("hr@skv.test", "Henrik Personal", "Skatteverket"),
    ]:
        hr_apps[email] = staff_with_authenticator(
            User.objects.create_user(email=email, full_name=full_name)
        )
        coord.get_by_role("link", name="Samordnare och HR").click()
        coord.fill("#id_emails", f"{full_name} <{email}>")
        coord.select_option("#id_kind", "hr")
        coord.select_option("#id_organisation", label=organisation)
        coord.get_by_role("button", name="Ge roll").click()
        coord.wait_for_selector(".message--success")
    visitor.visit(coord, "coordinator")

    coord.get_by_role("link", name="Översikt").click()
    # The overview offers the legal next steps as buttons; the step is confirmed on its own page.
    coord.locator("form:has(input[name=status][value=open]) button").click()
    coord.wait_for_selector("text=Bekräfta statusändringen")
    visitor.visit(coord, "coordinator", again=False)
    coord.locator("form:has(input[name=confirmed]) button[type=submit]").click()
    coord.wait_for_selector(".message--success")
    assert Program.objects.get(slug=SLUG).status == "open"
    visitor.visit(coord, "coordinator")

    # Two people apply (a mentor and an adept); their managers confirm by the e-mailed link.
    mentor = new_page(browser, live_server)
    apply(mentor, visitor, run_tasks, person=MENTOR, first=True)
    manager_confirms(browser, live_server, visitor, run_tasks, MENTOR["manager"])
    adept = new_page(browser, live_server)
    apply(adept, visitor, run_tasks, person=ADEPT)
    manager_confirms(browser, live_server, visitor, run_tasks, ADEPT["manager"])
    assert sorted(
        Application.objects.values_list(
            "full_name", "organisation__short_name", "status", "manager_answer"
        )
    ) == [
        ("Anders Adept", "SKV", "submitted", "confirmed"),
        ("Maja Mentor", "NV", "submitted", "confirmed"),
    ]
    # A second applicant of Naturvårdsverket, for whom there is no place.
    program = Program.objects.get(slug=SLUG)
    make_application(
        program,
        Organisation.objects.get(short_name="NV"),
        applicant=User.objects.create_user(email="nils.extra@nv.test", full_name="Nils Extra"),
        manager_answer="confirmed",
    )

    # The coordinator postpones the deadline once, then moves on to nominating.
    coord.get_by_role("link", name="Flytta sista ansökningsdag").click()
    visitor.visit(coord, "coordinator")
    coord.fill("#id_new_deadline", f"{today + timedelta(days=12)}T23:59")
    coord.fill("#id_reason", "Fler myndigheter vill hinna anmäla.")
    coord.get_by_role("button", name="Spara").click()
    coord.wait_for_selector(".message--success")
    program.refresh_from_db()
    assert timezone.localtime(program.application_deadline).date() == today + timedelta(days=12)
    assert program.deadline_changes.count() == 1
    # The overview offers the legal next steps as buttons; the step is confirmed on its own page.
    coord.locator("form:has(input[name=status][value=nominating]) button").click()
    coord.wait_for_selector("text=Bekräfta statusändringen")
    visitor.visit(coord, "coordinator", again=False)
    coord.locator("form:has(input[name=confirmed]) button[type=submit]").click()
    coord.wait_for_selector(".message--success")

    # HR nominate within their places; Naturvårdsverket's second nomination is refused.
    hr_nv = new_page(browser, live_server)
    staff_sign_in(hr_nv, "hr@nv.test", hr_apps["hr@nv.test"])
    visitor.visit(hr_nv, "hr_nv")
    hr_nv.get_by_role("link", name=TITLE, exact=True).click()
    visitor.visit(hr_nv, "hr_nv", "journey-hr-list")
    docs_screenshot(hr_nv, "hr-list")
    hr_decide(hr_nv, visitor, "hr_nv", "Maja Mentor")
    # With its one place taken, the preview says so and offers no decision to send.
    hr_nv.get_by_label("Välj Nils Extra").check()
    hr_nv.get_by_label("Anmäl", exact=True).check()
    hr_nv.get_by_role("button", name="Förhandsgranska e-postmeddelandet").click()
    hr_nv.wait_for_selector("text=Naturvårdsverket har 0 platser kvar, du valde 1")
    visitor.visit(hr_nv, "hr_nv", again=False)
    assert hr_nv.get_by_role("button", name="Besluta och skicka").count() == 0
    hr_nv.go_back()
    visitor.visit(hr_nv, "hr_nv")
    assert Participation.objects.get(program=program, organisation__short_name="NV").nominated == 1
    assert list(
        Application.objects.filter(organisation__short_name="NV", status="nominated").values_list(
            "full_name", flat=True
        )
    ) == ["Maja Mentor"]
    hr_skv = new_page(browser, live_server)
    staff_sign_in(hr_skv, "hr@skv.test", hr_apps["hr@skv.test"])
    hr_skv.get_by_role("link", name=TITLE, exact=True).click()
    visitor.visit(hr_skv, "hr_skv")
    hr_decide(hr_skv, visitor, "hr_skv", "Anders Adept")

    # The coordinator closes the nomination step.
    coord.get_by_role("navigation", name="Programmets arbetsyta").get_by_role(
        "link", name="Anmälningar", exact=True
    ).click()
    visitor.visit(coord, "coordinator")
    coord.get_by_role("button", name="Avsluta anmälningssteget").click()
    coord.wait_for_selector(".message--success")
    program.refresh_from_db()
    assert program.status == "matching"

    # Matching: run, lock the pair, publish; the program is running.
    coord.get_by_role("link", name="Matchning", exact=True).click()
    visitor.visit(coord, "coordinator")
    coord.get_by_role("link", name="Kör en matchning").first.click()
    visitor.visit(coord, "coordinator")
    coord.get_by_role("button", name="Kör matchningen").click()
    coord.wait_for_selector("text=Matchningen är köad.")
    run_tasks()
    # The workspace's progress box shows the proposal once the worker is done.
    coord.get_by_role("link", name="Öppna förslag 1").click()
    coord.get_by_role("button", name="Lås Maja Mentor – Anders Adept").click()
    coord.wait_for_selector("text=låst")
    visitor.visit(coord, "coordinator", "journey-matching-proposal")
    docs_screenshot(coord, "matching-proposal")
    assert list(
        Proposal.objects.get().pairs.values_list("mentor__full_name", "adept__full_name", "locked")
    ) == [("Maja Mentor", "Anders Adept", True)]
    coord.get_by_role("link", name="Publicera det här förslaget").click()
    visitor.visit(coord, "coordinator")
    coord.get_by_role("button", name="Publicera och meddela deltagarna").click()
    coord.wait_for_selector("text=Paren är publicerade")
    visitor.visit(coord, "coordinator")
    program.refresh_from_db()
    assert program.status == "running"

    # Each participant follows the e-mailed link to their match and logs a meeting.
    run_tasks()
    # The program has not started yet, so the pair logs the meetings they have planned.
    met_on = today + timedelta(days=35)
    for page, person, partner in [(mentor, MENTOR, "Anders Adept"), (adept, ADEPT, "Maja Mentor")]:
        # The "your pair" e-mail leads straight to My program; My pages links to it too.
        page.goto(link_in(last_mail_to(person["email"], "Ditt par"), f"/program/{SLUG}/my/"))
        visitor.visit(page, person["role"], f"journey-my-program-{person['role']}")
        page.get_by_role("link", name="Mina sidor").click()
        visitor.visit(page, person["role"])
        page.get_by_role("link", name=f"Mitt program: {TITLE}").click()
        assert page.url.endswith(f"/program/{SLUG}/my/")
        partner_heading = "Din adept" if person["role"] == "mentor" else "Din mentor"
        assert page.locator("main h2").filter(has_text=partner).all_inner_texts() == [
            f"{partner_heading}: {partner}"
        ]
        if person["role"] == "mentor":
            docs_screenshot(page, "my-program")
        page.get_by_role("link", name="Anteckna ett möte").click()
        visitor.visit(page, person["role"])
        page.check("#id_status_1")
        page.fill("#id_date", met_on.isoformat())
        page.fill("#id_start_time", "10:00")
        page.fill("#id_hours", "1.5")
        page.check("#id_format_0")
        page.fill("#id_topics", "Digitala verktyg")
        page.get_by_role("button", name="Spara").click()
        page.wait_for_selector(".message, .error-summary")
        assert page.locator(".error-summary").count() == 0, page.locator("main").inner_text()
        visitor.visit(page, person["role"])
    assert sorted(
        MeetingLog.objects.values_list("created_by__email", "date", "hours", "status")
    ) == [
        (ADEPT["email"], met_on, Decimal("1.50"), "planned"),
        (MENTOR["email"], met_on, Decimal("1.50"), "planned"),
    ]

    # The coordinator sends the end survey; both participants answer from the e-mail.
    coord.get_by_role("link", name="Enkäter", exact=True).click()
    visitor.visit(coord, "coordinator")
    coord.check("#id_template input[value=end]")
    coord.get_by_role("button", name="Skapa enkät").click()
    coord.wait_for_selector(".message--success")
    visitor.visit(coord, "coordinator")
    coord.fill("#id_closes_on", (today + timedelta(days=14)).isoformat())
    coord.get_by_role("button", name="Skicka enkäten").click()
    coord.wait_for_selector("text=Enkäten skickades till 2 deltagare.")
    visitor.visit(coord, "coordinator")
    run_tasks()
    for page, person in [(mentor, MENTOR), (adept, ADEPT)]:
        page.goto(link_in(last_mail_to(person["email"]), "/surveys/"))
        visitor.visit(page, person["role"])
        for group in page.evaluate(
            "[...new Set([...document.querySelectorAll('main input[type=radio]')].map(r => r.name))]"
        ):
            page.locator(f"main input[name='{group}']").last.check()
        page.get_by_role("button", name="Skicka mina svar").click()
        page.wait_for_selector(".notice--ok")
        assert page.get_by_text("Tack! Dina svar sparades anonymt.").count() == 1
        visitor.visit(page, person["role"])
    # The answers wait unlinked until the survey closes; then they are stored in random order.
    assert Response.objects.count() == 0
    survey_services.close_survey(survey=Survey.objects.get(status="open"), closed_by=None)
    assert Response.objects.count() == 2

    # Results are honest about too few answers; the dashboard and the invoice basis.
    coord.get_by_role("link", name="Enkäter", exact=True).click()
    coord.get_by_role("link", name="Resultat").first.click()
    visitor.visit(coord, "coordinator")
    assert coord.get_by_text("För få svar för att visas.").count() >= 1
    coord.get_by_role("link", name="Uppföljning", exact=True).click()
    visitor.visit(coord, "coordinator", "journey-dashboard")
    docs_screenshot(coord, "dashboard")
    coord.get_by_role("link", name="Kostnader", exact=True).click()
    visitor.visit(coord, "coordinator", "journey-costs")
    costs = coord.locator("main").inner_text()
    assert "Naturvårdsverket" in costs and "Skatteverket" in costs

    # The same pages again in English, as the same roles, switched by the header's link.
    anonymous = new_page(browser, live_server)
    pages = {"coordinator": coord, "mentor": mentor, "adept": adept, "hr_nv": hr_nv}
    pages |= {"hr_skv": hr_skv, "anonymous": anonymous}
    for page in pages.values():
        page.goto("/")
        page.get_by_role("link", name="English").click()
        page.wait_for_selector("html[lang=en]")
    scanned = 0
    for role, path in visitor.visited:
        pages[role].goto(path)
        visitor.visit(pages[role], role, lang="en")
        scanned += 1
    assert scanned >= 40, visitor.visited
