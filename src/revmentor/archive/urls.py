from django.urls import path

from revmentor.archive import views

app_name = "archive"

urlpatterns = [
    path("manage/<slug:slug>/archive/", views.manage, name="manage"),
    path(
        "manage/<slug:slug>/archive/<uuid:public_id>.zip",
        views.download,
        name="download",
    ),
]
