"""Calendar updates that reach Outlook (issue 15): joint meetings and planned pair meetings
are e-mailed as iTIP invitations with a stable UID and a rising SEQUENCE; the coordinator
previews who gets them and confirms; cancelling asks for a reason; opting out is respected."""

from datetime import timedelta

import icalendar
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from revmentor.applications.models import Application
from revmentor.mentorships import services
from revmentor.mentorships.models import MeetingLog
from tests.applications.support import make_application
from tests.factories import make_user
from tests.mentorships.support import log, participant_pair

INVITATION_TASK = "revmentor.mentorships.tasks.send_invitation"


def _meeting_data(day: str = "2030-05-05") -> dict:
    return {
        "title": "Framtidsspaning",
        "lecturer": "Lena Föreläsare",
        "topics": "",
        "starts_at": f"{day}T13:00",
        "ends_at": f"{day}T15:00",
        "digital_link": "https://m.test.example/2",
        "place": "",
    }


def _invitations(outbox) -> dict[str, tuple[str, str, int, str, str]]:
    """Per recipient: (METHOD, UID, SEQUENCE, STATUS, attendee) of the one attached event."""
    found = {}
    for message in outbox:
        ((filename, content, mimetype),) = message.attachments
        calendar = icalendar.Calendar.from_ical(content)
        (event,) = calendar.walk("VEVENT")
        method = str(calendar["method"])
        assert (filename, mimetype) == (
            "invite.ics",
            f"text/calendar; method={method}; charset=utf-8",
        )
        (address,) = message.to
        found[address] = (
            method,
            str(event["uid"]),
            int(event["sequence"]),
            str(event["status"]),
            str(event["attendee"]),
        )
    return found


def _people(cast):
    """A participant in a pair, an applicant, an opted-out applicant, a withdrawn one."""
    pair = participant_pair(cast)
    applicant = make_application(cast.program, cast.org_a, email="sokande@test.example")
    quiet = make_application(cast.program, cast.org_b, email="tyst@test.example")
    services.set_personal_reminders(user=quiet.applicant, enabled=False)
    make_application(cast.program, cast.org_b, status="withdrawn", email="borta@test.example")
    return pair, applicant


def test_a_new_moved_and_cancelled_joint_meeting_is_emailed_after_the_coordinators_preview(
    cast, client_for, run_tasks
):
    pair, applicant = _people(cast)
    client = client_for("coordinator")
    slug = cast.program.slug
    response = client.post(
        reverse("programs:meeting_create", kwargs={"slug": slug}), _meeting_data()
    )
    meeting = cast.program.joint_meetings.get()
    invite_url = reverse("mentorships:meeting_invite", kwargs={"slug": slug, "uid": meeting.uid})
    assert response["Location"] == invite_url
    preview = client.get(invite_url).content.decode()
    assert "3 personer får e-postmeddelandet" in preview
    for name in (pair.mentor.full_name, pair.adept.full_name, applicant.full_name):
        assert name in preview
    assert "1 person till har stängt av påminnelser" in preview
    assert run_tasks() == []  # nothing goes before the coordinator confirms

    sent = client.post(invite_url, follow=True).content.decode()
    assert "Kalenderuppdateringen skickades med e-post till 3 personer." in sent
    again = client.post(invite_url, follow=True).content.decode()  # a double click
    assert "Den här versionen av träffen har redan skickats med e-post." in again
    uid = f"joint-meeting-{meeting.uid}@revmentor"
    people = {pair.mentor.email, pair.adept.email, applicant.email}
    assert _invitations(run_tasks()) == {
        address: ("REQUEST", uid, 0, "CONFIRMED", f"mailto:{address}") for address in people
    }
    # The queue holds ids and the version only: no address, name or text.
    for task in DBTaskResult.objects.filter(task_path=INVITATION_TASK):
        assert set(task.args_kwargs["kwargs"]) == {"kind", "object_id", "user_id", "sequence"}

    run_tasks().clear()
    client.post(
        reverse("programs:meeting_edit", kwargs={"slug": slug, "uid": meeting.uid}),
        _meeting_data("2030-05-06"),
    )
    client.post(invite_url)
    moved = _invitations(run_tasks())
    assert moved == {
        address: ("REQUEST", uid, 1, "CONFIRMED", f"mailto:{address}") for address in people
    }

    run_tasks().clear()
    cancel_url = reverse("mentorships:meeting_cancel", kwargs={"slug": slug, "uid": meeting.uid})
    page = client.get(cancel_url).content.decode()
    assert "3 personer får e-postmeddelandet" in page
    refused = client.post(cancel_url, {"reason": ""})
    assert refused.status_code == 200 and refused.context["form"].errors
    meeting.refresh_from_db()
    assert (meeting.cancelled, meeting.sequence) == (False, 1)
    client.post(cancel_url, {"reason": "Föreläsaren är sjuk."})
    outbox = run_tasks()
    assert _invitations(outbox) == {
        address: ("CANCEL", uid, 2, "CANCELLED", f"mailto:{address}") for address in people
    }
    assert all("Föreläsaren är sjuk." in message.body for message in outbox)
    assert all("https://m.test.example/2" not in message.body for message in outbox)
    assert outbox[0].subject == "Inställd: Framtidsspaning"
    participant_page = client_for("participant").get(
        reverse("mentorships:joint_meetings", kwargs={"slug": slug})
    )
    assert "Föreläsaren är sjuk." in participant_page.content.decode()


def test_an_invitation_queued_for_an_older_version_sends_nothing(cast, client_for, run_tasks):
    pair, _applicant = _people(cast)
    client = client_for("coordinator")
    slug = cast.program.slug
    client.post(reverse("programs:meeting_create", kwargs={"slug": slug}), _meeting_data())
    meeting = cast.program.joint_meetings.get()
    client.post(reverse("mentorships:meeting_invite", kwargs={"slug": slug, "uid": meeting.uid}))
    client.post(
        reverse("programs:meeting_edit", kwargs={"slug": slug, "uid": meeting.uid}),
        _meeting_data("2030-05-07"),
    )
    assert run_tasks() == []  # version 0 was replaced before the worker ran


def test_planned_pair_meetings_reach_both_partners_and_a_removed_one_is_cancelled(
    cast, client_for, run_tasks
):
    pair = participant_pair(cast)
    client = client_for("participant")
    base = {"slug": cast.program.slug, "pair": pair.public_id}
    data = {
        "status": "planned",
        "date": (timezone.localdate() + timedelta(days=10)).isoformat(),
        "start_time": "14:00",
        "hours": "1",
        "format": "digital",
    }
    client.post(reverse("mentorships:log_create", kwargs=base), data)
    planned = MeetingLog.objects.get(mentorship=pair)
    uid = f"pair-meeting-{planned.public_id}@revmentor"
    people = {pair.mentor.email, pair.adept.email}
    created = _invitations(run_tasks())
    assert created == {a: ("REQUEST", uid, 0, "CONFIRMED", f"mailto:{a}") for a in people}

    run_tasks().clear()
    log_url = reverse("mentorships:log_edit", kwargs={**base, "log": planned.public_id})
    client.post(log_url, {**data, "start_time": "15:00"})
    moved = _invitations(run_tasks())
    assert moved == {a: ("REQUEST", uid, 1, "CONFIRMED", f"mailto:{a}") for a in people}

    run_tasks().clear()
    services.set_personal_reminders(user=pair.adept.applicant, enabled=False)
    client.post(reverse("mentorships:log_delete", kwargs={**base, "log": planned.public_id}))
    (queued,) = DBTaskResult.objects.filter(
        task_path="revmentor.mentorships.tasks.send_pair_cancellation"
    )
    assert set(queued.args_kwargs["kwargs"]) == {
        "mentorship_id",
        "uid",
        "sequence",
        "starts_at",
        "ends_at",
        "user_id",
    }
    removed = _invitations(run_tasks())
    assert removed == {
        pair.mentor.email: ("CANCEL", uid, 2, "CANCELLED", f"mailto:{pair.mentor.email}")
    }


def test_a_held_meeting_sends_no_invitation(cast, run_tasks):
    pair = participant_pair(cast)
    log(pair, days_ago=3)
    services.log_meeting(
        mentorship=pair,
        logged_by=pair.mentor.applicant,
        values={
            "status": "held",
            "date": pair.started_at.date(),
            "start_time": None,
            "hours": 1,
            "format": "digital",
            "topics": "",
            "notes": "",
        },
    )
    assert run_tasks() == []


def test_recipients_leave_out_drafts_declined_and_other_programs(cast):
    from revmentor.mentorships.invitations import joint_meeting_recipients
    from tests.factories import make_joint_meeting

    meeting = make_joint_meeting(cast.program)
    sent = make_application(cast.program, cast.org_a)
    make_application(cast.program, cast.org_a, status="draft")
    make_application(cast.program, cast.org_a, status="declined")
    make_application(cast.other_program, cast.org_a, applicant=make_user())
    assert [r.user_id for r in joint_meeting_recipients(meeting)] == [sent.applicant_id]
    assert Application.objects.filter(program=cast.program).count() == 3
