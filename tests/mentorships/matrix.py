from django.urls import reverse

from revmentor.mentorships import services
from tests.matrix import Case, everyone, only, signed_in
from tests.mentorships.support import (
    group_log,
    group_of,
    log,
    material,
    next_meeting,
    other_pair,
    participant_pair,
)


def my(name, **extra):
    def build(c):
        participant_pair(c)
        return reverse(f"mentorships:{name}", kwargs={"slug": c.program.slug, **extra})

    return build


def pair_url(name):
    def build(c):
        pair = participant_pair(c)
        return reverse(
            f"mentorships:{name}", kwargs={"slug": c.program.slug, "pair": pair.public_id}
        )

    return build


def log_url(name):
    def build(c):
        pair = participant_pair(c)
        found = pair.meeting_logs.first() or log(pair)
        return reverse(
            f"mentorships:{name}",
            kwargs={"slug": c.program.slug, "pair": pair.public_id, "log": found.public_id},
        )

    return build


def manage(name):
    def build(c):
        participant_pair(c)
        return reverse(f"mentorships:{name}", kwargs={"slug": c.program.slug})

    return build


def other_pair_url(c):
    pair = other_pair(c)
    return reverse("mentorships:end_pair", kwargs={"slug": c.program.slug, "pair": pair.public_id})


def group_url(name):
    def build(c):
        group = group_of(c, participant_pair(c))
        return reverse(
            f"mentorships:{name}", kwargs={"slug": c.program.slug, "group": group.public_id}
        )

    return build


def group_log_url(name):
    def build(c):
        group = group_of(c, participant_pair(c))
        found = group.meeting_logs.first() or group_log(group, c.participant)
        return reverse(
            f"mentorships:{name}",
            kwargs={"slug": c.program.slug, "group": group.public_id, "log": found.public_id},
        )

    return build


def meeting_url(name):
    def build(c):
        meeting = next_meeting(c)
        return reverse(f"mentorships:{name}", kwargs={"slug": c.program.slug, "uid": meeting.uid})

    return build


def material_url(name):
    def build(c):
        return reverse(
            f"mentorships:{name}",
            kwargs={"slug": c.program.slug, "material": material(c).public_id},
        )

    return build


def feed_url(c):
    participant_pair(c)
    token = services.personal_settings(c.participant).calendar_token
    return reverse("mentorships:feed", kwargs={"token": token})


PARTICIPANT_PAGE = only({"participant": 200})
PARTICIPANT_POST = only({"participant": 302})
COORDINATOR_PAGE = only({"coordinator": 200})
COORDINATOR_POST = only({"coordinator": 302})

MATRIX = {
    "mentorships:my_program": Case(my("my_program"), PARTICIPANT_PAGE),
    "mentorships:joint_meetings": Case(my("joint_meetings"), PARTICIPANT_PAGE),
    "mentorships:log_create": Case(pair_url("log_create"), PARTICIPANT_PAGE),
    "mentorships:log_edit": Case(log_url("log_edit"), PARTICIPANT_PAGE),
    "mentorships:log_delete": Case(log_url("log_delete"), PARTICIPANT_POST, method="post"),
    "mentorships:goals": Case(pair_url("goals"), PARTICIPANT_PAGE),
    "mentorships:attendance": Case(
        meeting_url("attendance"),
        PARTICIPANT_POST,
        method="post",
        data=lambda c: {"answer": "attending"},
    ),
    "mentorships:group": Case(group_url("group"), only({"participant": 200, "coordinator": 200})),
    # The group's own log and goals: its members only (the coordinator sees who is in it).
    "mentorships:group_log_create": Case(group_url("group_log_create"), PARTICIPANT_PAGE),
    "mentorships:group_log_edit": Case(group_log_url("group_log_edit"), PARTICIPANT_PAGE),
    "mentorships:group_log_delete": Case(
        group_log_url("group_log_delete"), PARTICIPANT_POST, method="post"
    ),
    "mentorships:group_goals": Case(group_url("group_goals"), PARTICIPANT_PAGE),
    "mentorships:material": Case(
        material_url("material"), only({"participant": 200, "coordinator": 200})
    ),
    # Everyone signed in has their own calendar page; the feed's secret token is the key.
    "mentorships:calendar": Case(lambda c: reverse("mentorships:calendar"), signed_in(200)),
    "mentorships:calendar_regenerate": Case(
        lambda c: reverse("mentorships:calendar_regenerate"), signed_in(302), method="post"
    ),
    "mentorships:feed": Case(feed_url, everyone(200)),
    "mentorships:activity": Case(manage("activity"), COORDINATOR_PAGE),
    "mentorships:end_pair": Case(other_pair_url, COORDINATOR_PAGE),
    "mentorships:groups": Case(manage("groups"), COORDINATOR_PAGE),
    "mentorships:group_create": Case(manage("group_create"), COORDINATOR_PAGE),
    "mentorships:group_edit": Case(group_url("group_edit"), COORDINATOR_PAGE),
    "mentorships:group_delete": Case(group_url("group_delete"), COORDINATOR_POST, method="post"),
    "mentorships:materials": Case(meeting_url("materials"), COORDINATOR_PAGE),
    "mentorships:meeting_invite": Case(meeting_url("meeting_invite"), COORDINATOR_PAGE),
    "mentorships:meeting_cancel": Case(meeting_url("meeting_cancel"), COORDINATOR_PAGE),
    "mentorships:material_delete": Case(
        material_url("material_delete"), COORDINATOR_POST, method="post"
    ),
    "mentorships:reminders": Case(manage("reminders"), COORDINATOR_PAGE),
}
