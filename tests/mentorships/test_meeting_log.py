"""The meeting log: what may be logged, who may see and change it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from revmentor.mentorships.models import MeetingLog
from tests.auth import sign_in
from tests.mentorships.support import log, other_pair, participant_pair


def _create_url(cast, pair):
    return reverse(
        "mentorships:log_create", kwargs={"slug": cast.program.slug, "pair": pair.public_id}
    )


def _data(day, **overrides):
    data = {
        "status": "held",
        "date": day.isoformat(),
        "start_time": "",
        "hours": "1.5",
        "format": "digital",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("days_from_today", "overrides", "message"),
    [
        (-70, {}, "Datumet måste ligga inom programmet"),
        (150, {"status": "planned"}, "Datumet måste ligga inom programmet"),
        (2, {}, "Ett möte som har ägt rum kan inte ligga i framtiden."),
        (-2, {"status": "planned"}, "Ett planerat möte kan inte ligga bakåt i tiden."),
        (-2, {"hours": "0"}, "Längden måste vara mer än 0 och högst 12 timmar."),
        (-2, {"hours": "12.25"}, "Längden måste vara mer än 0 och högst 12 timmar."),
        (-2, {"hours": "-1"}, "Längden måste vara mer än 0 och högst 12 timmar."),
        (-2, {"format": "telepathy"}, "Välj ett giltigt alternativ."),
    ],
)
def test_bad_meetings_are_refused_with_a_message_and_nothing_saved(
    cast, client, days_from_today, overrides, message
):
    pair = participant_pair(cast)
    sign_in(client, cast.participant)
    day = timezone.localdate() + timedelta(days=days_from_today)
    response = client.post(_create_url(cast, pair), _data(day, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert MeetingLog.objects.count() == 0


def test_twelve_hours_on_the_first_program_day_is_accepted(cast, client):
    pair = participant_pair(cast)
    sign_in(client, cast.participant)
    client.post(_create_url(cast, pair), _data(cast.program.period_start, hours="12"))
    assert list(MeetingLog.objects.values_list("date", "hours")) == [
        (cast.program.period_start, 12)
    ]


def test_the_adept_logs_and_the_mentor_sees_the_same_entry(cast, client):
    pair = participant_pair(cast)
    sign_in(client, pair.adept.applicant)
    day = timezone.localdate() - timedelta(days=1)
    client.post(_create_url(cast, pair), _data(day, topics="Hybridarbete"))
    sign_in(client, cast.participant)
    page = client.get(reverse("mentorships:my_program", kwargs={"slug": cast.program.slug}))
    assert [(entry.topics, entry.created_by) for entry in page.context["pairs"][0].logs] == [
        ("Hybridarbete", pair.adept.applicant)
    ]


def test_a_participant_can_never_read_or_change_another_pairs_log(cast, client):
    participant_pair(cast)
    theirs = other_pair(cast)
    entry = log(theirs, notes="Hemligt")
    sign_in(client, cast.participant)
    slug = cast.program.slug
    urls = [
        reverse(
            "mentorships:log_edit",
            kwargs={"slug": slug, "pair": theirs.public_id, "log": entry.public_id},
        ),
        reverse("mentorships:goals", kwargs={"slug": slug, "pair": theirs.public_id}),
        reverse("mentorships:log_create", kwargs={"slug": slug, "pair": theirs.public_id}),
    ]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    delete = reverse(
        "mentorships:log_delete",
        kwargs={"slug": slug, "pair": theirs.public_id, "log": entry.public_id},
    )
    assert client.post(delete).status_code == 404
    own = participant_pair(cast)
    mixed = reverse(
        "mentorships:log_edit", kwargs={"slug": slug, "pair": own.public_id, "log": entry.public_id}
    )
    assert client.post(mixed, _data(timezone.localdate(), notes="ändrat")).status_code == 404
    entry.refresh_from_db()
    assert entry.notes == "Hemligt"
    assert (
        "Hemligt"
        not in client.get(reverse("mentorships:my_program", kwargs={"slug": slug})).content.decode()
    )


def test_notes_are_never_shown_to_the_coordinator_or_hr(cast, client_for):
    pair = participant_pair(cast)
    log(pair, notes="Bara för oss två", topics="Karriär")
    activity = client_for("coordinator").get(
        reverse("mentorships:activity", kwargs={"slug": cast.program.slug})
    )
    assert "Bara för oss två" not in activity.content.decode()
    assert (
        client_for("hr_a")
        .get(reverse("mentorships:activity", kwargs={"slug": cast.program.slug}))
        .status_code
        == 404
    )


def test_changing_a_planned_meeting_raises_its_calendar_sequence(cast, client):
    pair = participant_pair(cast)
    entry = log(pair, days_ago=-4, status=MeetingLog.Status.PLANNED)
    sign_in(client, cast.participant)
    url = reverse(
        "mentorships:log_edit",
        kwargs={"slug": cast.program.slug, "pair": pair.public_id, "log": entry.public_id},
    )
    day = timezone.localdate() + timedelta(days=6)
    client.post(url, _data(day, status="planned", start_time="15:30", hours="2"))
    entry.refresh_from_db()
    assert (entry.date, entry.start_time.hour, entry.sequence) == (day, 15, 1)


def test_removing_a_meeting_takes_it_out_of_the_log(cast, client):
    pair = participant_pair(cast)
    entry = log(pair)
    sign_in(client, pair.adept.applicant)
    client.post(
        reverse(
            "mentorships:log_delete",
            kwargs={"slug": cast.program.slug, "pair": pair.public_id, "log": entry.public_id},
        )
    )
    assert MeetingLog.objects.count() == 0
