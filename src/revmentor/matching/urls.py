from django.urls import path

from revmentor.matching import views

app_name = "matching"

PREFIX = "manage/<slug:slug>/matching/"

urlpatterns = [
    path(PREFIX, views.workspace, name="workspace"),
    path(f"{PREFIX}run/", views.run, name="run"),
    path(f"{PREFIX}runs/<uuid:public_id>/", views.run_status, name="run_status"),
    path(f"{PREFIX}exclusions/", views.exclusions, name="exclusions"),
    path(
        f"{PREFIX}exclusions/<uuid:public_id>/delete/",
        views.exclusion_delete,
        name="exclusion_delete",
    ),
    path(
        f"{PREFIX}ended/<uuid:application_id>/",
        views.readmission,
        name="readmission",
    ),
    path(f"{PREFIX}<uuid:public_id>/", views.proposal_detail, name="proposal"),
    path(f"{PREFIX}<uuid:public_id>/pair/", views.pair_by_hand, name="pair_by_hand"),
    path(f"{PREFIX}<uuid:public_id>/publish/", views.publish, name="publish"),
    path(f"{PREFIX}<uuid:public_id>/compare/", views.compare, name="compare"),
    path(
        f"{PREFIX}<uuid:public_id>/pairs/<uuid:pair_id>/lock/",
        views.pair_lock,
        name="pair_lock",
    ),
    path(
        f"{PREFIX}<uuid:public_id>/pairs/<uuid:pair_id>/break/",
        views.pair_break,
        name="pair_break",
    ),
]
