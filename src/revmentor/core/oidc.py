"""Sign-in through an organisation's identity provider: OpenID Connect authorization code flow.

PKCE (S256), a state bound to the session and a nonce bound to the ID token; the ID token's
signature is checked against the provider's published keys (JWKS), and its issuer, audience,
expiry and nonce against what we asked for.
"""

import base64
import hashlib
import json
import secrets
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from jwcrypto import jwk, jwt
from jwcrypto.common import JWException

from revmentor.core.models import OIDCConfiguration

SESSION_KEY = "oidc_flow"
FLOW_LIFETIME_SECONDS = 600
TIMEOUT_SECONDS = 10
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class OIDCError(Exception):
    """The provider's answer cannot be trusted; the sign-in is refused."""


class OIDCRefused(OIDCError):
    """The provider answered properly but may not vouch for this address; shown as it is.

    ``reason`` is "unverified" (no ``email_verified: true``) or "domain" (the address is not in
    the provider's listed e-mail domains).
    """

    def __init__(self, reason: str, *, organisation: str, domain: str = ""):
        super().__init__(f"refused ({reason}) for {organisation}: {domain}")
        self.reason = reason
        self.organisation = organisation
        self.domain = domain


@dataclass(frozen=True)
class Identity:
    email: str
    subject: str


def _checked_url(url: str) -> str:
    # Only HTTPS, except to a provider on this machine (tests, local development).
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS):
        return url
    raise OIDCError(f"refusing a non-HTTPS provider address: {url}")


def _fetch_json(url: str, data: dict | None = None, headers: dict | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    # The scheme is checked by _checked_url (HTTPS, or HTTP to the loopback address only).
    request = urllib.request.Request(  # noqa: S310
        _checked_url(url), data=body, headers={"Accept": "application/json", **(headers or {})}
    )
    opener = urllib.request.build_opener()
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return json.loads(response.read().decode())
    except (OSError, ValueError) as error:
        raise OIDCError(f"provider request failed: {url}: {error}") from error


def discover(config: OIDCConfiguration) -> dict:
    document = _fetch_json(config.issuer.rstrip("/") + "/.well-known/openid-configuration")
    if document.get("issuer", "").rstrip("/") != config.issuer.rstrip("/"):
        raise OIDCError("the discovery document names another issuer")
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not document.get(key):
            raise OIDCError(f"the discovery document has no {key}")
    return document


def redirect_uri() -> str:
    return settings.SITE_URL + reverse("core:oidc_callback")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def begin(session, config: OIDCConfiguration, next_url: str) -> str:
    """Remember state, nonce and PKCE verifier in the session; the provider's URL to go to."""
    document = discover(config)
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    session[SESSION_KEY] = {
        "config": str(config.public_id),
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "next": next_url,
        "started": time.time(),
    }
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": config.client_id,
            "redirect_uri": redirect_uri(),
            "scope": "openid email profile",
            "state": state,
            "nonce": nonce,
            "code_challenge": _b64(hashlib.sha256(verifier.encode()).digest()),
            "code_challenge_method": "S256",
        }
    )
    endpoint = document["authorization_endpoint"]
    return f"{_checked_url(endpoint)}{'&' if '?' in endpoint else '?'}{query}"


def complete(session, params) -> tuple[Identity, str]:
    """Check the provider's answer and the ID token; the identity and the page to go on to."""
    flow = session.pop(SESSION_KEY, None)
    if not flow or time.time() - flow["started"] > FLOW_LIFETIME_SECONDS:
        raise OIDCError("no sign-in is in progress, or it took too long")
    if not secrets.compare_digest(str(params.get("state", "")), flow["state"]):
        raise OIDCError("the state does not match")
    if params.get("error") or not params.get("code"):
        raise OIDCError(f"the provider answered {params.get('error', 'without a code')}")
    config = (
        OIDCConfiguration.objects.filter(public_id=flow["config"], enabled=True)
        .select_related("organisation")
        .first()
    )
    if config is None:
        raise OIDCError("the identity provider is no longer enabled")
    document = discover(config)
    tokens = _fetch_json(
        document["token_endpoint"],
        data={
            "grant_type": "authorization_code",
            "code": params["code"],
            "redirect_uri": redirect_uri(),
            "client_id": config.client_id,
            "client_secret": config.client_secret,
            "code_verifier": flow["verifier"],
        },
    )
    if not tokens.get("id_token"):
        raise OIDCError("the provider sent no ID token")
    claims = validate_id_token(
        tokens["id_token"],
        jwks=_fetch_json(document["jwks_uri"]),
        issuer=document["issuer"],
        client_id=config.client_id,
        nonce=flow["nonce"],
    )
    email = str(claims.get("email") or "").strip()
    if not email or "@" not in email:
        raise OIDCError("the ID token carries no e-mail address")
    organisation = str(config.organisation)
    if claims.get("email_verified") not in (True, "true"):
        raise OIDCRefused("unverified", organisation=organisation)
    domain = email.rpartition("@")[2].lower()
    if domain not in config.email_domain_list:
        raise OIDCRefused("domain", organisation=organisation, domain=domain)
    return Identity(email=email, subject=str(claims["sub"])), flow["next"]


def validate_id_token(token: str, *, jwks: dict, issuer: str, client_id: str, nonce: str) -> dict:
    """The ID token's claims if its signature, issuer, audience, expiry and nonce hold."""
    try:
        keys = jwk.JWKSet.from_json(json.dumps(jwks))
        checked = jwt.JWT(
            jwt=token,
            key=keys,
            algs=["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"],
            check_claims={"iss": issuer, "aud": client_id, "exp": None, "sub": None},
        )
        claims = json.loads(checked.claims)
    except (JWException, ValueError, KeyError, TypeError) as error:
        raise OIDCError(f"the ID token is not valid: {error}") from error
    if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
        raise OIDCError("the nonce does not match")
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise OIDCError("the ID token was issued to another party")
    return claims
