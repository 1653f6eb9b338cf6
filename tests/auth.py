"""Signing a test client in as a person would be after the sign-in pages.

Staff roles count only in a session that passed the second factor, so staff are signed in
with the mark set; ``second_factor=False`` gives a session that signed in by e-mail code only.
"""

from django.test import Client
from django.utils import timezone

from revmentor.core.permissions import SECOND_FACTOR_KEY


def sign_in(client: Client, user, *, second_factor: bool = True) -> Client:
    client.force_login(user)
    if second_factor:
        session = client.session
        session[SECOND_FACTOR_KEY] = timezone.now().isoformat()
        session.save()
    return client
