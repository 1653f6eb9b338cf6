"""Retention: due records are anonymised on schedule, statistics stay, everything is audited."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from revmentor.applications.models import Application
from revmentor.core.models import AuditEntry, User
from revmentor.privacy import services
from revmentor.privacy.models import ProgramPrivacy
from revmentor.programs.models import ContactPerson, Participation, Program
from tests.applications.support import make_application


def _after_nomination(cast, days_ago: int):
    """The program left the nomination step ``days_ago`` days ago (its matching_started_at)."""
    Program.objects.filter(pk=cast.program.pk).update(
        status=Program.Status.MATCHING,
        matching_started_at=timezone.now() - timedelta(days=days_ago),
    )
    cast.program.refresh_from_db()


def _applications(cast):
    nominated = make_application(cast.program, cast.org_a, status=Application.Status.NOMINATED)
    declined = make_application(cast.program, cast.org_b, status=Application.Status.DECLINED)
    return nominated, declined


def test_applications_not_nominated_are_anonymised_three_months_after_nomination(cast):
    nominated, declined = _applications(cast)
    _after_nomination(cast, days_ago=95)
    done = services.apply_retention(program=cast.program, now=timezone.now())
    assert done == {"applications.not_nominated": 1}
    declined.refresh_from_db()
    nominated.refresh_from_db()
    assert (declined.full_name, declined.email, declined.birth_year) == ("", "", None)
    assert declined.applicant.email.endswith("@erased.invalid")
    assert nominated.full_name != ""


def test_nothing_is_due_before_the_period_has_passed(cast):
    _applications(cast)
    _after_nomination(cast, days_ago=60)
    assert services.apply_retention(program=cast.program, now=timezone.now()) == {}
    assert AuditEntry.objects.filter(action="privacy.retention_applied").count() == 0


def test_a_program_set_to_keep_longer_is_left_alone(cast):
    _applications(cast)
    _after_nomination(cast, days_ago=95)
    ProgramPrivacy.objects.create(program=cast.program, not_nominated_months=6)
    assert services.apply_retention(program=cast.program, now=timezone.now()) == {}


def test_everything_personal_goes_twelve_months_after_the_end_and_statistics_stay(cast):
    nominated, declined = _applications(cast)
    places_before = list(
        Participation.objects.filter(program=cast.program).values_list(
            "organisation_id", "places", "nominated"
        )
    )
    counts_before = list(
        Application.objects.filter(program=cast.program)
        .order_by("status")
        .values_list("status", "organisation_id", "profile_kind")
    )
    later = timezone.now() + timedelta(
        days=cast.program.period_end.toordinal() - timezone.localdate().toordinal() + 370
    )

    done = services.apply_retention(program=cast.program, now=later)

    assert done == {
        "account.accounts": 2,
        "applications.all": 2,
        "programs.contact_persons": 1,
    }
    # Their accounts held nothing else: they go too (a person in another program stays).
    assert {nominated.applicant.email, declined.applicant.email} & set(
        User.objects.values_list("email", flat=True)
    ) == set()
    assert (
        list(
            Application.objects.filter(program=cast.program)
            .order_by("status")
            .values_list("status", "organisation_id", "profile_kind")
        )
        == counts_before
    )
    assert (
        list(
            Participation.objects.filter(program=cast.program).values_list(
                "organisation_id", "places", "nominated"
            )
        )
        == places_before
    )
    assert Program.objects.get(pk=cast.program.pk).cost_per_participant == 5000
    assert set(
        Application.objects.filter(program=cast.program).values_list("full_name", "email")
    ) == {("", "")}
    assert ContactPerson.objects.filter(program=cast.program).count() == 0
    entry = AuditEntry.objects.get(action="privacy.retention_applied")
    assert (entry.actor_label, entry.after) == ("retention job", done)
    # Run again: nothing more is due.
    assert services.apply_retention(program=cast.program, now=later) == {}


def test_the_command_dry_run_lists_and_changes_nothing(cast):
    _, declined = _applications(cast)
    _after_nomination(cast, days_ago=95)
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert out.getvalue() == "omvant-test: applications.not_nominated 1\n"
    declined.refresh_from_db()
    assert declined.full_name != ""


def test_the_command_anonymises_and_reports(cast):
    _applications(cast)
    _after_nomination(cast, days_ago=95)
    out = StringIO()
    call_command("retention", stdout=out)
    assert out.getvalue() == "omvant-test: applications.not_nominated 1 anonymised\n"


def test_the_worker_runs_the_retention_task(cast, run_tasks):
    _, declined = _applications(cast)
    _after_nomination(cast, days_ago=95)
    call_command("retention", "--enqueue", stdout=StringIO())
    run_tasks()
    declined.refresh_from_db()
    assert declined.full_name == ""


def test_the_coordinator_sees_the_dry_run_and_can_apply_it(cast, client_for):
    _applications(cast)
    _after_nomination(cast, days_ago=95)
    client = client_for("coordinator")
    url = reverse("privacy:retention", args=[cast.program.slug])
    page = client.get(url)
    assert [(due.kind, number) for due, number in page.context["plan"]] == [("not_nominated", 1)]
    assert client.post(url).status_code == 302
    assert client.get(url).context["plan"] == []
    entry = AuditEntry.objects.get(action="privacy.retention_applied")
    assert entry.actor == cast.coordinator
