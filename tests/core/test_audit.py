"""The audit trail: append-only, and searchable by the program's coordinator."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from revmentor.core import audit
from revmentor.core.models import AuditEntry
from tests.factories import STOCKHOLM
from tests.querycount import assert_constant_queries


def _entry(cast, action="program.updated", actor=None, program=None):
    return audit.record(
        actor=actor or cast.coordinator, action=action, program=program or cast.program
    )


def test_an_audit_entry_cannot_be_changed(cast):
    entry = _entry(cast)
    entry.summary = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="rewritten")
    assert AuditEntry.objects.get(pk=entry.pk).summary == ""


def test_an_audit_entry_cannot_be_deleted(cast):
    entry = _entry(cast)
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(pk=entry.pk).count() == 1


def _shown(response) -> set[int]:
    return {entry.pk for entry in response.context["page_obj"].object_list}


def test_coordinator_sees_only_their_own_programs_trail(cast, client_for):
    mine = _entry(cast)
    _entry(cast, program=cast.other_program, actor=cast.other_coordinator)
    response = client_for("coordinator").get(reverse("core:audit", args=[cast.program.slug]))
    assert _shown(response) == {mine.pk}


def test_coordinator_searches_by_action_person_and_dates(cast, client_for):
    base = AuditEntry._base_manager
    old = _entry(cast, action="program.deadline_changed")
    base.filter(pk=old.pk).update(at=datetime(2026, 1, 10, 12, tzinfo=STOCKHOLM))
    new = _entry(cast, action="program.deadline_changed")
    base.filter(pk=new.pk).update(at=datetime(2026, 3, 10, 12, tzinfo=STOCKHOLM))
    by_hr = _entry(cast, action="program.deadline_changed", actor=cast.hr_a)
    base.filter(pk=by_hr.pk).update(at=datetime(2026, 3, 11, 12, tzinfo=STOCKHOLM))
    _entry(cast, action="program.places_changed")
    url = reverse("core:audit", args=[cast.program.slug])
    client = client_for("coordinator")

    assert _shown(client.get(url, {"action": "program.deadline_changed"})) == {
        old.pk,
        new.pk,
        by_hr.pk,
    }
    assert _shown(client.get(url, {"person": "hr.a@"})) == {by_hr.pk}
    assert _shown(
        client.get(
            url, {"action": "program.deadline_changed", "start": "2026-03-01", "end": "2026-03-10"}
        )
    ) == {new.pk}


def test_a_forged_action_filter_shows_nothing(cast, client_for):
    _entry(cast)
    response = client_for("coordinator").get(
        reverse("core:audit", args=[cast.program.slug]), {"action": "not.an.action"}
    )
    assert (response.status_code, _shown(response)) == (200, set())


def test_the_trail_is_paginated_by_fifty(cast, client_for):
    for _ in range(51):
        _entry(cast)
    url = reverse("core:audit", args=[cast.program.slug])
    first = client_for("coordinator").get(url)
    second = client_for("coordinator").get(url, {"page": 2})
    assert (len(_shown(first)), len(_shown(second))) == (50, 1)


def test_the_audit_page_costs_the_same_queries_for_one_and_thirty_entries(cast, client_for):
    assert_constant_queries(
        client_for("coordinator"),
        reverse("core:audit", args=[cast.program.slug]),
        lambda i: _entry(cast, action=f"program.action_{i}"),
    )


def test_program_status_change_is_audited_with_before_and_after(cast):
    from revmentor.programs import services

    services.set_status(program=cast.program, status="nominating", changed_by=cast.coordinator)
    entry = AuditEntry.objects.get(action="program.status_changed")
    assert (entry.actor, entry.before, entry.after) == (
        cast.coordinator,
        {"status": "open"},
        {"status": "nominating"},
    )


def test_entries_older_than_a_day_are_still_listed(cast, client_for):
    entry = _entry(cast)
    AuditEntry._base_manager.filter(pk=entry.pk).update(at=entry.at - timedelta(days=400))
    response = client_for("coordinator").get(reverse("core:audit", args=[cast.program.slug]))
    assert _shown(response) == {entry.pk}
