import uuid

from django.urls import reverse

from tests.matrix import Case, everyone, only, signed_in

MATRIX = {
    "set_language": Case(
        lambda c: reverse("set_language"),
        everyone(302),
        method="post",
        data=lambda c: {"language": "en", "next": "/"},
    ),
    "healthz": Case(lambda c: reverse("healthz"), everyone(200)),
    # The admin: operators with the second factor only; anonymous to sign in, others 404.
    "admin:index": Case(lambda c: reverse("admin:index"), only({"operator": 200})),
    "core:sign_in": Case(lambda c: reverse("core:sign_in"), everyone(200)),
    # Without an e-mail address from step 1 the code step sends the visitor back to it.
    "core:sign_in_code": Case(lambda c: reverse("core:sign_in_code"), everyone(302)),
    "core:sign_in_password": Case(lambda c: reverse("core:sign_in_password"), everyone(200)),
    # Without a first step passed, the second-factor pages send the visitor back to sign in.
    "core:sign_in_totp": Case(lambda c: reverse("core:sign_in_totp"), everyone(302)),
    "core:totp_enrol": Case(lambda c: reverse("core:totp_enrol"), everyone(302)),
    # The step-up sends a signed-in person on to their authenticator; others to sign in.
    "core:step_up": Case(lambda c: reverse("core:step_up"), everyone(302)),
    # An identity provider that does not exist (or is switched off) is 404 for everyone.
    "core:oidc_start": Case(
        lambda c: reverse("core:oidc_start", kwargs={"public_id": uuid.uuid4()}), everyone(404)
    ),
    # A callback without a sign-in in progress is refused back to the sign-in page.
    "core:oidc_callback": Case(
        lambda c: reverse("core:oidc_callback"),
        everyone(302),
        data=lambda c: {"state": "forged", "code": "forged"},
    ),
    "core:sign_out": Case(lambda c: reverse("core:sign_out"), everyone(302), method="post"),
    "core:home": Case(lambda c: reverse("core:home"), signed_in(200)),
    "core:audit": Case(
        lambda c: reverse("core:audit", kwargs={"slug": c.program.slug}),
        only({"coordinator": 200}),
    ),
}
