"""No address carries a sequential id: every object in a URL is named by a UUID or a slug."""

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern


def _patterns(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        else:
            yield route, entry


def test_no_url_takes_a_sequential_number():
    numbered = []
    for route, entry in _patterns(get_resolver()):
        assert isinstance(entry, URLPattern)
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern) and any(
            isinstance(converter, IntConverter) for converter in pattern.converters.values()
        ):
            numbered.append(route)
    assert numbered == []


def test_no_url_matches_a_bare_number_by_regex():
    # The admin's own regex routes take object ids; it is for operators only (see test_admin).
    routes = [route for route, _ in _patterns(get_resolver()) if not route.startswith("ops/admin/")]
    assert [route for route in routes if r"\d+" in route or "[0-9]+" in route] == []
