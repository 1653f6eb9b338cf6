from django.urls import path

from revmentor.core import views

app_name = "core"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-in/password/", views.sign_in_password, name="sign_in_password"),
    path("sign-in/authenticator/", views.sign_in_totp, name="sign_in_totp"),
    path("sign-in/step-up/", views.step_up, name="step_up"),
    path("sign-in/authenticator/new/", views.totp_enrol, name="totp_enrol"),
    path("sign-in/organisation/<uuid:public_id>/", views.oidc_start, name="oidc_start"),
    path("sign-in/organisation/callback/", views.oidc_callback, name="oidc_callback"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("me/", views.home, name="home"),
    path("manage/<slug:slug>/audit/", views.audit_log, name="audit"),
]
