from django.urls import reverse

from tests.factories import make_joint_meeting
from tests.matrix import Case, everyone, only


def manage(name, **extra):
    return lambda c: reverse(f"programs:{name}", kwargs={"slug": c.program.slug, **extra})


def meeting_url(name):
    def build(c):
        meeting = c.program.joint_meetings.first() or make_joint_meeting(c.program)
        return reverse(f"programs:{name}", kwargs={"slug": c.program.slug, "uid": meeting.uid})

    return build


def role_revoke(c):
    role = c.program.roles.filter(user=c.hr_b).first() or _regrant(c)
    return reverse(
        "programs:role_revoke", kwargs={"slug": c.program.slug, "public_id": role.public_id}
    )


def organisation_edit(c):
    return reverse(
        "programs:organisation_edit",
        kwargs={"slug": c.program.slug, "public_id": c.org_a.public_id},
    )


COORDINATOR_PAGE = only({"coordinator": 200})
COORDINATOR_POST = only({"coordinator": 302})

MATRIX = {
    "programs:list": Case(lambda c: reverse("programs:list"), everyone(200)),
    "programs:detail": Case(lambda c: c.program.get_absolute_url(), everyone(200)),
    "programs:calendar": Case(manage("calendar"), everyone(200)),
    "programs:meeting_calendar": Case(meeting_url("meeting_calendar"), everyone(200)),
    # Any coordinator may start a new program; other signed-in people get 404.
    "programs:create": Case(
        lambda c: reverse("programs:create"), only({"coordinator": 200, "other_coordinator": 200})
    ),
    "programs:manage": Case(manage("manage"), COORDINATOR_PAGE),
    "programs:edit": Case(manage("edit"), COORDINATOR_PAGE),
    "programs:deadline": Case(manage("deadline"), COORDINATOR_PAGE),
    "programs:status": Case(
        manage("status"),
        COORDINATOR_POST,
        method="post",
        data=lambda c: {"status": "nominating", "confirmed": "1"},
    ),
    "programs:copy": Case(manage("copy"), COORDINATOR_POST, method="post"),
    "programs:profiles": Case(manage("profiles"), COORDINATOR_PAGE),
    "programs:topics": Case(manage("topics"), COORDINATOR_PAGE),
    "programs:organisations": Case(manage("organisations"), COORDINATOR_PAGE),
    "programs:organisation_create": Case(manage("organisation_create"), COORDINATOR_PAGE),
    "programs:organisation_edit": Case(organisation_edit, COORDINATOR_PAGE),
    "programs:meetings": Case(manage("meetings"), COORDINATOR_PAGE),
    "programs:meeting_create": Case(manage("meeting_create"), COORDINATOR_PAGE),
    "programs:meeting_edit": Case(meeting_url("meeting_edit"), COORDINATOR_PAGE),
    "programs:contacts": Case(manage("contacts"), COORDINATOR_PAGE),
    "programs:roles": Case(manage("roles"), COORDINATOR_PAGE),
    "programs:role_revoke": Case(role_revoke, COORDINATOR_POST, method="post"),
}


def _regrant(c):
    # The coordinator's revoke in an earlier role's turn has already removed it; give it back.
    from revmentor.core.models import Role

    return Role.objects.create(
        user=c.hr_b, kind=Role.Kind.HR, program=c.program, organisation=c.org_b
    )
