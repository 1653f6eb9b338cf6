"""The bare Django floor: what any Django page costs on this machine, served the same way.

One module is the settings, the URLs, the views and the WSGI application
(``DJANGO_SETTINGS_MODULE=floor_app``, ``gunicorn floor_app:application``). It uses
revmentor's database settings (the same database, the same connection options) and nothing
else of revmentor: no sessions, no authentication, no locale, no messages, no CSP.

- ``GET /page/<name>``: one indexed query (a program's title by its unique slug) and the
  template ``<name>`` from ``FLOOR_TEMPLATES`` (``_common.floor_template``: the revmentor
  page's own bytes, so the floor sends a page of the same size).
- ``GET /form`` and ``POST /form``: a Django form with CSRF; a valid POST writes one row
  (``floor_row``) in a transaction and redirects, as a bare "Send" would.
"""

import os

import django
from django import forms
from django.db import connection, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import engines
from django.urls import path
from django.utils import timezone

from revmentor.settings import DATABASES  # noqa: F401  (the same database and options)

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "floor_app"
INSTALLED_APPS: list[str] = []
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
USE_TZ = True
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.environ.get("FLOOR_TEMPLATES", "/nonexistent")],
        "OPTIONS": {"context_processors": ["django.template.context_processors.csrf"]},
    }
]
SLUG = os.environ.get("FLOOR_SLUG", "")
FORM_PAGE = """<!doctype html><html lang="en"><title>{{ title }}</title>
<form method="post">{% csrf_token %}
<label>Name <input name="full_name"></label><label>E-mail <input name="email"></label>
<label>Text <textarea name="text"></textarea></label><button>Send</button></form></html>"""


class FloorForm(forms.Form):
    full_name = forms.CharField(max_length=200)
    email = forms.EmailField()
    text = forms.CharField(max_length=2000)


def title() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT title FROM programs_program WHERE slug = %s", [SLUG])
        row = cursor.fetchone()
    return row[0] if row else ""


def page(request, name):
    content_type = "text/calendar; charset=utf-8" if name.endswith(".ics") else None
    return render(request, name, {"title": title()}, content_type=content_type)


def form(request):
    bound = FloorForm(request.POST or None)
    if request.method == "POST" and bound.is_valid():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO floor_row (full_name, email, text, created_at) VALUES (%s, %s, %s, %s)",
                [*bound.cleaned_data.values(), timezone.now()],
            )
        return redirect("/form?sent=1")
    template = engines["django"].from_string(FORM_PAGE)
    return HttpResponse(template.render({"title": title()}, request))


def healthz(request):
    return HttpResponse("ok")


urlpatterns = [
    path("page/<str:name>", page),
    path("form", form),
    path("healthz", healthz),
]


def create_table() -> None:
    """The floor's one table (run once before the server starts)."""
    key = "BIGSERIAL" if connection.vendor == "postgresql" else "INTEGER"
    extra = "" if connection.vendor == "postgresql" else " AUTOINCREMENT"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS floor_row (id {key} PRIMARY KEY{extra}, "  # noqa: S608  # nosec B608
            "full_name VARCHAR(200), email VARCHAR(254), text TEXT, created_at TIMESTAMP)"
        )


if __name__ == "__main__":
    # `python benchmarks/floor_app.py`: create the floor's table once, before the server starts.
    os.environ.update(DJANGO_SETTINGS_MODULE="floor_app", FLOOR_SETUP="1")
    django.setup()
    create_table()
elif os.environ.get("DJANGO_SETTINGS_MODULE") == "floor_app" and not os.environ.get("FLOOR_SETUP"):
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
