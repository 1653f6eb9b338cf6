from django.urls import path

from revmentor.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
