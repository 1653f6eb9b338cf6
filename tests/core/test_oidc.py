"""Sign-in through an organisation's identity provider, end to end against a real provider."""

import http.cookiejar
import json
import urllib.parse
import urllib.request

import pytest
from django.urls import reverse
from jwcrypto import jwk, jwt

from revmentor.core import oidc
from revmentor.core.models import OIDCConfiguration, Role, SignInFailure, User


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _sign_in_at_provider(provider, authorize_url: str) -> dict:
    """Sign in at the provider as its person and follow the authorization: our callback's query."""
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect()
    )
    login = urllib.parse.urlencode(
        {"username": provider["email"], "password": provider["password"], "next": "/"}
    ).encode()
    try:
        browser.open(f"http://127.0.0.1:{provider['port']}/login/", data=login)
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302
    try:
        browser.open(authorize_url)
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302, redirect.read()
        location = redirect.headers["Location"]
    else:
        raise AssertionError("the provider did not redirect back")
    parts = urllib.parse.urlsplit(location)
    assert parts.path == reverse("core:oidc_callback")
    return dict(urllib.parse.parse_qsl(parts.query))


@pytest.fixture
def identity_provider(cast, oidc_provider):
    return OIDCConfiguration.objects.create(
        organisation=cast.org_a,
        issuer=oidc_provider["issuer"],
        client_id=oidc_provider["client_id"],
        client_secret=oidc_provider["client_secret"],
        email_domains="org-a.test.example",
        enabled=True,
    )


def test_sign_in_page_offers_the_enabled_identity_provider(client, identity_provider):
    response = client.get(reverse("core:sign_in"))
    assert reverse("core:oidc_start", args=[identity_provider.public_id]) in response.text


def test_participant_signs_in_through_the_organisations_provider(
    client, identity_provider, oidc_provider
):
    start = client.get(
        reverse("core:oidc_start", args=[identity_provider.public_id]) + "?next=/privacy/"
    )
    assert start.status_code == 302
    authorize = urllib.parse.urlsplit(start["Location"])
    query = dict(urllib.parse.parse_qsl(authorize.query))
    assert (query["code_challenge_method"], query["response_type"]) == ("S256", "code")

    answer = _sign_in_at_provider(oidc_provider, start["Location"])
    response = client.get(reverse("core:oidc_callback"), answer)

    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    user = User.objects.get(email=oidc_provider["email"])
    assert client.session["_auth_user_id"] == str(user.pk)


def test_staff_signing_in_through_the_provider_must_still_give_a_totp_code(
    client, cast, identity_provider, oidc_provider
):
    staff = User.objects.create_user(email=oidc_provider["email"])
    Role.objects.create(
        user=staff, kind=Role.Kind.HR, program=cast.program, organisation=cast.org_a
    )
    start = client.get(reverse("core:oidc_start", args=[identity_provider.public_id]))
    response = client.get(
        reverse("core:oidc_callback"), _sign_in_at_provider(oidc_provider, start["Location"])
    )
    assert response["Location"] == reverse("core:totp_enrol")
    assert "_auth_user_id" not in client.session


def test_a_forged_state_is_refused_and_counted(client, identity_provider, oidc_provider):
    start = client.get(reverse("core:oidc_start", args=[identity_provider.public_id]))
    answer = _sign_in_at_provider(oidc_provider, start["Location"])
    response = client.get(reverse("core:oidc_callback"), {**answer, "state": "forged"})
    assert response["Location"] == reverse("core:sign_in")
    assert "_auth_user_id" not in client.session
    assert list(SignInFailure.objects.values_list("step", flat=True)) == ["oidc"]


def test_a_disabled_provider_is_not_found(client, identity_provider):
    OIDCConfiguration.objects.filter(pk=identity_provider.pk).update(enabled=False)
    response = client.get(reverse("core:oidc_start", args=[identity_provider.public_id]))
    assert response.status_code == 404


def _token(key, **claims) -> str:
    token = jwt.JWT(header={"alg": "RS256", "kid": key.thumbprint()}, claims=claims)
    token.make_signed_token(key)
    return token.serialize()


CLAIMS = {
    "iss": "https://idp.test.example",
    "aud": "client",
    "sub": "1",
    "exp": 4_000_000_000,
    "nonce": "n-1",
    "email": "a@test.example",
}


def _jwks(key) -> dict:
    public = jwk.JWK.from_json(key.export_public())
    public["kid"] = key.thumbprint()
    return json.loads(jwk.JWKSet(keys=public).export(private_keys=False))


@pytest.mark.parametrize(
    "change",
    [
        {"nonce": "other"},
        {"aud": "someone-else"},
        {"iss": "https://evil.test.example"},
        {"exp": 1_000_000_000},
    ],
    ids=["nonce", "audience", "issuer", "expired"],
)
def test_an_id_token_with_a_wrong_claim_is_refused(change):
    key = jwk.JWK.generate(kty="RSA", size=2048)
    with pytest.raises(oidc.OIDCError):
        oidc.validate_id_token(
            _token(key, **{**CLAIMS, **change}),
            jwks=_jwks(key),
            issuer=CLAIMS["iss"],
            client_id="client",
            nonce="n-1",
        )


def test_an_id_token_signed_by_another_key_is_refused():
    key, impostor = jwk.JWK.generate(kty="RSA", size=2048), jwk.JWK.generate(kty="RSA", size=2048)
    impostor["kid"] = key.thumbprint()
    with pytest.raises(oidc.OIDCError):
        oidc.validate_id_token(
            _token(impostor, **CLAIMS),
            jwks=_jwks(key),
            issuer=CLAIMS["iss"],
            client_id="client",
            nonce="n-1",
        )


def test_a_valid_id_token_gives_its_claims():
    key = jwk.JWK.generate(kty="RSA", size=2048)
    claims = oidc.validate_id_token(
        _token(key, **CLAIMS),
        jwks=_jwks(key),
        issuer=CLAIMS["iss"],
        client_id="client",
        nonce="n-1",
    )
    assert claims == CLAIMS


def test_a_provider_address_without_https_is_refused():
    with pytest.raises(oidc.OIDCError):
        oidc._checked_url("http://idp.test.example/o")


def _callback_after_signing_in(client, config, provider):
    start = client.get(reverse("core:oidc_start", args=[config.public_id]))
    return client.get(
        reverse("core:oidc_callback"), _sign_in_at_provider(provider, start["Location"])
    )


def test_a_provider_cannot_sign_in_an_address_outside_its_domains(
    client, cast, identity_provider, oidc_provider
):
    OIDCConfiguration.objects.filter(pk=identity_provider.pk).update(
        email_domains="org-b.test.example\nskatteverket.example"
    )
    users_before = User.objects.count()
    response = _callback_after_signing_in(client, identity_provider, oidc_provider)
    assert response.status_code == 403
    assert response.context["reason"] == "domain"
    assert (
        "Inloggningstjänsten för Organisation A får inte logga in adresser i domänen "
        "org-a.test.example." in " ".join(response.text.split())
    )
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users_before
    assert list(SignInFailure.objects.values_list("step", flat=True)) == ["oidc"]


def test_a_provider_without_listed_domains_signs_in_nobody(
    client, identity_provider, oidc_provider
):
    OIDCConfiguration.objects.filter(pk=identity_provider.pk).update(email_domains="")
    response = _callback_after_signing_in(client, identity_provider, oidc_provider)
    assert (response.status_code, response.context["reason"]) == (403, "domain")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("verified", [None, False, "false"], ids=["missing", "false", "text"])
def test_an_address_the_provider_has_not_verified_is_refused(
    client, identity_provider, oidc_provider, monkeypatch, verified
):
    real = oidc.validate_id_token

    def unverified(*args, **kwargs):
        claims = dict(real(*args, **kwargs))
        claims.pop("email_verified", None)
        if verified is not None:
            claims["email_verified"] = verified
        return claims

    monkeypatch.setattr(oidc, "validate_id_token", unverified)
    response = _callback_after_signing_in(client, identity_provider, oidc_provider)
    assert (response.status_code, response.context["reason"]) == (403, "unverified")
    assert "har inte bekräftat att e-postadressen är din" in " ".join(response.text.split())
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email=oidc_provider["email"]).exists()


def test_a_domain_is_matched_exactly_not_as_a_suffix(client, identity_provider, oidc_provider):
    OIDCConfiguration.objects.filter(pk=identity_provider.pk).update(email_domains="a.test.example")
    response = _callback_after_signing_in(client, identity_provider, oidc_provider)
    assert response.status_code == 403


def test_the_operator_must_write_real_domain_names(cast):
    from django.core.exceptions import ValidationError

    config = OIDCConfiguration(
        organisation=cast.org_b,
        issuer="https://idp.test.example",
        client_id="c",
        client_secret="s",
        email_domains="org-b.test.example\n*.example\nnot a domain",
    )
    with pytest.raises(ValidationError) as refused:
        config.full_clean()
    assert refused.value.message_dict == {
        "email_domains": ["Inte ett domännamn: *.example, not a domain. Skriv ett per rad."]
    }
    config.email_domains = "org-b.test.example\n@B.Test.Example"
    config.full_clean()
    assert config.email_domain_list == ["org-b.test.example", "b.test.example"]
