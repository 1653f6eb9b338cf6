from django.urls import reverse

from tests.matrix import Case, everyone, signed_in

MATRIX = {
    "set_language": Case(
        lambda c: reverse("set_language"),
        everyone(302),
        method="post",
        data=lambda c: {"language": "en", "next": "/"},
    ),
    "healthz": Case(lambda c: reverse("healthz"), everyone(200)),
    "admin:index": Case(lambda c: reverse("admin:index"), everyone(302)),
    "core:sign_in": Case(lambda c: reverse("core:sign_in"), everyone(200)),
    # Without an e-mail address from step 1 the code step sends the visitor back to it.
    "core:sign_in_code": Case(lambda c: reverse("core:sign_in_code"), everyone(302)),
    "core:sign_in_password": Case(lambda c: reverse("core:sign_in_password"), everyone(200)),
    "core:sign_out": Case(lambda c: reverse("core:sign_out"), everyone(302), method="post"),
    "core:home": Case(lambda c: reverse("core:home"), signed_in(200)),
}
