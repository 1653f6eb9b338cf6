"""The privacy notice and the accessibility statement, reachable from every page's footer."""

from django.shortcuts import render


def notice(request):
    return render(request, "privacy/notice.html")


def accessibility(request):
    return render(request, "privacy/accessibility.html")
