"""A coordinator's text in one language: its English version when English is asked for and
written, else the Swedish one (every such text is written in Swedish first)."""

from django.utils.functional import lazy
from django.utils.translation import get_language


def in_language(obj, field: str, language: str) -> str:
    """``obj.<field>_en`` for English if it is filled in, else ``obj.<field>``."""
    if (language or "sv").startswith("en"):
        english = str(getattr(obj, f"{field}_en", "") or "")
        if english:
            return english
    return str(getattr(obj, field, "") or "")


def _in_active_language(obj, field: str) -> str:
    return in_language(obj, field, get_language() or "sv")


# For values made before the language of an e-mail is known: read when rendered.
in_active_language = lazy(_in_active_language, str)
