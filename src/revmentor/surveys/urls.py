from django.urls import path

from revmentor.surveys import views

app_name = "surveys"

SURVEY = "manage/<slug:slug>/surveys/<uuid:public_id>/"

urlpatterns = [
    path("manage/<slug:slug>/surveys/", views.manage_list, name="manage_list"),
    path("manage/<slug:slug>/surveys/instruments/", views.instruments, name="instruments"),
    path(SURVEY, views.manage_detail, name="manage_detail"),
    path(f"{SURVEY}edit/", views.edit, name="edit"),
    path(f"{SURVEY}questions/new/", views.question_form, name="question_create"),
    path(f"{SURVEY}questions/<uuid:question_id>/", views.question_form, name="question_edit"),
    path(
        f"{SURVEY}questions/<uuid:question_id>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path(f"{SURVEY}send/", views.send, name="send"),
    path(f"{SURVEY}remind/", views.remind, name="remind"),
    path(f"{SURVEY}close/", views.close, name="close"),
    path(f"{SURVEY}results/", views.results_page, name="results"),
    path(f"{SURVEY}instrument/", views.instrument_results, name="instrument_results"),
    path(f"{SURVEY}instrument.xlsx", views.instrument_export, name="instrument_export"),
    path("program/<slug:slug>/surveys/<uuid:public_id>/", views.answer, name="answer"),
]
