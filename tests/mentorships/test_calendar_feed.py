"""The personal calendar feed: one secret address per person, regenerated on request."""

import icalendar
from django.urls import reverse

from revmentor.mentorships import services
from revmentor.mentorships.models import MeetingLog
from revmentor.programs import services as program_services
from tests.auth import sign_in
from tests.mentorships.support import log, meeting_in, other_pair, participant_pair


def _events(client, token) -> dict:
    response = client.get(reverse("mentorships:feed", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_feed_holds_the_joint_meetings_with_link_and_only_the_own_planned_meetings(
    cast, client
):
    pair = participant_pair(cast)
    meeting = meeting_in(cast.program, 12, digital_link="https://meet.test.example/hemlig")
    planned = log(pair, days_ago=-5, status=MeetingLog.Status.PLANNED)
    log(pair, days_ago=5)  # held meetings stay out of the calendar
    log(other_pair(cast), days_ago=-6, status=MeetingLog.Status.PLANNED)
    events = _events(client, services.personal_settings(cast.participant).calendar_token)
    assert set(events) == {
        f"joint-meeting-{meeting.uid}@revmentor",
        f"pair-meeting-{planned.public_id}@revmentor",
    }
    assert "https://meet.test.example/hemlig" in str(
        events[f"joint-meeting-{meeting.uid}@revmentor"]["description"]
    )


def test_a_changed_joint_meeting_keeps_its_uid_with_a_higher_sequence(cast, client):
    participant_pair(cast)
    meeting = meeting_in(cast.program, 12)
    token = services.personal_settings(cast.participant).calendar_token
    uid = f"joint-meeting-{meeting.uid}@revmentor"
    assert int(_events(client, token)[uid]["sequence"]) == 0
    program_services.cancel_joint_meeting(meeting=meeting, changed_by=cast.coordinator)
    event = _events(client, token)[uid]
    assert (int(event["sequence"]), str(event["status"])) == (1, "CANCELLED")


def test_a_wrong_token_is_404(cast, client):
    participant_pair(cast)
    services.personal_settings(cast.participant)
    assert client.get(reverse("mentorships:feed", kwargs={"token": "wrong"})).status_code == 404


def test_regenerating_the_token_stops_the_old_address(cast, client):
    participant_pair(cast)
    old = services.personal_settings(cast.participant).calendar_token
    sign_in(client, cast.participant)
    response = client.post(reverse("mentorships:calendar_regenerate"))
    assert response.status_code == 302
    new = services.personal_settings(cast.participant).calendar_token
    assert new != old and len(new) >= 40
    assert client.get(reverse("mentorships:feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("mentorships:feed", kwargs={"token": new})).status_code == 200


def test_the_calendar_page_shows_the_address_and_switches_reminders_off(cast, client):
    participant_pair(cast)
    sign_in(client, cast.participant)
    page = client.get(reverse("mentorships:calendar")).content.decode()
    token = services.personal_settings(cast.participant).calendar_token
    assert f"/calendar/{token}.ics" in page
    client.post(reverse("mentorships:calendar"), {})
    assert services.personal_settings(cast.participant).reminders is False
