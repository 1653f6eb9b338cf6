from django.urls import path

from revmentor.mentorships import views

app_name = "mentorships"

MY = "program/<slug:slug>/my/"
PAIR = f"{MY}pairs/<uuid:pair>/"
GROUP = "program/<slug:slug>/groups/<uuid:group>/"
MANAGE = "manage/<slug:slug>/activity/"

urlpatterns = [
    path(MY, views.my_program, name="my_program"),
    path(f"{PAIR}log/new/", views.log_create, name="log_create"),
    path(f"{PAIR}log/<uuid:log>/", views.log_edit, name="log_edit"),
    path(f"{PAIR}log/<uuid:log>/delete/", views.log_delete, name="log_delete"),
    path(f"{PAIR}goals/", views.goals, name="goals"),
    path(f"{MY}meetings/", views.joint_meetings, name="joint_meetings"),
    path(f"{MY}meetings/<uuid:uid>/attendance/", views.attendance, name="attendance"),
    path(GROUP, views.group, name="group"),
    path(f"{GROUP}log/new/", views.group_log_create, name="group_log_create"),
    path(f"{GROUP}log/<uuid:log>/", views.group_log_edit, name="group_log_edit"),
    path(f"{GROUP}log/<uuid:log>/delete/", views.group_log_delete, name="group_log_delete"),
    path(f"{GROUP}goals/", views.group_goals, name="group_goals"),
    path("program/<slug:slug>/materials/<uuid:material>/", views.material, name="material"),
    path("my/calendar/", views.calendar, name="calendar"),
    path("my/calendar/regenerate/", views.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path(MANAGE, views.activity, name="activity"),
    path(f"{MANAGE}pairs/<uuid:pair>/end/", views.end_pair, name="end_pair"),
    path(f"{MANAGE}groups/", views.groups, name="groups"),
    path(f"{MANAGE}groups/new/", views.group_form, name="group_create"),
    path(f"{MANAGE}groups/<uuid:group>/", views.group_form, name="group_edit"),
    path(f"{MANAGE}groups/<uuid:group>/delete/", views.group_delete, name="group_delete"),
    path(f"{MANAGE}meetings/<uuid:uid>/materials/", views.materials, name="materials"),
    path(f"{MANAGE}meetings/<uuid:uid>/invite/", views.meeting_invite, name="meeting_invite"),
    path(f"{MANAGE}meetings/<uuid:uid>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path(
        f"{MANAGE}materials/<uuid:material>/delete/", views.material_delete, name="material_delete"
    ),
    path(f"{MANAGE}reminders/", views.reminders, name="reminders"),
]
