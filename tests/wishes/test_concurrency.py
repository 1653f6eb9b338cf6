"""A mentor accepts two requests for their last seat at the same moment: exactly one pair."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from revmentor.wishes import services
from revmentor.wishes.models import PairRequest, Ranking
from tests.factories import make_cast
from tests.wishes.support import open_trio_round, ranking_of


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_acceptances_of_the_last_seat_end_with_exactly_one_pair():
    cast = make_cast()
    trio, wish_round = open_trio_round(cast, "requests", seats=1)
    mira = trio["Mira Mentor"]
    for name in ("Agnes Adept", "Arne Adept"):
        services.save_ranking(
            ranking=ranking_of(wish_round, trio[name]), partners=[mira], anyone=False
        )
    contenders = list(PairRequest.objects.filter(partner=mira).values_list("pk", flat=True))
    assert len(contenders) == 2
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(request_id: int) -> None:
        try:
            barrier.wait(timeout=10)
            for _attempt in range(500):
                try:
                    request = PairRequest.objects.select_related(
                        "round__program", "requester", "partner"
                    ).get(pk=request_id)
                    services.answer_request(
                        request=request, accept=True, message="", answered_by=mira.applicant
                    )
                except OperationalError:
                    # SQLite's in-memory test database answers "locked" at once where a file
                    # database waits; retrying the transaction is that wait (see
                    # tests/applications/test_concurrency.py). PostgreSQL blocks on the row.
                    time.sleep(0.01)
                    continue
                outcomes.append("accepted")
                break
        except services.WishesError:
            outcomes.append("refused")
        except Exception as error:  # anything else is a failure the assertion should show
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(pk,)) for pk in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["accepted", "refused"]
    assert PairRequest.objects.filter(partner=mira, status="accepted").count() == 1
    assert Ranking.objects.get(round=wish_round, application=mira).seats_taken == 1
    # The other adept's request passed on (Mira's places were taken).
    assert sorted(PairRequest.objects.filter(partner=mira).values_list("status", flat=True)) == [
        "accepted",
        "full",
    ]
