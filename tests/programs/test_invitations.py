"""Roles for several people at once; each new holder is invited by an e-mail rendered on sending."""

import pytest
from django.conf import settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from revmentor.core.models import Role

pytestmark = pytest.mark.django_db


def _give(client, cast, emails, **extra):
    return client.post(
        reverse("programs:roles", kwargs={"slug": cast.program.slug}),
        {"emails": emails, "kind": "hr", "organisation": cast.org_a.pk, **extra},
    )


def test_two_hr_officers_are_invited_at_once(client_for, cast, run_tasks):
    response = _give(
        client_for("coordinator"),
        cast,
        "Nina Svensson <Nina.Svensson@test.example>\nolof.berg@test.example\n",
    )
    assert response.status_code == 302
    roles = Role.objects.filter(program=cast.program, kind="hr", organisation=cast.org_a)
    assert set(roles.values_list("user__email", flat=True)) == {
        "hr.a@test.example",
        "nina.svensson@test.example",
        "olof.berg@test.example",
    }
    tasks = DBTaskResult.objects.filter(task_path="revmentor.programs.tasks.send_role_invitation")
    assert sorted(set(t.args_kwargs["kwargs"]) for t in tasks) == [
        {"role_id", "invited_by_id"},
        {"role_id", "invited_by_id"},
    ]
    outbox = {m.to[0]: m for m in run_tasks()}
    assert set(outbox) == {"nina.svensson@test.example", "olof.berg@test.example"}
    nina = outbox["nina.svensson@test.example"]
    assert nina.subject == f"Du är lokal HR i {cast.program.title}"
    assert nina.body.startswith("Hej Nina Svensson!")
    assert "Cecilia Samordnare har gett dig rollen ”lokal HR”" in nina.body
    assert f"{settings.SITE_URL}/sign-in/\n" in nina.body


def test_someone_who_already_holds_the_role_is_not_invited_again(client_for, cast, run_tasks):
    _give(client_for("coordinator"), cast, "hr.a@test.example")
    assert run_tasks() == []


def test_bad_lines_are_named_and_nobody_gets_the_role(client_for, cast):
    response = _give(client_for("coordinator"), cast, "ok@test.example\ninte en adress\n")
    assert response.status_code == 200
    assert response.context["form"].errors["emails"] == [
        "Det här är inte e-postadresser: inte en adress"
    ]
    assert not Role.objects.filter(user__email="ok@test.example").exists()
