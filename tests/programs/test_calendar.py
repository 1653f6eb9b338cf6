"""Calendar files: stable UIDs, SEQUENCE on change, STATUS:CANCELLED, Europe/Stockholm VTIMEZONE."""

from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from revmentor.programs import services
from tests.factories import make_joint_meeting

pytestmark = pytest.mark.django_db


def parse(response) -> icalendar.Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_program_feed_parses_and_carries_the_stockholm_timezone(client, cast):
    first = make_joint_meeting(cast.program, title="Träff ett", days_ahead=40)
    make_joint_meeting(cast.program, title="Träff två", days_ahead=70)
    calendar = parse(client.get(reverse("programs:calendar", kwargs={"slug": cast.program.slug})))
    timezones = calendar.walk("VTIMEZONE")
    events = calendar.walk("VEVENT")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Stockholm"]
    assert [str(e["SUMMARY"]) for e in events] == [
        f"{cast.program.title}: Träff ett",
        f"{cast.program.title}: Träff två",
    ]
    assert str(events[0]["UID"]) == f"joint-meeting-{first.uid}@revmentor"
    start = events[0]["DTSTART"].dt
    assert (
        start.tzinfo.key
        if hasattr(start.tzinfo, "key")
        else str(start.tzinfo) == "Europe/Stockholm"
    )
    assert start == first.starts_at.astimezone(ZoneInfo("Europe/Stockholm"))
    assert events[0]["DTSTART"].params["TZID"] == "Europe/Stockholm"
    # The digital link is for participants' own feeds only, never the public one.
    assert (
        "meet.test.example"
        not in client.get(
            reverse("programs:calendar", kwargs={"slug": cast.program.slug})
        ).content.decode()
    )


def test_changed_meeting_keeps_uid_with_higher_sequence_and_cancelled_is_marked(client, cast):
    meeting = make_joint_meeting(cast.program)
    url = reverse(
        "programs:meeting_calendar", kwargs={"slug": cast.program.slug, "uid": meeting.uid}
    )
    before = parse(client.get(url)).walk("VEVENT")[0]
    meeting.title = "Ny titel"
    services.save_joint_meeting(meeting=meeting, changed_by=cast.coordinator)
    services.cancel_joint_meeting(meeting=meeting, changed_by=cast.coordinator)
    after = parse(client.get(url)).walk("VEVENT")[0]
    assert str(after["UID"]) == str(before["UID"])
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 2)
    assert (str(before["STATUS"]), str(after["STATUS"])) == ("CONFIRMED", "CANCELLED")


def test_meeting_of_another_program_is_404(client, cast):
    other = make_joint_meeting(cast.other_program)
    url = reverse("programs:meeting_calendar", kwargs={"slug": cast.program.slug, "uid": other.uid})
    assert client.get(url).status_code == 404
