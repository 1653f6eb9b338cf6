"""Real groups: a mentor with several adepts is one group with shared goals and one log."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from revmentor.matching import engine
from revmentor.matching import services as matching_services
from revmentor.mentorships.ics import personal_calendar
from revmentor.mentorships.models import MeetingLog, Mentorship, MentorshipGroup
from revmentor.mentorships.privacy import MentorshipsProvider
from revmentor.mentorships.queries import is_stuck, with_activity
from revmentor.mentorships.services import start_mentorships
from revmentor.reports.queries import held_hours_per_person
from tests.auth import sign_in
from tests.factories import make_user
from tests.matching.support import nominate
from tests.mentorships.support import group_log, make_pair, make_running
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def mentor_and_three_adepts(cast, program=None):
    """The cast's participant mentors three adepts of organisation B, as one group."""
    program = make_running(program or cast.program)
    adepts = [
        make_user(f"adept{i}@test.example", full_name=name)
        for i, name in enumerate(["Alva Adept", "Bert Adept", "Cleo Adept"])
    ]
    pairs = [
        make_pair(
            program,
            mentor_user=cast.participant,
            adept_user=adept,
            org_mentor=cast.org_a,
            org_adept=cast.org_b,
        )
        for adept in adepts
    ]
    group = MentorshipGroup.objects.create(
        program=program, name="Grupp med Pia", mentor=pairs[0].mentor
    )
    Mentorship.objects.filter(pk__in=[p.pk for p in pairs]).update(group=group)
    return group, adepts


def plan_group_meeting(client: Client, cast, group, day):
    """A member plans a digital group meeting at 13:00 on ``day`` through the group's page."""
    return client.post(
        reverse(
            "mentorships:group_log_create",
            kwargs={"slug": cast.program.slug, "group": group.public_id},
        ),
        {
            "status": "planned",
            "date": day.isoformat(),
            "start_time": "13:00",
            "hours": "1",
            "format": "digital",
            "topics": "Framtidsspaning",
        },
    )


def client_of(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def group_page(group):
    return reverse(
        "mentorships:group", kwargs={"slug": group.program.slug, "group": group.public_id}
    )


@pytest.mark.parametrize(("capacity", "groups"), [(3, [4]), (1, [])])
def test_publishing_a_capacity_3_matching_makes_one_group_of_four(cast, capacity, groups):
    nominate(cast, "Mira Mentor", "a", 1995, [0, 1, 2], "mentor")
    for name, year, topics in [
        ("Alf Adept", 1970, [0]),
        ("Arne Adept", 1975, [2]),
        ("Asta Adept", 1968, [1]),
    ]:
        nominate(cast, name, "b", year, topics, "adept")
    proposal = matching_services.run_matching(
        program=cast.program,
        rules=engine.Rules(capacity=capacity),
        weights=engine.Weights(topics=0),
        created_by=None,
    )
    start_mentorships(proposal=proposal, published_by=cast.coordinator, notify=False)
    found = [
        sorted(
            {p.mentor.full_name for p in g.pairs.all()} | {p.adept.full_name for p in g.pairs.all()}
        )
        for g in MentorshipGroup.objects.filter(program=cast.program)
    ]
    assert [len(members) for members in found] == groups
    if groups:
        assert found == [["Alf Adept", "Arne Adept", "Asta Adept", "Mira Mentor"]]
        group = MentorshipGroup.objects.get(program=cast.program)
        assert (group.name, group.mentor.full_name) == ("Grupp med Mira Mentor", "Mira Mentor")
    else:
        assert Mentorship.objects.filter(program=cast.program, group=None).count() == 1


def test_every_member_sees_the_others_and_the_log_but_a_private_note_stays_with_its_writer(cast):
    group, adepts = mentor_and_three_adepts(cast)
    group_log(group, cast.participant, topics="Vår första träff", notes="Delad anteckning")
    group_log(group, adepts[0], topics="Eget möte", notes="Bara för Alva", private=True)
    for user in [cast.participant, *adepts]:
        page = client_of(user).get(group_page(group)).text
        for name in ["Pia Deltagare", "Alva Adept", "Bert Adept", "Cleo Adept"]:
            assert name in page, (user.full_name, name)
        assert "Vår första träff" in page and "Delad anteckning" in page
        assert "Eget möte" in page
        assert ("Bara för Alva" in page) == (user == adepts[0]), user.full_name


def test_an_adept_writes_the_shared_goals_and_a_meeting_all_members_read(cast):
    group, adepts = mentor_and_three_adepts(cast)
    slug, gid = cast.program.slug, group.public_id
    bert = client_of(adepts[1])
    response = bert.post(
        reverse("mentorships:group_goals", kwargs={"slug": slug, "group": gid}),
        {"goals": "Förstå varandras arbetsdagar"},
    )
    assert response.status_code == 302
    day = timezone.localdate() - timedelta(days=1)
    response = bert.post(
        reverse("mentorships:group_log_create", kwargs={"slug": slug, "group": gid}),
        {
            "status": "held",
            "date": day.isoformat(),
            "start_time": "10:00",
            "hours": "2",
            "format": "digital",
            "topics": "Hybridarbete",
            "notes": "",
        },
    )
    assert response.status_code == 302
    assert list(MeetingLog.objects.values_list("group", "mentorship", "created_by", "hours")) == [
        (group.pk, None, adepts[1].pk, Decimal("2.00"))
    ]
    page = client_of(adepts[2]).get(group_page(group)).text
    assert "Förstå varandras arbetsdagar" in page and "Hybridarbete" in page


def test_only_the_writer_changes_a_group_meeting(cast):
    group, adepts = mentor_and_three_adepts(cast)
    entry = group_log(group, adepts[0], topics="Alvas")
    url = reverse(
        "mentorships:group_log_edit",
        kwargs={"slug": cast.program.slug, "group": group.public_id, "log": entry.public_id},
    )
    assert client_of(adepts[1]).get(url).status_code == 404
    assert client_of(adepts[0]).get(url).status_code == 200


def test_another_programs_group_and_a_non_members_view_are_404(cast):
    group, _adepts = mentor_and_three_adepts(cast)
    outsider_pair = make_pair(cast.program, org_mentor=cast.org_b, org_adept=cast.org_a)
    other_group, _ = mentor_and_three_adepts_elsewhere(cast)
    slug = cast.program.slug
    outsider = client_of(outsider_pair.mentor.applicant)
    for name in ["group", "group_log_create", "group_goals"]:
        url = reverse(f"mentorships:{name}", kwargs={"slug": slug, "group": group.public_id})
        assert outsider.get(url).status_code == 404, name
        # The participant's own program's address with another program's group.
        url = reverse(f"mentorships:{name}", kwargs={"slug": slug, "group": other_group.public_id})
        assert client_of(cast.participant).get(url).status_code == 404, name
    # The coordinator sees who is in the group but not its log or goals pages.
    coordinator = client_of(cast.coordinator)
    page = coordinator.get(group_page(group)).text
    assert "Alva Adept" in page
    goals = reverse("mentorships:group_goals", kwargs={"slug": slug, "group": group.public_id})
    assert coordinator.get(goals).status_code == 404


def mentor_and_three_adepts_elsewhere(cast):
    """A group in the other program, with other people."""
    program = make_running(cast.other_program)
    mentor = make_user("annan.mentor@test.example", full_name="Annan Mentor")
    pairs = [
        make_pair(program, mentor_user=mentor, org_mentor=cast.org_a, org_adept=cast.org_a)
        for _ in range(2)
    ]
    group = MentorshipGroup.objects.create(
        program=program, name="Annan grupp", mentor=pairs[0].mentor
    )
    Mentorship.objects.filter(pk__in=[p.pk for p in pairs]).update(group=group)
    return group, pairs


def test_a_held_group_meeting_counts_as_effort_for_every_member_once(cast):
    group, adepts = mentor_and_three_adepts(cast)
    group_log(group, cast.participant, hours="2")
    group_log(group, adepts[0], hours="1.5", status=MeetingLog.Status.PLANNED, days_ago=-3)
    hours = held_hours_per_person(cast.program)
    members = Mentorship.objects.filter(group=group)
    people = {m.mentor_id for m in members} | {m.adept_id for m in members}
    # The mentor is in three pairs of the group but met the group once: 2 hours, not 6.
    assert {pk: hours[pk] for pk in people} == dict.fromkeys(people, Decimal("2.00"))


def test_a_planned_group_meeting_is_in_every_members_calendar_feed(cast):
    group, adepts = mentor_and_three_adepts(cast)
    group_log(group, adepts[2], status=MeetingLog.Status.PLANNED, days_ago=-5, start_time=None)
    for user in [cast.participant, *adepts]:
        feed = personal_calendar(user).decode()
        assert "Gruppträff: Grupp med Pia" in feed, user.full_name
    assert "Gruppträff" not in personal_calendar(make_user()).decode()


@pytest.mark.parametrize(("logged", "stuck"), [(True, False), (False, True)])
def test_a_pair_whose_group_met_lately_is_not_nudged_as_stuck(cast, logged, stuck):
    group, adepts = mentor_and_three_adepts(cast)  # the pairs started 40 days ago
    if logged:
        group_log(group, adepts[0], days_ago=3)
    pairs = with_activity(Mentorship.objects.filter(group=group))
    assert [is_stuck(pair, timezone.localdate()) for pair in pairs] == [stuck] * 3


def test_a_planned_group_meeting_invites_the_other_members_by_the_meetings_id_only(cast, run_tasks):
    group, adepts = mentor_and_three_adepts(cast)
    day = timezone.localdate() + timedelta(days=4)
    response = plan_group_meeting(client_of(adepts[0]), cast, group, day)
    assert response.status_code == 302
    entry = MeetingLog.objects.get(group=group)
    task = DBTaskResult.objects.get(
        task_path="revmentor.mentorships.tasks.send_group_meeting_invitation"
    )
    assert task.args_kwargs == {"args": [], "kwargs": {"log_id": entry.pk}}
    invitations = [m for m in run_tasks() if m.subject == "Gruppträff planerad: Grupp med Pia"]
    assert sorted(m.to[0] for m in invitations) == sorted(
        [cast.participant.email, adepts[1].email, adepts[2].email]
    )
    [(filename, calendar, mimetype)] = invitations[0].attachments
    assert (filename, mimetype) == ("gruppträff.ics", "text/calendar")
    assert "Gruppträff: Grupp med Pia" in calendar
    assert "Framtidsspaning" in invitations[0].body


def test_the_group_page_runs_the_same_queries_for_1_and_30_meetings_and_members(cast):
    group, adepts = mentor_and_three_adepts(cast)

    def add(i):
        pair = make_pair(
            cast.program,
            mentor_user=cast.participant,
            org_mentor=cast.org_a,
            org_adept=cast.org_b,
            group=group,
        )
        group_log(group, pair.adept.applicant, topics=f"Träff {i}", private=i % 2 == 0)

    assert_constant_queries(client_of(adepts[0]), group_page(group), add)


def test_a_members_extract_holds_the_group_log_without_the_others_private_notes(cast):
    group, adepts = mentor_and_three_adepts(cast)
    group_log(group, cast.participant, notes="Pias egen", private=True)
    group_log(group, adepts[0], notes="Alvas egen", private=True)
    group_log(group, adepts[1], notes="Delad")
    data = MentorshipsProvider().extract(cast.participant)
    assert sorted(
        (row["group"], row["notes"]) for row in data["meeting_log"] if row["group"]
    ) == sorted([(str(group.public_id), n) for n in ["Pias egen", "", "Delad"]])


def test_my_program_counts_the_groups_meetings_once_in_my_effort(cast):
    group, adepts = mentor_and_three_adepts(cast)
    group_log(group, adepts[0], hours="2")
    url = reverse("mentorships:my_program", kwargs={"slug": cast.program.slug})
    for user in [cast.participant, adepts[1]]:
        assert client_of(user).get(url).context["effort"] == Decimal("2.00"), user.full_name


def test_the_activity_page_counts_a_groups_hours_once_per_member(cast):
    group, adepts = mentor_and_three_adepts(cast)
    group_log(group, adepts[0], hours="2", days_ago=5)
    response = client_of(cast.coordinator).get(
        reverse("mentorships:activity", kwargs={"slug": cast.program.slug})
    )
    rows = {row.name: row.hours for row in response.context["organisations"]}
    # Organisation A: the mentor, once (not once per pair); organisation B: three adepts.
    assert rows == {"Organisation A": Decimal("2.00"), "Organisation B": Decimal("6.00")}
    day = timezone.localdate() - timedelta(days=5)
    assert [p.last_met for p in response.context["pairs"]] == [day] * 3
    assert "+ 2 i gruppen" in response.text


def test_the_data_migration_makes_a_group_of_each_mentor_with_several_active_adepts(cast):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "revmentor.mentorships.migrations.0003_group_goals_mentor_and_group_meeting_log"
    )
    group, _adepts = mentor_and_three_adepts(cast)
    Mentorship.objects.update(group=None)
    group.delete()
    single = make_pair(cast.program, org_mentor=cast.org_b, org_adept=cast.org_a)
    migration.group_mentors_with_several_adepts(apps, None)
    [made] = MentorshipGroup.objects.filter(program=cast.program)
    assert (made.name, made.mentor.full_name, made.pairs.count()) == (
        "Grupp med Pia Deltagare",
        "Pia Deltagare",
        3,
    )
    single.refresh_from_db()
    assert single.group is None


def test_a_member_who_switched_reminders_off_gets_no_group_invitation(cast, run_tasks):
    from revmentor.mentorships.models import PersonalSettings

    group, adepts = mentor_and_three_adepts(cast)
    PersonalSettings.objects.create(user=adepts[1], reminders=False)
    day = timezone.localdate() + timedelta(days=4)
    response = plan_group_meeting(client_of(adepts[0]), cast, group, day)
    assert response.status_code == 302
    invitations = [m for m in run_tasks() if m.subject == "Gruppträff planerad: Grupp med Pia"]
    assert sorted(m.to[0] for m in invitations) == sorted([cast.participant.email, adepts[2].email])


def test_deleting_a_planned_group_meeting_cancels_it_in_the_other_members_calendars(
    cast, run_tasks
):
    from icalendar import Calendar

    from revmentor.mentorships.models import PersonalSettings

    group, adepts = mentor_and_three_adepts(cast)
    PersonalSettings.objects.create(user=adepts[2], reminders=False)
    day = timezone.localdate() + timedelta(days=4)
    writer = client_of(adepts[0])
    plan_group_meeting(writer, cast, group, day)
    entry = MeetingLog.objects.get(group=group)
    run_tasks().clear()
    response = writer.post(
        reverse(
            "mentorships:group_log_delete",
            kwargs={"slug": cast.program.slug, "group": group.public_id, "log": entry.public_id},
        )
    )
    assert response.status_code == 302
    assert not MeetingLog.objects.filter(pk=entry.pk).exists()
    task = DBTaskResult.objects.filter(
        task_path="revmentor.mentorships.tasks.send_group_cancellation"
    ).first()
    assert set(task.args_kwargs["kwargs"]) == {
        "group_id",
        "uid",
        "sequence",
        "starts_at",
        "ends_at",
        "user_id",
    }
    sent = run_tasks()
    # The writer and the member who switched reminders off get nothing.
    assert sorted(m.to[0] for m in sent) == sorted([cast.participant.email, adepts[1].email])
    [(_name, calendar, _type)] = sent[0].attachments
    parsed = Calendar.from_ical(calendar)
    [event] = parsed.walk("VEVENT")
    assert str(parsed["METHOD"]) == "CANCEL"
    assert str(event["UID"]) == f"pair-meeting-{entry.public_id}@revmentor"
    assert int(event["SEQUENCE"]) == entry.sequence + 1
    assert str(event["SUMMARY"]) == "Gruppträff: Grupp med Pia"


def my_program(cast):
    return reverse("mentorships:my_program", kwargs={"slug": cast.program.slug})


def test_my_program_shows_one_card_per_group_with_every_member_and_pairs_stay_pairs(cast):
    group, adepts = mentor_and_three_adepts(cast)
    alone = make_pair(
        cast.program,
        mentor_user=cast.participant,
        adept_user=make_user("dora@test.example", full_name="Dora Ensam"),
        org_mentor=cast.org_a,
        org_adept=cast.org_b,
    )
    response = client_of(cast.participant).get(my_program(cast))
    [card] = response.context["groups"]
    assert (card, [p.full_name for p in card.members]) == (
        group,
        ["Pia Deltagare", "Alva Adept", "Bert Adept", "Cleo Adept"],
    )
    assert [p.pk for p in response.context["pairs"]] == [alone.pk]
    page = response.text
    assert page.count("Din grupp: Grupp med Pia") == 1
    assert page.count("Din adept:") == 1 and "Din adept: Dora Ensam" in page
    assert group_page(group) in page
    # Every member reads the same card, with the others' e-mail addresses.
    page = client_of(adepts[1]).get(my_program(cast)).text
    assert page.count("Din grupp: Grupp med Pia") == 1 and "Din mentor:" not in page
    assert all(a.email in page for a in (adepts[0], adepts[2], cast.participant))


def test_a_coordinator_formed_group_writes_and_reads_one_log_instead_of_its_pairs_logs(cast):
    from tests.mentorships.support import group_of, log, other_pair, participant_pair

    first, second = participant_pair(cast), other_pair(cast)
    before = log(first, topics="Vårt första parmöte", notes="Bara vi två")
    Mentorship.objects.filter(pk=first.pk).update(meeting_rhythm="Varannan vecka")
    group = group_of(cast, first, second)
    adam = client_of(first.adept.applicant)
    slug = cast.program.slug
    # The pair's own "log a meeting" and goals lead to the group's.
    pair_log = reverse("mentorships:log_create", kwargs={"slug": slug, "pair": first.public_id})
    response = adam.get(pair_log)
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("mentorships:group_log_create", kwargs={"slug": slug, "group": group.public_id}),
    )
    goals = reverse("mentorships:goals", kwargs={"slug": slug, "pair": first.public_id})
    assert adam.get(goals)["Location"] == reverse(
        "mentorships:group_goals", kwargs={"slug": slug, "group": group.public_id}
    )
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    adam.post(
        pair_log,
        {"status": "held", "date": day, "hours": "1", "format": "digital", "topics": "Gruppen"},
    )
    entry = MeetingLog.objects.get(topics="Gruppen")
    assert (entry.group, entry.mentorship) == (group, None)
    for person in [first.mentor, first.adept, second.mentor, second.adept]:
        page = client_of(person.applicant).get(group_page(group)).text
        assert "Gruppen" in page, person.full_name
    # The pair's earlier log stays readable by the pair only, beside the group card.
    mine = adam.get(my_program(cast))
    assert "Vårt första parmöte" in mine.text and "Bara vi två" in mine.text
    assert "Målen du skrev med Pia Deltagare före gruppen" in mine.text
    assert "Varannan vecka" in mine.text
    assert mine.context["effort"] == before.hours + Decimal("1")
    theirs = client_of(second.adept.applicant).get(my_program(cast)).text
    assert "Vårt första parmöte" not in theirs and "Din grupp: Grupp Norr" in theirs


def test_a_group_with_a_meeting_log_is_not_removed_and_its_log_stays(cast):
    from revmentor.mentorships.models import MentorshipGroup as Group

    group, adepts = mentor_and_three_adepts(cast)
    url = reverse(
        "mentorships:group_delete", kwargs={"slug": cast.program.slug, "group": group.public_id}
    )
    coordinator = client_of(cast.coordinator)
    group_log(group, adepts[0], topics="Vår träff")
    response = coordinator.post(url, follow=True)
    assert "Gruppen har möten i sin logg och kan därför inte tas bort" in response.text
    assert Group.objects.filter(pk=group.pk).exists()
    assert list(MeetingLog.objects.values_list("topics", flat=True)) == ["Vår träff"]
    MeetingLog.objects.all().delete()
    coordinator.post(url)
    assert not Group.objects.filter(pk=group.pk).exists()
    assert Mentorship.objects.filter(program=cast.program, group=None).count() == 3
