from django.urls import path

from revmentor.core import views

app_name = "core"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-in/password/", views.sign_in_password, name="sign_in_password"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("me/", views.home, name="home"),
]
