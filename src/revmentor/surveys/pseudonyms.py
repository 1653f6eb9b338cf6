"""The one-way pseudonym that pairs a person's start and end answers to an instrument.

HMAC-SHA256 of the application's public id under a key derived from the program's public id
and a secret that is not in the database (``REVMENTOR_SURVEY_PSEUDONYM_KEY``, by default
``SECRET_KEY``). It is stored only on the anonymous answer set, never with the "has answered"
row, so a copy of the database alone cannot tell whose answers carry which pseudonym: that
needs the secret. Pseudonyms differ between programs. Changing the secret while a program's
end survey is open stops its answers from pairing with the start survey's.
"""

from django.conf import settings
from django.utils.crypto import salted_hmac

from revmentor.applications.models import Application
from revmentor.programs.models import Program


def _secret() -> str:
    return getattr(settings, "REVMENTOR_SURVEY_PSEUDONYM_KEY", "") or settings.SECRET_KEY


def pseudonym(*, program: Program, application: Application) -> str:
    """The person's pseudonym within the program: the same for their start and end answers."""
    return salted_hmac(
        f"revmentor.surveys.pseudonym.{program.public_id}",
        str(application.public_id),
        secret=_secret(),
        algorithm="sha256",
    ).hexdigest()
