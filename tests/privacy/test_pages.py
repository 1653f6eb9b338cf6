"""Privacy notices, the accessibility statement and its report form, the program's settings."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from revmentor.core.models import AuditEntry
from revmentor.privacy.models import ProgramPrivacy


@pytest.mark.parametrize(
    "url",
    ["/", "/sign-in/", "/privacy/", "/accessibility/", "/program/omvant-test/"],
)
def test_every_page_links_the_privacy_notice_and_accessibility_statement_in_its_footer(
    cast, client, url
):
    footer = client.get(url).text.split('<footer class="site-footer">')[1]
    assert 'href="/privacy/"' in footer
    assert 'href="/accessibility/"' in footer


def test_the_program_notice_names_controller_dpo_legal_basis_and_retention(cast, client):
    ProgramPrivacy.objects.create(
        program=cast.program,
        controller="Organisation A och Organisation B",
        dpo_name="Dora Dataskydd",
        dpo_email="dso@a.test.example",
        not_nominated_months=3,
        personal_data_months=12,
    )
    text = client.get(reverse("privacy:program_notice", args=[cast.program.slug])).text
    for expected in (
        "Organisation A och Organisation B",
        "Dora Dataskydd",
        "dso@a.test.example",
        "6.1 e",
        "12",
    ):
        assert expected in text


def test_a_draft_programs_notice_is_404_for_the_public(cast, client):
    cast.program.status = "draft"
    cast.program.save()
    url = reverse("privacy:program_notice", args=[cast.program.slug])
    assert client.get(url).status_code == 404


def test_the_form_notice_snippet_links_the_programs_notice(cast):
    html = render_to_string("privacy/_form_notice.html", {"program": cast.program})
    assert f'href="/program/{cast.program.slug}/privacy/"' in html


def test_an_accessibility_report_is_emailed_to_the_programs_contacts(cast, client, run_tasks):
    response = client.post(
        reverse("privacy:accessibility_report"),
        {
            "program": str(cast.program.public_id),
            "page": "/program/omvant-test/",
            "description": "Knappen går inte att nå med tangentbordet.",
            "email": "reporter@test.example",
        },
    )
    assert response.status_code == 302
    [message] = run_tasks()
    assert message.to == [cast.program.contact_persons.get().email]
    assert message.reply_to == ["reporter@test.example"]
    assert "Knappen går inte att nå med tangentbordet." in message.body


def test_an_accessibility_report_without_a_program_goes_to_the_site_contact(client, db, run_tasks):
    client.post(
        reverse("privacy:accessibility_report"), {"page": "/", "description": "Låg kontrast."}
    )
    assert [m.to for m in run_tasks()] == [["tillganglighet@revmentor.invalid"]]


def test_the_coordinator_sets_the_programs_privacy_facts_and_it_is_audited(cast, client_for):
    response = client_for("coordinator").post(
        reverse("privacy:settings", args=[cast.program.slug]),
        {
            "controller": "Organisation A",
            "controller_contact": "registrator@a.test.example",
            "dpo_name": "Dora",
            "dpo_email": "dso@a.test.example",
            "dpo_phone": "",
            "not_nominated_months": "4",
            "personal_data_months": "24",
        },
    )
    assert response.status_code == 302
    privacy = ProgramPrivacy.objects.get(program=cast.program)
    assert (privacy.not_nominated_months, privacy.personal_data_months) == (4, 24)
    entry = AuditEntry.objects.get(action="privacy.settings_changed")
    assert (entry.before["personal_data_months"], entry.after["personal_data_months"]) == (12, 24)
