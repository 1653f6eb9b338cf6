"""The matching is in the privacy registry: exclusions and proposals in extract, erasure, retention."""

from datetime import timedelta

import pytest
from django.utils import timezone

from revmentor.matching import engine
from revmentor.matching import services as matching
from revmentor.matching.models import Exclusion, ProposedPair
from revmentor.privacy import registry
from revmentor.privacy.models import privacy_for
from tests.matching.support import make_trio

pytestmark = pytest.mark.django_db
REASON = "Mira Mentor och Alf Adept är gifta."


def _world(cast):
    trio = make_trio(cast)
    matching.add_exclusion(
        program=cast.program,
        mentor=trio["Mira Mentor"],
        adept=trio["Alf Adept"],
        reason=REASON,
        created_by=cast.coordinator,
    )
    matching.run_matching(
        program=cast.program, rules=engine.Rules(), weights=engine.Weights(), created_by=None
    )
    return trio


def test_the_extract_holds_the_exclusion_reason_and_proposals_without_the_other_person(cast):
    trio = _world(cast)
    mira = trio["Mira Mentor"].applicant
    data = registry.provider("matching").extract(mira)
    assert [(e["program"], e["reason"]) for e in data["exclusions"]] == [
        (cast.program.title, REASON)
    ]
    assert [(p["proposal"], p["as"]) for p in data["proposals"]] == [(1, "mentor")]
    assert "Alf Adept" not in str(data["proposals"])
    assert registry.provider("matching").programs_of(mira) == {cast.program.pk}


def test_erasure_blanks_the_persons_exclusion_reasons_and_explanations(cast):
    trio = _world(cast)
    mira = trio["Mira Mentor"].applicant
    assert registry.provider("matching").erase(user=mira, program=cast.program) == 2
    assert list(Exclusion.objects.values_list("reason", flat=True)) == [""]
    explanations = dict(ProposedPair.objects.values_list("mentor__full_name", "explanation_sv"))
    assert explanations["Mira Mentor"] == ""
    assert explanations["Max Mentor"] != ""


def test_retention_blanks_every_reason_and_explanation_of_the_program(cast):
    _world(cast)
    provider = registry.provider("matching")
    due_at = privacy_for(cast.program).personal_data_due_at()
    assert provider.due_for_retention(program=cast.program, now=due_at - timedelta(days=1)) == []
    due = provider.due_for_retention(program=cast.program, now=due_at)
    assert [(d.kind, d.rows.count()) for d in due] == [("exclusions", 1), ("proposals", 3)]
    assert [provider.anonymise(d) for d in due] == [1, 3]
    assert set(ProposedPair.objects.values_list("explanation_sv", "explanation_en")) == {("", "")}
    assert timezone.now() < due_at
