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
        lambda i: _entry(cast, action=list(audit.Action)[i % len(audit.Action)]),
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


def test_an_unknown_action_is_refused(cast):
    with pytest.raises(ValueError):
        _entry(cast, action="program.something_new")


def test_the_actor_is_a_reference_with_a_pseudonymous_label(cast):
    entry = _entry(cast)
    assert (entry.actor, entry.actor_label) == (cast.coordinator, f"user #{cast.coordinator.pk}")
    assert (
        audit.record(actor="manager", action=audit.Action.APPLICATION_MANAGER_ANSWERED).actor_label
        == "manager"
    )


def test_no_code_reads_the_audit_trail_but_the_audit_page_and_the_audit_module():
    from pathlib import Path

    import revmentor

    root = Path(revmentor.__file__).parent
    readers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "migrations" not in path.parts and "AuditEntry.objects" in path.read_text()
    )
    assert readers == ["core/audit.py", "core/queries.py"]


def test_pseudonymise_replaces_names_and_addresses_and_keeps_the_entry(cast):
    entry = audit.record(
        actor=cast.coordinator,
        action=audit.Action.MENTORSHIPS_ENDED,
        program=cast.program,
        summary="Åsa Öberg – Bo Berg",
        after={"email": "asa.oberg@test.example", "reason": "Åsa Öberg bytte jobb"},
    )
    other = audit.record(
        actor=cast.coordinator,
        action=audit.Action.MENTORSHIPS_ENDED,
        program=cast.other_program,
        summary="Åsa Öberg – Kim Berg",
    )
    changed = audit.pseudonymise(
        identifiers=["åsa öberg", "ASA.OBERG@test.example"],
        pseudonym="erased-1234",
        program=cast.program,
    )
    entry.refresh_from_db()
    other.refresh_from_db()
    assert changed == 1
    assert (entry.action, entry.summary, entry.after) == (
        "mentorships.ended",
        "erased-1234 – Bo Berg",
        {"email": "erased-1234", "reason": "erased-1234 bytte jobb"},
    )
    assert other.summary == "Åsa Öberg – Kim Berg"
