from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def login_view(request):
    """The provider's own sign-in: a plain POST of username and password."""
    if request.method == "POST":
        user = authenticate(
            request, username=request.POST["username"], password=request.POST["password"]
        )
        if user is None:
            return HttpResponse("wrong", status=403)
        login(request, user)
        target = request.POST.get("next", "/")
        return HttpResponseRedirect(
            target if url_has_allowed_host_and_scheme(target, None) else "/"
        )
    return HttpResponse("sign in by POST", status=200)


urlpatterns = [
    path("login/", login_view),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
