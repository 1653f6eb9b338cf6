"""Certificates of participation: for those who completed, downloaded by themselves or the coordinator."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from revmentor.core.models import AuditEntry
from tests.reports.support import completed_pair, pair
from tests.surveys.support import nominated

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    return " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    ).replace("\xa0", " ")


def test_a_participant_who_completed_downloads_their_own_certificate(cast, client_for):
    mentor, _adept = completed_pair(
        cast.program,
        cast.org_a,
        mentor_fields={"applicant": cast.participant, "full_name": "Pia Deltagare"},
    )
    client = client_for("participant")
    assert (
        reverse("reports:my_certificate", kwargs={"slug": cast.program.slug})
        in client.get(reverse("core:home")).text
    )
    response = client.get(reverse("reports:my_certificate", kwargs={"slug": cast.program.slug}))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    for expected in [
        "Deltagarintyg",
        "Pia Deltagare",
        "har deltagit som junior mentor i",
        cast.program.title,
    ]:
        assert expected in text, expected
    assert (
        AuditEntry.objects.filter(
            action="reports.exported", summary=f"certificate-{mentor.public_id}.pdf"
        ).count()
        == 1
    )


def test_the_certificate_states_the_effort_logged(cast, client_for):
    from decimal import Decimal

    from revmentor.mentorships.models import MeetingLog

    mentor, _adept = completed_pair(
        cast.program, cast.org_a, mentor_fields={"applicant": cast.participant}
    )
    for hours in ("1.5", "2.25"):
        MeetingLog.objects.create(
            mentorship=mentor.mentorships_as_mentor.get(),
            date=cast.program.period_start,
            hours=Decimal(hours),
        )
    text = pdf_text(
        client_for("participant").get(
            reverse("reports:my_certificate", kwargs={"slug": cast.program.slug})
        )
    )
    assert "Loggad insats: 3,75 timmar." in text


def test_someone_whose_pair_is_still_active_gets_no_certificate(cast, client_for):
    [mentor] = nominated(cast.program, cast.org_a, applicant=cast.participant)
    [adept] = nominated(cast.program, cast.org_a, profile_kind="adept")
    pair(cast.program, mentor, adept)
    assert (
        client_for("participant")
        .get(reverse("reports:my_certificate", kwargs={"slug": cast.program.slug}))
        .status_code
        == 404
    )


def test_the_coordinator_downloads_any_certificate_of_the_program_but_not_of_another(
    cast, client_for
):
    _mentor, adept = completed_pair(
        cast.program, cast.org_b, adept_fields={"full_name": "Gun Ås", "language": "en"}
    )
    url = reverse(
        "reports:certificate", kwargs={"slug": cast.program.slug, "public_id": adept.public_id}
    )
    text = pdf_text(client_for("coordinator").get(url))
    assert "Gun Ås" in text
    assert "Certificate of participation" in text  # in the participant's language
    other = reverse(
        "reports:certificate",
        kwargs={"slug": cast.other_program.slug, "public_id": adept.public_id},
    )
    assert client_for("other_coordinator").get(other).status_code == 404
