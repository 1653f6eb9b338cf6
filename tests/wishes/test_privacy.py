"""The register extract lists a person's wishes and requests; erasure and retention remove them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from revmentor.privacy import registry
from revmentor.wishes import services
from revmentor.wishes.models import PairRequest, Wish
from tests.wishes.support import participant_round

pytestmark = pytest.mark.django_db


def _answered(cast):
    wish_round, request = participant_round(cast)
    services.answer_request(
        request=request, accept=False, message="Ring mig gärna", answered_by=cast.participant
    )
    return wish_round, request


def test_extract_holds_the_requests_to_and_from_the_person(cast):
    wish_round, request = _answered(cast)
    provider = registry.provider("wishes")
    extract = provider.extract(cast.participant)
    assert extract["pair_requests"] == [
        {
            "program": cast.program.title,
            "from": "Agnes Adept",
            "to": "Pia Deltagare",
            "status": "declined",
            "message": "Ring mig gärna",
            "sent_at": request.created_at.isoformat(),
        }
    ]
    assert extract["rankings"] == [
        {
            "program": cast.program.title,
            "anyone_suits_me": False,
            "ranked_at": None,
            "wishes": [],
        }
    ]
    agnes = request.requester.applicant
    assert provider.extract(agnes)["rankings"][0]["wishes"] == ["Pia Deltagare"]
    assert provider.programs_of(cast.participant) == {cast.program.pk}
    assert provider.extract(cast.participant, program=cast.other_program) == {
        "rankings": [],
        "pair_requests": [],
    }


def test_erasure_removes_wishes_naming_the_person_and_the_messages(cast):
    _answered(cast)
    provider = registry.provider("wishes")
    assert provider.erase(user=cast.participant, program=cast.program) == 2
    assert not Wish.objects.filter(partner__applicant=cast.participant).exists()
    assert PairRequest.objects.get().message == ""


def test_retention_deletes_wishes_and_blanks_messages(cast):
    from revmentor.programs.models import Program

    _answered(cast)
    provider = registry.provider("wishes")
    Program.objects.filter(pk=cast.program.pk).update(
        period_start=timezone.localdate() - timedelta(days=900),
        period_end=timezone.localdate() - timedelta(days=800),
    )
    cast.program.refresh_from_db()
    due = provider.due_for_retention(program=cast.program, now=timezone.now())
    assert [d.kind for d in due] == ["wishes", "messages"]
    assert [provider.anonymise(d) for d in due] == [1, 1]
    assert (Wish.objects.count(), PairRequest.objects.get().message) == (0, "")
