"""Queued e-mail holds ids, never a person's data; it is rendered when sent and purged later."""

import json
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from revmentor.applications import services
from revmentor.applications.models import Application
from revmentor.core import mail
from revmentor.core.privacy import anonymous_user
from revmentor.privacy import services as privacy_services
from revmentor.privacy.models import AccessibilityReport
from tests.applications.support import form_data, make_application

SECRETS = [
    "Pia Deltagare",
    "participant@test.example",
    "070-123 45 67",
    "Jag vill dela med mig av digitala vanor.",
    "Maja Chef",
    "maja.chef@test.example",
    "1996",
    "Enheten för analys",
]


def _queued_text() -> str:
    return json.dumps([row.args_kwargs for row in DBTaskResult.objects.all()], ensure_ascii=False)


def _submit(cast, client_for) -> Application:
    make_application(cast.program, cast.org_a, status="draft", applicant=cast.participant)
    client = client_for("participant")
    url = reverse("applications:edit", kwargs={"slug": cast.program.slug})
    token = client.get(url).context["form"].initial["submission_token"]
    assert client.post(url, form_data(cast, submission_token=str(token))).status_code == 302
    return Application.objects.get(applicant=cast.participant)


def test_no_queued_task_holds_the_applications_data_through_the_whole_flow(
    cast, client_for, run_tasks
):
    application = _submit(cast, client_for)
    services.answer_as_manager(application=application, confirmed=True)
    services.decide(application=application, decision="nominated", decided_by=cast.hr_a)
    services.withdraw(application=application, withdrawn_by=cast.participant)
    queued = _queued_text()
    assert [secret for secret in SECRETS if secret in queued] == []
    kinds = sorted(row.args_kwargs["kwargs"]["refs"]["kind"] for row in DBTaskResult.objects.all())
    assert kinds == [
        "hr_new_application",
        "manager_answered",
        "manager_answered",
        "manager_request",
        "nominated",
        "receipt",
        "withdrawn",
    ]
    sent = run_tasks()
    receipt = next(m for m in sent if m.to == ["participant@test.example"] and "070" in m.body)
    assert "070-123 45 67" in receipt.body  # rendered when sent, from the application
    assert [secret for secret in SECRETS if secret in _queued_text()] == []


def test_the_manager_request_carries_the_link_rendered_when_sent(cast, client_for, run_tasks):
    application = _submit(cast, client_for)
    manager_mail = [m for m in run_tasks() if m.to == ["maja.chef@test.example"]]
    assert len(manager_mail) == 1
    assert services.manager_token(application) in manager_mail[0].body


def test_an_erased_persons_queued_mail_is_removed_and_sends_nothing(cast, client_for, run_tasks):
    _submit(cast, client_for)
    assert DBTaskResult.objects.count() == 3
    privacy_services.erase_person(person=cast.participant, program=cast.program)
    assert DBTaskResult.objects.count() == 0
    assert run_tasks() == []


def test_a_task_whose_application_was_erased_meanwhile_sends_nothing(cast, client_for):
    application = _submit(cast, client_for)
    Application.objects.filter(pk=application.pk).update(applicant=anonymous_user())
    assert (
        mail.renderer_for("applications.application")(
            application_id=application.pk, kind="receipt", audience="applicant"
        )
        == []
    )
    assert (
        mail.renderer_for("applications.application")(
            application_id=10**9, kind="receipt", audience="applicant"
        )
        == []
    )


def test_refs_refuse_text(cast):
    try:
        mail.queue("applications.application", application_id=1, kind="x" * 65)
    except TypeError as error:
        assert "not kind=" in str(error)
    else:
        raise AssertionError("a long text was accepted as a ref")


def test_finished_mail_tasks_are_purged_after_the_setting(cast, client_for, run_tasks, settings):
    _submit(cast, client_for)
    run_tasks()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3
    now = timezone.now()
    old = DBTaskResult.objects.order_by("pk")[:2]
    DBTaskResult.objects.filter(pk__in=[row.pk for row in old]).update(
        finished_at=now - timedelta(days=8)
    )
    assert privacy_services.purge_mail(now=now) == 2
    assert DBTaskResult.objects.count() == 1
    settings.REVMENTOR_MAIL_TASK_DAYS = 0
    assert privacy_services.purge_mail(now=now + timedelta(seconds=1)) == 1
    assert DBTaskResult.objects.count() == 0


def test_the_retention_job_purges_finished_mail(cast, client_for, run_tasks):
    _submit(cast, client_for)
    run_tasks()
    DBTaskResult.objects.update(finished_at=timezone.now() - timedelta(days=30))
    privacy_services.run_retention()
    assert DBTaskResult.objects.filter(task_path__endswith="send_mail").count() == 0


def test_an_accessibility_report_is_sent_from_its_row_and_the_row_is_purged(cast, run_tasks):
    privacy_services.report_accessibility_problem(
        program=cast.program,
        page="/ansok/",
        description="Knappen går inte att nå med tangentbordet.",
        name="Kim Testsson",
        email="kim@test.example",
    )
    queued = _queued_text()
    assert ("Kim Testsson" in queued, "kim@test.example" in queued) == (False, False)
    (sent,) = run_tasks()
    assert ("Knappen går inte" in sent.body, sent.reply_to) == (True, ["kim@test.example"])
    privacy_services.purge_mail(now=timezone.now() + timedelta(days=8))
    assert (DBTaskResult.objects.count(), _report_count()) == (0, 0)


def _report_count() -> int:
    return AccessibilityReport.objects.count()
