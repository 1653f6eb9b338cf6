"""Every URL of the project with every role: the expected status, nothing more, nothing less."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import tests
from tests.factories import ROLES
from tests.matrix import Case

# The Django admin is the operators' tool: its own permission system guards it, and one
# representative URL of it stands in the matrix (admin:index).
IGNORED_NAMESPACES = {"admin"}


def collect_matrix() -> dict[str, Case]:
    matrix: dict[str, Case] = {}
    for module in pkgutil.walk_packages(tests.__path__, "tests."):
        if module.name.endswith(".matrix") and module.name != "tests.matrix":
            entries = importlib.import_module(module.name).MATRIX
            overlap = set(entries) & set(matrix)
            assert not overlap, f"{module.name} repeats {overlap}"
            matrix.update(entries)
    return matrix


def project_url_names(resolver=None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace in IGNORED_NAMESPACES:
                continue
            names |= project_url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL pattern without a name: {entry.pattern}"
            names.add(f"{namespace}{entry.name}")
    return names


MATRIX = collect_matrix()


def test_every_url_of_the_project_is_in_the_matrix():
    missing = project_url_names() - set(MATRIX) - {"admin:index"}
    stale = set(MATRIX) - project_url_names() - {"admin:index"}
    assert (missing, stale) == (set(), set())


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_expected_status(name, cast, client_for):
    case = MATRIX[name]
    seen = {}
    for role in ROLES:
        client = client_for(role)
        send = getattr(client, case.method)
        seen[role] = send(case.url(cast), data=case.data(cast)).status_code
    assert seen == case.expect


# URL parts that name no object: the program (slug), the reports' scope, a file format.
NOT_OBJECTS = {"slug", "scope", "file_format", "kind", "language", "table"}


def test_program_a_objects_under_program_b_slug_are_404(cast, client_for):
    """Every program-scoped POST with A's object ids under B's slug, as B's coordinator and HR."""
    from django.urls import resolve

    seen, expected = {}, {}
    clients = {role: client_for(role) for role in ("other_coordinator", "other_hr")}
    for name, case in sorted(MATRIX.items()):
        if case.method != "post":
            continue
        url = case.url(cast)
        kwargs = resolve(url).kwargs
        if kwargs.get("slug") != cast.program.slug:
            continue
        if not set(kwargs) - NOT_OBJECTS:
            continue  # a program-level action: B's own program, rightly allowed to B
        swapped = url.replace(f"/{cast.program.slug}/", f"/{cast.other_program.slug}/", 1)
        for role, client in clients.items():
            seen[name, role] = client.post(swapped, data=case.data(cast)).status_code
            expected[name, role] = 404
    assert len(seen) >= 10
    assert seen == expected
