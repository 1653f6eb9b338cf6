from django.urls import path

from revmentor.reports import views

app_name = "reports"

HR = {"scope": views.HR}

urlpatterns = [
    path("manage/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path(
        "manage/<slug:slug>/dashboard/<str:table>.xlsx",
        views.dashboard_export,
        name="dashboard_export",
    ),
    path("manage/<slug:slug>/costs/", views.costs, name="costs"),
    path("manage/<slug:slug>/costs/totals.xlsx", views.costs_export, name="costs_export"),
    path(
        "manage/<slug:slug>/costs/travel/<uuid:public_id>/delete/",
        views.travel_delete,
        name="travel_delete",
    ),
    path(
        "manage/<slug:slug>/costs/<uuid:organisation>/invoice.<str:file_format>",
        views.invoice,
        name="invoice",
    ),
    path(
        "manage/<slug:slug>/certificates/<uuid:public_id>.pdf",
        views.certificate,
        name="certificate",
    ),
    path("hr/<slug:slug>/dashboard/", views.dashboard, HR, name="hr_dashboard"),
    path(
        "hr/<slug:slug>/dashboard/<str:table>.xlsx",
        views.dashboard_export,
        HR,
        name="hr_dashboard_export",
    ),
    path("hr/<slug:slug>/costs/", views.costs, HR, name="hr_costs"),
    path(
        "hr/<slug:slug>/costs/travel/<uuid:public_id>/delete/",
        views.travel_delete,
        HR,
        name="hr_travel_delete",
    ),
    path(
        "hr/<slug:slug>/costs/<uuid:organisation>/invoice.<str:file_format>",
        views.invoice,
        HR,
        name="hr_invoice",
    ),
    path("program/<slug:slug>/certificate.pdf", views.my_certificate, name="my_certificate"),
]
