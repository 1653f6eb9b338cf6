"""Facts the code needs are columns filled by the services, never read from audit payloads."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from revmentor.applications import services as application_services
from revmentor.applications.models import Application
from revmentor.applications.privacy import nomination_ended_at
from revmentor.programs import services as program_services
from revmentor.reports import queries as report_queries
from revmentor.reports.models import CostSettings
from tests.applications.support import make_application

pytestmark = pytest.mark.django_db


def test_withdrawal_keeps_the_status_it_left_and_nomination_its_time(cast):
    application = make_application(cast.program, cast.org_a, applicant=cast.participant)
    application_services.decide(application=application, decision="nominated", decided_by=cast.hr_a)
    application.refresh_from_db()
    assert application.nominated_at is not None
    application_services.withdraw(application=application, withdrawn_by=cast.participant)
    application.refresh_from_db()
    assert (application.status, application.withdrawn_from_status) == ("withdrawn", "nominated")


def test_the_charged_rule_reads_the_column_without_any_audit_entry(cast):
    CostSettings.objects.create(program=cast.program, cutoff_date=date(2020, 1, 1))
    charged = make_application(
        cast.program,
        cast.org_a,
        status=Application.Status.WITHDRAWN,
        withdrawn_at=timezone.now(),
        withdrawn_from_status=Application.Status.NOMINATED,
    )
    make_application(
        cast.program,
        cast.org_a,
        status=Application.Status.WITHDRAWN,
        withdrawn_at=timezone.now(),
        withdrawn_from_status=Application.Status.SUBMITTED,
    )
    assert list(report_queries.charged_applications(cast.program)) == [charged]


def test_the_retention_clock_starts_when_matching_starts(cast):
    program = cast.program
    program_services.set_status(program=program, status="nominating", changed_by=cast.coordinator)
    assert (program.matching_started_at, nomination_ended_at(program)) == (None, None)
    before = timezone.now()
    program_services.set_status(program=program, status="matching", changed_by=cast.coordinator)
    program.refresh_from_db()
    assert before <= program.matching_started_at <= before + timedelta(seconds=5)
    assert nomination_ended_at(program) == program.matching_started_at


def _migration(app: str, name: str):
    import importlib

    return importlib.import_module(f"revmentor.{app}.migrations.{name}")


def test_the_data_migrations_fill_the_columns_once_from_the_old_audit_payloads(cast):
    from django.apps import apps

    from revmentor.core import audit
    from revmentor.programs.models import Program

    withdrawn = make_application(
        cast.program, cast.org_a, status=Application.Status.WITHDRAWN, withdrawn_at=timezone.now()
    )
    nominated = make_application(cast.program, cast.org_b, status=Application.Status.NOMINATED)
    for target, action, before, after in [
        (withdrawn, audit.Action.APPLICATION_WITHDRAWN, {"status": "nominated"}, {}),
        (nominated, audit.Action.APPLICATION_DECIDED, {}, {"status": "nominated"}),
        (cast.program, audit.Action.PROGRAM_STATUS_CHANGED, {}, {"status": "matching"}),
    ]:
        audit.record(
            actor=cast.coordinator,
            action=action,
            program=cast.program,
            target=target,
            before=before,
            after=after,
        )
    _migration("applications", "0004_fill_withdrawn_from_status_and_nominated_at").fill(apps, None)
    _migration("programs", "0009_fill_matching_started_at").fill(apps, None)
    withdrawn.refresh_from_db()
    nominated.refresh_from_db()
    assert withdrawn.withdrawn_from_status == "nominated"
    assert nominated.nominated_at is not None
    assert Program.objects.get(pk=cast.program.pk).matching_started_at is not None
