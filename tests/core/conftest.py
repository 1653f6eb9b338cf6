"""A real OpenID Connect provider (django-oauth-toolkit) started as a subprocess for the tests."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from jwcrypto import jwk

ROOT = Path(__file__).resolve().parent.parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider():
    """Issuer URL, client registration and one person who can sign in at the provider."""
    workdir = tempfile.mkdtemp(prefix="revmentor-oidc-", dir="/tmp")
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}/o"
    key = jwk.JWK.generate(kty="RSA", size=2048)
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_TEST_DB": f"{workdir}/provider.sqlite3",
        "OIDC_TEST_RSA_KEY": key.export_to_pem(private_key=True, password=None).decode(),
        "OIDC_TEST_ISSUER": issuer,
        "PYTHONPATH": str(ROOT),
    }
    person = {"email": "ida.idp@org-a.test.example", "password": "provider-pass-2026"}
    client = {"client_id": "revmentor-test-client", "client_secret": "s3cret-for-tests-only"}
    redirect = settings.SITE_URL + "/sign-in/organisation/callback/"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.oidc_provider.setup",
            person["email"],
            person["password"],
            client["client_id"],
            client["client_secret"],
            redirect,
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2)
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the test OpenID provider did not start") from None
                time.sleep(0.2)
        yield {"issuer": issuer, "port": port, **person, **client, "key": key}
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
