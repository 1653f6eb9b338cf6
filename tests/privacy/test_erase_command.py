"""`manage.py erase`: the operator's erasure, the same service as the coordinator's decision."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from revmentor.applications.models import Application
from revmentor.core.models import AuditEntry, User
from revmentor.privacy.models import ErasureRequest
from tests.applications.support import make_application

pytestmark = pytest.mark.django_db


def _erase(*extra: str) -> str:
    out = StringIO()
    call_command("erase", *extra, stdout=out)
    return out.getvalue()


def test_a_dry_run_reports_and_changes_nothing(cast):
    make_application(cast.program, cast.org_a, applicant=cast.participant)
    out = _erase(
        "--email",
        "PARTICIPANT@test.example",
        "--program",
        cast.program.slug,
        "--reason",
        "Begäran via registrator",
        "--dry-run",
    )
    assert "applications: 1 would be anonymised" in out
    assert "Dry run: nothing was changed." in out
    assert Application.objects.get().full_name == "Pia Deltagare"
    assert (ErasureRequest.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_the_erasure_anonymises_and_is_audited_as_the_operators(cast):
    make_application(cast.program, cast.org_a, applicant=cast.participant)
    out = _erase(
        "--email",
        "participant@test.example",
        "--program",
        cast.program.slug,
        "--reason",
        "Begäran via registrator",
    )
    assert "applications: 1 anonymised" in out
    application = Application.objects.get()
    assert (application.full_name, application.phone) == ("", "")
    assert User.objects.get(pk=cast.participant.pk).email.endswith("@erased.invalid")
    erasure = ErasureRequest.objects.get()
    assert (erasure.status, erasure.decided_by, erasure.person, erasure.person_label) == (
        "approved",
        None,
        None,
        "",
    )
    entry = AuditEntry.objects.get(action="privacy.erasure_approved")
    assert (entry.actor, entry.actor_label, entry.summary) == (
        None,
        "operator (manage.py erase)",
        "Begäran via registrator",
    )


@pytest.mark.parametrize(
    ("email", "slug", "reason", "message"),
    [
        ("nobody@test.example", "omvant-test", "x", "No account"),
        ("participant@test.example", "no-such-program", "x", "No program"),
        ("participant@test.example", "omvant-test", "  ", "Give a reason"),
    ],
)
def test_unknown_person_or_program_or_no_reason_is_refused(cast, email, slug, reason, message):
    with pytest.raises(CommandError, match=message):
        _erase("--email", email, "--program", slug, "--reason", reason)
