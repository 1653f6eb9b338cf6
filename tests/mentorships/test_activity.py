"""The coordinator's activity view: stuck pairs flagged, effort, attendance, ending a pair."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from revmentor.core.models import AuditEntry
from revmentor.mentorships.models import Attendance, Mentorship
from tests.mentorships.support import log, make_pair, meeting_in, other_pair, participant_pair
from tests.querycount import assert_constant_queries


def _activity(cast, client_for):
    return client_for("coordinator").get(
        reverse("mentorships:activity", kwargs={"slug": cast.program.slug})
    )


def test_a_pair_with_no_meeting_for_30_days_is_flagged(cast, client_for):
    stuck = participant_pair(cast)  # started 40 days ago, nothing logged
    busy = other_pair(cast)
    log(busy, days_ago=3, hours="2")
    log(busy, days_ago=12, hours="1.5")
    response = _activity(cast, client_for)
    rows = {p.pk: (p.stuck, p.held_count, p.held_hours) for p in response.context["pairs"]}
    assert rows == {stuck.pk: (True, 0, None), busy.pk: (False, 2, Decimal("3.5"))}
    page = response.content.decode()
    assert "1 par har inte antecknat något möte på 30 dagar." in page
    assert page.count('class="flagged"') == 1


def test_a_pair_that_met_29_days_ago_is_not_flagged(cast, client_for):
    log(participant_pair(cast), days_ago=29)
    assert [p.stuck for p in _activity(cast, client_for).context["pairs"]] == [False]


def test_effort_and_attendance_are_summed_per_organisation(cast, client_for):
    mine = participant_pair(cast)  # mentor A, adept B
    theirs = other_pair(cast)  # mentor B, adept A
    log(mine, hours="2")
    log(theirs, hours="1")
    meeting = meeting_in(cast.program, 5)
    Attendance.objects.create(meeting=meeting, application=mine.mentor, answer="attending")
    Attendance.objects.create(meeting=meeting, application=mine.adept, answer="not_attending")
    Attendance.objects.create(meeting=meeting, application=theirs.adept, answer="attending")
    response = _activity(cast, client_for)
    rows = [
        (r.name, r.pairs, r.hours, r.attending, r.not_attending)
        for r in response.context["organisations"]
    ]
    assert rows == [
        ("Organisation A", 2, Decimal("3"), 2, 0),
        ("Organisation B", 2, Decimal("3"), 0, 1),
    ]
    meetings = [(m.pk, m.attending, m.not_attending) for m in response.context["meetings"]]
    assert meetings == [(meeting.pk, 2, 1)]


def test_ending_a_pair_early_tells_both_partners_without_the_reason(cast, client_for, run_tasks):
    pair = participant_pair(cast)
    url = reverse(
        "mentorships:end_pair", kwargs={"slug": cast.program.slug, "pair": pair.public_id}
    )
    client_for("coordinator").post(
        url, {"cause": "left_organisation", "leaver": "adept", "reason": "Adepten har bytt jobb."}
    )
    ended = [m for m in run_tasks() if "har avslutats" in m.subject or "has ended" in m.subject]
    assert sorted(m.to[0] for m in ended) == sorted([pair.mentor.email, pair.adept.email])
    assert [("Adepten har bytt jobb." in m.body, "Reason" in m.body) for m in ended] == [
        (False, False),
        (False, False),
    ]
    assert all("Anledning" not in m.body for m in ended)


def test_ending_a_pair_early_is_audited_and_links_to_matching(cast, client_for):
    pair = participant_pair(cast)
    client = client_for("coordinator")
    url = reverse(
        "mentorships:end_pair", kwargs={"slug": cast.program.slug, "pair": pair.public_id}
    )
    page = client.get(url).content.decode()
    assert reverse("matching:workspace", kwargs={"slug": cast.program.slug}) in page
    assert client.post(url, {"reason": ""}).status_code == 200
    # Someone left, but who is not said: refused next to the field, nothing saved.
    refused = client.post(url, {"cause": "left_organisation", "reason": "Bytt jobb."})
    assert (refused.status_code, refused.context["form"].errors) == (
        200,
        {"leaver": ["Välj vem som lämnar."]},
    )
    assert Mentorship.objects.get(pk=pair.pk).status == Mentorship.Status.ACTIVE
    response = client.post(
        url, {"cause": "left_organisation", "leaver": "adept", "reason": "Adepten har bytt jobb."}
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert (pair.status, pair.end_cause, pair.leaver, pair.end_reason) == (
        Mentorship.Status.ENDED,
        "left_organisation",
        pair.adept,
        "Adepten har bytt jobb.",
    )
    entry = AuditEntry.objects.get(action="mentorships.ended")
    assert (entry.actor, entry.after) == (
        cast.coordinator,
        {
            "status": "ended",
            "cause": "left_organisation",
            "leaver": "adept",
            "reason": "Adepten har bytt jobb.",
        },
    )
    assert client.get(url).status_code == 404
    # The remaining person no longer sees the ended pair.
    assert (
        client_for("participant")
        .get(reverse("mentorships:my_program", kwargs={"slug": cast.program.slug}))
        .status_code
        == 404
    )


def test_the_activity_page_costs_the_same_queries_for_1_and_30_pairs(cast, client_for):
    participant_pair(cast)
    meeting_in(cast.program, 5)
    Mentorship.objects.all().delete()

    def add_pair(i):
        pair = make_pair(
            cast.program,
            org_mentor=cast.org_a,
            org_adept=cast.org_b,
            started_at=timezone.now() - timedelta(days=i),
        )
        log(pair, days_ago=i % 40 + 1)

    assert_constant_queries(
        client_for("coordinator"),
        reverse("mentorships:activity", kwargs={"slug": cast.program.slug}),
        add_pair,
    )
