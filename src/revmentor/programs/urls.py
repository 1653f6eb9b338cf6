from django.urls import path

from revmentor.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="list"),
    path("program/<slug:slug>/", views.program_detail, name="detail"),
    path("program/<slug:slug>/calendar.ics", views.program_calendar, name="calendar"),
    path(
        "program/<slug:slug>/meetings/<uuid:uid>.ics",
        views.meeting_calendar,
        name="meeting_calendar",
    ),
    path("manage/new/", views.create, name="create"),
    path("manage/<slug:slug>/", views.manage, name="manage"),
    path("manage/<slug:slug>/edit/", views.edit, name="edit"),
    path("manage/<slug:slug>/deadline/", views.deadline, name="deadline"),
    path("manage/<slug:slug>/status/", views.change_status, name="status"),
    path("manage/<slug:slug>/copy/", views.copy, name="copy"),
    path("manage/<slug:slug>/profiles/", views.profiles, name="profiles"),
    path("manage/<slug:slug>/topics/", views.topics, name="topics"),
    path("manage/<slug:slug>/organisations/", views.organisations, name="organisations"),
    path(
        "manage/<slug:slug>/organisations/new/", views.organisation_form, name="organisation_create"
    ),
    path(
        "manage/<slug:slug>/organisations/<uuid:public_id>/",
        views.organisation_form,
        name="organisation_edit",
    ),
    path("manage/<slug:slug>/meetings/", views.meetings, name="meetings"),
    path("manage/<slug:slug>/meetings/new/", views.meeting_form, name="meeting_create"),
    path("manage/<slug:slug>/meetings/<uuid:uid>/", views.meeting_form, name="meeting_edit"),
    path("manage/<slug:slug>/contacts/", views.contacts, name="contacts"),
    path("manage/<slug:slug>/roles/", views.roles, name="roles"),
    path(
        "manage/<slug:slug>/roles/<uuid:public_id>/revoke/", views.role_revoke, name="role_revoke"
    ),
]
