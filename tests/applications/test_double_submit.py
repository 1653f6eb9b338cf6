"""A double click or a retried POST of "Send" stores one application and sends one receipt."""

import threading
import time
import uuid

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django.urls import reverse

from revmentor.applications import services
from revmentor.applications.models import Application
from revmentor.core.models import AuditEntry
from tests.applications.support import form_data, make_application
from tests.factories import make_cast


@pytest.mark.django_db
def test_posting_the_same_form_twice_sends_one_receipt(cast, client_for, run_tasks):
    make_application(cast.program, cast.org_a, status="draft", applicant=cast.participant)
    client = client_for("participant")
    url = reverse("applications:edit", kwargs={"slug": cast.program.slug})
    token = client.get(url).context["form"].initial["submission_token"]
    first = client.post(url, form_data(cast, submission_token=str(token)))
    second = client.post(url, form_data(cast, submission_token=str(token), unit="Ändrad enhet"))
    assert (first.status_code, second.status_code) == (302, 302)
    application = Application.objects.get(applicant=cast.participant)
    assert (application.status, application.unit) == ("submitted", "Enheten för analys")
    assert AuditEntry.objects.filter(action="application.submitted").count() == 1
    run_tasks()
    assert [m.to for m in mail.outbox].count(["participant@test.example"]) == 1


@pytest.mark.django_db
def test_a_new_form_after_sending_saves_changes_without_a_second_receipt(
    cast, client_for, run_tasks
):
    make_application(cast.program, cast.org_a, status="draft", applicant=cast.participant)
    client = client_for("participant")
    url = reverse("applications:edit", kwargs={"slug": cast.program.slug})
    client.post(
        url,
        form_data(
            cast, submission_token=str(client.get(url).context["form"].initial["submission_token"])
        ),
    )
    fresh = client.get(url).context["form"].initial["submission_token"]
    client.post(url, form_data(cast, submission_token=str(fresh), unit="Ny enhet"))
    assert Application.objects.get(applicant=cast.participant).unit == "Ny enhet"
    run_tasks()
    assert [m.to for m in mail.outbox].count(["participant@test.example"]) == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sends_of_one_draft_end_submitted_once():
    cast = make_cast()
    application = make_application(cast.program, cast.org_a, status="draft")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def send(token: str) -> None:
        try:
            barrier.wait(timeout=10)
            for _attempt in range(500):
                try:
                    mine = Application.objects.select_related("program").get(pk=application.pk)
                    services.submit(application=mine, topics=[], submission_token=token)
                except OperationalError:
                    time.sleep(0.01)  # SQLite's in-memory test database: "table is locked"
                    continue
                outcomes.append("done")
                break
        except Exception as error:  # shown by the assertion below
            outcomes.append(repr(error))
        finally:
            connection.close()

    token = str(uuid.uuid4())
    threads = [threading.Thread(target=send, args=(token,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes == ["done", "done"]
    application.refresh_from_db()
    assert application.status == "submitted"
    assert (
        AuditEntry.objects.filter(
            action="application.submitted", object_id=str(application.pk)
        ).count()
        == 1
    )
