from django.urls import reverse

from tests.matrix import Case, only
from tests.wishes.support import participant_round


def manage_url(name):
    def build(c):
        participant_round(c)
        return reverse(f"wishes:{name}", kwargs={"slug": c.program.slug})

    return build


def rank_url(c):
    participant_round(c)
    return reverse("wishes:rank", kwargs={"slug": c.program.slug})


def answer_url(c):
    _round, request = participant_round(c)
    return reverse("wishes:answer", kwargs={"slug": c.program.slug, "public_id": request.public_id})


COORDINATOR_PAGE = only({"coordinator": 200})
COORDINATOR_POST = only({"coordinator": 302})

MATRIX = {
    "wishes:rank": Case(rank_url, only({"participant": 200})),
    "wishes:answer": Case(answer_url, only({"participant": 200})),
    "wishes:round": Case(manage_url("round"), COORDINATOR_PAGE),
    "wishes:run": Case(manage_url("run"), COORDINATOR_PAGE),
    "wishes:remind": Case(manage_url("remind"), COORDINATOR_POST, method="post"),
    "wishes:close": Case(manage_url("close"), COORDINATOR_POST, method="post"),
    "wishes:coordinator_led": Case(manage_url("coordinator_led"), COORDINATOR_POST, method="post"),
}
