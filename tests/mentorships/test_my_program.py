"""The pair's "My program" page: partner, why, goals, next joint meeting, log and effort."""

from decimal import Decimal

import icalendar
from django.urls import reverse
from django.utils import timezone

from revmentor.matching import engine
from revmentor.matching import services as matching
from revmentor.mentorships import services
from revmentor.mentorships.models import Attendance, MeetingLog, Mentorship
from tests.matching.support import make_trio
from tests.mentorships.support import (
    log,
    make_pair,
    make_running,
    meeting_in,
    other_pair,
    participant_pair,
)
from tests.querycount import assert_constant_queries


def _client(client, user):
    client.force_login(user)
    return client


def test_after_publishing_a_logged_meeting_reaches_the_partner_effort_attendance_and_feed(
    cast, client, django_user_model
):
    make_running(cast.program)
    trio = make_trio(cast)
    proposal = matching.run_matching(
        program=cast.program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
    )
    matching.publish(proposal=proposal, published_by=cast.coordinator, notify=False)
    pair = Mentorship.objects.filter(program=cast.program).select_related("mentor", "adept").first()
    mentor, adept = pair.mentor.applicant, pair.adept.applicant
    meeting = meeting_in(cast.program, 10, title="Framtidsspaning")
    my_url = reverse("mentorships:my_program", kwargs={"slug": cast.program.slug})

    client.force_login(adept)
    before = client.get(my_url).content.decode()
    assert 'value="0"' in before

    client.force_login(mentor)
    day = timezone.localdate() - timezone.timedelta(days=2)
    response = client.post(
        reverse(
            "mentorships:log_create", kwargs={"slug": cast.program.slug, "pair": pair.public_id}
        ),
        {
            "status": "held",
            "date": day.isoformat(),
            "start_time": "10:00",
            "hours": "2.5",
            "format": "physical",
            "topics": "Sociala medier",
            "notes": "Vi provade Teams-trådar.",
        },
    )
    assert response.status_code == 302
    planned_day = timezone.localdate() + timezone.timedelta(days=5)
    client.post(
        reverse(
            "mentorships:log_create", kwargs={"slug": cast.program.slug, "pair": pair.public_id}
        ),
        {
            "status": "planned",
            "date": planned_day.isoformat(),
            "start_time": "14:00",
            "hours": "1",
            "format": "digital",
        },
    )
    for person in (mentor, adept):
        client.force_login(person)
        client.post(
            reverse(
                "mentorships:attendance", kwargs={"slug": cast.program.slug, "uid": meeting.uid}
            ),
            {"answer": "attending"},
        )

    client.force_login(adept)
    page = client.get(my_url).content.decode()
    assert "Sociala medier" in page
    assert "Vi provade Teams-trådar." in page
    assert 'max="40.0" value="2.50"' in page
    assert "2,5 av cirka 40 timmar" in page
    assert "Framtidsspaning" in page
    assert set(
        Attendance.objects.filter(meeting=meeting).values_list("application__applicant", "answer")
    ) == {(mentor.pk, "attending"), (adept.pk, "attending")}

    token = services.personal_settings(adept).calendar_token
    feed = client.get(reverse("mentorships:feed", kwargs={"token": token}))
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    planned = MeetingLog.objects.get(status="planned")
    held = MeetingLog.objects.get(status="held")
    assert set(events) == {
        f"joint-meeting-{meeting.uid}@revmentor",
        f"pair-meeting-{planned.public_id}@revmentor",
        f"pair-meeting-{held.public_id}@revmentor",
    }
    assert "https://meet.test.example/x" in str(
        events[f"joint-meeting-{meeting.uid}@revmentor"]["description"]
    )
    assert events[f"pair-meeting-{planned.public_id}@revmentor"].decoded("dtstart").hour == 14
    assert len(trio.mentors) == 3


def test_the_page_shows_the_partner_contact_and_why_in_the_readers_language(cast, client):
    pair = participant_pair(cast)
    client.force_login(cast.participant)
    url = reverse("mentorships:my_program", kwargs={"slug": cast.program.slug})
    page = client.get(url).content.decode()
    assert "Din adept: Adam Adept" in page
    assert "adam.adept@test.example" in page
    assert "070-111 22 33" in page
    assert pair.explanation_sv in page
    client.post(reverse("set_language"), {"language": "en", "next": url})
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert pair.explanation_en in english


def test_the_adept_sees_the_mentor_as_partner(cast, client):
    pair = participant_pair(cast)
    client.force_login(pair.adept.applicant)
    page = client.get(reverse("mentorships:my_program", kwargs={"slug": cast.program.slug}))
    assert f"Din mentor: {cast.participant.full_name}" in page.content.decode()


def test_people_outside_a_pair_never_see_its_contact_details(cast, client_for):
    participant_pair(cast)
    other = other_pair(cast)
    url = reverse("mentorships:my_program", kwargs={"slug": cast.program.slug})
    client = client_for("participant")
    assert other.mentor.email not in client.get(url).content.decode()
    for role in ["hr_a", "hr_b", "coordinator", "other_coordinator"]:
        assert client_for(role).get(url).status_code == 404


def test_either_partner_can_change_the_shared_goals(cast, client):
    pair = participant_pair(cast)
    url = reverse("mentorships:goals", kwargs={"slug": cast.program.slug, "pair": pair.public_id})
    client.force_login(cast.participant)
    client.post(url, {"goals": "Lära oss av varandra."})
    client.force_login(pair.adept.applicant)
    client.post(url, {"goals": "Lära oss av varandra.\nTesta AI-verktyg."})
    pair.refresh_from_db()
    assert pair.goals == "Lära oss av varandra.\nTesta AI-verktyg."


def test_a_mentor_with_two_adepts_sees_both_and_the_effort_of_both(cast, client):
    pair = participant_pair(cast)
    second = make_pair(
        cast.program, mentor_user=cast.participant, org_mentor=cast.org_a, org_adept=cast.org_a
    )
    log(pair, hours="2")
    log(second, hours="1.5")
    log(second, hours="3", status=MeetingLog.Status.PLANNED, days_ago=-3)
    client.force_login(cast.participant)
    page = client.get(reverse("mentorships:my_program", kwargs={"slug": cast.program.slug}))
    assert page.context["effort"] == Decimal("3.5")
    assert [p.hours for p in page.context["pairs"]] == [Decimal("2"), Decimal("1.5")]


def test_the_log_page_costs_the_same_queries_for_1_and_30_meetings(cast, client):
    pair = participant_pair(cast)
    meeting_in(cast.program, 10)
    client.force_login(cast.participant)
    url = reverse("mentorships:my_program", kwargs={"slug": cast.program.slug})
    assert_constant_queries(client, url, lambda i: log(pair, days_ago=1 + i % 50, notes="x"))


def test_the_start_page_links_to_my_program_for_people_in_a_pair(cast, client_for):
    participant_pair(cast)
    url = reverse("mentorships:my_program", kwargs={"slug": cast.program.slug})
    assert url in client_for("participant").get(reverse("core:home")).content.decode()
    assert url not in client_for("hr_a").get(reverse("core:home")).content.decode()
