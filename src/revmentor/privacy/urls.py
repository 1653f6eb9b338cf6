from django.urls import path

from revmentor.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("program/<slug:slug>/privacy/", views.program_notice, name="program_notice"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("accessibility/report/", views.accessibility_report, name="accessibility_report"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/extract/", views.my_extract, name="my_extract"),
    path("me/data/extract.json", views.my_extract_json, name="my_extract_json"),
    path("manage/<slug:slug>/privacy/", views.settings_page, name="settings"),
    path("manage/<slug:slug>/privacy/retention/", views.retention, name="retention"),
    path("manage/<slug:slug>/privacy/erasure/", views.erasure_list, name="erasure_list"),
    path(
        "manage/<slug:slug>/privacy/erasure/<uuid:public_id>/",
        views.erasure_decide,
        name="erasure_decide",
    ),
    path("manage/<slug:slug>/privacy/extract/", views.extract_for, name="extract_for"),
    path("ops/extract/", views.operator_extract, name="operator_extract"),
]
