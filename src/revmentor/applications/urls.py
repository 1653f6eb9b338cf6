from django.urls import path

from revmentor.applications import views

app_name = "applications"

urlpatterns = [
    path("program/<slug:slug>/apply/", views.apply, name="apply"),
    path("program/<slug:slug>/application/", views.edit, name="edit"),
    path("program/<slug:slug>/application/status/", views.status, name="status"),
    path("program/<slug:slug>/application/withdraw/", views.withdraw, name="withdraw"),
    path("manager/<str:token>/", views.manager, name="manager"),
    path("hr/<slug:slug>/", views.hr_list, name="hr_list"),
    path("hr/<slug:slug>/decide/", views.hr_bulk, name="hr_bulk"),
    path("hr/<slug:slug>/late/", views.hr_late, name="hr_late"),
    path("hr/<slug:slug>/export.<str:file_format>", views.hr_export, name="hr_export"),
    path("hr/<slug:slug>/applications/<uuid:public_id>/", views.hr_detail, name="hr_detail"),
    path("manage/<slug:slug>/nominations/", views.nominations, name="nominations"),
    path(
        "manage/<slug:slug>/nominations/export.<str:file_format>",
        views.nominations_export,
        name="nominations_export",
    ),
    path(
        "manage/<slug:slug>/nominations/close/",
        views.nominations_close,
        name="nominations_close",
    ),
    path("manage/<slug:slug>/import/", views.import_applications, name="import"),
    path(
        "manage/<slug:slug>/import/template.<str:file_format>",
        views.import_template,
        name="import_template",
    ),
    path("manage/<slug:slug>/emails/", views.email_templates, name="email_templates"),
    path(
        "manage/<slug:slug>/emails/<str:kind>/<str:language>/",
        views.email_template_edit,
        name="email_template_edit",
    ),
]
