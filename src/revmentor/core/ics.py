"""iCalendar files that Outlook and Google Calendar update in place.

Every event keeps a stable UID; a changed event carries a higher SEQUENCE and a
cancelled one STATUS:CANCELLED. Times are written in Europe/Stockholm with its VTIMEZONE.
An e-mailed invitation (iTIP, RFC 5546) is the same event with METHOD:REQUEST, or
METHOD:CANCEL, an ORGANIZER and the one ATTENDEE it is sent to, so Outlook updates the
entry already in the calendar in place.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.http import HttpResponse
from django.utils import timezone

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PRODUCT_ID = "-//revmentor//revmentor//SV"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    summary: str
    updated_at: datetime
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    organizer: str = ""  # an e-mail address; only for invitations
    organizer_name: str = ""
    attendee: str = ""
    attendee_name: str = ""


def stockholm_timezone() -> icalendar.Timezone:
    """Europe/Stockholm as the EU summer-time rule, valid for every year since 1996."""
    tz = icalendar.Timezone()
    tz.add("tzid", "Europe/Stockholm")
    tz.add("x-lic-location", "Europe/Stockholm")
    summer = icalendar.TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", timezone.timedelta(hours=1))
    summer.add("tzoffsetto", timezone.timedelta(hours=2))
    summer.add("dtstart", datetime(1981, 3, 29, 2, 0, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = icalendar.TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", timezone.timedelta(hours=2))
    winter.add("tzoffsetto", timezone.timedelta(hours=1))
    winter.add("dtstart", datetime(1996, 10, 27, 3, 0, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def build_calendar(events: list[CalendarEvent], *, name: str, method: str = "PUBLISH") -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    calendar.add_component(stockholm_timezone())
    for item in events:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("sequence", item.sequence)
        event.add("dtstamp", item.updated_at.astimezone(ZoneInfo("UTC")))
        event.add("last-modified", item.updated_at.astimezone(ZoneInfo("UTC")))
        event.add("dtstart", item.starts_at.astimezone(STOCKHOLM))
        event.add("dtend", item.ends_at.astimezone(STOCKHOLM))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        if item.organizer:
            organizer = icalendar.vCalAddress(f"mailto:{item.organizer}")
            organizer.params["cn"] = icalendar.vText(item.organizer_name or item.organizer)
            event.add("organizer", organizer)
        if item.attendee:
            attendee = icalendar.vCalAddress(f"mailto:{item.attendee}")
            attendee.params["cn"] = icalendar.vText(item.attendee_name or item.attendee)
            attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
            attendee.params["partstat"] = icalendar.vText("NEEDS-ACTION")
            attendee.params["rsvp"] = icalendar.vText("FALSE")
            event.add("attendee", attendee)
        calendar.add_component(event)
    return calendar.to_ical()


def invitation(event: CalendarEvent, *, name: str) -> tuple[str, str, str]:
    """The e-mail attachment (filename, text, mimetype) of an iTIP invitation for ``event``:
    METHOD:CANCEL for a cancelled event, METHOD:REQUEST otherwise."""
    method = "CANCEL" if event.cancelled else "REQUEST"
    content = build_calendar([event], name=name, method=method).decode("utf-8")
    return ("invite.ics", content, f"text/calendar; method={method}; charset=utf-8")


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
