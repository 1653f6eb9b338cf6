"""The privacy registry: every app tells here what it holds about a person and how to anonymise it.

An app adds a provider in ``<app>/privacy.py`` and registers it in its ``AppConfig.ready()``.
The register extract, erasure and the retention job only ever go through these providers,
so an app that stores personal data and registers a provider is covered by all three.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from django.db.models import QuerySet


@dataclass(frozen=True)
class Due:
    """Rows of one kind that the retention rules say must now be anonymised."""

    provider: str
    kind: str
    description: str
    rows: QuerySet


class Provider(Protocol):
    """What an app registers. ``label`` names its part of the extract."""

    label: str

    def extract(self, user, program=None) -> dict[str, Any]:
        """What the app holds about ``user`` (in ``program`` only, if given), as JSON-ready values."""
        ...

    def programs_of(self, user) -> Iterable[int]:
        """Ids of the programs in which the app holds data about ``user``."""
        ...

    def erase(self, *, user, program) -> int:
        """Anonymise what the app holds about ``user`` in ``program``; the number of rows."""
        ...

    def due_for_retention(self, *, program, now: datetime) -> list[Due]:
        """The app's rows in ``program`` whose retention period has passed."""
        ...

    def anonymise(self, due: Due) -> int:
        """Anonymise the rows of ``due`` (from this provider), keeping what statistics need."""
        ...


def within(program, path: str = "program") -> dict[str, Any]:
    """The filter that limits an extract to ``program`` (None: every program)."""
    return {} if program is None else {path: program}


_providers: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    """Add ``provider`` (once per label; registering again replaces it)."""
    _providers[provider.label] = provider
    return provider


def unregister(label: str) -> None:
    _providers.pop(label, None)


def providers() -> list[Provider]:
    return [_providers[label] for label in sorted(_providers)]


def provider(label: str) -> Provider:
    return _providers[label]
