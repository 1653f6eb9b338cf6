"""Guides for the pairs: the goal template, discussion guides per joint meeting, meeting place."""

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from revmentor.mentorships.ics import personal_calendar
from revmentor.mentorships.models import MeetingLog
from tests.mentorships.support import make_running, meeting_in, participant_pair

pytestmark = pytest.mark.django_db


def test_a_pair_fills_in_the_goal_template_under_the_coordinators_guidance(client_for, cast):
    make_running(cast.program)
    cast.program.goal_guidance = "Sätt målen tillsammans vid första mötet."
    cast.program.save()
    pair = participant_pair(cast)
    url = reverse("mentorships:goals", kwargs={"slug": cast.program.slug, "pair": pair.public_id})
    client = client_for("participant")
    page = client.get(url).content.decode()
    assert "Sätt målen tillsammans vid första mötet." in page
    assert "Vad vill adepten lära sig?" in page
    response = client.post(
        url,
        {
            "adept_learning": "Leda digitala möten.",
            "mentor_understanding": "Hur ledningsgruppen fattar beslut.",
            "meeting_rhythm": "Varannan vecka",
            "goals": "",
        },
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.adept_learning, pair.mentor_understanding, pair.meeting_rhythm) == (
        "Leda digitala möten.",
        "Hur ledningsgruppen fattar beslut.",
        "Varannan vecka",
    )
    my_page = client.get(reverse("mentorships:my_program", kwargs={"slug": cast.program.slug}))
    html = my_page.content.decode()
    assert "Adepten vill lära sig" in html and "Leda digitala möten." in html


def test_the_coordinator_writes_a_discussion_guide_the_pairs_read(client_for, cast):
    make_running(cast.program)
    participant_pair(cast)
    meeting = meeting_in(cast.program, 10)
    data = {
        "title": meeting.title,
        "lecturer": "",
        "topics": "Fördomar och myter",
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "digital_link": "https://m.test.example/1",
        "place": "",
        "discussion_guide": "Vilka fördomar har ni hört?\nVad stämmer inte?",
    }
    response = client_for("coordinator").post(
        reverse("programs:meeting_edit", kwargs={"slug": cast.program.slug, "uid": meeting.uid}),
        data,
    )
    assert response.status_code == 302
    page = client_for("participant").get(
        reverse("mentorships:joint_meetings", kwargs={"slug": cast.program.slug})
    )
    html = page.content.decode()
    assert "Samtalsguide för ert par" in html
    assert "<li>Vilka fördomar har ni hört?</li>" in html
    assert "<li>Vad stämmer inte?</li>" in html


def test_a_planned_pair_meeting_has_a_place_that_reaches_the_calendar(client_for, cast):
    make_running(cast.program)
    pair = participant_pair(cast)
    day = timezone.localdate() + timezone.timedelta(days=5)
    response = client_for("participant").post(
        reverse(
            "mentorships:log_create", kwargs={"slug": cast.program.slug, "pair": pair.public_id}
        ),
        {
            "status": "planned",
            "date": day.isoformat(),
            "start_time": "10:00",
            "hours": "1",
            "format": "digital",
            "place": "https://video.test.example/par-1",
        },
    )
    assert response.status_code == 302
    assert MeetingLog.objects.get().place == "https://video.test.example/par-1"
    calendar = icalendar.Calendar.from_ical(personal_calendar(cast.participant))
    [event] = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("pair-meeting-")]
    assert str(event["LOCATION"]) == "https://video.test.example/par-1"


def test_the_demo_has_guides_on_the_announcements_themes(db):
    from faker import Faker

    from revmentor.programs.demo import DemoContext, seed_programs

    faker = Faker("sv_SE")
    faker.seed_instance(1)
    ctx = DemoContext(faker=faker)
    seed_programs(ctx)
    guides = dict(ctx.closed.joint_meetings.values_list("title", "discussion_guide"))
    assert "fördomar" in guides["Uppstart: fördomar och myter om generationer"]
    assert "tio år" in guides["Framtidsspaning bortom generationsgränserna"]
    assert ctx.closed.goal_guidance.startswith("Sätt era mål tillsammans")
