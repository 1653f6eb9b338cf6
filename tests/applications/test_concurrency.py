"""Two HR officers nominate for the last place at the same moment: exactly one succeeds."""

import threading
import time

import pytest
from django.db import OperationalError, connection

from revmentor.applications import services
from revmentor.applications.models import Application
from tests.applications.support import make_application, participation
from tests.factories import make_cast


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_nominations_for_the_last_place_end_with_exactly_one():
    cast = make_cast()
    first = make_application(cast.program, cast.org_a, status="nominated")
    assert first.status == "nominated"
    contenders = [make_application(cast.program, cast.org_a) for _ in range(2)]
    assert participation(cast.program, cast.org_a).nominated == 1
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def nominate(application_id: int) -> None:
        try:
            barrier.wait(timeout=10)
            for _attempt in range(500):
                try:
                    application = Application.objects.select_related("program", "organisation").get(
                        pk=application_id
                    )
                    services.decide(
                        application=application, decision="nominated", decided_by=cast.hr_a
                    )
                except OperationalError:
                    # The in-memory test database of SQLite answers "table is locked" at once
                    # where a file database (WAL, busy timeout) waits; retrying the whole
                    # transaction is that wait. PostgreSQL blocks on the row instead.
                    time.sleep(0.01)
                    continue
                outcomes.append("nominated")
                break
        except services.PlacesExhausted:
            outcomes.append("refused")
        except Exception as error:  # anything else is a failure the assertion should show
            outcomes.append(repr(error))
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=nominate, args=(a.pk,)) for a in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["nominated", "refused"]
    assert participation(cast.program, cast.org_a).nominated == 2
    assert Application.objects.filter(program=cast.program, status="nominated").count() == 2
