"""The overview leads the coordinator: where the program stands, the next step, what blocks it."""

import pytest
from django.urls import reverse

from revmentor.programs.models import Participation, Program
from revmentor.programs.phase import program_phase
from tests.applications.support import make_application
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def test_nominating_says_how_many_organisations_have_not_nominated(client_for, cast):
    program = cast.program
    third = make_organisation("Organisation C")
    Participation.objects.create(program=program, organisation=third, places=1)
    Participation.objects.filter(program=program, organisation=cast.org_a).update(nominated=1)
    make_application(program, cast.org_b)
    Program.objects.filter(pk=program.pk).update(status=Program.Status.NOMINATING)
    program.refresh_from_db()
    phase = program_phase(program)
    assert phase.status == "anmälan pågår"
    assert phase.next_step == "Stäng anmälan när alla organisationer har anmält."
    assert phase.blockers == [
        "2 organisationer har inte anmält ännu.",
        "1 ansökan saknar beslut ännu.",
    ]
    html = (
        client_for("coordinator")
        .get(reverse("programs:manage", kwargs={"slug": program.slug}))
        .content.decode()
    )
    assert "Var programmet står" in html
    assert "2 organisationer har inte anmält ännu." in html


def test_a_draft_lists_what_is_missing_before_it_can_open(cast):
    program = cast.program
    Program.objects.filter(pk=program.pk).update(status=Program.Status.DRAFT, purpose="")
    Participation.objects.filter(program=program, organisation=cast.org_b).update(places=0)
    program.refresh_from_db()
    phase = program_phase(program)
    assert phase.next_step == "Öppna programmet för ansökningar."
    assert phase.blockers == ["Texter saknas: syfte.", "1 organisation har inga platser."]


def test_an_open_program_counts_applications_and_drafts(cast):
    make_application(cast.program, cast.org_a)
    make_application(cast.program, cast.org_a, status="draft")
    make_application(cast.program, cast.org_b, status="draft")
    phase = program_phase(cast.program)
    assert phase.facts == ["1 ansökan skickad hittills, 2 oskickade utkast."]
    assert phase.blockers[0].startswith("Ansökan är öppen till och med ")


def test_matching_without_nominated_adepts_is_blocked(cast):
    make_application(cast.program, cast.org_a, status="nominated", profile_kind="mentor")
    Program.objects.filter(pk=cast.program.pk).update(status=Program.Status.MATCHING)
    cast.program.refresh_from_db()
    assert program_phase(cast.program).blockers == ["Inga anmälda adepter ännu."]
