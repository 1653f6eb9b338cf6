"""Public program pages: cookie-free for anonymous visitors, cached per language, never stale."""

import gzip
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from revmentor.programs import services
from tests.factories import make_joint_meeting

pytestmark = pytest.mark.django_db


def public_urls(cast) -> list[str]:
    return [reverse("programs:list"), cast.program.get_absolute_url()]


def test_anonymous_public_pages_set_no_cookie_and_may_be_kept_by_a_proxy(client, cast):
    for url in public_urls(cast):
        for _ in range(2):  # the rendering and the cached copy
            response = client.get(url)
            assert response.status_code == 200
            assert dict(response.cookies) == {}, url
            assert response["Cache-Control"] == "public, max-age=60"
            assert {v.strip() for v in response["Vary"].split(",")} >= {"Cookie", "Accept-Language"}
            assert "csrfmiddlewaretoken" not in response.content.decode()
    assert client.cookies == {}


def test_second_anonymous_visit_is_served_from_the_cache_in_one_query(
    client, cast, django_assert_num_queries
):
    url = cast.program.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(1):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    # Within the next second this process answers from its own copy, without the database.
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "local"
    assert "Sista ansökningsdag" in response.content.decode()


def test_the_process_copy_is_read_again_after_its_second(
    client, cast, settings, time_machine, django_assert_num_queries
):
    settings.PUBLIC_PAGE_LOCAL_SECONDS = 1.0
    time_machine.move_to(timezone.now(), tick=False)
    url = cast.program.get_absolute_url()
    states = [client.get(url)["X-Page-Cache"] for _ in range(3)]
    time_machine.shift(timedelta(seconds=0.9))
    states.append(client.get(url)["X-Page-Cache"])
    time_machine.shift(timedelta(seconds=0.2))
    with django_assert_num_queries(1):
        states.append(client.get(url)["X-Page-Cache"])
    # A clock set back does not stretch the window either.
    time_machine.shift(timedelta(seconds=-5))
    states.append(client.get(url)["X-Page-Cache"])
    assert states == ["miss", "hit", "local", "local", "hit", "hit"]


def test_without_a_local_window_every_visit_asks_the_shared_cache(client, cast, settings):
    settings.PUBLIC_PAGE_LOCAL_SECONDS = 0
    url = cast.program.get_absolute_url()
    states = [client.get(url)["X-Page-Cache"] for _ in range(3)]
    assert states == ["miss", "hit", "hit"]


def test_cache_is_kept_per_language(client, cast):
    url = cast.program.get_absolute_url()
    assert "Sista ansökningsdag" in client.get(url).content.decode()
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en">' in english
    assert "Last day to apply" in english
    assert "Sista ansökningsdag" in client.get(url).content.decode()


def test_meeting_change_makes_the_cached_page_fresh_at_once(client, cast):
    meeting = make_joint_meeting(cast.program, title="Framtidsspaning")
    url = cast.program.get_absolute_url()
    assert "Framtidsspaning" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    meeting.title = "Myter om generationer"
    services.save_joint_meeting(meeting=meeting, changed_by=cast.coordinator)
    response = client.get(url)
    html = response.content.decode()
    assert response["X-Page-Cache"] == "miss"
    assert ("Myter om generationer" in html, "Framtidsspaning" in html) == (True, False)
    services.cancel_joint_meeting(meeting=meeting, changed_by=cast.coordinator)
    assert "<del>Myter om generationer</del>" in client.get(url).content.decode()


def test_contact_place_and_deadline_changes_reach_the_cached_pages(client, cast):
    program = cast.program
    url = program.get_absolute_url()
    client.get(url)
    contact = program.contact_persons.get()
    contact.email = "ny.kontakt@example.test"
    contact.save()
    assert "ny.kontakt@example.test" in client.get(url).content.decode()
    participation = program.participations.select_related("organisation").first()
    participation.organisation.name = "Omdöpta verket"
    participation.organisation.save()
    assert "Omdöpta verket" in client.get(url).content.decode()
    list_url = reverse("programs:list")
    client.get(list_url)
    services.change_deadline(
        program=program,
        new_deadline=program.application_deadline + timedelta(days=7),
        reason="Senare start.",
        changed_by=cast.coordinator,
    )
    assert "Senare start." in client.get(url).content.decode()
    assert "framflyttad" in client.get(list_url).content.decode()


def test_cached_page_is_not_used_after_the_deadline_passes(client, cast, time_machine):
    program = cast.program
    url = program.get_absolute_url()
    assert "/apply/" in client.get(url).content.decode()
    time_machine.move_to(program.application_deadline + timedelta(seconds=1))
    html = client.get(url).content.decode()
    assert "/apply/" not in html
    assert timezone.now() > program.application_deadline


def test_signed_in_visitor_is_never_served_the_anonymous_copy(client_for, client, cast):
    url = cast.program.get_absolute_url()
    client.get(url)
    response = client_for("coordinator").get(url)
    assert "X-Page-Cache" not in response
    assert "Cache-Control" not in response or "public" not in response["Cache-Control"]
    assert reverse("programs:manage", args=[cast.program.slug]) in response.content.decode()


def test_program_calendar_is_cached_with_its_file_name_and_fresh_after_a_meeting_moves(
    client, cast, django_assert_num_queries
):
    meeting = make_joint_meeting(cast.program, title="Framtidsspaning")
    url = reverse("programs:calendar", kwargs={"slug": cast.program.slug})
    first = client.get(url)
    assert (first.status_code, first["X-Page-Cache"]) == (200, "miss")
    assert dict(first.cookies) == {}
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == "text/calendar; charset=utf-8"
    assert second["Content-Disposition"] == f'attachment; filename="{cast.program.slug}.ics"'
    assert second["Cache-Control"] == "public, max-age=60"
    meeting.title = "Myter om generationer"
    services.save_joint_meeting(meeting=meeting, changed_by=cast.coordinator)
    third = client.get(url)
    assert third["X-Page-Cache"] == "miss"
    body = third.content.decode()
    assert ("Myter om generationer" in body, "Framtidsspaning" in body) == (True, False)


def test_cached_copy_repeats_every_header_of_the_rendering(client, cast):
    """The cache answers before the security and language middleware: its copy must still
    carry their headers (security policy, framing, language, caching)."""
    url = cast.program.get_absolute_url()
    first = client.get(url, headers={"accept-language": "en"})
    second = client.get(url, headers={"accept-language": "en"})
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    kept = {k: v for k, v in first.items() if k != "X-Page-Cache"}
    assert {k: v for k, v in second.items() if k != "X-Page-Cache"} == kept
    assert kept["X-Frame-Options"] == "DENY"
    assert kept["Content-Language"] == "en"
    assert "Content-Security-Policy" in kept
    assert second.content == first.content


def test_the_cache_keeps_a_compressed_and_a_plain_copy(client, cast):
    url = cast.program.get_absolute_url()
    plain = client.get(url)
    zipped = [client.get(url, headers={"accept-encoding": "gzip, br"}) for _ in range(2)]
    again = client.get(url)
    assert [r["X-Page-Cache"] for r in (plain, *zipped, again)] == ["miss", "miss", "hit", "hit"]
    assert "Content-Encoding" not in plain and "Content-Encoding" not in again
    assert [r["Content-Encoding"] for r in zipped] == ["gzip", "gzip"]
    assert zipped[1].content == zipped[0].content
    assert gzip.decompress(zipped[1].content) == plain.content == again.content
