"""The personal calendar feed: one secret address per person, regenerated on request."""

from datetime import timedelta

import icalendar
from django.urls import reverse
from django.utils import timezone

from revmentor.applications import services as application_services
from revmentor.applications.models import Application
from revmentor.core.models import Role
from revmentor.mentorships import services
from revmentor.mentorships.ics import CANCELLED_FOR
from revmentor.mentorships.models import MeetingLog, Mentorship
from revmentor.programs import services as program_services
from revmentor.programs.models import Program
from tests.applications.support import form_data, make_application
from tests.auth import sign_in
from tests.factories import make_joint_meeting, make_program, make_user
from tests.mentorships.support import log, make_pair, meeting_in, other_pair, participant_pair
from tests.querycount import assert_constant_queries


def _token(user) -> str:
    return services.personal_settings(user).calendar_token


def _summary(events: dict) -> dict[str, tuple[str, int]]:
    return {uid: (str(e["status"]), int(e["sequence"])) for uid, e in events.items()}


def _events(client, token) -> dict:
    response = client.get(reverse("mentorships:feed", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return {str(e["uid"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_feed_holds_the_joint_meetings_with_link_and_the_own_planned_and_held_meetings(
    cast, client
):
    pair = participant_pair(cast)
    meeting = meeting_in(cast.program, 12, digital_link="https://meet.test.example/hemlig")
    planned = log(pair, days_ago=-5, status=MeetingLog.Status.PLANNED)
    held = log(pair, days_ago=5)
    log(other_pair(cast), days_ago=-6, status=MeetingLog.Status.PLANNED)
    events = _events(client, services.personal_settings(cast.participant).calendar_token)
    assert set(events) == {
        f"joint-meeting-{meeting.uid}@revmentor",
        f"pair-meeting-{planned.public_id}@revmentor",
        f"pair-meeting-{held.public_id}@revmentor",
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


# ---- what the feed holds (issue 21) ----------------------------------------------------------


def test_an_applicant_sees_the_joint_meetings_at_once_and_cancelled_after_withdrawing(
    cast, client_for, client
):
    first = make_joint_meeting(cast.program, days_ahead=40)
    second = make_joint_meeting(cast.program, days_ahead=80)
    make_joint_meeting(cast.other_program, days_ahead=40)  # not applied to: never in the feed
    applicant = client_for("participant")
    applicant.post(
        reverse("applications:apply", kwargs={"slug": cast.program.slug}),
        {"employment_type": "permanent", "profile_kind": "mentor", "birth_year": "1996"},
    )
    token = _token(cast.participant)
    assert _events(client, token) == {}  # a draft is not an application yet
    response = applicant.post(
        reverse("applications:edit", kwargs={"slug": cast.program.slug}), form_data(cast)
    )
    assert response.status_code == 302
    assert Application.objects.get(applicant=cast.participant).status == "submitted"
    uids = [f"joint-meeting-{first.uid}@revmentor", f"joint-meeting-{second.uid}@revmentor"]
    events = _events(client, token)
    assert _summary(events) == {uids[0]: ("CONFIRMED", 0), uids[1]: ("CONFIRMED", 0)}
    # An applicant is not a participant yet: the digital link waits for the nomination.
    assert "https://meet.test.example/x" not in str(events[uids[0]].get("description", ""))
    applicant.post(reverse("applications:withdraw", kwargs={"slug": cast.program.slug}))
    assert _summary(_events(client, token)) == {
        uids[0]: ("CANCELLED", 1),
        uids[1]: ("CANCELLED", 1),
    }


def test_the_cancelled_meetings_leave_the_feed_after_the_cancellation_period(cast, client):
    meeting = make_joint_meeting(cast.program)
    application = make_application(cast.program, cast.org_a, applicant=cast.participant)
    application_services.withdraw(application=application, withdrawn_by=cast.participant)
    uid = f"joint-meeting-{meeting.uid}@revmentor"
    assert _summary(_events(client, _token(cast.participant))) == {uid: ("CANCELLED", 1)}
    Application.objects.filter(pk=application.pk).update(
        withdrawn_at=timezone.now() - CANCELLED_FOR - timedelta(minutes=1)
    )
    assert _events(client, _token(cast.participant)) == {}


def test_waitlisted_and_nominated_keep_the_meetings_and_declined_cancels_them(cast, client):
    meeting = make_joint_meeting(cast.program)
    uid = f"joint-meeting-{meeting.uid}@revmentor"
    waiting = make_application(cast.program, cast.org_a, status="waitlisted")
    nominated = make_application(cast.program, cast.org_a, status="nominated")
    declined = make_application(
        cast.program, cast.org_b, status="declined", decided_at=timezone.now()
    )
    draft = make_application(cast.program, cast.org_b, status="draft")
    assert _summary(_events(client, _token(waiting.applicant))) == {uid: ("CONFIRMED", 0)}
    assert _summary(_events(client, _token(nominated.applicant))) == {uid: ("CONFIRMED", 0)}
    assert "https://meet.test.example/x" in str(
        _events(client, _token(nominated.applicant))[uid]["description"]
    )
    assert _summary(_events(client, _token(declined.applicant))) == {uid: ("CANCELLED", 1)}
    assert _events(client, _token(draft.applicant)) == {}


def test_staff_get_the_joint_meetings_of_the_programs_they_run(cast, client):
    mine = make_joint_meeting(cast.program)
    make_joint_meeting(cast.other_program)
    events = _events(client, _token(cast.hr_a))
    assert _summary(events) == {f"joint-meeting-{mine.uid}@revmentor": ("CONFIRMED", 0)}


def test_a_completed_pair_keeps_its_past_meetings_and_the_joint_meetings(cast, client):
    pair = participant_pair(cast)
    joint = meeting_in(cast.program, -20)
    held = log(pair, days_ago=30)
    planned_then = log(pair, days_ago=10, status=MeetingLog.Status.PLANNED)
    Program.objects.filter(pk=cast.program.pk).update(
        status=Program.Status.CLOSED, period_end=timezone.localdate() - timedelta(days=1)
    )
    Mentorship.objects.filter(pk=pair.pk).update(
        status=Mentorship.Status.ENDED, ended_at=timezone.now()
    )
    assert _summary(_events(client, _token(cast.participant))) == {
        f"joint-meeting-{joint.uid}@revmentor": ("CONFIRMED", 0),
        f"pair-meeting-{held.public_id}@revmentor": ("CONFIRMED", 0),
        f"pair-meeting-{planned_then.public_id}@revmentor": ("CONFIRMED", 0),
    }


def test_a_pair_ended_early_keeps_its_held_meetings_and_cancels_the_planned_ones(cast, client):
    pair = participant_pair(cast)
    held = log(pair, days_ago=30)
    planned = log(pair, days_ago=-10, status=MeetingLog.Status.PLANNED)
    services.end_mentorship(
        mentorship=pair, cause="did_not_work", reason="Byter tjänst.", ended_by=cast.coordinator
    )
    assert _summary(_events(client, _token(cast.participant))) == {
        f"pair-meeting-{held.public_id}@revmentor": ("CONFIRMED", 0),
        f"pair-meeting-{planned.public_id}@revmentor": ("CANCELLED", 1),
    }


def test_the_calendar_page_says_what_the_feed_holds(cast, client_for):
    page = client_for("participant").get(reverse("mentorships:calendar")).content.decode()
    assert "de gemensamma träffarna i varje program som du har ansökt till" in page
    assert "både planerade och genomförda" in page
    assert "markeras programmets träffar som inställda i 30 dagar" in page


def test_the_feed_costs_the_same_queries_for_1_and_30_programs_and_meetings(cast, client):
    user = make_user()
    token = _token(user)
    url = reverse("mentorships:feed", kwargs={"token": token})
    pair = make_pair(cast.program, mentor_user=user, org_mentor=cast.org_a, org_adept=cast.org_b)

    def add_row(i: int) -> None:
        program = make_program(organisations=[cast.org_a])
        make_joint_meeting(program)
        Role.objects.create(user=user, kind=Role.Kind.COORDINATOR, program=program)
        status = ["submitted", "withdrawn", "nominated"][i % 3]
        application = make_application(program, cast.org_a, applicant=user, status=status)
        if status == "withdrawn":
            Application.objects.filter(pk=application.pk).update(withdrawn_at=timezone.now())
        log(pair, days_ago=i, status=MeetingLog.Status.PLANNED if i % 2 else "held")

    # ... and one more for the meetings of the groups the person is in.
    assert assert_constant_queries(client, url, add_row) == 7
