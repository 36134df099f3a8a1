from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bidrag.web.panels import panels_for


def home(request: HttpRequest) -> HttpResponse:
    """The start page: a welcome for visitors, the attention panels for a signed-in user."""
    if not request.user.is_authenticated:
        return render(request, "web/welcome.html")
    return render(request, "web/home.html", {"panels": panels_for(request.user)})
