"""iCalendar files that Outlook and Google Calendar update in place.

Every event keeps a stable UID; a changed event carries a higher SEQUENCE and a
cancelled one STATUS:CANCELLED. Times are written in Europe/Stockholm with its VTIMEZONE.
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
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
