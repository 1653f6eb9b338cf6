"""The privacy notices say where each piece of personal data is kept and for how long."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days, said", [(7, "raderas efter 7 dagar"), (1, "raderas efter 1 dag")])
def test_the_program_notice_says_where_and_how_long(cast, client, settings, days, said):
    settings.REVMENTOR_MAIL_TASK_DAYS = days
    page = client.get(reverse("privacy:program_notice", args=[cast.program.slug])).text
    assert "Var varje uppgift sparas" in page
    assert said in page
    assert "det står bara att åldersregeln uppfylls" in page
    assert "minst fem svar" in page


def test_the_general_notice_has_the_same_section(client):
    page = client.get(reverse("privacy:notice")).text
    assert "Var varje uppgift sparas" in page
