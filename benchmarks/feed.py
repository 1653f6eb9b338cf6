"""The personal calendar feed: the time of one feed request beside its floor.

Builds a throw-away SQLite database with the demo and one person who has a role, an
application and a pair in each of ``--programs`` programs with ``--meetings`` joint
meetings each, then times the feed view through Django's test client and, as the floor,
``build_calendar`` alone over the same events (serialising the iCalendar without any query).
Prints one JSON line.

    .venv/bin/python benchmarks/feed.py --programs 30 --meetings 6
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--programs", type=int, default=30)
    parser.add_argument("--meetings", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="revmentor-feed-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/feed.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revmentor.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone
    from tests.applications.support import make_application
    from tests.factories import make_joint_meeting, make_organisation, make_program
    from tests.mentorships.support import log, make_pair

    from revmentor.core.ics import build_calendar
    from revmentor.core.models import Role, User
    from revmentor.mentorships import ics, services

    call_command("migrate", verbosity=0)
    person = User.objects.create(email="bench@feed.example", full_name="Bänk Person")
    organisation = make_organisation("Bänkverket")
    for n in range(args.programs):
        program = make_program(organisations=[organisation])
        for m in range(args.meetings):
            make_joint_meeting(program, days_ahead=30 + 20 * m)
        Role.objects.create(
            user=person, kind=Role.Kind.HR, program=program, organisation=organisation
        )
        if n % 2:
            make_application(program, organisation, applicant=person)
        else:
            pair = make_pair(
                program, mentor_user=person, org_mentor=organisation, org_adept=organisation
            )
            log(pair, days_ago=3)
    token = services.personal_settings(person).calendar_token
    url = reverse("mentorships:feed", kwargs={"token": token})
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    feed_times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        client.get(url)
        feed_times.append(time.perf_counter() - start)
    now = timezone.now()
    holds, with_link, left = ics.feed_programs(person, now=now)
    from revmentor.programs.ics import joint_meeting_event
    from revmentor.programs.models import JointMeeting

    events = [
        joint_meeting_event(m, with_link=m.program_id in with_link)
        for m in JointMeeting.objects.filter(program_id__in=holds).select_related("program")
    ] + ics.own_meeting_events(person, now=now)
    floor_times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        build_calendar(events, name="floor")
        floor_times.append(time.perf_counter() - start)
    feed = statistics.median(feed_times) * 1000
    floor = statistics.median(floor_times) * 1000
    print(
        json.dumps(
            {
                "programs": args.programs,
                "events": response.content.count(b"BEGIN:VEVENT"),
                "queries": len(queries.captured_queries),
                "feed_ms": round(feed, 2),
                "floor_build_calendar_ms": round(floor, 2),
                "ratio": round(feed / floor, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
