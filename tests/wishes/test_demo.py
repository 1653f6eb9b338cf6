"""The demo shows a program in each matching mode, with the demo participant in both new ones."""

import pytest
from django.core.management import call_command

from revmentor.applications.demo import DEMO_APPLICANT
from revmentor.matching import engine
from revmentor.programs.models import Program
from revmentor.wishes import services
from revmentor.wishes.models import PairRequest, Ranking, Round, Wish

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_program_in_each_mode_and_runs_with_wishes():
    call_command("seed_demo")
    modes = set(Program.objects.values_list("matching_mode", flat=True))
    assert modes == {"coordinator", "wishes", "requests"}
    wishes = Program.objects.get(matching_mode="wishes")
    requests = Program.objects.get(matching_mode="requests")
    assert {wishes.status, requests.status} == {"matching"}
    assert Round.objects.filter(status="open").count() == 2
    pia = Ranking.objects.get(round__program=wishes, application__applicant__email=DEMO_APPLICANT)
    assert pia.submitted_at is None
    assert Wish.objects.filter(ranking__round__program=wishes).count() > 10
    assert PairRequest.objects.filter(
        round__program=requests, partner__applicant__email=DEMO_APPLICANT, status="pending"
    ).exists()
    proposal = services.run_with_wishes(
        program=wishes,
        rules=engine.Rules(),
        weights=engine.Weights(),
        wish_weight=8.0,
        pairing="optimal",
        created_by=None,
    )
    assert proposal.pairs.count() > 5
    assert proposal.wish_run.stable["pairs"] <= proposal.wish_run.optimal["pairs"]
    call_command("seed_demo")
    assert Round.objects.count() == 2
