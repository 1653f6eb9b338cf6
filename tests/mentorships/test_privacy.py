"""The mentorships' part of the register extract, erasure and retention."""

from datetime import timedelta

from django.utils import timezone

from revmentor.mentorships.models import Attendance, MeetingLog, PersonalSettings
from revmentor.mentorships.privacy import MentorshipsProvider
from revmentor.privacy import registry
from tests.mentorships.support import log, meeting_in, participant_pair


def test_the_provider_is_registered():
    assert isinstance(registry.provider("mentorships"), MentorshipsProvider)


def test_the_extract_holds_the_pair_log_answers_and_settings(cast):
    pair = participant_pair(cast)
    pair.goals = "Våga fråga."
    pair.save()
    log(pair, hours="2", topics="AI", notes="Bra")
    Attendance.objects.create(
        meeting=meeting_in(cast.program, 5, title="Träff 1"),
        application=pair.mentor,
        answer="attending",
    )
    data = MentorshipsProvider().extract(cast.participant)
    assert [(p["mentor"], p["adept"], p["goals"]) for p in data["pairs"]] == [
        ("Pia Deltagare", "Adam Adept", "Våga fråga.")
    ]
    assert [(e["hours"], e["topics"], e["notes"]) for e in data["meeting_log"]] == [
        ("2.00", "AI", "Bra")
    ]
    assert [(a["meeting"], a["answer"]) for a in data["joint_meeting_answers"]] == [
        ("Träff 1", "attending")
    ]
    assert MentorshipsProvider().programs_of(cast.participant) == {cast.program.pk}


def test_erasure_blanks_what_people_wrote_and_keeps_the_hours(cast):
    pair = participant_pair(cast)
    pair.goals = "Våga fråga."
    pair.save()
    log(pair, hours="2", topics="AI", notes="Bra")
    PersonalSettings.objects.create(user=cast.participant)
    MentorshipsProvider().erase(user=cast.participant, program=cast.program)
    pair.refresh_from_db()
    assert pair.goals == ""
    assert list(MeetingLog.objects.values_list("hours", "topics", "notes")) == [(2, "", "")]
    assert not PersonalSettings.objects.filter(user=cast.participant).exists()


def test_retention_is_due_only_after_the_personal_data_period(cast):
    pair = participant_pair(cast)
    log(pair, notes="Bra")
    provider = MentorshipsProvider()
    assert provider.due_for_retention(program=cast.program, now=timezone.now()) == []
    later = timezone.now() + timedelta(days=2000)
    (due,) = provider.due_for_retention(program=cast.program, now=later)
    assert list(due.rows) == [pair]
    provider.anonymise(due)
    assert list(MeetingLog.objects.values_list("notes", flat=True)) == [""]
    assert provider.due_for_retention(program=cast.program, now=later) == []


def test_retention_blanks_the_place_of_a_groups_meetings_too(cast):
    from tests.mentorships.support import group_log, group_of, other_pair

    group = group_of(cast, participant_pair(cast), other_pair(cast))
    group_log(group, cast.participant, topics="Träff", place="https://video.test.example/grupp")
    provider = MentorshipsProvider()
    (due,) = provider.due_for_retention(
        program=cast.program, now=timezone.now() + timedelta(days=2000)
    )
    provider.anonymise(due)
    assert list(MeetingLog.objects.values_list("topics", "place")) == [("", "")]
