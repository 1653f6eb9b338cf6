"""Coordinators' texts in Swedish and, optionally, English; English pages fall back with lang="sv"."""

import pytest
from django.urls import reverse

from revmentor.programs.models import JointMeeting, Profile
from tests.mentorships.support import make_running, meeting_in, participant_pair

pytestmark = pytest.mark.django_db


def _english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def test_the_english_page_shows_english_texts_and_marks_swedish_fallbacks(client_for, cast):
    program = cast.program
    program.description = "Svensk beskrivning."
    program.description_en = "English description."
    program.purpose = "Svenskt syfte."
    program.purpose_en = ""
    program.title_en = "Reverse mentoring in English"
    program.save()
    Profile.objects.filter(program=program, kind="mentor").update(
        eligibility="Högst 35 år.", eligibility_en="At most 35 years old."
    )
    html = _english(client_for("anonymous")).get(program.get_absolute_url()).content.decode()
    assert "<h1>Reverse mentoring in English</h1>" in html
    assert "<p>English description.</p>" in html
    assert "Svensk beskrivning." not in html
    assert '<div lang="sv"><p>Svenskt syfte.</p></div>' in html
    assert "At most 35 years old." in html


def test_the_swedish_page_ignores_the_english_versions(client_for, cast):
    program = cast.program
    program.description = "Svensk beskrivning."
    program.description_en = "English description."
    program.save()
    html = client_for("anonymous").get(program.get_absolute_url()).content.decode()
    assert "<p>Svensk beskrivning.</p>" in html
    assert "English description." not in html
    assert 'lang="sv"><p>' not in html


def test_the_coordinator_writes_both_versions_in_the_same_forms(client_for, cast):
    client = client_for("coordinator")
    edit = client.get(reverse("programs:edit", kwargs={"slug": cast.program.slug}))
    assert {"title_en", "description_en", "purpose_en", "setup_en", "how_to_apply_en"} <= set(
        edit.context["form"].fields
    )
    meeting = client.get(reverse("programs:meeting_create", kwargs={"slug": cast.program.slug}))
    assert {"title_en", "topics_en", "discussion_guide_en"} <= set(meeting.context["form"].fields)


def test_a_discussion_guide_without_english_is_marked_swedish_for_the_pair(client_for, cast):
    make_running(cast.program)
    participant_pair(cast)
    meeting = meeting_in(cast.program, 10)
    JointMeeting.objects.filter(pk=meeting.pk).update(
        discussion_guide="Vilka fördomar har ni hört?", title_en="Prejudice and myths"
    )
    client = _english(client_for("participant"))
    html = client.get(
        reverse("mentorships:joint_meetings", kwargs={"slug": cast.program.slug})
    ).content.decode()
    assert "Prejudice and myths" in html
    assert '<ul class="guide" lang="sv"><li>Vilka fördomar har ni hört?</li></ul>' in html
