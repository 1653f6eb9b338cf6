from django.urls import reverse

from tests.matrix import Case, everyone

MATRIX = {
    "privacy:notice": Case(lambda c: reverse("privacy:notice"), everyone(200)),
    "privacy:accessibility": Case(lambda c: reverse("privacy:accessibility"), everyone(200)),
}
