"""Program operations in Chromium: confirmations, import preview, guides, 390 px, axe-clean."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from revmentor.applications.models import Application
from tests.applications.test_import import person, xlsx
from tests.auth import sign_in
from tests.mentorships.support import log, make_running, meeting_in, participant_pair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, live_server, user):
    client = sign_in(Client(), user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_coordinator_confirms_an_earlier_deadline_and_a_status_step(
    page, live_server, axe_check, cast
):
    signed_in(page, live_server, cast.coordinator)
    slug = cast.program.slug
    page.goto(reverse("programs:manage", kwargs={"slug": slug}))
    assert page.get_by_role("heading", name="Var programmet står").count() == 1
    axe_check(page, "ops-overview")
    page.goto(reverse("programs:deadline", kwargs={"slug": slug}))
    earlier = timezone.localtime(cast.program.application_deadline - timedelta(days=2))
    page.fill("#id_new_deadline", earlier.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_reason", "Tidigare start.")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector("text=Sista ansökningsdag flyttas tidigare")
    axe_check(page, "ops-deadline-confirm")
    page.get_by_role("button", name="Flytta sista ansökningsdag och meddela alla").click()
    page.wait_for_selector("text=Var programmet står")
    assert cast.program.deadline_changes.count() == 1
    page.get_by_role("button", name="Gå till ”anmälan pågår”").click()
    page.wait_for_selector("text=Bekräfta statusändringen")
    axe_check(page, "ops-status-confirm")
    page.get_by_role("button", name="Ja, gå till ”anmälan pågår”").click()
    page.wait_for_selector("text=Programmet har nu status ”anmälan pågår”")


def test_coordinator_imports_after_correcting_two_bad_rows(
    page, live_server, axe_check, cast, tmp_path
):
    signed_in(page, live_server, cast.coordinator)
    page.goto(reverse("applications:import", kwargs={"slug": cast.program.slug}))
    axe_check(page, "ops-import")
    rows = [person(n, "Organisation A" if n % 2 else "B") for n in range(30)]
    bad = list(rows)
    bad[4] = person(4, "Okända verket")
    bad[11] = person(11, email="inte-en-adress")
    (tmp_path / "fel.xlsx").write_bytes(xlsx(bad).read())
    page.set_input_files("#id_file", str(tmp_path / "fel.xlsx"))
    page.get_by_role("button", name="Visa förhandsvisningen").click()
    page.wait_for_selector("text=2 rader har problem")
    axe_check(page, "ops-import-problems")
    assert Application.objects.count() == 0
    page.get_by_role("link", name="Ladda upp en rättad fil").click()
    (tmp_path / "rätt.xlsx").write_bytes(xlsx(rows).read())
    page.set_input_files("#id_file", str(tmp_path / "rätt.xlsx"))
    page.get_by_role("button", name="Visa förhandsvisningen").click()
    page.get_by_role("button", name="Importera 30 ansökningar").click()
    page.wait_for_selector("text=30 ansökningar importerades.")
    assert Application.objects.count() == 30


def test_a_pair_fills_in_the_goal_template_on_a_phone(page, live_server, axe_check, cast):
    make_running(cast.program)
    pair = participant_pair(cast)
    meeting_in(cast.program, 10, discussion_guide="Vilka fördomar har ni hört?")
    log(pair, place="https://video.test.example/par", topics="Digitala vanor")
    signed_in(page, live_server, cast.participant)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(reverse("mentorships:my_program", kwargs={"slug": cast.program.slug}))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    table = page.locator("table.table--stack").first
    assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    axe_check(page, "ops-my-program-390")
    page.goto(
        reverse("mentorships:goals", kwargs={"slug": cast.program.slug, "pair": pair.public_id})
    )
    page.fill("#id_adept_learning", "Leda digitala möten.")
    page.fill("#id_mentor_understanding", "Hur beslut fattas.")
    page.fill("#id_meeting_rhythm", "Varannan vecka")
    axe_check(page, "ops-goals")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector("text=Leda digitala möten.")
    pair.refresh_from_db()
    assert pair.meeting_rhythm == "Varannan vecka"


def test_english_pages_with_swedish_fallback_are_axe_clean(page, live_server, axe_check, cast):
    cast.program.description_en = "In English."
    cast.program.save()
    page.goto(cast.program.get_absolute_url())
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator('[lang="sv"]').count() >= 1
    axe_check(page, "ops-english-fallback")


def test_coordinator_invites_two_hr_officers_at_once(page, live_server, axe_check, cast, run_tasks):
    from revmentor.core.models import Role

    signed_in(page, live_server, cast.coordinator)
    url = reverse("programs:roles", kwargs={"slug": cast.program.slug})
    page.goto(url)
    axe_check(page, "ops-roles")
    page.get_by_label("E-postadresser").fill(
        "Nina Svensson <nina.svensson@test.example>\nOlof Berg <olof.berg@test.example>"
    )
    page.select_option("#id_kind", "hr")
    page.select_option("#id_organisation", str(cast.org_a.pk))
    page.get_by_role("button", name="Ge roll").click()
    page.wait_for_selector("text=Rollen gavs till 2 personer")
    axe_check(page, "ops-roles-given")
    assert set(
        Role.objects.filter(program=cast.program, kind="hr", organisation=cast.org_a)
        .exclude(user=cast.hr_a)
        .values_list("user__full_name", "user__email")
    ) == {
        ("Nina Svensson", "nina.svensson@test.example"),
        ("Olof Berg", "olof.berg@test.example"),
    }
    invitations = {m.to[0]: m for m in run_tasks()}
    assert set(invitations) == {"nina.svensson@test.example", "olof.berg@test.example"}
    assert invitations["olof.berg@test.example"].body.startswith("Hej Olof Berg!")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    axe_check(page, "ops-roles-en")


def test_coordinator_moves_a_joint_meeting_and_the_itip_update_keeps_its_uid(
    page, live_server, axe_check, cast, run_tasks
):
    from django.core import mail
    from icalendar import Calendar

    from revmentor.mentorships.services import invite_to_joint_meeting

    make_running(cast.program)
    pair = participant_pair(cast)
    meeting = meeting_in(cast.program, 10, title="Myter om generationer")
    invite_to_joint_meeting(meeting=meeting, sent_by=cast.coordinator)

    def events_to(address):
        [message] = [m for m in run_tasks() if m.to == [address] and m.attachments]
        [(_name, content, mimetype)] = message.attachments
        calendar = Calendar.from_ical(content)
        [event] = calendar.walk("VEVENT")
        return message, mimetype, calendar, event

    _first, _type, _calendar, before = events_to(pair.adept.email)
    mail.outbox.clear()
    signed_in(page, live_server, cast.coordinator)
    page.goto(
        reverse("programs:meeting_edit", kwargs={"slug": cast.program.slug, "uid": meeting.uid})
    )
    axe_check(page, "ops-meeting-edit")
    later = timezone.localtime(meeting.starts_at + timedelta(days=1, hours=1))
    page.fill("#id_starts_at", later.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_ends_at", (later + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Spara").click()
    # The preview: who gets the update, before anything is sent.
    page.wait_for_selector("h1:has-text('Skicka kalenderuppdateringen med e-post')")
    assert mail.outbox == [] and run_tasks() == []
    assert pair.adept.full_name in page.locator("main").inner_text()
    axe_check(page, "ops-meeting-invite-preview")
    page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    axe_check(page, "ops-meeting-invite-preview-en")
    page.get_by_role("button", name="Send the e-mail").click()
    page.wait_for_selector("text=The calendar update was e-mailed to")
    axe_check(page, "ops-meetings-en")
    message, mimetype, calendar, after = events_to(pair.adept.email)
    assert (str(calendar["METHOD"]), mimetype.split(";")[1].strip()) == (
        "REQUEST",
        "method=REQUEST",
    )
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART") == later
    assert "Myter om generationer" in message.subject
