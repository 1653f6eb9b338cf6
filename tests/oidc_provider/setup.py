"""Create the provider's database, a person and the relying party's client registration.

Run as: python -m tests.oidc_provider.setup <email> <password> <client_id> <secret> <redirect>
"""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oauth2_provider.models import Application  # noqa: E402


def main(email, password, client_id, secret, redirect_uri):
    call_command("migrate", verbosity=0, interactive=False)
    User.objects.create_user(username=email, email=email, password=password)
    Application.objects.create(
        name="revmentor",
        client_id=client_id,
        client_secret=secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


if __name__ == "__main__":
    main(*sys.argv[1:6])
