"""The applicant's "Send" costs a fixed, small number of queries, however many topics."""

import pytest
from django.urls import reverse

from revmentor.applications.models import Application
from revmentor.programs.models import Topic
from tests.applications.support import form_data, make_application

SEND_QUERIES = 15


def _send(cast, client_for, django_assert_num_queries, topic_count: int) -> None:
    for number in range(6):
        Topic.objects.create(program=cast.program, name=f"Ämne {number}")
    topics = [str(pk) for pk in cast.program.topics.values_list("pk", flat=True)[:topic_count]]
    make_application(cast.program, cast.org_a, status="draft", applicant=cast.participant)
    client = client_for("participant")
    url = reverse("applications:edit", kwargs={"slug": cast.program.slug})
    token = client.get(url).context["form"].initial["submission_token"]
    data = form_data(cast, submission_token=str(token), topics=topics)
    with django_assert_num_queries(SEND_QUERIES):
        response = client.post(url, data)
    assert response.status_code == 302
    application = Application.objects.get(applicant=cast.participant)
    assert application.status == "submitted"
    assert application.topics.count() == topic_count


@pytest.mark.django_db
def test_sending_one_topic_costs_the_fixed_number_of_queries(
    cast, client_for, django_assert_num_queries
):
    _send(cast, client_for, django_assert_num_queries, 1)


@pytest.mark.django_db
def test_sending_five_topics_costs_the_same_number_of_queries(
    cast, client_for, django_assert_num_queries
):
    _send(cast, client_for, django_assert_num_queries, 5)
