"""The N+1 guard: a list page costs the same number of queries for 1 row as for 30."""

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries)


def assert_constant_queries(client: Client, url: str, add_row: Callable[[int], object]) -> int:
    """Render ``url`` with 1 row and with 30 rows; both must run exactly as many queries."""
    add_row(0)
    queries_for(
        client, url
    )  # warm caches (content types, sessions) so the counts compare like with like
    one = queries_for(client, url)
    for i in range(1, 30):
        add_row(i)
    thirty = queries_for(client, url)
    assert one == thirty, f"{url}: {one} queries with 1 row, {thirty} with 30"
    return one
