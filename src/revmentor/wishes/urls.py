from django.urls import path

from revmentor.wishes import views

app_name = "wishes"

MY = "program/<slug:slug>/wishes/"
MANAGE = "manage/<slug:slug>/wishes/"

urlpatterns = [
    path(MY, views.rank, name="rank"),
    path(f"{MY}requests/<uuid:public_id>/", views.answer, name="answer"),
    path(MANAGE, views.round_page, name="round"),
    path(f"{MANAGE}remind/", views.remind, name="remind"),
    path(f"{MANAGE}close/", views.close, name="close"),
    path(f"{MANAGE}coordinator-led/", views.coordinator_led, name="coordinator_led"),
    path(f"{MANAGE}run/", views.run, name="run"),
]
